//! Command-line syntax (clap derive types only). Help texts are Spanish: they are read by the
//! people at the branch.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// ventanilla — consola de atención al cliente: turnos, clientes, PQRS con términos de ley y
/// calificación del servicio.
#[derive(Debug, Parser)]
#[command(name = "ventanilla", version, disable_help_subcommand = true)]
pub struct Cli {
    /// Base de datos a usar (por defecto, la de la carpeta de datos del sistema).
    #[arg(long, global = true, env = "VENTANILLA_DB", value_name = "RUTA")]
    pub db: Option<PathBuf>,
    /// Archivo de configuración que se aplica sobre los valores predeterminados.
    #[arg(long, global = true, env = "VENTANILLA_CONFIG", value_name = "RUTA")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Abre la consola del asesor (lo mismo que `ventanilla` sin subcomando).
    Console(ConsoleArgs),
    /// Crea (o recrea) una base de datos de demostración y abre la consola sobre ella.
    Demo(DemoArgs),
    /// Crea la base de datos de una sede y su primer administrador.
    Init(InitArgs),
    /// Usuarios del personal.
    #[command(subcommand)]
    User(UserCommand),
    /// Servicios por los que se toma turno.
    #[command(subcommand)]
    Service(ServiceCommand),
    /// Ventanillas y los servicios que llama cada una.
    #[command(subcommand)]
    Window(WindowCommand),
    /// Configuración efectiva.
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Registro de auditoría.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Calendario de días hábiles y términos legales.
    #[command(subcommand)]
    Calendar(CalendarCommand),
    /// Documentos de identidad: validación y dígito de verificación del NIT.
    #[command(subcommand)]
    Doc(DocCommand),
    /// Turnos: entregar, llamar, atender, trasladar, listar.
    #[command(subcommand)]
    Turn(TurnCommand),
    /// Contingencia manual del turnero (fichas de papel): on | off (supervisor).
    Contingency {
        #[arg(value_parser = ["on", "off"])]
        state: String,
        #[command(flatten)]
        on_behalf: OnBehalf,
    },
    /// Clientes: consultar, buscar, registrar, editar.
    #[command(subcommand)]
    Customer(CustomerCommand),
    /// Autorizaciones de tratamiento de datos personales.
    #[command(subcommand)]
    Consent(ConsentCommand),
    /// Atenciones (historial de casos).
    #[command(subcommand)]
    Attention(AttentionCommand),
    /// Importa datos desde archivos.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Exporta datos a CSV o Excel.
    #[command(subcommand)]
    Export(ExportCommand),
    /// Modo quiosco: el cliente toma su turno y se imprime el tiquete.
    Kiosk,
    /// Pantalla de la sala de espera: turnos llamados y ventanillas en números grandes.
    Display,
}

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

/// `calendar ...`.
#[derive(Debug, Subcommand)]
pub enum CalendarCommand {
    /// Festivos del año (con los cambios de la entidad), una línea por festivo.
    Holidays {
        year: i32,
        #[arg(long)]
        json: bool,
    },
    /// La fecha N días hábiles después de FECHA (N = 0: la misma si es hábil, si no la siguiente).
    Add {
        /// AAAA-MM-DD
        date: String,
        n: u32,
    },
    /// Cuántos días hábiles hay después de FECHA1 hasta FECHA2 inclusive.
    Between {
        /// AAAA-MM-DD
        from: String,
        /// AAAA-MM-DD
        to: String,
    },
    /// Fecha de vencimiento legal de una solicitud recibida en RECIBIDA (AAAA-MM-DDTHH:MM, hora local).
    Due {
        /// peticion, documentos, consulta, queja, reclamo, sugerencia, denuncia,
        /// habeas-consulta o habeas-reclamo
        #[arg(value_name = "TIPO")]
        kind: String,
        #[arg(value_name = "RECIBIDA")]
        received: String,
        #[arg(long)]
        json: bool,
    },
    /// Declara un día de cierre de la entidad (administrador).
    Close {
        /// AAAA-MM-DD
        date: String,
        /// Motivo del cierre.
        reason: String,
        #[command(flatten)]
        on_behalf: OnBehalf,
    },
    /// Declara hábil un día que no lo era: quita un festivo o un cierre (administrador).
    Open {
        /// AAAA-MM-DD
        date: String,
        /// Motivo (opcional).
        #[arg(default_value = "")]
        reason: String,
        #[command(flatten)]
        on_behalf: OnBehalf,
    },
}

