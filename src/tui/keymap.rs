//! Keys become actions here, and only here: (where the focus is, key) → [`Action`].

use super::action::{Action, CallKey, LookupKey, Pane, PqrsKey, RateKey, TurnKey};
use super::widgets::list::step_for;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Who receives keys right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// A form (setup, login, unlock): printable keys type into the focused field.
    Form,
    /// A form whose focused field is a picker: typing filters, arrows move the highlight;
    /// `multi`: Space marks several.
    Picker { multi: bool },
    /// The advisor's console with this pane focused.
    Console(Pane),
    /// The help overlay.
    Help,
    /// A document shown over the console (constancia, a PQRS's history).
    Document,
    /// The "quit?" question.
    ConfirmQuit,
    /// A yes/no question before an action that cannot be undone.
    Confirm,
}

impl Focus {
    /// A form focus becomes a picker focus when the form's focused field is a picker.
    pub fn picking(self, form: Option<&crate::tui::form::Form>) -> Focus {
        let field = form.and_then(|f| f.fields.get(f.focus));
        match (self, field) {
            (Focus::Form, Some(f)) if !f.options.is_empty() => Focus::Picker {
                multi: f.pick.multi,
            },
            _ => self,
        }
    }
}

/// Maps a key in a focus context to an action.
pub fn map(focus: Focus, key: KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && key.code == KeyCode::Char('c') {
        return Some(if focus == Focus::ConfirmQuit {
            Action::ConfirmQuit
        } else {
            Action::Quit
        });
    }
    match focus {
        Focus::Form => form(key),
        Focus::Picker { multi } => picker(key, multi).or_else(|| form(key)),
        Focus::Console(Pane::Turnos) => turns(key).or_else(|| console(key, ctrl)),
        Focus::Console(Pane::Cliente) => lookup(key, ctrl).or_else(|| console(key, ctrl)),
        Focus::Console(Pane::Pqrs) => pqrs(key, ctrl).or_else(|| console(key, ctrl)),
        Focus::Console(Pane::Calificacion) => rate(key, ctrl).or_else(|| console(key, ctrl)),
        Focus::Console(Pane::Llamadas) => calls(key, ctrl).or_else(|| console(key, ctrl)),
        Focus::Document => match key.code {
            KeyCode::Esc | KeyCode::Char('q') | KeyCode::Enter => Some(Action::CloseOverlay),
            KeyCode::Char('p') => Some(Action::Pqrs(PqrsKey::Print)),
            _ => step_for(key).map(Action::Scroll),
        },
        Focus::Help => match key.code {
            KeyCode::Esc | KeyCode::Char('?') | KeyCode::Char('q') | KeyCode::Enter => {
                Some(Action::CloseOverlay)
            }
            _ => step_for(key).map(Action::Scroll),
        },
        Focus::Confirm => match key.code {
            KeyCode::Char('s') | KeyCode::Char('S') => Some(Action::Confirm),
            KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc => Some(Action::CloseOverlay),
            _ => None,
        },
        Focus::ConfirmQuit => match key.code {
            KeyCode::Char('s') | KeyCode::Char('S') => Some(Action::ConfirmQuit),
            KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc => Some(Action::CloseOverlay),
            _ => None,
        },
    }
}

/// The answer to "¿Descartar lo escrito?" (the console's question keys): `Some(true)` to
/// discard (s), `Some(false)` to keep the form (n, Esc), `None` for any other key.
pub fn discard_answer(key: KeyEvent) -> Option<bool> {
    match map(Focus::Confirm, key)? {
        Action::Confirm => Some(true),
        Action::CloseOverlay => Some(false),
        _ => None,
    }
}

fn form(key: KeyEvent) -> Option<Action> {
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        match key.code {
            KeyCode::Char('l') => return Some(Action::Lock),
            KeyCode::Char('o') => return Some(Action::SubmitAnother),
            _ => {}
        }
    }
    match key.code {
        KeyCode::Enter if key.modifiers.contains(KeyModifiers::ALT) => Some(Action::Edit(key)),
        KeyCode::Enter => Some(Action::Submit),
        KeyCode::Esc => Some(Action::CloseOverlay),
        KeyCode::Tab | KeyCode::Down => Some(Action::NextField),
        KeyCode::BackTab | KeyCode::Up => Some(Action::PrevField),
        KeyCode::Char(_)
        | KeyCode::Backspace
        | KeyCode::Delete
        | KeyCode::Left
        | KeyCode::Right
        | KeyCode::Home
        | KeyCode::End => Some(Action::Edit(key)),
        _ => None,
    }
}

/// A picker field: the list's keys move the highlight, Space marks in a multi-select.
fn picker(key: KeyEvent, multi: bool) -> Option<Action> {
    if key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    {
        return None;
    }
    match key.code {
        KeyCode::Char(' ') if multi => Some(Action::PickToggle),
        KeyCode::Home | KeyCode::End => None,
        _ => step_for(key).map(Action::Pick),
    }
}

