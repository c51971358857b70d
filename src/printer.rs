//! Ticket printing on ESC/POS thermal printers: a device path (`/dev/usb/lp0`), a network
//! printer (`host:9100`), or `file:PATH` (appends the bytes; for tests and diagnosis).
//!
//! Text is encoded in code page 850 (selected with `ESC t 2`), which has every Spanish letter,
//! so "Educación", "Señora" and "¿" print correctly; other characters are transliterated
//! ("ő" → "o", "“" → "\"", "€" → "EUR") rather than printed as "?". Lines are wrapped at word
//! boundaries to the paper's width, never inside a radicado or a turn label, and a QR code
//! (ESC/POS `GS ( k`, model 2) can carry the radicado or the label.

use std::io::Write;
use std::net::{TcpStream, ToSocketAddrs};
use std::path::PathBuf;
use std::time::Duration;

/// Where tickets go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Screen only.
    None,
    /// A local device or any writable path.
    Device(PathBuf),
    /// A raw TCP printer (`host:port`).
    Network(String),
    /// Append the bytes to a file.
    File(PathBuf),
}

impl Target {
    /// Parses the `kiosk.printer` setting.
    pub fn parse(setting: &str) -> Target {
        let s = setting.trim();
        if s.is_empty() || s.eq_ignore_ascii_case("none") || s.eq_ignore_ascii_case("ninguna") {
            Target::None
        } else if let Some(path) = s.strip_prefix("file:") {
            Target::File(PathBuf::from(path))
        } else if s.starts_with('/') || s.starts_with('.') {
            Target::Device(PathBuf::from(s))
        } else {
            Target::Network(s.to_string())
        }
    }
}

/// The paper: characters per line, and whether to print QR codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paper {
    pub columns: usize,
    pub qr: bool,
}

impl Default for Paper {
    fn default() -> Self {
        Paper {
            columns: 48,
            qr: true,
        }
    }
}

/// What a turn ticket says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ticket {
    pub branch: String,
    pub service: String,
    pub label: String,
    /// Local date and time, already formatted (`23/11/2026 09:41`).
    pub when: String,
    pub ahead: u32,
    pub estimated_minutes: u32,
    pub preferential: Option<String>,
}

impl Ticket {
    /// The ticket of a turn just issued at `branch`, its time in the organisation's offset.
    pub fn of(
        issued: &crate::desk::turns::Issued,
        branch: &str,
        offset: chrono::FixedOffset,
    ) -> Ticket {
        Ticket {
            branch: branch.to_string(),
            service: issued.service_name.clone(),
            label: issued.label.clone(),
            when: crate::localtime::human_stamp(&issued.issued_at, offset),
            ahead: issued.ahead,
            estimated_minutes: issued.estimated_minutes,
            preferential: issued.preferential.map(|p| p.label().to_string()),
        }
    }
}

const ESC: u8 = 0x1b;
const GS: u8 = 0x1d;

/// `c` as code page 850 can print it: itself, its letter without the accent, or a plain
/// equivalent ("?" only when there is none).
fn printable(c: char) -> String {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;
    let table = &oem_cp::code_table::ENCODING_TABLE_CP850;
    let fits = |s: &str| oem_cp::encode_string_checked(s, table).is_some();
    let own = c.to_string();
    if fits(&own) {
        return own;
    }
    let bare: String = own.nfd().filter(|m| !is_combining_mark(*m)).collect();
    if !bare.is_empty() && fits(&bare) {
        return bare;
    }
    match c {
        '“' | '”' | '„' | '«' | '»' => "\"".into(),
        '‘' | '’' | '‚' | '′' => "'".into(),
        '–' | '—' | '‐' | '−' => "-".into(),
        '…' => "...".into(),
        '€' => "EUR".into(),
        'Ł' => "L".into(),
        'ł' => "l".into(),
        'Đ' => "D".into(),
        'đ' => "d".into(),
        'Œ' => "OE".into(),
        'œ' => "oe".into(),
        '•' | '·' => "*".into(),
        '\u{a0}' | '\u{2009}' | '\u{202f}' => " ".into(),
        _ => "?".into(),
    }
}

/// `s` transliterated to what code page 850 has.
pub fn transliterate(s: &str) -> String {
    s.chars().map(printable).collect()
}

/// Writes `s` wrapped to `columns` at spaces: words (a radicado, a turn label) are never split
/// unless one alone is wider than the paper.
fn text(out: &mut Vec<u8>, s: &str, columns: usize) {
    let plain = transliterate(s);
    let options = textwrap::Options::new(columns.max(8))
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .break_words(true);
    for line in textwrap::wrap(&plain, options) {
        out.extend(oem_cp::encode_string_lossy(
            &line,
            &oem_cp::code_table::ENCODING_TABLE_CP850,
        ));
        out.push(b'\n');
    }
}

