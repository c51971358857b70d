//! Every Spanish string the screens show, in one place.

pub const APP: &str = "ventanilla";
pub const SETUP_TITLE: &str = " Primera configuración ";
pub const SETUP_INTRO: &str =
    "Esta base de datos no tiene usuarios. Registre la sede y su primer administrador.";
pub const SETUP_BRANCH: &str = "Nombre de la sede";
pub const SETUP_CODE: &str = "Código de sede";
pub const SETUP_ADMIN: &str = "Usuario administrador";
pub const SETUP_ADMIN_NAME: &str = "Nombre completo";
pub const SETUP_PIN: &str = "PIN (4 a 8 dígitos)";
pub const SETUP_PIN2: &str = "Repita el PIN";
pub const SETUP_PIN_MISMATCH: &str = "Los dos PIN no coinciden: escríbalos de nuevo.";
pub const LOGIN_TITLE: &str = " Ingresar ";
pub const LOGIN_USER: &str = "Usuario";
pub const LOGIN_PIN: &str = "PIN";
pub const LOGIN_EMPTY_USER: &str = "Escriba su usuario.";
pub const LOGIN_WINDOW: &str = "Ventanilla";
pub const LOGIN_BAD_WINDOW: &str = "Ventanilla: escriba el número de la ventanilla de este puesto.";
pub const DEMO_HINT: &str =
    "Demostración: usuarios asesor1, asesor2, asesor3, supervisor, admin — PIN 1234";
pub const LOCK_TITLE: &str = " Consola bloqueada ";
pub const LOCK_IDLE: &str = "Bloqueada por inactividad; su trabajo se conserva.";
pub const LOCK_MANUAL: &str = "Bloqueada; su trabajo se conserva.";
/// Asked when Esc would close a form holding what a person typed.
pub const DISCARD_QUESTION: &str = "¿Descartar lo escrito?";
pub const QUIT_TITLE: &str = " ¿Salir? ";
pub const QUIT_UNSAVED: &str = "Hay datos escritos sin guardar que se perderán.";
pub const QUIT_PLAIN: &str = "¿Desea salir de ventanilla?";
pub const HELP_TITLE: &str = " Ayuda — teclas ";
pub const MESSAGES_TITLE: &str = " Últimos mensajes (F12) ";
pub const TOO_SMALL: &str = "La terminal es demasiado pequeña";
/// The PQRS workspace's help: headings, the list's keys, how to close it.
pub const PQRS_HELP_LIST: &str = "Lista";
pub const PQRS_HELP_DETAIL: &str =
    "Detalle (cada paso aparece solo cuando es legal para la PQRS y su rol)";
pub const PQRS_HELP_CLOSE: &str = "Cualquier tecla cierra la ayuda.";
pub const PQRS_LIST_KEYS: [(&str, &str); 10] = [
    (
        "↑↓ RePág",
        "moverse; Enter abre la PQRS; Esc vuelve a la lista",
    ),
    (
        "Tab",
        "mías → todas (supervisor) → por firmar (quien firma)",
    ),
    ("e", "estado: abiertas o uno a uno"),
    ("t", "tipo de PQRS"),
    ("a", "área"),
    ("d", "vencen dentro de 3, 5 o 10 días hábiles"),
    ("v", "solo vencidas"),
    ("g", "ir a un radicado (o su consecutivo: 000021)"),
    ("r", "reasignar la seleccionada (supervisor)"),
    ("q", "salir (guarda la respuesta que se esté escribiendo)"),
];
/// What to do when the PQRS workspace's list is capped.
pub const PQRS_LIST_CAPPED: &str = "use los filtros (estado, tipo, área, vence) para ver las demás";
/// The keys of the PQRS answer editor.
pub const ANSWER_EDITOR_KEYS: &str =
    "Enter: nueva línea · Ctrl+S: guardar borrador · Esc: guardar y volver";
pub const WELCOME: &str = "Bienvenido(a)";
pub const NO_BRANCH: &str = "(sede sin configurar)";