fn turns(key: KeyEvent) -> Option<Action> {
    if let Some(step) = step_for(key) {
        return Some(Action::Turn(TurnKey::Move(step)));
    }
    let c = match key.code {
        KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => c,
        _ => return None,
    };
    let t = match c {
        'n' => TurnKey::CallNext,
        'r' => TurnKey::Recall,
        'a' => TurnKey::Start,
        'f' => TurnKey::Finish,
        'p' => TurnKey::Park,
        'u' => TurnKey::Resume,
        'x' => TurnKey::NoShow,
        'c' => TurnKey::Cancel,
        't' => TurnKey::Transfer,
        'm' => TurnKey::Manual,
        'g' => TurnKey::Record,
        'l' => TurnKey::CallChosen,
        'v' => TurnKey::Requeue,
        'z' => TurnKey::Away,
        _ => return None,
    };
    Some(Action::Turn(t))
}

/// The Cliente pane: printable keys type into the search.
fn lookup(key: KeyEvent, ctrl: bool) -> Option<Action> {
    if let Some(step) = step_for(key) {
        return Some(Action::Lookup(LookupKey::Move(step)));
    }
    let k = match key.code {
        KeyCode::Char('n') if ctrl => LookupKey::New,
        KeyCode::Char('a') if ctrl => LookupKey::Consent,
        KeyCode::Char('e') if ctrl => LookupKey::Edit,
        KeyCode::Char(_) if !ctrl => LookupKey::Type(key),
        KeyCode::Backspace => LookupKey::Type(key),
        KeyCode::Enter => LookupKey::Open,
        KeyCode::Esc => LookupKey::Clear,
        _ => return None,
    };
    Some(Action::Lookup(k))
}

/// The Calificación pane.
fn rate(key: KeyEvent, ctrl: bool) -> Option<Action> {
    let k = match key.code {
        KeyCode::Char(c @ '1'..='5') if !ctrl => RateKey::Score(c as u8 - b'0'),
        KeyCode::Char('s') if !ctrl => RateKey::Skip,
        KeyCode::Char('c') if !ctrl => RateKey::WithComment,
        _ => return None,
    };
    Some(Action::Rate(k))
}

/// The phone and chat pane.
fn calls(key: KeyEvent, ctrl: bool) -> Option<Action> {
    if let Some(step) = step_for(key) {
        return Some(Action::Call(CallKey::Move(step)));
    }
    let k = match key.code {
        KeyCode::Char('n') if ctrl => CallKey::New,
        KeyCode::Enter => CallKey::Close,
        _ => return None,
    };
    Some(Action::Call(k))
}

/// The PQRS pane.
fn pqrs(key: KeyEvent, ctrl: bool) -> Option<Action> {
    if let Some(step) = step_for(key) {
        return Some(Action::Pqrs(PqrsKey::Move(step)));
    }
    let k = match key.code {
        KeyCode::Char('n') if ctrl => PqrsKey::New,
        KeyCode::Char('t') if ctrl => PqrsKey::ToggleAll,
        KeyCode::Enter => PqrsKey::Open,
        _ => return None,
    };
    Some(Action::Pqrs(k))
}

fn console(key: KeyEvent, ctrl: bool) -> Option<Action> {
    match key.code {
        KeyCode::Char('l') if ctrl => Some(Action::Lock),
        KeyCode::Tab => Some(Action::FocusNext),
        KeyCode::BackTab => Some(Action::FocusPrev),
        KeyCode::F(n @ 1..=5) => Some(Action::Focus(Pane::BY_FKEY[usize::from(n - 1)])),
        KeyCode::Char('?') => Some(Action::OpenHelp),
        KeyCode::F(12) => Some(Action::OpenMessages),
        KeyCode::Char('q') => Some(Action::Quit),
        _ => None,
    }
}

/// One help entry: keys and what they do.
pub type HelpLine = (&'static str, &'static str);

