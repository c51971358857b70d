//! The vocabulary of requests (PQRS): kinds, channels, notification ways, data-treatment
//! requests and the lifecycle's states and events. A leaf module: the deadline rules and the
//! lifecycle both build on it.

use crate::closed_set;

closed_set! {
    /// The kinds of PQRS.
    pub enum Kind: "tipo de PQRS" {
        Peticion = "peticion", "Petición general",
            ["petición", "derecho de peticion", "peticion de interes general", "p"];
        Documentos = "documentos", "Petición de documentos o información",
            ["peticion de documentos", "documentos o informacion", "informacion",
             "solicitud de documentos", "copias"];
        Consulta = "consulta", "Consulta";
        Queja = "queja", "Queja", ["q"];
        Reclamo = "reclamo", "Reclamo", ["reclamacion", "r"];
        Sugerencia = "sugerencia", "Sugerencia", ["s"];
        Denuncia = "denuncia", "Denuncia", ["d"];
        Felicitacion = "felicitacion", "Felicitación", ["felicitaciones", "agradecimiento", "f"];
        RecursoReposicion = "recurso-reposicion", "Recurso de reposición",
            ["reposicion", "recurso reposicion"];
        RecursoApelacion = "recurso-apelacion", "Recurso de apelación",
            ["apelacion", "recurso apelacion"];
        HabeasConsulta = "habeas-consulta", "Habeas data: consulta",
            ["habeas data consulta", "consulta de datos personales"];
        HabeasReclamo = "habeas-reclamo", "Habeas data: reclamo",
            ["habeas data reclamo", "reclamo de datos personales", "habeas reclamacion"];
    }
}

impl Kind {
    /// A recurso (reposición or apelación): decided within months, in the legal area.
    pub fn is_appeal(self) -> bool {
        matches!(self, Kind::RecursoReposicion | Kind::RecursoApelacion)
    }

    /// The kinds that may be filed anonymously.
    pub fn may_be_anonymous(self) -> bool {
        self == Kind::Denuncia
    }

    /// Whether the kind has a legal term counted in business days (not felicitaciones, not
    /// recursos, whose term is in months).
    pub fn has_business_day_term(self) -> bool {
        !self.is_appeal() && self != Kind::Felicitacion
    }
}

closed_set! {
    /// Channels a PQRS is received by.
    pub enum Channel: "canal" {
        Presencial = "presencial", "Presencial verbal",
            ["verbal", "ventanilla", "personal", "presencial verbal"];
        Escrito = "escrito", "Escrito", ["carta", "radicacion escrita", "fisico"];
        Telefono = "telefono", "Teléfono", ["telefonico", "llamada", "tel"];
        Correo = "correo", "Correo electrónico", ["email", "e mail", "correo e", "mail"];
        Web = "web", "Web", ["pagina web", "formulario web", "internet"];
        Chat = "chat", "Chat";
        Whatsapp = "whatsapp", "WhatsApp", ["wa", "wsp"];
    }
}

closed_set! {
    /// Ways an answer is notified.
    pub enum NotifyWay: "notificación" {
        Personal = "personal", "Personal", ["notificacion personal"];
        Aviso = "aviso", "Por aviso", ["notificacion por aviso"];
        Electronica = "electronica", "Electrónica",
            ["notificacion electronica", "correo", "correo electronico", "email"];
    }
}

closed_set! {
    /// The letters a PQRS produces and delivers.
    pub enum Letter: "comunicación" {
        Citacion = "citacion", "Citación para notificación personal",
            ["citacion", "citación para notificacion"];
        Aviso = "aviso", "Notificación por aviso", ["aviso"];
        Respuesta = "respuesta", "Comunicado de respuesta",
            ["comunicado", "carta de respuesta", "respuesta"];
    }
}

closed_set! {
    /// How a letter was delivered.
    pub enum DeliveryWay: "forma de entrega" {
        Mensajeria = "mensajeria", "Mensajería o correo certificado",
            ["correo certificado", "empresa de mensajeria", "guia"];
        EnMano = "en-mano", "Entrega en mano", ["personal", "en persona", "mano"];
        CorreoElectronico = "correo-electronico", "Correo electrónico",
            ["email", "correo e", "e mail"];
        Publicacion = "publicacion", "Publicación en cartelera o página web",
            ["cartelera", "pagina web", "publicado"];
    }
}

closed_set! {
    /// What a habeas data reclamo asks to do with the person's data.
    pub enum DataRequest: "solicitud sobre los datos" {
        Supresion = "supresion", "Supresión de los datos",
            ["supresion", "eliminacion", "borrado", "borrar", "eliminar"];
        Actualizacion = "actualizacion", "Actualización de los datos", ["actualizar"];
        Rectificacion = "rectificacion", "Rectificación de los datos",
            ["rectificar", "correccion", "corregir"];
        Revocatoria = "revocatoria", "Revocatoria de la autorización",
            ["revocar", "revocacion", "revocatoria de la autorizacion"];
        Oposicion = "oposicion", "Oposición a comunicaciones masivas",
            ["oponerse", "no enviar informacion", "exclusion"];
    }
}

