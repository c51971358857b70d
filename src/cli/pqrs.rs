//! Syntax of the PQRS (`ticket`) and work-order commands.

use super::OnBehalf;
use crate::domain::{request, vocab};
use clap::{Args, Subcommand};

/// `ticket ...`.
#[derive(Debug, Subcommand)]
pub enum TicketCommand {
    /// Radica una PQRS: muestra el radicado, la fecha de radicación y el vencimiento.
    New(Box<NewTicket>),
    /// Muestra una PQRS con su historia y sus órdenes de trabajo.
    Show {
        /// Radicado de la PQRS, p. ej. CALI-2026-000123.
        #[arg(value_name = "RADICADO")]
        radicado: String,
        /// Salida en JSON.
        #[arg(long)]
        json: bool,
    },
    /// Lista las PQRS por fecha de vencimiento (por defecto, las que siguen en trámite).
    List {
        #[arg(long, value_name = "ESTADO",
              help = vocab::help::<request::Status>("Solo este estado"))]
        status: Option<String>,
        /// Solo las de esta área.
        #[arg(long, value_name = "ÁREA")]
        area: Option<String>,
        /// Las asignadas a este usuario (y las de su área sin asignar, con --area).
        #[arg(long, value_name = "USUARIO")]
        mine: Option<String>,
        /// Solo las vencidas.
        #[arg(long)]
        overdue: bool,
        /// Solo las que vencen dentro de N días hábiles (incluye las vencidas).
        #[arg(long, value_name = "N")]
        due_within: Option<i64>,
        /// Como mucho N líneas (las que vencen primero).
        #[arg(long, value_name = "N")]
        limit: Option<u32>,
        /// Salida en JSON.
        #[arg(long)]
        json: bool,
    },
    /// Recordatorio mensual: solicitudes sin respuesta, por área.
    Reminder {
        /// Salida en JSON.
        #[arg(long)]
        json: bool,
    },
    /// Asigna a un área (por competencia) y, si se indica, a una persona.
    Assign {
        /// Radicado de la PQRS, p. ej. CALI-2026-000123.
        #[arg(value_name = "RADICADO")]
        radicado: String,
        /// Área competente.
        #[arg(long, value_name = "ÁREA")]
        area: Option<String>,
        /// Persona del área que la tramita.
        #[arg(long, value_name = "USUARIO")]
        to: Option<String>,
        #[command(flatten)]
        common: StepArgs,
    },
    /// El área empieza a tramitarla.
    Start(Radicado),
    /// Pide al peticionario completar la solicitud (el término se suspende).
    RequestInfo {
        /// Radicado de la PQRS, p. ej. CALI-2026-000123.
        #[arg(value_name = "RADICADO")]
        radicado: String,
        /// Qué información falta.
        #[arg(long, value_name = "DESCRIPCIÓN")]
        missing: String,
        /// Fecha real en que se pidió al peticionario completarla (por defecto, hoy).
        #[arg(long, value_name = "AAAA-MM-DD")]
        on: Option<String>,
        #[command(flatten)]
        common: StepArgs,
    },
    /// El peticionario completó la solicitud: el término se reanuda.
    Resume {
        /// Radicado de la PQRS, p. ej. CALI-2026-000123.
        #[arg(value_name = "RADICADO")]
        radicado: String,
        /// Fecha real en que el peticionario completó la información (por defecto, hoy).
        #[arg(long, value_name = "AAAA-MM-DD")]
        on: Option<String>,
        #[command(flatten)]
        common: StepArgs,
    },
    /// El peticionario pidió, antes de vencer, la prórroga (una sola, de igual duración) del
    /// plazo para completar (Ley 1755 de 2015 art. 17).
    ExtendCompletion {
        /// Radicado de la PQRS, p. ej. CALI-2026-000123.
        #[arg(value_name = "RADICADO")]
        radicado: String,
        /// Fecha real en que la pidió (por defecto, hoy).
        #[arg(long, value_name = "AAAA-MM-DD")]
        asked: Option<String>,
        #[command(flatten)]
        common: StepArgs,
    },
    /// Amplía el término (solo antes de vencer, con motivo, sin pasar el máximo legal).
    Extend {
        /// Radicado de la PQRS, p. ej. CALI-2026-000123.
        #[arg(value_name = "RADICADO")]
        radicado: String,
        /// Nuevo vencimiento.
        #[arg(long, value_name = "AAAA-MM-DD")]
        until: String,
        /// Motivo de la ampliación (se informa al peticionario).
        #[arg(long, value_name = "MOTIVO")]
        reason: String,
        #[command(flatten)]
        common: StepArgs,
    },
    /// Guarda un borrador de la respuesta escrita (cada borrador es una versión nueva).
    Answer {
        /// Radicado de la PQRS, p. ej. CALI-2026-000123.
        #[arg(value_name = "RADICADO")]
        radicado: String,
        #[command(flatten)]
        text: AnswerText,
        #[command(flatten)]
        common: StepArgs,
    },
    /// Respuesta proyectada: el texto dado o el último borrador guardado pasa a firma.
    Draft {
        /// Radicado de la PQRS, p. ej. CALI-2026-000123.
        #[arg(value_name = "RADICADO")]
        radicado: String,
        #[command(flatten)]
        text: AnswerText,
        #[command(flatten)]
        common: StepArgs,
    },
    /// Respuesta aprobada y firmada (por el rol que firma; supervisor por omisión).
    Approve(Radicado),
    /// Devuelve la respuesta proyectada para corrección, con lo que debe cambiar.
    Return {
        /// Radicado de la PQRS, p. ej. CALI-2026-000123.
        #[arg(value_name = "RADICADO")]
        radicado: String,
        /// Qué debe corregirse.
        #[arg(long, value_name = "NOTA")]
        note: String,
        #[command(flatten)]
        common: StepArgs,
    },
    /// Respuesta notificada (por medio electrónico solo si el peticionario lo aceptó).
    Notify {
        /// Radicado de la PQRS, p. ej. CALI-2026-000123.
        #[arg(value_name = "RADICADO")]
        radicado: String,
        #[arg(long, value_name = "MEDIO", help = vocab::help::<request::NotifyWay>("Medio"))]
        via: String,
        /// Referencia de la constancia de entrega.
        #[arg(long, default_value = "", value_name = "REFERENCIA")]
        evidence: String,
        #[command(flatten)]
        common: StepArgs,
    },
    /// Cierra la PQRS: resuelta en ventanilla (recién radicada) o ya notificada.
    Close {
        /// Radicado de la PQRS, p. ej. CALI-2026-000123.
        #[arg(value_name = "RADICADO")]
        radicado: String,
        /// ¿Se decidió a favor del usuario? sí o no.
        #[arg(long, value_name = "SÍ|NO")]
        in_favor: String,
        /// Nota de cierre.
        #[arg(long, default_value = "", value_name = "NOTA")]
        note: String,
        #[command(flatten)]
        common: StepArgs,
    },
    /// Traslado por competencia a otra entidad.
    Forward {
        /// Radicado de la PQRS, p. ej. CALI-2026-000123.
        #[arg(value_name = "RADICADO")]
        radicado: String,
        /// Entidad competente a la que se traslada.
        #[arg(long, value_name = "ENTIDAD")]
        entity: String,
        /// Fecha en que se informó al peticionario (por defecto, hoy).
        #[arg(long, value_name = "AAAA-MM-DD")]
        told: Option<String>,
        /// Fuera del plazo legal de traslado: motivo del supervisor para hacerlo igual.
        #[arg(long = "late-reason", value_name = "MOTIVO")]
        late_reason: Option<String>,
        #[command(flatten)]
        common: StepArgs,
    },
    /// Declara el desistimiento tácito (el peticionario no completó a tiempo) con su
    /// motivación; imprime el acto, que se notifica y admite recurso de reposición.
    Withdraw {
        /// Radicado de la PQRS, p. ej. CALI-2026-000123.
        #[arg(value_name = "RADICADO")]
        radicado: String,
        /// Motivación del acto de desistimiento.
        #[arg(long = "reason", value_name = "MOTIVO")]
        reason: String,
        #[command(flatten)]
        common: StepArgs,
    },
    /// Genera en PDF una comunicación de la decisión aprobada: el comunicado de respuesta, la
    /// citación para notificación personal o el aviso.
    Letter {
        /// Radicado de la PQRS, p. ej. CALI-2026-000123 (o su consecutivo, 000123).
        #[arg(value_name = "RADICADO")]
        radicado: String,
        #[arg(long, default_value = "respuesta", value_name = "COMUNICACIÓN",
              help = vocab::help::<request::Letter>("Comunicación"))]
        kind: String,
        /// Archivo PDF a escribir (no se sobrescribe uno existente).
        #[arg(long, value_name = "ARCHIVO", required_unless_present = "print")]
        out: Option<std::path::PathBuf>,
        /// Imprime el texto en la impresora configurada (kiosk.printer).
        #[arg(long)]
        print: bool,
    },
    /// Registra la entrega (o la devolución) de una comunicación: a quién, cuándo y cómo.
    Deliver {
        /// Radicado de la PQRS, p. ej. CALI-2026-000123 (o su consecutivo, 000123).
        #[arg(value_name = "RADICADO")]
        radicado: String,
        #[arg(long, value_name = "COMUNICACIÓN",
              help = vocab::help::<request::Letter>("Comunicación entregada"))]
        letter: String,
        /// A quién se entregó.
        #[arg(long = "to-whom", value_name = "NOMBRE")]
        to_whom: String,
        #[arg(long, value_name = "FORMA",
              help = vocab::help::<request::DeliveryWay>("Forma de entrega"))]
        how: String,
        /// Fecha real de la entrega o devolución (por defecto, hoy).
        #[arg(long, value_name = "AAAA-MM-DD")]
        on: Option<String>,
        /// La comunicación fue devuelta (dirección errada, nadie la recibió).
        #[arg(long)]
        returned: bool,
        /// Observación (número de guía, motivo de la devolución).
        #[arg(long, default_value = "", value_name = "NOTA")]
        note: String,
        #[command(flatten)]
        common: StepArgs,
    },
    /// Archiva una PQRS cerrada, trasladada o desistida.
    Archive(Radicado),
    /// Registra la conversación con el afiliado antes de suprimir sus datos.
    Converse {
        /// Radicado de la PQRS, p. ej. CALI-2026-000123.
        #[arg(value_name = "RADICADO")]
        radicado: String,
        /// Resumen de la conversación.
        #[arg(long, value_name = "NOTA")]
        note: String,
        #[command(flatten)]
        common: StepArgs,
    },
}

