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
        #[arg(long, value_name = "MOTIVO",
              help = crate::domain::vocab::help::<crate::domain::turn::PreferentialReason>(
                  "Motivo de atención preferencial"))]
        preferential: Option<String>,
        /// Documento del cliente, TIPO:NÚMERO (p. ej. CC:1144052337).
        #[arg(long, value_name = "TIPO:NÚMERO")]
        doc: Option<String>,
        /// Imprime el tiquete en la impresora configurada (kiosk.printer).
        #[arg(long)]
        print: bool,
        /// Salida en JSON.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        on_behalf: OnBehalf,
    },
    /// Llama el siguiente turno a una ventanilla.
    Next {
        /// Número de la ventanilla que llama.
        #[arg(long, value_name = "N")]
        window: u32,
        /// Salida en JSON.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        on_behalf: OnBehalf,
    },
    /// Llama un turno en espera elegido, fuera del orden de la fila (con el motivo).
    Pick {
        /// Etiqueta del turno, p. ej. E-023.
        #[arg(value_name = "TURNO")]
        label: String,
        /// Número de la ventanilla que llama.
        #[arg(long, value_name = "N")]
        window: u32,
        /// Por qué se llama antes que el siguiente (queda en la historia y la auditoría).
        #[arg(long, value_name = "MOTIVO")]
        reason: String,
        /// Salida en JSON.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        on_behalf: OnBehalf,
    },
    /// Devuelve a su lugar en la fila un turno no presentado (el cliente llegó tarde).
    Requeue(TurnLabel),
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
    /// Traslada un turno a la fila de otro servicio o a una ventanilla en particular (que lo
    /// llama primero), conservando su hora y prioridad.
    Transfer {
        /// Etiqueta del turno, p. ej. E-023.
        #[arg(value_name = "TURNO")]
        label: String,
        /// Letra del servicio de destino.
        #[arg(long, value_name = "CÓDIGO", required_unless_present = "window")]
        service: Option<String>,
        /// Ventanilla de destino: solo ella lo llama, antes que a los demás.
        #[arg(long, value_name = "N")]
        window: Option<u32>,
        /// Nota para el siguiente asesor.
        #[arg(long, default_value = "", value_name = "NOTA")]
        note: String,
        /// Salida en JSON.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        on_behalf: OnBehalf,
    },
    /// Lista los turnos de un día (por defecto hoy, todos los estados).
    List {
        #[arg(long, value_name = "ESTADO",
              help = crate::domain::vocab::help::<crate::domain::turn::Status>("Solo este estado"))]
        status: Option<String>,
        /// Solo este servicio (letra).
        #[arg(long, value_name = "CÓDIGO")]
        service: Option<String>,
        /// Día (AAAA-MM-DD); por defecto, hoy.
        #[arg(long, value_name = "FECHA")]
        date: Option<String>,
        /// Salida en JSON.
        #[arg(long)]
        json: bool,
    },
    /// Registra una ficha de papel (contingencia) y la llama a la ventanilla.
    Manual {
        /// Número escrito en la ficha de papel.
        #[arg(value_name = "NÚMERO")]
        number: u32,
        /// Letra del servicio de la ficha.
        #[arg(long, value_name = "CÓDIGO")]
        service: String,
        /// Ventanilla que la llama.
        #[arg(long, value_name = "N")]
        window: u32,
        /// Salida en JSON.
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
    #[arg(value_name = "TURNO")]
    pub label: String,
    /// Salida en JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub on_behalf: OnBehalf,
}

/// `advisor ...`.
#[derive(Debug, Subcommand)]
pub enum AdvisorCommand {
    /// Registra el estado del asesor: disponible, en pausa (con motivo) o fuera de línea.
    State {
        #[arg(value_name = "ESTADO",
              help = crate::domain::vocab::help::<crate::domain::advisor::State>("Estado"))]
        state: String,
        /// Motivo de la pausa (uno de los configurados: almuerzo, pausa activa...).
        #[arg(long, default_value = "", value_name = "MOTIVO")]
        reason: String,
        /// Ventanilla donde está.
        #[arg(long, value_name = "N")]
        window: Option<u32>,
        #[command(flatten)]
        on_behalf: OnBehalf,
    },
    /// Mapa de ventanillas: quién está en cada una y qué hace ahora, desde cuándo.
    Map {
        /// Salida en JSON.
        #[arg(long)]
        json: bool,
    },
}
