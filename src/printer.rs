//! Ticket printing on ESC/POS thermal printers: a device path (`/dev/usb/lp0`), a network
//! printer (`host:9100`), or `file:PATH` (appends the bytes; for tests and diagnosis).
//!
//! Text is encoded in code page 850 (selected with `ESC t 2`), which has every Spanish letter,
//! so "Educación", "Señora" and "¿" print correctly.

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

const ESC: u8 = 0x1b;
const GS: u8 = 0x1d;

fn text(out: &mut Vec<u8>, s: &str) {
    out.extend(oem_cp::encode_string_lossy(
        s,
        &oem_cp::code_table::ENCODING_TABLE_CP850,
    ));
    out.push(b'\n');
}

/// The ESC/POS bytes of a ticket.
pub fn ticket_bytes(t: &Ticket) -> Vec<u8> {
    let mut out = vec![ESC, b'@', ESC, b't', 2, ESC, b'a', 1];
    out.extend([ESC, b'E', 1]);
    text(&mut out, &t.branch);
    out.extend([ESC, b'E', 0]);
    text(&mut out, &t.service);
    out.extend([GS, b'!', 0x33]);
    text(&mut out, &t.label);
    out.extend([GS, b'!', 0x00]);
    if let Some(p) = &t.preferential {
        text(&mut out, &format!("Atención preferencial: {p}"));
    }
    text(&mut out, &t.when);
    let ahead = match t.ahead {
        0 => "Usted es el siguiente".to_string(),
        1 => "1 persona antes que usted".to_string(),
        n => format!("{n} personas antes que usted"),
    };
    text(&mut out, &ahead);
    text(
        &mut out,
        &format!("Espera estimada: {} min", t.estimated_minutes),
    );
    text(&mut out, "¡Gracias por su paciencia!");
    out.extend([ESC, b'd', 4, GS, b'V', 66, 0]);
    out
}

/// The ESC/POS bytes of a document: a bold centred title, then left-aligned lines.
pub fn document_bytes(title: &str, lines: &[String]) -> Vec<u8> {
    let mut out = vec![ESC, b'@', ESC, b't', 2, ESC, b'a', 1, ESC, b'E', 1];
    text(&mut out, title);
    out.extend([ESC, b'E', 0, ESC, b'a', 0]);
    for line in lines {
        text(&mut out, line);
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
        let bytes = ticket_bytes(&ticket());
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
