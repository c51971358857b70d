//! Syntax of the PQRS (`ticket`) and work-order commands.

use super::OnBehalf;
use clap::{Args, Subcommand};

/// `ticket ...`.
#[derive(Debug, Subcommand)]
pub enum TicketCommand {
    /// Radica una PQRS: muestra el radicado, la fecha de radicación y el vencimiento.
    New(Box<NewTicket>),
    /// Muestra una PQRS con su historia y sus órdenes de trabajo.
    Show {
        radicado: String,
        #[arg(long)]
        json: bool,
    },
    /// Lista las PQRS por fecha de vencimiento (por defecto, las que siguen en trámite).
    List {
        /// Solo este estado: radicada, asignada, en-tramite, espera-informacion, proyectada,
        /// aprobada, notificada, cerrada, trasladada, desistida, archivada.
        #[arg(long)]
        status: Option<String>,
        #[arg(long)]
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
        #[arg(long)]
        json: bool,
    },
    /// Recordatorio mensual: solicitudes sin respuesta, por área.
    Reminder {
        #[arg(long)]
        json: bool,
    },
    /// Asigna a un área (por competencia) y, si se indica, a una persona.
    Assign {
        radicado: String,
        #[arg(long)]
        area: Option<String>,
        #[arg(long, value_name = "USUARIO")]
        to: Option<String>,
        #[command(flatten)]
        common: StepArgs,
    },
    /// El área empieza a tramitarla.
    Start(Radicado),
    /// Pide al peticionario completar la solicitud (el término se suspende).
    RequestInfo {
        radicado: String,
        /// Qué información falta.
        #[arg(long)]
        missing: String,
        #[command(flatten)]
        common: StepArgs,
    },
    /// El peticionario completó la solicitud: el término se reanuda.
    Resume(Radicado),
    /// Amplía el término (solo antes de vencer, con motivo, sin pasar el máximo legal).
    Extend {
        radicado: String,
        #[arg(long, value_name = "AAAA-MM-DD")]
        until: String,
        #[arg(long)]
        reason: String,
        #[command(flatten)]
        common: StepArgs,
    },
    /// Respuesta proyectada.
    Draft {
        radicado: String,
        #[arg(long, default_value = "")]
        note: String,
        #[command(flatten)]
        common: StepArgs,
    },
    /// Respuesta aprobada y firmada (supervisor).
    Approve(Radicado),
    /// Respuesta notificada: personal, aviso o electronica (solo si el peticionario la aceptó).
    Notify {
        radicado: String,
        #[arg(long)]
        via: String,
        /// Referencia de la constancia de entrega.
        #[arg(long, default_value = "")]
        evidence: String,
        #[command(flatten)]
        common: StepArgs,
    },
    /// Cierra la PQRS: resuelta en ventanilla (recién radicada) o ya notificada.
    Close {
        radicado: String,
        /// ¿Se decidió a favor del usuario?
        #[arg(long, value_parser = ["si", "sí", "yes", "no"])]
        in_favor: String,
        #[arg(long, default_value = "")]
        note: String,
        #[command(flatten)]
        common: StepArgs,
    },
    /// Traslado por competencia a otra entidad.
    Forward {
        radicado: String,
        #[arg(long)]
        entity: String,
        /// Fecha en que se informó al peticionario (por defecto, hoy).
        #[arg(long, value_name = "AAAA-MM-DD")]
        told: Option<String>,
        #[command(flatten)]
        common: StepArgs,
    },
    /// Cierra como desistida: el peticionario no completó a tiempo.
    Withdraw(Radicado),
    /// Archiva una PQRS cerrada, trasladada o desistida.
    Archive(Radicado),
    /// Registra la conversación con el afiliado antes de suprimir sus datos.
    Converse {
        radicado: String,
        #[arg(long)]
        note: String,
        #[command(flatten)]
        common: StepArgs,
    },
}

/// A step that needs only the radicado.
#[derive(Debug, Args)]
pub struct Radicado {
    pub radicado: String,
    #[command(flatten)]
    pub common: StepArgs,
}

/// What every step takes.
#[derive(Debug, Args)]
pub struct StepArgs {
    #[command(flatten)]
    pub on_behalf: OnBehalf,
    #[arg(long)]
    pub json: bool,
}

/// `ticket new`.
#[derive(Debug, Args)]
pub struct NewTicket {
    /// peticion, documentos, consulta, queja, reclamo, sugerencia, denuncia, felicitacion,
    /// recurso-reposicion, recurso-apelacion, habeas-consulta, habeas-reclamo.
    #[arg(long = "type", value_name = "TIPO")]
    pub kind: String,
    /// presencial, escrito, telefono, correo, web, chat, whatsapp.
    #[arg(long)]
    pub channel: String,
    /// TIPO:NÚMERO del peticionario (solo las denuncias pueden ser anónimas).
    #[arg(long)]
    pub doc: Option<String>,
    #[arg(long)]
    pub subject: String,
    #[arg(long)]
    pub description: String,
    /// Área por competencia (los recursos van siempre a Jurídica).
    #[arg(long)]
    pub area: Option<String>,
    /// Cuándo se recibió (hora local), si no es ahora.
    #[arg(long, value_name = "AAAA-MM-DDTHH:MM")]
    pub received: Option<String>,
    /// Derechos fundamentales en riesgo: se atiende primero (el término no cambia).
    #[arg(long)]
    pub priority: bool,
    /// personal, aviso o electronica (electronica: el peticionario la acepta).
    #[arg(long, default_value = "personal")]
    pub notify_via: String,
    /// Dirección o correo de notificación.
    #[arg(long, default_value = "")]
    pub notify_address: String,
    /// Reclamos de habeas data: supresion, actualizacion, rectificacion, revocatoria, oposicion.
    #[arg(long)]
    pub data_request: Option<String>,
    /// Actualización o rectificación: "campo=valor; campo=valor".
    #[arg(long)]
    pub changes: Option<String>,
    #[command(flatten)]
    pub common: StepArgs,
}

/// `workorder ...`.
#[derive(Debug, Subcommand)]
pub enum WorkOrderCommand {
    /// Crea una orden de trabajo para un área a partir de una PQRS.
    New {
        radicado: String,
        #[arg(long)]
        area: String,
        #[arg(long)]
        description: String,
        #[command(flatten)]
        common: StepArgs,
    },
    /// Cierra una orden de trabajo con su resultado.
    Close {
        id: i64,
        #[arg(long)]
        result: String,
        #[command(flatten)]
        common: StepArgs,
    },
}
