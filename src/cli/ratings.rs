//! Syntax of the rating commands.

use super::OnBehalf;
use clap::{ArgGroup, Subcommand};

/// `rating ...`.
#[derive(Debug, Subcommand)]
pub enum RatingCommand {
    /// Registra la calificación de un turno finalizado hoy o de una atención telefónica o
    /// virtual (percepción virtual).
    #[command(group(ArgGroup::new("target").required(true).args(["turn", "attention"])))]
    #[command(group(ArgGroup::new("value").required(true).args(["score", "skip"])))]
    Add {
        /// Etiqueta del turno, p. ej. E-023.
        #[arg(long, value_name = "TURNO")]
        turn: Option<String>,
        /// Número de la atención.
        #[arg(long, value_name = "NÚMERO")]
        attention: Option<i64>,
        /// De 1 (muy insatisfecho) a 5 (muy satisfecho).
        #[arg(long, value_name = "PUNTAJE")]
        score: Option<u8>,
        /// El cliente no quiso calificar (queda registrado como sin calificar).
        #[arg(long)]
        skip: bool,
        /// Comentario del cliente.
        #[arg(long, default_value = "", value_name = "COMENTARIO")]
        comment: String,
        #[command(flatten)]
        on_behalf: OnBehalf,
        /// Salida en JSON.
        #[arg(long)]
        json: bool,
    },
    /// Las calificaciones de un día y la satisfacción (porcentaje de 4 y 5).
    List {
        /// Día (por defecto, hoy).
        #[arg(long, value_name = "AAAA-MM-DD")]
        date: Option<String>,
        /// Salida en JSON.
        #[arg(long)]
        json: bool,
    },
}
