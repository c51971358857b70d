//! Syntax of the report command.

use clap::{Args, Subcommand};
use std::path::PathBuf;

/// `report ...`.
#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Informe de un día (por defecto, hoy).
    Day {
        /// Día del informe (por defecto, hoy).
        #[arg(value_name = "AAAA-MM-DD")]
        date: Option<String>,
        #[command(flatten)]
        output: ReportOutput,
    },
    /// Informe de un mes.
    Month {
        /// Mes del informe.
        #[arg(value_name = "AAAA-MM")]
        month: String,
        #[command(flatten)]
        output: ReportOutput,
    },
    /// Informe de un periodo (días incluidos).
    Range {
        /// Primer día (AAAA-MM-DD).
        #[arg(value_name = "DESDE")]
        from: String,
        /// Último día, incluido (AAAA-MM-DD).
        #[arg(value_name = "HASTA")]
        to: String,
        #[command(flatten)]
        output: ReportOutput,
    },
}

/// Where and how a report is written.
#[derive(Debug, Args)]
pub struct ReportOutput {
    /// text, json, csv o xlsx (xlsx necesita --out).
    #[arg(
        long,
        default_value = "text",
        value_parser = ["text", "json", "csv", "xlsx"],
        value_name = "FORMATO"
    )]
    pub format: String,
    /// Archivo de salida (por defecto, la pantalla).
    #[arg(long, value_name = "ARCHIVO")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub csv: super::records::CsvArg,
}