/// A step that needs only the radicado.
#[derive(Debug, Args)]
pub struct Radicado {
    /// Radicado de la PQRS, p. ej. CALI-2026-000123.
    #[arg(value_name = "RADICADO")]
    pub radicado: String,
    #[command(flatten)]
    pub common: StepArgs,
}

/// The text of an answer: typed or read from a file (UTF-8).
#[derive(Debug, Args)]
pub struct AnswerText {
    /// Texto de la respuesta.
    #[arg(
        long = "text",
        alias = "note",
        value_name = "TEXTO",
        conflicts_with = "file"
    )]
    pub text: Option<String>,
    /// Archivo de texto (UTF-8) con la respuesta.
    #[arg(long, value_name = "ARCHIVO")]
    pub file: Option<std::path::PathBuf>,
}

/// What every step takes.
#[derive(Debug, Args)]
pub struct StepArgs {
    #[command(flatten)]
    pub on_behalf: OnBehalf,
    /// Salida en JSON.
    #[arg(long)]
    pub json: bool,
}

/// `ticket new`.
#[derive(Debug, Args)]
pub struct NewTicket {
    #[arg(long = "type", value_name = "TIPO", help = vocab::help::<request::Kind>("Tipo"))]
    pub kind: String,
    #[arg(long, value_name = "CANAL", help = vocab::help::<request::Channel>("Canal"))]
    pub channel: String,
    /// Documento del peticionario registrado como cliente, p. ej. CC:1144052337. Sin
    /// documento ni nombre la PQRS es anónima (denuncias, y los tipos que permita la
    /// configuración).
    #[arg(long, value_name = "TIPO:NÚMERO", conflicts_with = "name")]
    pub doc: Option<String>,
    /// Nombre de un peticionario sin registro de cliente (no se le crea registro); pide
    /// --contact.
    #[arg(long, value_name = "NOMBRE", requires = "contact")]
    pub name: Option<String>,
    /// Teléfono, correo o dirección para responder al peticionario sin registro.
    #[arg(long, value_name = "CONTACTO", requires = "name")]
    pub contact: Option<String>,
    /// Canales web y correo: dirección de correo del remitente.
    #[arg(long, value_name = "CORREO")]
    pub sender: Option<String>,
    /// Asunto de la solicitud.
    #[arg(long, value_name = "ASUNTO")]
    pub subject: String,
    /// Descripción: los hechos y lo que se pide.
    #[arg(long, value_name = "DESCRIPCIÓN")]
    pub description: String,
    /// Área por competencia (los recursos van siempre a Jurídica).
    #[arg(long, value_name = "ÁREA")]
    pub area: Option<String>,
    /// Cuándo se recibió (hora local), si no es ahora.
    #[arg(long, value_name = "AAAA-MM-DDTHH:MM")]
    pub received: Option<String>,
    /// Derechos fundamentales en riesgo: se atiende primero (el término no cambia).
    #[arg(long)]
    pub priority: bool,
    /// Por qué es prioritaria (Ley 1437 art. 20); implica --priority.
    #[arg(long = "priority-reason", value_name = "MOTIVO")]
    pub priority_reason: Option<String>,
    #[arg(long, default_value = "personal", value_name = "MEDIO",
          help = vocab::help::<request::NotifyWay>(
              "Medio de notificación (electrónica solo si el peticionario la acepta)"))]
    pub notify_via: String,
    /// Dirección o correo de notificación.
    #[arg(long, default_value = "", value_name = "DIRECCIÓN")]
    pub notify_address: String,
    #[arg(long, value_name = "SOLICITUD",
          help = vocab::help::<request::DataRequest>("Reclamos de habeas data"))]
    pub data_request: Option<String>,
    /// Actualización o rectificación: "campo=valor; campo=valor".
    #[arg(long, value_name = "CAMBIOS")]
    pub changes: Option<String>,
    /// Recursos: radicado de la decisión que se impugna.
    #[arg(long = "against", value_name = "RADICADO")]
    pub against: Option<String>,
    /// Recurso fuera del plazo: motivo del supervisor para admitirlo (queda auditado).
    #[arg(long = "override-reason", value_name = "MOTIVO")]
    pub override_reason: Option<String>,
    #[command(flatten)]
    pub common: StepArgs,
}

/// `workorder ...`.
#[derive(Debug, Subcommand)]
pub enum WorkOrderCommand {
    /// Crea una orden de trabajo para un área a partir de una PQRS.
    New {
        /// Radicado de la PQRS, p. ej. CALI-2026-000123.
        #[arg(value_name = "RADICADO")]
        radicado: String,
        /// Área que hace el trabajo.
        #[arg(long, value_name = "ÁREA")]
        area: String,
        /// Qué hay que hacer.
        #[arg(long, value_name = "DESCRIPCIÓN")]
        description: String,
        #[command(flatten)]
        common: StepArgs,
    },
    /// Cierra una orden de trabajo con su resultado.
    Close {
        /// Número de la orden de trabajo.
        #[arg(value_name = "NÚMERO")]
        id: i64,
        /// Resultado del trabajo.
        #[arg(long, value_name = "RESULTADO")]
        result: String,
        #[command(flatten)]
        common: StepArgs,
    },
}
