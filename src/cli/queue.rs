//! Syntax of the turn-queue commands.

use super::OnBehalf;
use clap::{Args, Subcommand};

/// `turn ...`.
#[derive(Debug, Subcommand)]
pub enum TurnCommand {
    /// Entrega un turno para un servicio.
    Issue {
        /// Letra del servicio.
        #[arg(long, value_name = "CÓDIGO")]
        service: String,
        #[arg(long, value_name = "MOTIVO",
              help = crate::domain::vocab::help::<crate::domain::turn::PreferentialReason>(
                  "Motivo de atención preferencial"))]
        preferential: Option<String>,
        /// Documento del cliente, TIPO:NÚMERO (p. ej. CC:1144052337).
        #[arg(long, value_name = "TIPO:NÚMERO")]
        doc: Option<String>,
        /// Imprime el tiquete en la impresora configurada (kiosk.printer).
        #[arg(long)]
        print: bool,
        /// Salida en JSON.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        on_behalf: OnBehalf,
    },
    /// Llama el siguiente turno a una ventanilla.
    Next {
        /// Número de la ventanilla que llama.
        #[arg(long, value_name = "N")]
        window: u32,
        /// Salida en JSON.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        on_behalf: OnBehalf,
    },
    /// Llama un turno en espera elegido, fuera del orden de la fila (con el motivo).
    Pick {
        /// Etiqueta del turno, p. ej. E-023.
        #[arg(value_name = "TURNO")]
        label: String,
        /// Número de la ventanilla que llama.
        #[arg(long, value_name = "N")]
        window: u32,
        /// Por qué se llama antes que el siguiente (queda en la historia y la auditoría).
        #[arg(long, value_name = "MOTIVO")]
        reason: String,
        /// Salida en JSON.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        on_behalf: OnBehalf,
    },
    /// Devuelve a su lugar en la fila un turno no presentado (el cliente llegó tarde).
    Requeue(TurnLabel),
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
    /// Traslada un turno a la fila de otro servicio o a una ventanilla en particular (que lo
    /// llama primero), conservando su hora y prioridad.
    Transfer {
        /// Etiqueta del turno, p. ej. E-023.
        #[arg(value_name = "TURNO")]
        label: String,
        /// Letra del servicio de destino.
        #[arg(long, value_name = "CÓDIGO", required_unless_present = "window")]
        service: Option<String>,
        /// Ventanilla de destino: solo ella lo llama, antes que a los demás.
        #[arg(long, value_name = "N")]
        window: Option<u32>,
        /// Nota para el siguiente asesor.
        #[arg(long, default_value = "", value_name = "NOTA")]
        note: String,
        /// Salida en JSON.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        on_behalf: OnBehalf,
    },
    /// Lista los turnos de un día (por defecto hoy, todos los estados).
    List {
        #[arg(long, value_name = "ESTADO",
              help = crate::domain::vocab::help::<crate::domain::turn::Status>("Solo este estado"))]
        status: Option<String>,
        /// Solo este servicio (letra).
        #[arg(long, value_name = "CÓDIGO")]
        service: Option<String>,
        /// Día (AAAA-MM-DD); por defecto, hoy.
        #[arg(long, value_name = "FECHA")]
        date: Option<String>,
        /// Salida en JSON.
        #[arg(long)]
        json: bool,
    },
    /// Registra una ficha de papel (contingencia) y la llama a la ventanilla.
    Manual {
        /// Número escrito en la ficha de papel.
        #[arg(value_name = "NÚMERO")]
        number: u32,
        /// Letra del servicio de la ficha.
        #[arg(long, value_name = "CÓDIGO")]
        service: String,
        /// Ventanilla que la llama.
        #[arg(long, value_name = "N")]
        window: u32,
        /// Salida en JSON.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        on_behalf: OnBehalf,
    },
}

