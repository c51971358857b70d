//! Syntax of `sync` and `central`.

use super::reports::ReportOutput;
use clap::{Args, Subcommand};
use std::path::PathBuf;

/// `sync`.
#[derive(Debug, Args)]
pub struct SyncArgs {
    /// Servidor central (postgresql://usuario@servidor/base); si no, VENTANILLA_CENTRAL o
    /// [central] url de la configuración. La contraseña va en PGPASSWORD, no aquí.
    #[arg(long, value_name = "URL")]
    pub central: Option<String>,
    /// Sigue sincronizando en rondas, como servicio, hasta que se detenga.
    #[arg(long)]
    pub watch: bool,
    /// Tiempo entre rondas con --watch: 60s, 5m, 1h (por defecto, [central] every_seconds).
    #[arg(long, value_name = "TIEMPO", requires = "watch")]
    pub every: Option<String>,
    /// Solo muestra el estado de la sincronización de esta sede, sin conectarse.
    #[arg(long, conflicts_with_all = ["watch", "every"])]
    pub status: bool,
    /// Salida en JSON.
    #[arg(long)]
    pub json: bool,
}

/// `central ...`.
#[derive(Debug, Args)]
pub struct CentralArgs {
    /// Servidor central (postgresql://usuario@servidor/base); si no, VENTANILLA_CENTRAL o
    /// [central] url de la configuración. La contraseña va en PGPASSWORD, no aquí.
    #[arg(long, value_name = "URL", global = true)]
    pub central: Option<String>,
    #[command(subcommand)]
    pub command: CentralCommand,
}

/// The central server's subcommands.
#[derive(Debug, Subcommand)]
pub enum CentralCommand {
    /// Crea o actualiza el esquema de la base central.
    Migrate,
    /// Carga datos maestros en el servidor central.
    #[command(subcommand)]
    Import(CentralImport),
    /// Cambios del calendario para toda la organización (las sedes los traen al sincronizar).
    #[command(subcommand)]
    Calendar(CentralCalendar),
    /// Términos de ley de toda la organización: las sedes los traen al sincronizar y valen
    /// sobre su propia configuración.
    #[command(subcommand)]
    Terms(CentralTerms),
    /// Informe de gestión de todas las sedes, por sede y por seccional, calculado en el servidor
    /// central.
    Report {
        #[command(subcommand)]
        period: CentralPeriod,
    },
    /// Estado de cada sede: última sincronización, retraso, PQRS abiertas y vencidas, turnos y
    /// espera de hoy.
    Status {
        /// Salida en JSON.
        #[arg(long)]
        json: bool,
    },
    /// Pantalla de consulta (solo lectura) de todas las sedes, que se actualiza sola.
    Supervisor,
    /// Compara la cadena de auditoría de esta sede con las anclas que guarda el servidor
    /// central (una segunda copia, fuera de la sede, de su archivo de anclas).
    Check {
        /// Salida en JSON.
        #[arg(long)]
        json: bool,
    },
}

/// `central import ...`.
#[derive(Debug, Subcommand)]
pub enum CentralImport {
    /// Datos maestros de afiliados (afiliación y categoría): los mismos formatos que `import
    /// customers` (CSV o Excel).
    Customers {
        /// Archivo CSV o XLSX.
        #[arg(value_name = "ARCHIVO")]
        file: PathBuf,
        /// Hoja del libro de Excel (por defecto, la primera).
        #[arg(long, value_name = "HOJA")]
        sheet: Option<String>,
    },
}

/// `central terms ...`.
#[derive(Debug, Subcommand)]
pub enum CentralTerms {
    /// Fija los términos desde un archivo TOML con una tabla [terms] que nombra solo lo que
    /// cambia (p. ej. `queja = 10`); lo demás queda como viene con ventanilla.
    Set {
        /// Archivo TOML.
        #[arg(value_name = "ARCHIVO")]
        file: PathBuf,
    },
    /// Muestra los términos vigentes de la organización.
    Show {
        /// Salida en JSON.
        #[arg(long)]
        json: bool,
    },
}

/// `central calendar ...`.
#[derive(Debug, Subcommand)]
pub enum CentralCalendar {
    /// Cierra un día en todas las sedes.
    Close {
        /// Día que se cierra.
        #[arg(value_name = "AAAA-MM-DD")]
        date: String,
        /// Motivo del cierre.
        #[arg(long, value_name = "MOTIVO")]
        reason: String,
    },
    /// Abre un día en todas las sedes.
    Open {
        /// Día que se abre.
        #[arg(value_name = "AAAA-MM-DD")]
        date: String,
        /// Motivo de la apertura.
        #[arg(long, value_name = "MOTIVO", default_value = "apertura")]
        reason: String,
    },
}

/// The period of a central report and which branches it covers.
#[derive(Debug, Subcommand)]
pub enum CentralPeriod {
    /// Informe de un día (por defecto, hoy).
    Day {
        /// Día del informe (por defecto, hoy).
        #[arg(value_name = "AAAA-MM-DD")]
        date: Option<String>,
        #[command(flatten)]
        scope: CentralScope,
        #[command(flatten)]
        output: ReportOutput,
    },
    /// Informe de un mes.
    Month {
        /// Mes del informe.
        #[arg(value_name = "AAAA-MM")]
        month: String,
        #[command(flatten)]
        scope: CentralScope,
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
        scope: CentralScope,
        #[command(flatten)]
        output: ReportOutput,
    },
}

/// Which branches a central report covers.
#[derive(Debug, Args)]
pub struct CentralScope {
    /// Solo esta sede (su código).
    #[arg(long, value_name = "SEDE", conflicts_with = "seccional")]
    pub sede: Option<String>,
    /// Solo las sedes de esta seccional.
    #[arg(long, value_name = "SECCIONAL")]
    pub seccional: Option<String>,
}
