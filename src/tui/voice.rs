//! The waiting room's voice: each call announced in Spanish ("Turno E cero veintitrés,
//! ventanilla tres") by espeak-ng with a Latin-American voice, or by a configured command. The
//! announcements wait in a queue served by one thread, so they never overlap and the screen
//! never waits for them.

use std::sync::mpsc::{Receiver, Sender, channel};

/// How calls are spoken (`[display] voice`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Voice {
    /// Silent.
    Off,
    /// A program and its first arguments; the text is added as the last argument.
    Command(Vec<String>),
}

impl Voice {
    /// Parses the setting: `""` or `"no"` (silent), `"espeak-ng"` (the Latin-American Spanish
    /// voice), or any command line (`"/usr/local/bin/anunciar --rapido"`).
    pub fn parse(setting: &str) -> Voice {
        let s = setting.trim();
        match crate::domain::vocab::fold(s).as_str() {
            "" | "no" | "ninguna" | "none" => Voice::Off,
            "espeak-ng" | "espeak ng" | "espeak" => Voice::Command(
                ["espeak-ng", "-v", "es-419", "-s", "150"]
                    .map(String::from)
                    .to_vec(),
            ),
            _ => Voice::Command(s.split_whitespace().map(String::from).collect()),
        }
    }
}

/// The speaker: a queue and the thread that empties it.
pub struct Speaker {
    queue: Option<Sender<String>>,
    /// Why the room hears nothing, said once on the screen (the program could not be run).
    pub silent_because: std::sync::Arc<std::sync::Mutex<Option<String>>>,
}

impl Speaker {
    /// Starts speaking with `voice` (nothing is started when it is off).
    pub fn start(voice: Voice) -> Speaker {
        let silent_because = std::sync::Arc::new(std::sync::Mutex::new(None));
        let Voice::Command(command) = voice else {
            return Speaker {
                queue: None,
                silent_because,
            };
        };
        let (tx, rx) = channel::<String>();
        let why = silent_because.clone();
        std::thread::spawn(move || speak_all(&command, &rx, &why));
        Speaker {
            queue: Some(tx),
            silent_because,
        }
    }

    /// Queues `text`; returns at once.
    pub fn say(&self, text: String) {
        if let Some(q) = &self.queue {
            let _ = q.send(text);
        }
    }

    /// The reason the display is silent, if speaking failed.
    pub fn silence(&self) -> Option<String> {
        self.silent_because.lock().ok().and_then(|w| w.clone())
    }
}

fn speak_all(command: &[String], queue: &Receiver<String>, why: &std::sync::Mutex<Option<String>>) {
    let Some((program, args)) = command.split_first() else {
        return;
    };
    for text in queue {
        let run = std::process::Command::new(program)
            .args(args)
            .arg(&text)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status();
        let failure = match run {
            Ok(s) if s.success() => None,
            Ok(s) => Some(format!("«{program}» terminó con error ({s})")),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Some(format!(
                "no se encontró «{program}» (instale espeak-ng: apt-get install espeak-ng)"
            )),
            Err(e) => Some(format!("no se pudo ejecutar «{program}»: {e}")),
        };
        if let (Some(f), Ok(mut w)) = (failure, why.lock()) {
            w.get_or_insert(f);
        }
    }
}

const UNITS: [&str; 30] = [
    "cero",
    "uno",
    "dos",
    "tres",
    "cuatro",
    "cinco",
    "seis",
    "siete",
    "ocho",
    "nueve",
    "diez",
    "once",
    "doce",
    "trece",
    "catorce",
    "quince",
    "dieciséis",
    "diecisiete",
    "dieciocho",
    "diecinueve",
    "veinte",
    "veintiuno",
    "veintidós",
    "veintitrés",
    "veinticuatro",
    "veinticinco",
    "veintiséis",
    "veintisiete",
    "veintiocho",
    "veintinueve",
];
const TENS: [&str; 10] = [
    "",
    "",
    "",
    "treinta",
    "cuarenta",
    "cincuenta",
    "sesenta",
    "setenta",
    "ochenta",
    "noventa",
];
const HUNDREDS: [&str; 10] = [
    "",
    "ciento",
    "doscientos",
    "trescientos",
    "cuatrocientos",
    "quinientos",
    "seiscientos",
    "setecientos",
    "ochocientos",
    "novecientos",
];

