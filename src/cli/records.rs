//! Syntax of the customer, consent, attention, import and export commands.

use super::OnBehalf;
use clap::{Args, Subcommand};

/// A customer's fields on the command line.
#[derive(Debug, Args, Default, Clone)]
pub struct CustomerFields {
    /// Nombres.
    #[arg(long, value_name = "NOMBRES")]
    pub names: Option<String>,
    /// Apellidos.
    #[arg(long, value_name = "APELLIDOS")]
    pub surnames: Option<String>,
    /// Fecha de nacimiento (AAAA-MM-DD).
    #[arg(long, value_name = "FECHA")]
    pub birth_date: Option<String>,
    /// Teléfono.
    #[arg(long, value_name = "TELÉFONO")]
    pub phone: Option<String>,
    /// Correo electrónico.
    #[arg(long, value_name = "CORREO")]
    pub email: Option<String>,
    /// Dirección de residencia.
    #[arg(long, value_name = "DIRECCIÓN")]
    pub address: Option<String>,
    #[arg(long, value_name = "AFILIACIÓN",
          help = crate::domain::vocab::help::<crate::domain::customer::Affiliation>("Afiliación"))]
    pub affiliation: Option<String>,
    /// A, B o C (solo afiliados).
    #[arg(long, value_name = "CATEGORÍA")]
    pub category: Option<String>,
}

/// `customer ...`.
#[derive(Debug, Subcommand)]
pub enum CustomerCommand {
    /// Muestra un cliente con su consentimiento y sus últimas atenciones.
    Show {
        /// Tipo de documento del cliente: CC, TI, RC, CE, PA, PEP, PPT o NIT.
        #[arg(value_name = "TIPO")]
        kind: String,
        /// Número de documento del cliente.
        #[arg(value_name = "NÚMERO")]
        number: String,
        /// Salida en JSON.
        #[arg(long)]
        json: bool,
    },
    /// Busca por número de documento o por nombres (sin importar tildes ni mayúsculas).
    Find {
        /// Número de documento o nombres a buscar.
        #[arg(value_name = "TEXTO")]
        text: String,
        /// Como mucho N resultados.
        #[arg(long, default_value_t = 20, value_name = "N")]
        limit: u32,
        /// Salida en JSON.
        #[arg(long)]
        json: bool,
    },
    /// Registra un cliente.
    Add {
        /// Documento, p. ej. CC:1144052337.
        #[arg(long, value_name = "TIPO:NÚMERO")]
        doc: String,
        #[command(flatten)]
        fields: CustomerFields,
        #[command(flatten)]
        on_behalf: OnBehalf,
    },
    /// Registra notas de discapacidad u otros datos sensibles (requiere la autorización
    /// expresa «datos-sensibles»); un texto vacío las borra.
    Notes {
        /// Tipo de documento del cliente: CC, TI, RC, CE, PA, PEP, PPT o NIT.
        #[arg(value_name = "TIPO")]
        kind: String,
        /// Número de documento del cliente.
        #[arg(value_name = "NÚMERO")]
        number: String,
        /// Las notas (texto vacío: se borran).
        #[arg(value_name = "TEXTO")]
        text: String,
        #[command(flatten)]
        on_behalf: OnBehalf,
    },
    /// Cambia datos de un cliente (queda el historial de quién cambió qué).
    Edit {
        /// Tipo de documento del cliente: CC, TI, RC, CE, PA, PEP, PPT o NIT.
        #[arg(value_name = "TIPO")]
        kind: String,
        /// Número de documento del cliente.
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
        /// Tipo de documento del cliente: CC, TI, RC, CE, PA, PEP, PPT o NIT.
        #[arg(value_name = "TIPO")]
        kind: String,
        /// Número de documento del cliente.
        #[arg(value_name = "NÚMERO")]
        number: String,
        /// Salida en JSON.
        #[arg(long)]
        json: bool,
    },
}

/// A consent event on the command line.
#[derive(Debug, Args)]
pub struct ConsentArgs {
    /// Tipo de documento del cliente: CC, TI, RC, CE, PA, PEP, PPT o NIT.
    #[arg(value_name = "TIPO")]
    pub kind: String,
    /// Número de documento del cliente.
    #[arg(value_name = "NÚMERO")]
    pub number: String,
    /// Finalidad, una de las configuradas (`ventanilla config`), p. ej. «Envío de información».
    #[arg(long, value_name = "FINALIDAD")]
    pub purpose: String,
    /// Canal, uno de los configurados: p. ej. Formato físico, WhatsApp, Verbal o Web.
    #[arg(long, value_name = "CANAL")]
    pub channel: String,
    /// Versión del aviso de privacidad (por defecto la de la configuración).
    #[arg(long, value_name = "VERSIÓN")]
    pub policy_version: Option<String>,
    /// Archivo de evidencia (formato escaneado, captura); se guarda su SHA-256.
    #[arg(long, value_name = "RUTA")]
    pub evidence: Option<std::path::PathBuf>,
    #[command(flatten)]
    pub on_behalf: OnBehalf,
}