/// `doc ...`.
#[derive(Debug, Subcommand)]
pub enum DocCommand {
    /// Valida un documento y muestra su forma canónica: CC, TI, RC, CE, PA, PEP, PPT o NIT.
    Check {
        #[arg(value_name = "TIPO")]
        kind: String,
        #[arg(value_name = "NÚMERO")]
        number: String,
        #[arg(long)]
        json: bool,
    },
    /// Calcula el dígito de verificación de un NIT.
    Dv {
        #[arg(value_name = "NÚMERO")]
        number: String,
    },
}

/// `console`.
#[derive(Debug, Args, Default)]
pub struct ConsoleArgs {
    /// Número de la ventanilla de este puesto.
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub window: u32,
}

/// `demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Borra la base de demostración existente y la genera de nuevo.
    #[arg(long)]
    pub reset: bool,
    /// Número de clientes a generar.
    #[arg(long, default_value_t = 5000, value_name = "N")]
    pub customers: u32,
    /// Semilla de los datos generados (los mismos datos para la misma semilla).
    #[arg(long, default_value_t = 2026)]
    pub seed: u64,
    /// Solo prepara la base y muestra su ruta, sin abrir la consola.
    #[arg(long)]
    pub no_tui: bool,
    /// Número de la ventanilla de este puesto.
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub window: u32,
}

/// `init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Nombre de la sede, p. ej. "Sede Cali Norte".
    #[arg(long, value_name = "NOMBRE")]
    pub branch: String,
    /// Código corto de la sede (2–8 mayúsculas o dígitos); por defecto, derivado del nombre.
    #[arg(long, value_name = "CÓDIGO")]
    pub code: Option<String>,
    /// Usuario del primer administrador.
    #[arg(long, value_name = "USUARIO")]
    pub admin: String,
    /// Nombre completo del administrador.
    #[arg(long, value_name = "NOMBRE", default_value = "Administrador")]
    pub admin_name: String,
}

/// `user ...`.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Crea un usuario; el PIN se lee sin eco (o de la primera línea de la entrada).
    Add {
        /// Usuario (minúsculas, dígitos, punto, guion).
        username: String,
        /// Nombre completo.
        #[arg(long)]
        name: String,
        /// asesor, supervisor o administrador.
        #[arg(long)]
        role: String,
        #[command(flatten)]
        on_behalf: OnBehalf,
    },
    /// Lista los usuarios.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Desactiva un usuario (no puede volver a ingresar).
    Disable {
        username: String,
        #[command(flatten)]
        on_behalf: OnBehalf,
    },
    /// Cambia el PIN de un usuario.
    Pin {
        username: String,
        #[command(flatten)]
        on_behalf: OnBehalf,
    },
}

/// `service ...`.
#[derive(Debug, Subcommand)]
pub enum ServiceCommand {
    /// Lista los servicios.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Crea un servicio: una letra y su nombre.
    Add {
        code: String,
        name: String,
        #[command(flatten)]
        on_behalf: OnBehalf,
    },
    /// Desactiva un servicio.
    Disable {
        code: String,
        #[command(flatten)]
        on_behalf: OnBehalf,
    },
}

/// `window ...`.
#[derive(Debug, Subcommand)]
pub enum WindowCommand {
    /// Lista las ventanillas y sus servicios.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Crea una ventanilla.
    Add {
        number: u32,
        /// Servicios que llama, en orden, separados por comas (p. ej. E,R).
        #[arg(long, value_name = "CÓDIGOS")]
        services: String,
        #[command(flatten)]
        on_behalf: OnBehalf,
    },
    /// Cambia los servicios que llama una ventanilla.
    Set {
        number: u32,
        /// Servicios que llama, en orden, separados por comas (p. ej. E,R).
        #[arg(long, value_name = "CÓDIGOS")]
        services: String,
        #[command(flatten)]
        on_behalf: OnBehalf,
    },
}

/// `config ...`.
#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Muestra la configuración efectiva y de qué archivos viene.
    Show {
        #[arg(long)]
        json: bool,
    },
}

/// `audit ...`.
#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Lista el registro de auditoría.
    List {
        /// Solo desde esta fecha (AAAA-MM-DD, hora local).
        #[arg(long, value_name = "FECHA")]
        since: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

/// `--user`: the staff member a desk action is done for.
#[derive(Debug, Args, Default, Clone)]
pub struct OnBehalf {
    /// Usuario del personal por quien se hace la acción (queda en la auditoría).
    #[arg(long, value_name = "USUARIO")]
    pub user: Option<String>,
}
