//! Syntax of the attachment commands.

use super::pqrs::StepArgs;
use crate::domain::{attachment, vocab};
use clap::Subcommand;
use std::path::PathBuf;

/// `attach ...`.
#[derive(Debug, Subcommand)]
pub enum AttachCommand {
    /// Copia un archivo a la base de datos como adjunto de una PQRS, una autorización de
    /// datos o una atención (con su tipo, tamaño, SHA-256, quién y cuándo).
    Add {
        #[arg(value_name = "DE", help = vocab::help::<attachment::Owner>("A qué se adjunta"))]
        owner: String,
        /// Radicado de la PQRS (o su consecutivo, p. ej. 000021), o número de la autorización
        /// o de la atención.
        #[arg(value_name = "REFERENCIA")]
        reference: String,
        /// Archivo a adjuntar.
        #[arg(value_name = "ARCHIVO")]
        file: PathBuf,
        #[command(flatten)]
        common: StepArgs,
    },
    /// Lista los adjuntos de una PQRS, una autorización o una atención.
    List {
        #[arg(value_name = "DE", help = vocab::help::<attachment::Owner>("De qué"))]
        owner: String,
        /// Radicado de la PQRS (o su consecutivo), o número de la autorización o atención.
        #[arg(value_name = "REFERENCIA")]
        reference: String,
        /// Salida en JSON.
        #[arg(long)]
        json: bool,
    },
    /// Extrae un adjunto a un archivo (nunca sobrescribe) tras comprobar su SHA-256.
    #[command(alias = "extract")]
    Export {
        /// Número del adjunto (lo muestra la lista).
        #[arg(value_name = "NÚMERO")]
        id: i64,
        /// Archivo o carpeta de destino (en una carpeta conserva su nombre).
        #[arg(long, value_name = "RUTA")]
        to: PathBuf,
        /// Salida en JSON.
        #[arg(long)]
        json: bool,
    },
}