/// The ESC/POS commands printing `data` as a QR code (model 2, error correction M, modules of
/// 6 dots), centred.
pub fn qr_bytes(data: &str) -> Vec<u8> {
    let data = data.as_bytes();
    let stored = data.len() + 3;
    let mut out = vec![ESC, b'a', 1];
    out.extend([GS, b'(', b'k', 4, 0, 49, 65, 50, 0]); // model 2
    out.extend([GS, b'(', b'k', 3, 0, 49, 67, 6]); // module size
    out.extend([GS, b'(', b'k', 3, 0, 49, 69, 49]); // error correction M
    out.extend([
        GS,
        b'(',
        b'k',
        (stored % 256) as u8,
        (stored / 256) as u8,
        49,
        80,
        48,
    ]);
    out.extend(data);
    out.extend([GS, b'(', b'k', 3, 0, 49, 81, 48]); // print it
    out
}

/// What a ticket (printed or on the kiosk) says of the wait: who goes before, and about how
/// long; "el siguiente" only when nobody goes first and a window is free.
pub fn wait_lines(ahead: u32, minutes: u32) -> [String; 2] {
    let before = match (ahead, minutes) {
        (0, 0) => "Usted es el siguiente".to_string(),
        (0, _) => "Nadie antes que usted; las ventanillas están ocupadas".to_string(),
        (1, _) => "1 persona antes que usted".to_string(),
        (n, _) => format!("{n} personas antes que usted"),
    };
    let wait = match minutes {
        0 => "Espera estimada: menos de un minuto".to_string(),
        m => format!("Espera estimada: aprox. {m} min"),
    };
    [before, wait]
}

/// The ESC/POS bytes of a ticket.
pub fn ticket_bytes(t: &Ticket, paper: Paper) -> Vec<u8> {
    let w = paper.columns;
    let mut out = vec![ESC, b'@', ESC, b't', 2, ESC, b'a', 1];
    out.extend([ESC, b'E', 1]);
    text(&mut out, &t.branch, w);
    out.extend([ESC, b'E', 0]);
    text(&mut out, &t.service, w);
    // Quadruple size: a quarter of the characters fit.
    out.extend([GS, b'!', 0x33]);
    text(&mut out, &t.label, w / 4);
    out.extend([GS, b'!', 0x00]);
    if let Some(p) = &t.preferential {
        text(&mut out, &format!("Atención preferencial: {p}"), w);
    }
    text(&mut out, &t.when, w);
    for line in wait_lines(t.ahead, t.estimated_minutes) {
        text(&mut out, &line, w);
    }
    if paper.qr {
        out.extend(qr_bytes(&t.label));
    }
    text(&mut out, "¡Gracias por su paciencia!", w);
    out.extend([ESC, b'd', 4, GS, b'V', 66, 0]);
    out
}

/// The ESC/POS bytes of a document: a bold centred title, left-aligned lines wrapped to the
/// paper, and a QR code of `code` (the radicado) when the paper prints them.
pub fn document_bytes(title: &str, lines: &[String], code: Option<&str>, paper: Paper) -> Vec<u8> {
    let w = paper.columns;
    let mut out = vec![ESC, b'@', ESC, b't', 2, ESC, b'a', 1, ESC, b'E', 1];
    text(&mut out, title, w);
    out.extend([ESC, b'E', 0, ESC, b'a', 0]);
    for line in lines {
        text(&mut out, line, w);
    }
    if let (true, Some(code)) = (paper.qr, code) {
        out.extend(qr_bytes(code));
    }
    out.extend([ESC, b'd', 4, GS, b'V', 66, 0]);
    out
}