/// Every key, by context, for the help overlay (kept next to the mapping it describes).
pub const HELP: [(&str, &[HelpLine]); 9] = [
    (
        "Consola",
        &[
            ("Tab / Mayús+Tab", "panel siguiente / anterior"),
            ("F1 … F5", "Turnos, Cliente, PQRS, Calificación, Teléfono"),
            ("Ctrl+L", "bloquear la consola ahora"),
            ("?", "esta ayuda (↑ ↓ RePág AvPág la desplazan)"),
            ("F12", "los últimos mensajes de la línea de estado"),
            (
                "↑ ↓ RePág AvPág Inicio Fin",
                "mover la selección de una lista",
            ),
            ("q / Ctrl+C", "salir"),
        ],
    ),
    (
        "Turnos (F1)",
        &[
            ("n", "llamar el siguiente turno"),
            ("r / a / f", "rellamar / atender / finalizar"),
            (
                "p / u",
                "pausar (libera la ventanilla) / reanudar el elegido",
            ),
            (
                "↑ ↓ / l",
                "elegir un turno / llamarlo fuera de orden (motivo)",
            ),
            ("v", "devolver a la fila un turno no presentado"),
            ("z", "ausentarse con un motivo (almuerzo...) / volver"),
            ("g", "registrar la atención del turno finalizado"),
            ("x / c", "no se presentó / cancelar"),
            (
                "t / m",
                "trasladar a otro servicio / ficha manual (contingencia)",
            ),
        ],
    ),
    (
        "Cliente (F2)",
        &[
            (
                "escribir",
                "buscar por documento o nombre (sin tildes ni mayúsculas)",
            ),
            ("↑ ↓ / Enter", "elegir / abrir la ficha del cliente"),
            ("Ctrl+N", "registrar un cliente nuevo"),
            ("Ctrl+E", "corregir los datos del cliente abierto"),
            (
                "Ctrl+A",
                "registrar la autorización de datos del cliente abierto",
            ),
            ("Esc", "limpiar la búsqueda"),
        ],
    ),
    (
        "Radicar PQRS (F3)",
        &[
            ("Ctrl+N", "radicar una PQRS (con el cliente abierto)"),
            ("↑ ↓ / Enter", "elegir / ver la PQRS con su historia"),
            ("Ctrl+T", "ver las mías o todas las de la sede"),
            ("p", "imprimir la constancia de radicación"),
            ("Alt+Enter", "nueva línea en la descripción"),
        ],
    ),
    (
        "Calificación (F4)",
        &[
            (
                "1 … 5",
                "la calificación que da el cliente al turno recién finalizado",
            ),
            (
                "s",
                "el cliente no quiso calificar (queda como sin calificar)",
            ),
            ("c", "calificación con un comentario"),
        ],
    ),
    (
        "Teléfono y chat (F5)",
        &[
            (
                "Ctrl+N",
                "registrar una llamada o chat: resolverla o derivarla por tema",
            ),
            (
                "↑ ↓ / Enter",
                "elegir / cerrar una derivada a usted (resultado)",
            ),
        ],
    ),
    (
        "Formularios",
        &[
            ("Tab / ↓", "campo siguiente"),
            ("Mayús+Tab / ↑", "campo anterior"),
            ("Enter", "aceptar"),
            ("Ctrl+O", "guardar el registro y anotar otro trámite"),
            ("Esc", "cerrar el formulario emergente"),
            ("Ctrl+L", "bloquear (el formulario se conserva)"),
            ("Ctrl+C", "salir (pregunta si hay datos sin guardar)"),
        ],
    ),
    ("Ayuda", &[("Esc / ? / q", "cerrar esta ayuda")]),
    (
        "Pregunta de salida",
        &[("s", "sí, salir"), ("n / Esc", "no, seguir aquí")],
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn console_keys() {
        let f = Focus::Console(Pane::Turnos);
        assert_eq!(map(f, key(KeyCode::F(3))), Some(Action::Focus(Pane::Pqrs)));
        assert_eq!(map(f, key(KeyCode::Tab)), Some(Action::FocusNext));
        assert_eq!(map(f, key(KeyCode::Char('?'))), Some(Action::OpenHelp));
        assert_eq!(map(f, key(KeyCode::Char('k'))), None);
        assert_eq!(
            map(f, key(KeyCode::Char('n'))),
            Some(Action::Turn(TurnKey::CallNext))
        );
        // Ctrl+L locks from the Turnos pane; it is not `l` (call a chosen turn)
        assert_eq!(
            map(f, KeyEvent::new(KeyCode::Char('l'), KeyModifiers::CONTROL)),
            Some(Action::Lock)
        );
        // turn keys only act in the Turnos pane; in Cliente letters type into the search
        assert_eq!(
            map(Focus::Console(Pane::Pqrs), key(KeyCode::Char('n'))),
            None
        );
        let n = key(KeyCode::Char('n'));
        assert_eq!(
            map(Focus::Console(Pane::Cliente), n),
            Some(Action::Lookup(LookupKey::Type(n)))
        );
        assert_eq!(
            map(Focus::Console(Pane::Cliente), key(KeyCode::Char('q'))).map(|a| a == Action::Quit),
            Some(false)
        );
    }

    #[test]
    fn typing_q_in_a_form_types_it() {
        let q = key(KeyCode::Char('q'));
        assert_eq!(map(Focus::Form, q), Some(Action::Edit(q)));
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(map(Focus::Form, ctrl_c), Some(Action::Quit));
        assert_eq!(map(Focus::ConfirmQuit, ctrl_c), Some(Action::ConfirmQuit));
    }

    #[test]
    fn pane_cycle_wraps() {
        assert_eq!(Pane::Turnos.cycle(-1), Pane::Calificacion);
        assert_eq!(Pane::Calificacion.cycle(1), Pane::Turnos);
    }
}
