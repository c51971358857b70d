//! Command-line syntax (clap derive types). Help texts are Spanish: they are read by the
//! people at the branch; [`command`] and [`parse`] also put clap's own words (headings, help
//! and version flags, errors) in Spanish.

mod attachments;
mod calendar;
mod central;
mod pqrs;
mod queue;
mod ratings;
mod records;
mod reports;
mod spanish;

pub use attachments::AttachCommand;
pub use calendar::{CalendarCommand, DocCommand};
pub use central::{
    CentralArgs, CentralCalendar, CentralCommand, CentralImport, CentralPeriod, CentralScope,
    CentralTerms, SyncArgs,
};
pub use pqrs::{AnswerText, NewTicket, Radicado, StepArgs, TicketCommand, WorkOrderCommand};
pub use queue::{AdvisorCommand, StationCommand, TurnCommand, TurnLabel};
pub use ratings::RatingCommand;
pub use records::{
    AttentionCommand, ConsentArgs, ConsentCommand, CsvArg, CustomerCommand, CustomerFields,
    ExportCommand, ImportCommand, RawExport,
};
pub use reports::{ReportCommand, ReportOutput};
pub use spanish::{ParseError, command, parse, parse_from};

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
        /// on: empieza la contingencia; off: se vuelve al turnero.
        #[arg(value_parser = ["on", "off"], value_name = "ESTADO")]
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
    /// Estados de los asesores (disponible, en pausa, fuera de línea) y el mapa de ventanillas.
    #[command(subcommand)]
    Advisor(AdvisorCommand),
    /// Equipos de la sede que se conectan al servidor por SSH (ventanillas, atril, pantalla).
    #[command(subcommand)]
    Station(StationCommand),
    /// PQRS: radicar, tramitar con sus términos de ley, notificar, cerrar, archivar.
    #[command(subcommand)]
    Ticket(TicketCommand),
    /// Órdenes de trabajo de una PQRS.
    #[command(subcommand)]
    Workorder(WorkOrderCommand),
    /// Adjuntos de PQRS, autorizaciones y atenciones: agregar, listar, extraer.
    #[command(subcommand)]
    Attach(AttachCommand),
    /// Calificaciones de la atención.
    #[command(subcommand)]
    Rating(RatingCommand),
    /// Informes de gestión: turnos, tiempos, calificaciones, PQRS e indicadores.
    #[command(subcommand)]
    Report(ReportCommand),
    /// Importa datos desde archivos.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Exporta datos a CSV o Excel.
    #[command(subcommand)]
    Export(ExportCommand),
    /// Envía los registros de la sede al servidor central (PostgreSQL) y trae de él los datos
    /// maestros, el calendario y las supresiones; una vez, o en rondas con --watch.
    Sync(SyncArgs),
    /// Servidor central de la organización: esquema, datos maestros, calendario, informes de
    /// todas las sedes y su estado.
    Central(CentralArgs),
    /// Modo quiosco: el cliente toma su turno y se imprime el tiquete.
    Kiosk,
    /// Pantalla de la sala de espera: turnos llamados y ventanillas en números grandes.
    Display,
    /// Pantalla de calificación frente al cliente en una ventanilla: se activa al finalizar
    /// cada atención.
    Rate {
        /// Número de la ventanilla.
        #[arg(long, value_name = "N")]
        window: u32,
    },
    /// Modo supervisor: la fila del día en vivo, indicadores, PQRS por área y gráficas.
    Supervisor,
    /// Área de trabajo de PQRS: listas con filtros, detalle con su historia, la respuesta
    /// escrita, firmas, entregas y notificación, órdenes de trabajo; cada paso con su
    /// formulario, solo cuando es legal.
    Pqrs,
    /// Copia de seguridad consistente (mientras las consolas siguen trabajando), verificada.
    Backup {
        /// Archivo de destino (por defecto, la carpeta de copias).
        #[arg(value_name = "ARCHIVO")]
        file: Option<PathBuf>,
        /// Salida en JSON.
        #[arg(long)]
        json: bool,
    },
    /// Reemplaza la base de datos por una copia (administrador); la actual queda aparte.
    Restore {
        /// Copia de seguridad que reemplaza la base.
        #[arg(value_name = "ARCHIVO")]
        file: PathBuf,
        /// No preguntar (para guiones).
        #[arg(long)]
        yes: bool,
    },
    /// Revisa la integridad de la base, sus llaves y la cadena de auditoría.
    Check {
        /// Salida en JSON.
        #[arg(long)]
        json: bool,
    },
    /// Escribe el autocompletado de la línea de comandos para un intérprete (bash, zsh, fish,
    /// powershell o elvish), p. ej. `ventanilla completions bash > /etc/bash_completion.d/ventanilla`.
    Completions {
        /// bash, zsh, fish, powershell o elvish.
        #[arg(value_name = "INTÉRPRETE")]
        shell: String,
    },
    /// Escribe las páginas del manual (man) de ventanilla y de cada subcomando en una carpeta.
    Manual {
        /// Carpeta de destino (se crea si no existe).
        #[arg(long, default_value = "man", value_name = "CARPETA")]
        out: PathBuf,
    },
}