/// `attention ...`.
#[derive(Debug, Subcommand)]
// parsed once per run: the size of the `add` variant costs nothing worth boxing for
#[allow(clippy::large_enum_variant)]
pub enum AttentionCommand {
    /// Registra una atención.
    Add {
        #[arg(long, value_name = "CANAL",
              help = crate::domain::vocab::help::<crate::domain::attention::Channel>("Canal"))]
        channel: String,
        /// Documento del cliente, p. ej. CC:1144052337; con --turn, por defecto el del turno.
        #[arg(long, value_name = "TIPO:NÚMERO")]
        doc: Option<String>,
        /// Turno atendido (ventanilla), p. ej. E-023.
        #[arg(long, value_name = "TURNO")]
        turn: Option<String>,
        /// Tema (en ventanilla, uno del catálogo del servicio: `config show`).
        #[arg(long, value_name = "TEMA")]
        topic: String,
        /// Subtema del tema en el catálogo del servicio.
        #[arg(long, default_value = "", value_name = "SUBTEMA")]
        subtopic: String,
        /// Servicio (letra); con --turn, por defecto el del turno.
        #[arg(long, value_name = "CÓDIGO")]
        service: Option<String>,
        #[arg(long, default_value = "1", value_name = "NIVEL",
              help = crate::domain::vocab::help::<crate::domain::attention::Level>("Nivel de información"))]
        level: String,
        /// Servicio tomado (oportunidad), letra.
        #[arg(long, value_name = "SERVICIO")]
        opportunity: Option<String>,
        /// Notas de la atención.
        #[arg(long, default_value = "", value_name = "NOTAS")]
        notes: String,
        /// Deja la atención abierta (las enrutadas quedan abiertas hasta cerrarlas).
        #[arg(long)]
        open: bool,
        /// Teléfono o chat: nombre de quien llama o escribe (no hace falta que sea cliente).
        #[arg(long, default_value = "", value_name = "NOMBRE")]
        caller: String,
        /// Teléfono o chat: cómo contactarlo de vuelta (número, correo, usuario del chat).
        #[arg(long, default_value = "", value_name = "CONTACTO")]
        contact: String,
        /// Teléfono o chat: resuelta por quien la tomó (no se deriva).
        #[arg(long, conflicts_with = "route")]
        solved: bool,
        /// Teléfono o chat: derivarla a los responsables del tema (se rechaza si no tiene).
        #[arg(long)]
        route: bool,
        /// Salida en JSON.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        on_behalf: OnBehalf,
    },
    /// Cierra una atención abierta.
    Close {
        /// Número de la atención.
        #[arg(value_name = "NÚMERO")]
        id: i64,
        /// Qué se hizo (queda en el registro de telecomunicaciones).
        #[arg(long, default_value = "", value_name = "RESULTADO")]
        result: String,
        #[command(flatten)]
        on_behalf: OnBehalf,
    },
    /// Lista las atenciones telefónicas y de chat abiertas derivadas a usted.
    Pending {
        /// Salida en JSON.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        on_behalf: OnBehalf,
    },
    /// Lista las atenciones de un día (por defecto hoy).
    List {
        /// Día (AAAA-MM-DD); por defecto, hoy.
        #[arg(long, value_name = "FECHA")]
        date: Option<String>,
        /// Salida en JSON.
        #[arg(long)]
        json: bool,
    },
}

/// `import ...`.
#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Importa clientes: CSV con `,` `;` o tabulador (UTF-8 o Windows-1252) o un libro de Excel
    /// o LibreOffice (.xlsx, .ods). Fechas AAAA-MM-DD o DD/MM/AAAA. Termina con código 1 si
    /// alguna fila fue rechazada.
    Customers {
        /// Archivo de clientes (.csv, .txt, .xlsx, .ods).
        #[arg(value_name = "ARCHIVO")]
        file: std::path::PathBuf,
        /// Hoja del libro a leer (por defecto, la primera).
        #[arg(long = "hoja", value_name = "HOJA")]
        sheet: Option<String>,
        #[command(flatten)]
        csv: CsvArg,
        /// Si alguna fila tiene errores, no importa nada.
        #[arg(long)]
        strict: bool,
        /// Escribe las filas rechazadas en este CSV.
        #[arg(long, value_name = "SALIDA.csv")]
        errors: Option<std::path::PathBuf>,
        /// Salida en JSON.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        on_behalf: OnBehalf,
    },
}

/// `export ...`.
#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Exporta los clientes a .csv o .xlsx, con su consentimiento por finalidad, la oposición
    /// a comunicaciones masivas y la marca «reclamo en trámite».
    Customers {
        /// Archivo de destino, .csv o .xlsx.
        #[arg(long, value_name = "ARCHIVO")]
        out: std::path::PathBuf,
        /// Solo quienes pueden recibir comunicaciones masivas: consentimiento vigente, sin
        /// oposición, sin datos suprimidos y sin reclamo en trámite.
        #[arg(long = "solo-contactables")]
        solo_contactables: bool,
        #[command(flatten)]
        csv: CsvArg,
    },
    /// Exporta los turnos de un periodo (datos sin procesar).
    Turns(RawExport),
    /// Exporta las atenciones de un periodo.
    Attentions(RawExport),
    /// Registro de usuarios por telecomunicaciones (FOR-DIC-04): las atenciones por teléfono y
    /// chat de un periodo, a quién se derivaron, el resultado y la calificación del usuario
    /// (percepción del cliente virtual, FOR-DIC-07).
    Telecom(RawExport),
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
    /// Archivo de destino, .csv o .xlsx.
    #[arg(long, value_name = "ARCHIVO")]
    pub out: std::path::PathBuf,
    #[command(flatten)]
    pub csv: CsvArg,
}

/// The CSV dialect of a file written, when it is not the configured one.
#[derive(Debug, Args)]
pub struct CsvArg {
    #[arg(long = "csv", value_name = "FORMATO",
          help = crate::domain::vocab::help::<crate::tables::CsvDialect>(
              "Formato del CSV (por defecto, el de la configuración)"))]
    pub csv: Option<String>,
}