/// Footer key hints: (keys, meaning).
pub const FOOTER_FORM: &[(&str, &str)] = &[
    ("Tab", "siguiente campo"),
    ("Enter", "aceptar"),
    ("Ctrl+C", "salir"),
];
pub const FOOTER_LOCK: &[(&str, &str)] = &[("PIN y Enter", "desbloquear")];
pub const FOOTER_SCROLL: &[(&str, &str)] = &[
    ("↑↓", "desplazar"),
    ("RePág AvPág", "página"),
    ("Esc", "cerrar"),
];
pub const FOOTER_RECEIPT: &[(&str, &str)] = &[
    ("p", "imprimir"),
    ("↑↓", "desplazar"),
    ("Enter/Esc", "cerrar"),
];
pub const FOOTER_CONFIRM: &[(&str, &str)] = &[("s", "sí"), ("n / Esc", "no")];
pub const FOOTER_PICKER: &[(&str, &str)] = &[
    ("escribir", "filtrar"),
    ("↑↓", "elegir"),
    ("Enter", "tomar"),
    ("Tab", "siguiente campo"),
    ("Esc", "cerrar"),
];
pub const FOOTER_PICKER_MULTI: &[(&str, &str)] = &[
    ("escribir", "filtrar"),
    ("↑↓", "elegir"),
    ("Espacio", "marcar"),
    ("Enter", "aceptar"),
    ("Esc", "cerrar"),
];
pub const FOOTER_TURNOS: &[(&str, &str)] = &[
    ("n", "llamar"),
    ("a", "atender"),
    ("f", "finalizar"),
    ("r", "rellamar"),
    ("t", "trasladar"),
    ("?", "más"),
];
pub const FOOTER_CLIENTE: &[(&str, &str)] = &[
    ("Enter", "abrir"),
    ("Ctrl+N", "nuevo"),
    ("Ctrl+E", "corregir"),
    ("Ctrl+A", "autorizar"),
    ("Ctrl+C", "salir"),
];
pub const FOOTER_PQRS: &[(&str, &str)] = &[
    ("Ctrl+N", "radicar"),
    ("Enter", "ver"),
    ("Ctrl+T", "mías/todas"),
    ("?", "ayuda"),
    ("Ctrl+C", "salir"),
];
pub const FOOTER_RATING: &[(&str, &str)] = &[
    ("1-5", "calificar"),
    ("s", "sin calificar"),
    ("c", "con comentario"),
    ("?", "ayuda"),
    ("Ctrl+C", "salir"),
];
pub const FOOTER_CALLS: &[(&str, &str)] = &[
    ("Ctrl+N", "registrar"),
    ("Enter", "cerrar derivada"),
    ("?", "ayuda"),
    ("Ctrl+C", "salir"),
];
pub const FOOTER_CONSOLE: &[(&str, &str)] = &[
    ("Tab", "panel"),
    ("F1-F5", "ir a panel"),
    ("Ctrl+L", "bloquear"),
    ("?", "ayuda"),
    ("q", "salir"),
];

/// Pane titles and the one line saying what each will hold.
pub fn pane(p: super::action::Pane) -> (&'static str, &'static str) {
    use super::action::Pane::*;
    match p {
        Turnos => (
            "F1 Turnos",
            "Aquí estará la fila de su ventanilla: llamar, rellamar, atender, trasladar y finalizar turnos.",
        ),
        Cliente => (
            "F2 Cliente",
            "Aquí buscará al cliente por documento o nombre, verá su afiliación, consentimiento e historial.",
        ),
        Pqrs => (
            "F3 Radicar PQRS",
            "Aquí radicará peticiones, quejas, reclamos y sugerencias con su fecha de vencimiento legal.",
        ),
        Calificacion => (
            "F4 Calificación",
            "Aquí el cliente calificará la atención de 1 a 5 al finalizar cada turno.",
        ),
        Llamadas => (
            "F5 Teléfono y chat",
            "Aquí registrará llamadas y chats, y cerrará los que le deriven.",
        ),
    }
}

const WEEKDAYS: [&str; 7] = [
    "lunes",
    "martes",
    "miércoles",
    "jueves",
    "viernes",
    "sábado",
    "domingo",
];
const MONTHS: [&str; 12] = [
    "ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic",
];

/// "lunes 23 nov 2026".
pub fn long_date(date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let weekday = WEEKDAYS[date.weekday().num_days_from_monday() as usize];
    let month = MONTHS[date.month0() as usize];
    format!("{weekday} {} {month} {}", date.day(), date.year())
}

/// After "200 primeros de 1.234 —" in the PQRS pane.
pub const PQRS_CAPPED: &str = "los de vencimiento más próximo";
/// After "20 primeros de 1.234 —" in the customer search.
pub const SEARCH_CAPPED: &str = "siga escribiendo";