/// `console`.
#[derive(Debug, Args, Default)]
pub struct ConsoleArgs {
    /// Número de la ventanilla de este puesto (por defecto, `session.window` de la
    /// configuración; si no está, se pregunta al ingresar).
    #[arg(long, value_name = "N")]
    pub window: Option<u32>,
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
    #[arg(long, default_value_t = 2026, value_name = "SEMILLA")]
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
        #[arg(value_name = "USUARIO")]
        username: String,
        /// Nombre completo.
        #[arg(long, value_name = "NOMBRE")]
        name: String,
        /// asesor, supervisor o administrador.
        #[arg(long, value_name = "ROL")]
        role: String,
        #[command(flatten)]
        on_behalf: OnBehalf,
    },
    /// Lista los usuarios.
    List {
        /// Salida en JSON.
        #[arg(long)]
        json: bool,
    },
    /// Desactiva un usuario (no puede volver a ingresar).
    Disable {
        /// Usuario a desactivar.
        #[arg(value_name = "USUARIO")]
        username: String,
        #[command(flatten)]
        on_behalf: OnBehalf,
    },
    /// Cambia el PIN de un usuario.
    Pin {
        /// Usuario cuyo PIN se cambia (el nuevo se lee sin eco).
        #[arg(value_name = "USUARIO")]
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
        /// Salida en JSON.
        #[arg(long)]
        json: bool,
    },
    /// Crea un servicio: una letra y su nombre.
    Add {
        /// Letra del servicio, p. ej. E.
        #[arg(value_name = "CÓDIGO")]
        code: String,
        /// Nombre del servicio, p. ej. "Trámites".
        #[arg(value_name = "NOMBRE")]
        name: String,
        #[command(flatten)]
        on_behalf: OnBehalf,
    },
    /// Desactiva un servicio.
    Disable {
        /// Letra del servicio.
        #[arg(value_name = "CÓDIGO")]
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
        /// Salida en JSON.
        #[arg(long)]
        json: bool,
    },
    /// Crea una ventanilla.
    Add {
        /// Número de la ventanilla.
        #[arg(value_name = "NÚMERO")]
        number: u32,
        /// Servicios que llama, en orden, separados por comas (p. ej. E,R).
        #[arg(long, value_name = "CÓDIGOS")]
        services: String,
        #[command(flatten)]
        on_behalf: OnBehalf,
    },
    /// Cambia los servicios que llama una ventanilla.
    Set {
        /// Número de la ventanilla.
        #[arg(value_name = "NÚMERO")]
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
        /// Salida en JSON.
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
        /// Salida en JSON.
        #[arg(long)]
        json: bool,
    },
    /// Recorre la cadena de sellos y nombra el primer registro alterado, si hay alguno.
    Verify {
        /// Salida en JSON.
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
