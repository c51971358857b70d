//! Syntax of the calendar and document commands.

use super::OnBehalf;
use clap::Subcommand;

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
