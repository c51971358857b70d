//! Syntax of the customer, consent, attention, import and export commands.

use super::OnBehalf;
use clap::{Args, Subcommand};

/// A customer's fields on the command line.
#[derive(Debug, Args, Default, Clone)]
pub struct CustomerFields {
    /// Nombres.
    #[arg(long)]
    pub names: Option<String>,
    /// Apellidos.
    #[arg(long)]
    pub surnames: Option<String>,
    /// AAAA-MM-DD
    #[arg(long)]
    pub birth_date: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
    #[arg(long)]
    pub email: Option<String>,
    #[arg(long)]
    pub address: Option<String>,
    /// afiliado, "no afiliado" o desafiliado.
    #[arg(long)]
    pub affiliation: Option<String>,
    /// A, B o C (solo afiliados).
    #[arg(long)]
    pub category: Option<String>,
}

/// `customer ...`.
#[derive(Debug, Subcommand)]
pub enum CustomerCommand {
    /// Muestra un cliente con su consentimiento y sus últimas atenciones.
    Show {
        #[arg(value_name = "TIPO")]
        kind: String,
        #[arg(value_name = "NÚMERO")]
        number: String,
        #[arg(long)]
        json: bool,
    },
    /// Busca por número de documento o por nombres (sin importar tildes ni mayúsculas).
    Find {
        text: String,
        #[arg(long, default_value_t = 20)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// Registra un cliente.
    Add {
        /// TIPO:NÚMERO, p. ej. CC:1144052337.
        #[arg(long)]
        doc: String,
        #[command(flatten)]
        fields: CustomerFields,
        #[command(flatten)]
        on_behalf: OnBehalf,
    },
    /// Registra notas de discapacidad u otros datos sensibles (requiere la autorización
    /// expresa «datos-sensibles»); un texto vacío las borra.
    Notes {
        #[arg(value_name = "TIPO")]
        kind: String,
        #[arg(value_name = "NÚMERO")]
        number: String,
        #[arg(value_name = "TEXTO")]
        text: String,
        #[command(flatten)]
        on_behalf: OnBehalf,
    },
    /// Cambia datos de un cliente (queda el historial de quién cambió qué).
    Edit {
        #[arg(value_name = "TIPO")]
        kind: String,
        #[arg(value_name = "NÚMERO")]
        number: String,
        #[command(flatten)]
        fields: CustomerFields,
        #[command(flatten)]
        on_behalf: OnBehalf,
    },
}

/// `consent ...`.
#[derive(Debug, Subcommand)]
pub enum ConsentCommand {
    /// Registra una autorización.
    Grant(ConsentArgs),
    /// Registra una revocatoria.
    Revoke(ConsentArgs),
    /// Muestra el registro de autorizaciones y verifica sus evidencias.
    Show {
        #[arg(value_name = "TIPO")]
        kind: String,
        #[arg(value_name = "NÚMERO")]
        number: String,
        #[arg(long)]
        json: bool,
    },
}

/// A consent event on the command line.
#[derive(Debug, Args)]
pub struct ConsentArgs {
    #[arg(value_name = "TIPO")]
    pub kind: String,
    #[arg(value_name = "NÚMERO")]
    pub number: String,
    /// Finalidad, p. ej. envio-informacion.
    #[arg(long)]
    pub purpose: String,
    /// formato-fisico, whatsapp, verbal o web.
    #[arg(long)]
    pub channel: String,
    /// Versión del aviso de privacidad (por defecto la de la configuración).
    #[arg(long)]
    pub policy_version: Option<String>,
    /// Archivo de evidencia (formato escaneado, captura); se guarda su SHA-256.
    #[arg(long, value_name = "RUTA")]
    pub evidence: Option<std::path::PathBuf>,
    #[command(flatten)]
    pub on_behalf: OnBehalf,
}

/// `attention ...`.
#[derive(Debug, Subcommand)]
pub enum AttentionCommand {
    /// Registra una atención.
    Add {
        /// ventanilla, telefono, chat, correo, whatsapp o web.
        #[arg(long)]
        channel: String,
        /// Cliente, TIPO:NÚMERO.
        #[arg(long)]
        doc: Option<String>,
        /// Turno atendido (ventanilla), p. ej. E-023.
        #[arg(long)]
        turn: Option<String>,
        /// Tema.
        #[arg(long)]
        topic: String,
        /// Servicio (letra).
        #[arg(long)]
        service: Option<String>,
        /// Nivel de información 1, 2 o 3.
        #[arg(long, default_value_t = 1)]
        level: u8,
        /// Servicio tomado (oportunidad), letra.
        #[arg(long, value_name = "SERVICIO")]
        opportunity: Option<String>,
        #[arg(long, default_value = "")]
        notes: String,
        /// Deja la atención abierta (las enrutadas quedan abiertas hasta cerrarlas).
        #[arg(long)]
        open: bool,
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        on_behalf: OnBehalf,
    },
    /// Cierra una atención abierta.
    Close {
        id: i64,
        #[command(flatten)]
        on_behalf: OnBehalf,
    },
    /// Lista las atenciones de un día (por defecto hoy).
    List {
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

/// `import ...`.
#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Importa clientes (CSV con `,` `;` o tabulador; UTF-8 o Windows-1252).
    Customers {
        file: std::path::PathBuf,
        /// Si alguna fila tiene errores, no importa nada.
        #[arg(long)]
        strict: bool,
        /// Escribe las filas rechazadas en este CSV.
        #[arg(long, value_name = "SALIDA.csv")]
        errors: Option<std::path::PathBuf>,
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        on_behalf: OnBehalf,
    },
}

/// `export ...`.
#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Exporta los clientes a .csv o .xlsx.
    Customers {
        #[arg(long, value_name = "ARCHIVO")]
        out: std::path::PathBuf,
    },
    /// Exporta los turnos de un periodo (datos sin procesar).
    Turns(RawExport),
    /// Exporta las atenciones de un periodo.
    Attentions(RawExport),
    /// Exporta las PQRS radicadas en un periodo.
    Tickets(RawExport),
    /// Exporta las calificaciones de un periodo.
    Ratings(RawExport),
}

/// A period and a file for a raw export.
#[derive(Debug, Args)]
pub struct RawExport {
    /// Primer día (AAAA-MM-DD).
    #[arg(long, value_name = "AAAA-MM-DD")]
    pub from: String,
    /// Último día, incluido (AAAA-MM-DD).
    #[arg(long, value_name = "AAAA-MM-DD")]
    pub to: String,
    /// .csv o .xlsx
    #[arg(long, value_name = "ARCHIVO")]
    pub out: std::path::PathBuf,
}