/// Sends bytes to the printer. The error is a Spanish sentence for the kiosk screen.
pub fn send(target: &Target, bytes: &[u8]) -> Result<(), String> {
    let fail = |what: &str, e: std::io::Error| format!("no se pudo imprimir ({what}: {e})");
    match target {
        Target::None => Ok(()),
        Target::Device(path) => std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .and_then(|mut f| f.write_all(bytes).and_then(|()| f.flush()))
            .map_err(|e| fail(&path.display().to_string(), e)),
        Target::File(path) => crate::files::append_private(path, true)
            .and_then(|mut f| f.write_all(bytes))
            .map_err(|e| fail(&path.display().to_string(), e)),
        Target::Network(addr) => {
            let sock = addr
                .to_socket_addrs()
                .map_err(|e| fail(addr, e))?
                .next()
                .ok_or_else(|| format!("no se pudo imprimir: dirección «{addr}» inválida"))?;
            TcpStream::connect_timeout(&sock, Duration::from_secs(3))
                .and_then(|mut s| s.write_all(bytes).and_then(|()| s.flush()))
                .map_err(|e| fail(addr, e))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ticket() -> Ticket {
        Ticket {
            branch: "Sede Demostración Cali".into(),
            service: "Educación".into(),
            label: "E-023".into(),
            when: "23/11/2026 09:41".into(),
            ahead: 4,
            estimated_minutes: 12,
            preferential: Some("gestante".into()),
        }
    }

    fn contains(hay: &[u8], needle: &[u8]) -> bool {
        hay.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn accents_are_in_code_page_850() {
        let bytes = ticket_bytes(&ticket(), Paper::default());
        assert!(
            bytes.starts_with(&[ESC, b'@', ESC, b't', 2]),
            "init and code page 850"
        );
        // "Educación": ó is 0xA2 in CP850; "Demostración" likewise
        assert!(contains(&bytes, b"Educaci\xa2n\n"));
        assert!(contains(&bytes, b"Sede Demostraci\xa2n Cali\n"));
        assert!(contains(&bytes, b"\xadGracias")); // ¡
        assert!(contains(&bytes, b"E-023\n"));
        assert!(contains(&bytes, b"4 personas antes que usted\n"));
        assert!(
            !bytes.windows(2).any(|w| w == "ó".as_bytes()),
            "no UTF-8 left"
        );
        assert!(bytes.ends_with(&[GS, b'V', 66, 0]), "cut");
    }

    #[test]
    fn lines_wrap_at_words_and_never_split_a_radicado() {
        let lines =
            vec!["Consulte su solicitud con el radicado CALI-2026-000123 en la web.".to_string()];
        let narrow = Paper {
            columns: 32,
            qr: false,
        };
        let bytes = document_bytes("CONSTANCIA", &lines, Some("CALI-2026-000123"), narrow);
        assert!(contains(&bytes, b"Consulte su solicitud con el\n"));
        assert!(contains(&bytes, b"radicado CALI-2026-000123 en la\n"));
        assert!(!contains(&bytes, &[GS, b'(', b'k']), "no QR when off");
        let with_qr = document_bytes(
            "CONSTANCIA",
            &lines,
            Some("CALI-2026-000123"),
            Paper::default(),
        );
        let store = [GS, b'(', b'k', 19, 0, 49, 80, 48];
        assert!(
            contains(&with_qr, &store),
            "QR store command with its length"
        );
        assert!(contains(&with_qr, b"CALI-2026-000123"));
        assert!(
            contains(&with_qr, &[GS, b'(', b'k', 3, 0, 49, 81, 48]),
            "QR print"
        );
    }

    #[test]
    fn characters_outside_cp850_are_transliterated() {
        assert_eq!(
            transliterate("Gőmez “Ñoño” – 5€…"),
            "Gomez \"Ñoño\" - 5EUR..."
        );
        let bytes = ticket_bytes(
            &Ticket {
                branch: "Sede Łódź".into(),
                ..ticket()
            },
            Paper::default(),
        );
        assert!(
            contains(&bytes, b"Sede L\xa2dz\n"),
            "Ł by the table, ó in CP850, ź without accent: {:?}",
            String::from_utf8_lossy(&bytes)
        );
        let label = ticket_bytes(&ticket(), Paper::default());
        assert!(contains(
            &label,
            &[
                GS, b'(', b'k', 8, 0, 49, 80, 48, b'E', b'-', b'0', b'2', b'3'
            ]
        ));
    }

    #[test]
    fn targets_parse() {
        assert_eq!(Target::parse("none"), Target::None);
        assert_eq!(
            Target::parse("/dev/usb/lp0"),
            Target::Device("/dev/usb/lp0".into())
        );
        assert_eq!(
            Target::parse("192.168.1.50:9100"),
            Target::Network("192.168.1.50:9100".into())
        );
        assert_eq!(
            Target::parse("file:/tmp/t.bin"),
            Target::File("/tmp/t.bin".into())
        );
    }

    #[test]
    fn file_target_appends_and_failures_are_spanish() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("t.bin");
        let target = Target::File(path.clone());
        send(&target, b"uno").unwrap();
        send(&target, b"dos").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"unodos");
        let err = send(&Target::Device(dir.path().join("no/existe")), b"x").unwrap_err();
        assert!(err.starts_with("no se pudo imprimir"), "{err}");
    }

    #[test]
    fn network_target_sends_to_a_listener() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap().to_string();
        let reader = std::thread::spawn(move || {
            let (mut s, _) = listener.accept().unwrap();
            let mut buf = Vec::new();
            std::io::Read::read_to_end(&mut s, &mut buf).unwrap();
            buf
        });
        send(&Target::Network(addr), b"hola").unwrap();
        assert_eq!(reader.join().unwrap(), b"hola");
    }
}