impl DataRequest {
    /// Whether it needs the changes to apply (`campo=valor; …`).
    pub fn needs_changes(self) -> bool {
        matches!(
            self,
            DataRequest::Actualizacion | DataRequest::Rectificacion
        )
    }
}

closed_set! {
    /// The lifecycle states of a PQRS.
    pub enum Status: "estado de la PQRS" {
        Radicada = "radicada", "radicada";
        Asignada = "asignada", "asignada";
        EnTramite = "en-tramite", "en trámite", ["tramite"];
        EsperaInformacion = "espera-informacion", "en espera de información",
            ["espera de informacion", "en espera", "esperando informacion"];
        Proyectada = "proyectada", "respuesta proyectada", ["proyecto de respuesta"];
        Aprobada = "aprobada", "respuesta aprobada";
        Notificada = "notificada", "notificada";
        Cerrada = "cerrada", "cerrada", ["resuelta"];
        Trasladada = "trasladada", "trasladada por competencia", ["traslado"];
        Desistida = "desistida", "desistida", ["desistimiento"];
        Archivada = "archivada", "archivada";
    }
}

impl Status {
    /// Still owed an answer (the deadline watch lists these).
    pub fn is_open(self) -> bool {
        use Status::*;
        matches!(
            self,
            Radicada | Asignada | EnTramite | EsperaInformacion | Proyectada | Aprobada
        )
    }
}

closed_set! {
    /// A step of the lifecycle; its code is the event recorded in the PQRS history.
    pub enum Step: "paso de la PQRS" {
        Assign = "asignada", "asignación", ["asignar"];
        Start = "en-tramite", "inicio del trámite", ["iniciar", "tramitar"];
        RequestInfo = "informacion-solicitada", "solicitud de información al peticionario",
            ["solicitar informacion", "pedir informacion"];
        Resume = "reanudada", "información recibida: se reanuda el término", ["reanudar"];
        /// The requester asked, before the completion period ended, for its one extension
        /// (Ley 1755 de 2015 art. 17).
        ExtendCompletion = "prorroga-completar", "prórroga del plazo para completar",
            ["prorroga del peticionario", "prorrogar plazo", "prorroga para completar"];
        Extend = "ampliada", "ampliación del término", ["ampliar", "prorroga"];
        Draft = "proyectada", "proyección de la respuesta", ["proyectar"];
        Approve = "aprobada", "aprobación de la respuesta", ["aprobar"];
        /// The signing role sends the draft back for correction (GCO Df01 step 14 "No").
        Return = "devuelta", "devolución de la respuesta para corrección",
            ["devolver", "devolucion", "corregir"];
        Notify = "notificada", "notificación de la respuesta", ["notificar"];
        Close = "cerrada", "cierre", ["cerrar"];
        Forward = "trasladada", "traslado por competencia", ["trasladar"];
        Withdraw = "desistida", "desistimiento", ["desistir"];
        Archive = "archivada", "archivo", ["archivar"];
        /// The affiliate asking to delete their data was talked to first (procedure 4).
        Converse = "conversacion", "conversación con el afiliado", ["conversar"];
    }
}

impl Step {
    /// The event name recorded for the step.
    pub fn name(self) -> &'static str {
        self.code()
    }

    /// What the step leads to, for refusals ("no se puede pasar a «asignada» …").
    pub fn outcome(self) -> &'static str {
        use Step::*;
        match self {
            Assign => Status::Asignada.label(),
            Start | Resume => Status::EnTramite.label(),
            ExtendCompletion => "plazo para completar prorrogado",
            RequestInfo => Status::EsperaInformacion.label(),
            Extend => "término ampliado",
            Draft => Status::Proyectada.label(),
            Approve => Status::Aprobada.label(),
            Return => Status::EnTramite.label(),
            Notify => Status::Notificada.label(),
            Close => Status::Cerrada.label(),
            Forward => Status::Trasladada.label(),
            Withdraw => Status::Desistida.label(),
            Archive => Status::Archivada.label(),
            Converse => "conversación registrada",
        }
    }
}

