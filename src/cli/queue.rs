//! Syntax of the turn-queue commands.

use super::OnBehalf;
use clap::{Args, Subcommand};

/// `turn ...`.
#[derive(Debug, Subcommand)]
pub enum TurnCommand {
    /// Entrega un turno para un servicio.
    Issue {
        /// Letra del servicio.
        #[arg(long, value_name = "CÓDIGO")]
        service: String,
        /// Motivo de atención preferencial: discapacidad, adulto-mayor, gestante, ninez, vulnerabilidad.
        #[arg(long, value_name = "MOTIVO")]
        preferential: Option<String>,
        /// Documento del cliente, TIPO:NÚMERO (p. ej. CC:1144052337).
        #[arg(long, value_name = "TIPO:NÚMERO")]
        doc: Option<String>,
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        on_behalf: OnBehalf,
    },
    /// Llama el siguiente turno a una ventanilla.
    Next {
        #[arg(long, value_name = "N")]
        window: u32,
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        on_behalf: OnBehalf,
    },
    /// Empieza la atención de un turno llamado.
    Start(TurnLabel),
    /// Finaliza la atención.
    Finish(TurnLabel),
    /// Vuelve a llamar un turno (tras varias rellamadas queda como no presentado).
    Recall(TurnLabel),
    /// Marca un turno llamado como no presentado.
    NoShow(TurnLabel),
    /// Cancela un turno.
    Cancel(TurnLabel),
    /// Pausa una atención.
    Park(TurnLabel),
    /// Reanuda una atención pausada.
    Resume(TurnLabel),
    /// Traslada un turno a la fila de otro servicio, conservando su hora y prioridad.
    Transfer {
        label: String,
        #[arg(long, value_name = "CÓDIGO")]
        service: String,
        /// Nota para el siguiente asesor.
        #[arg(long, default_value = "")]
        note: String,
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        on_behalf: OnBehalf,
    },
    /// Lista los turnos de un día (por defecto hoy, todos los estados).
    List {
        /// waiting, called, in_attention, parked, finished, no_show, cancelled, transferred, expired
        #[arg(long)]
        status: Option<String>,
        #[arg(long, value_name = "CÓDIGO")]
        service: Option<String>,
        /// AAAA-MM-DD
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Registra una ficha de papel (contingencia) y la llama a la ventanilla.
    Manual {
        number: u32,
        #[arg(long, value_name = "CÓDIGO")]
        service: String,
        #[arg(long, value_name = "N")]
        window: u32,
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        on_behalf: OnBehalf,
    },
}

/// A turn label plus the common options of simple transitions.
#[derive(Debug, Args)]
pub struct TurnLabel {
    /// Etiqueta del turno, p. ej. E-023.
    pub label: String,
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub on_behalf: OnBehalf,
}
