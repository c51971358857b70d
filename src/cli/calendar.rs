//! Syntax of the calendar and document commands.

use super::OnBehalf;
use clap::Subcommand;

/// `calendar ...`.
#[derive(Debug, Subcommand)]
pub enum CalendarCommand {
    /// Festivos del año (con los cambios de la entidad), una línea por festivo.
    Holidays {
        /// Año, p. ej. 2026.
        #[arg(value_name = "AÑO")]
        year: i32,
        /// Salida en JSON.
        #[arg(long)]
        json: bool,
    },
    /// La fecha N días hábiles después de FECHA (N = 0: la misma si es hábil, si no la siguiente).
    Add {
        /// Fecha de partida (AAAA-MM-DD).
        #[arg(value_name = "FECHA")]
        date: String,
        /// Días hábiles a sumar.
        #[arg(value_name = "N")]
        n: u32,
    },
    /// Cuántos días hábiles hay después de FECHA1 hasta FECHA2 inclusive.
    Between {
        /// Primera fecha (AAAA-MM-DD), no se cuenta.
        #[arg(value_name = "FECHA1")]
        from: String,
        /// Última fecha (AAAA-MM-DD), se cuenta.
        #[arg(value_name = "FECHA2")]
        to: String,
    },
    /// Fecha de vencimiento legal de una solicitud recibida en RECIBIDA (AAAA-MM-DDTHH:MM, hora local).
    Due {
        #[arg(value_name = "TIPO",
              help = crate::domain::vocab::help::<crate::domain::request::Kind>("Tipo de solicitud"))]
        kind: String,
        /// Fecha y hora de recibo (AAAA-MM-DDTHH:MM, hora local).
        #[arg(value_name = "RECIBIDA")]
        received: String,
        /// Salida en JSON.
        #[arg(long)]
        json: bool,
    },
    /// Declara un día de cierre de la entidad (administrador).
    Close {
        /// Día de cierre (AAAA-MM-DD).
        #[arg(value_name = "FECHA")]
        date: String,
        /// Motivo del cierre.
        #[arg(value_name = "MOTIVO")]
        reason: String,
        #[command(flatten)]
        on_behalf: OnBehalf,
    },
    /// Declara hábil un día que no lo era: quita un festivo o un cierre (administrador).
    Open {
        /// Día que pasa a ser hábil (AAAA-MM-DD).
        #[arg(value_name = "FECHA")]
        date: String,
        /// Motivo (opcional).
        #[arg(default_value = "", value_name = "MOTIVO")]
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
        /// Tipo de documento: CC, TI, RC, CE, PA, PEP, PPT o NIT.
        #[arg(value_name = "TIPO")]
        kind: String,
        /// Número del documento.
        #[arg(value_name = "NÚMERO")]
        number: String,
        /// Salida en JSON.
        #[arg(long)]
        json: bool,
    },
    /// Calcula el dígito de verificación de un NIT.
    Dv {
        /// NIT sin dígito de verificación.
        #[arg(value_name = "NÚMERO")]
        number: String,
    },
}