closed_set! {
    /// What a PQRS history line records.
    pub enum EventKind: "evento de la PQRS" {
        Filed = "radicada", "radicación";
        InProcessMark = "reclamo-en-tramite", "marca «reclamo en trámite»";
        ConversationNeeded = "conversacion-pendiente", "conversación pendiente con el afiliado";
        Assigned = "asignada", "asignación";
        Started = "en-tramite", "inicio del trámite";
        InfoRequested = "informacion-solicitada", "solicitud de información al peticionario";
        Resumed = "reanudada", "información recibida: se reanuda el término";
        CompletionExtended = "prorroga-completar", "prórroga del plazo para completar";
        AppealFiled = "recurso", "recurso contra la decisión";
        WindowOverride = "recurso-fuera-de-termino", "recurso admitido fuera de término";
        Extended = "ampliada", "ampliación del término";
        Drafted = "proyectada", "proyección de la respuesta";
        Approved = "aprobada", "aprobación de la respuesta";
        Returned = "devuelta", "respuesta devuelta para corrección";
        Notified = "notificada", "notificación de la respuesta";
        Closed = "cerrada", "cierre";
        Forwarded = "trasladada", "traslado por competencia";
        Withdrawn = "desistida", "desistimiento";
        Archived = "archivada", "archivo";
        Conversed = "conversacion", "conversación con el afiliado";
        Delivered = "entrega", "entrega de una comunicación";
        WorkOrder = "orden-de-trabajo", "orden de trabajo";
        WorkOrderClosed = "orden-cerrada", "orden de trabajo cerrada";
        DataApplied = "datos-aplicados", "solicitud sobre los datos aplicada";
    }
}

/// The label of a stored history event (the code itself if it is not a known event).
pub fn event_label(code: &str) -> &str {
    EventKind::from_code(code).map_or(code, |k| k.label())
}

/// A history event as people read it: its label, then its note, without saying twice what
/// both say (the label «recurso contra la decisión» and a note «contra la decisión
/// CALI-2026-000004, …» give «recurso contra la decisión CALI-2026-000004, …»).
pub fn event_text(code: &str, note: &str) -> String {
    let label = event_label(code);
    let note = note.trim();
    // the longest run of the label's last words that the note starts with
    let words: Vec<&str> = label.split(' ').collect();
    let overlap = (1..=words.len())
        .map(|n| words[words.len() - n..].join(" "))
        .filter(|tail| {
            note.strip_prefix(tail.as_str())
                .is_some_and(|rest| rest.is_empty() || !rest.starts_with(char::is_alphanumeric))
        })
        .map(|tail| tail.len())
        .max()
        .unwrap_or(0);
    let rest = note[overlap..].trim_start();
    if rest.is_empty() {
        label.to_string()
    } else if overlap > 0 && !rest.starts_with(char::is_alphanumeric) {
        format!("{label}{rest}")
    } else {
        format!("{label} {rest}")
    }
}

closed_set! {
    /// How a PQRS stands against its due date.
    pub enum Standing: "situación del término" {
        ATiempo = "a-tiempo", "a tiempo";
        PorVencer = "por-vencer", "por vencer";
        Vencida = "vencida", "vencida", ["vencidas"];
        EnPausa = "en-pausa", "en pausa";
        SinTermino = "sin-termino", "sin término";
        /// Unanswered at its due date under a regime where silence grants it (Ley 142 art.
        /// 158, Ley 1755 art. 14 num. 1).
        SilencioPositivo = "silencio-positivo", "SILENCIO POSITIVO", ["silencio positivo"];
    }
}

/// The filing form's defaults: a general petition received in person, notified personally.
#[allow(clippy::derivable_impls)] // the macro owns the derives
impl Default for Kind {
    fn default() -> Self {
        Kind::Peticion
    }
}

#[allow(clippy::derivable_impls)] // the macro owns the derives
impl Default for Channel {
    fn default() -> Self {
        Channel::Presencial
    }
}

#[allow(clippy::derivable_impls)] // the macro owns the derives
impl Default for NotifyWay {
    fn default() -> Self {
        NotifyWay::Personal
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn history_events_say_each_thing_once() {
        use super::event_text;
        assert_eq!(
            event_text(
                "recurso",
                "contra la decisión CALI-2026-000004, notificada el 01/12/2026"
            ),
            "recurso contra la decisión CALI-2026-000004, notificada el 01/12/2026"
        );
        assert_eq!(event_text("recurso", ""), "recurso contra la decisión");
        assert_eq!(event_text("no-such-step", "nota"), "no-such-step nota");
        // a note that merely starts with the label's last letters is kept whole
        assert_eq!(
            event_text("recurso", "decisiones previas"),
            "recurso contra la decisión decisiones previas"
        );
    }

    use super::*;

    #[test]
    fn spanish_spellings_parse() {
        assert_eq!(Kind::parse("petición").unwrap(), Kind::Peticion);
        assert_eq!(Kind::parse("Petición general").unwrap(), Kind::Peticion);
        assert_eq!(Kind::parse("RECLAMACIÓN").unwrap(), Kind::Reclamo);
        assert_eq!(Kind::parse("habeas_reclamo").unwrap(), Kind::HabeasReclamo);
        assert_eq!(Channel::parse("teléfono").unwrap(), Channel::Telefono);
        assert_eq!(Status::parse("En trámite").unwrap(), Status::EnTramite);
        assert_eq!(Status::parse("en-tramite").unwrap(), Status::EnTramite);
        assert!(Kind::parse("petision").is_err());
    }
}