/// A turn label plus the common options of simple transitions.
#[derive(Debug, Args)]
pub struct TurnLabel {
    /// Etiqueta del turno, p. ej. E-023.
    #[arg(value_name = "TURNO")]
    pub label: String,
    /// Salida en JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub on_behalf: OnBehalf,
}

/// `advisor ...`.
#[derive(Debug, Subcommand)]
pub enum AdvisorCommand {
    /// Registra el estado del asesor: disponible, en pausa (con motivo) o fuera de línea.
    State {
        #[arg(value_name = "ESTADO",
              help = crate::domain::vocab::help::<crate::domain::advisor::State>("Estado"))]
        state: String,
        /// Motivo de la pausa (uno de los configurados: almuerzo, pausa activa...).
        #[arg(long, default_value = "", value_name = "MOTIVO")]
        reason: String,
        /// Ventanilla donde está.
        #[arg(long, value_name = "N")]
        window: Option<u32>,
        #[command(flatten)]
        on_behalf: OnBehalf,
    },
    /// Mapa de ventanillas: quién está en cada una y qué hace ahora, desde cuándo.
    Map {
        /// Salida en JSON.
        #[arg(long)]
        json: bool,
    },
}

/// `station ...`.
#[derive(Debug, Subcommand)]
pub enum StationCommand {
    /// Registra un equipo de la sede (administrador): su modo, su ventanilla y su llave SSH.
    Add {
        /// Nombre del equipo (letras sin tildes, dígitos, - y _), p. ej. V1, atril, tv-sala.
        #[arg(value_name = "NOMBRE")]
        name: String,
        #[arg(long, value_name = "MODO",
              help = crate::domain::vocab::help::<crate::domain::station::Mode>("Modo del equipo"))]
        mode: String,
        /// Ventanilla del equipo (consola y calificación).
        #[arg(long, value_name = "N")]
        window: Option<u32>,
        /// Llave pública OpenSSH del equipo («ssh-ed25519 AAAA… comentario»).
        #[arg(long, value_name = "LLAVE")]
        key: String,
    },
    /// Lista los equipos registrados.
    List {
        /// Salida en JSON.
        #[arg(long)]
        json: bool,
    },
    /// Quita un equipo: su llave deja de servir desde la próxima conexión.
    Remove {
        /// Nombre del equipo.
        #[arg(value_name = "NOMBRE")]
        name: String,
    },
    /// Cambia la llave de un equipo.
    Key {
        /// Nombre del equipo.
        #[arg(value_name = "NOMBRE")]
        name: String,
        /// La llave pública nueva.
        #[arg(long, value_name = "LLAVE")]
        key: String,
    },
    /// Escribe las llaves de los equipos para sshd (AuthorizedKeysCommand): cada una limitada
    /// a una terminal y obligada a su equipo.
    AuthorizedKeys {
        /// Usuario que pide sshd (%u); solo la cuenta de la sede recibe llaves.
        #[arg(value_name = "USUARIO")]
        user: Option<String>,
        /// Cuenta del sistema que reciben los equipos.
        #[arg(long, default_value = "ventanilla", value_name = "CUENTA")]
        account: String,
    },
    /// Escribe las llaves de los equipos en un archivo authorized_keys (de forma atómica).
    WriteKeys {
        /// Archivo authorized_keys de la cuenta de la sede.
        #[arg(long, value_name = "ARCHIVO")]
        file: std::path::PathBuf,
    },
    /// Lo que corre un equipo al conectarse (lo fija su llave; no se escribe a mano).
    Run {
        /// Nombre del equipo.
        #[arg(value_name = "NOMBRE")]
        name: String,
    },
    /// Muestra cómo preparar el servidor de la sede (sshd) y conectar cada equipo.
    Setup {
        /// Cuenta del sistema que reciben los equipos.
        #[arg(long, default_value = "ventanilla", value_name = "CUENTA")]
        account: String,
        /// Instala el bloque de sshd en /etc/ssh/sshd_config.d/ventanilla.conf (como root).
        #[arg(long)]
        write: bool,
    },
}