/// `n` (0–9,999) in Spanish words: 23 → "veintitrés", 101 → "ciento uno", 1000 → "mil".
pub fn number_words(n: u32) -> String {
    match n {
        0..=29 => UNITS[n as usize].to_string(),
        30..=99 => {
            let (t, u) = (n / 10, n % 10);
            if u == 0 {
                TENS[t as usize].to_string()
            } else {
                format!("{} y {}", TENS[t as usize], UNITS[u as usize])
            }
        }
        100 => "cien".to_string(),
        101..=999 => {
            let (h, rest) = (n / 100, n % 100);
            if rest == 0 {
                HUNDREDS[h as usize].to_string()
            } else {
                format!("{} {}", HUNDREDS[h as usize], number_words(rest))
            }
        }
        _ => {
            let (th, rest) = (n / 1000, n % 1000);
            let head = if th == 1 {
                "mil".to_string()
            } else {
                format!("{} mil", number_words(th))
            };
            if rest == 0 {
                head
            } else {
                format!("{head} {}", number_words(rest))
            }
        }
    }
}

/// A turn label as it is read aloud: the service letter, each leading zero as "cero", then the
/// number ("E-023" → "E cero veintitrés").
pub fn spoken_label(label: &str) -> String {
    let (letters, digits) = label.split_once('-').unwrap_or(("", label));
    let zeros = digits.chars().take_while(|c| *c == '0').count();
    let number: Option<u32> = digits.parse().ok();
    let mut words: Vec<String> = Vec::new();
    if !letters.is_empty() {
        words.push(letters.to_string());
    }
    match number {
        Some(0) => words.push("cero".into()),
        Some(n) => {
            words.extend(std::iter::repeat_n("cero".to_string(), zeros));
            words.push(number_words(n));
        }
        None => words.push(digits.to_string()),
    }
    words.join(" ")
}

/// What is said for a call.
pub fn announcement(label: &str, window: u32) -> String {
    format!(
        "Turno {}, ventanilla {}",
        spoken_label(label),
        number_words(window)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_spanish() {
        let cases = [
            (0, "cero"),
            (7, "siete"),
            (16, "dieciséis"),
            (21, "veintiuno"),
            (23, "veintitrés"),
            (30, "treinta"),
            (45, "cuarenta y cinco"),
            (100, "cien"),
            (101, "ciento uno"),
            (230, "doscientos treinta"),
            (999, "novecientos noventa y nueve"),
            (1000, "mil"),
            (2024, "dos mil veinticuatro"),
        ];
        for (n, words) in cases {
            assert_eq!(number_words(n), words, "{n}");
        }
    }

    #[test]
    fn calls_as_the_room_hears_them() {
        assert_eq!(
            announcement("E-023", 3),
            "Turno E cero veintitrés, ventanilla tres"
        );
        assert_eq!(
            announcement("A-001", 12),
            "Turno A cero cero uno, ventanilla doce"
        );
        assert_eq!(announcement("R-100", 1), "Turno R cien, ventanilla uno");
        assert_eq!(announcement("P-000", 2), "Turno P cero, ventanilla dos");
    }

    #[test]
    fn settings() {
        assert_eq!(Voice::parse(""), Voice::Off);
        assert_eq!(Voice::parse("no"), Voice::Off);
        assert!(
            matches!(Voice::parse("espeak-ng"), Voice::Command(c) if c[..3] == ["espeak-ng", "-v", "es-419"])
        );
        assert_eq!(
            Voice::parse("/bin/anunciar --rapido"),
            Voice::Command(vec!["/bin/anunciar".into(), "--rapido".into()])
        );
    }
}
