//! Attachments: what a file is attached to, its type by name, its size against the limit and
//! its SHA-256. Pure: bytes and numbers in, decisions out.

use crate::closed_set;
use sha2::{Digest, Sha256};

closed_set! {
    /// What a file is attached to.
    pub enum Owner: "adjunto de" {
        Pqrs = "pqrs", "PQRS", ["radicado"];
        Consent = "autorizacion", "autorización de datos",
            ["consentimiento", "autorizacion de datos", "consent"];
        Attention = "atencion", "atención", ["caso", "attention"];
    }
}

/// SHA-256 of `bytes`, in lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The media type of a file by its name's extension (`application/octet-stream` if unknown).
pub fn media_type(name: &str) -> &'static str {
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "pdf" => "application/pdf",
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "tif" | "tiff" => "image/tiff",
        "txt" => "text/plain",
        "csv" => "text/csv",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "mp3" => "audio/mpeg",
        "ogg" | "opus" => "audio/ogg",
        "m4a" => "audio/mp4",
        "mp4" => "video/mp4",
        "eml" => "message/rfc822",
        _ => "application/octet-stream",
    }
}

/// A size for people: `850 B`, `12,4 KB`, `3,2 MB` (decimal comma, 1 KB = 1024 B).
pub fn human_size(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    let (value, unit) = if b < KB {
        return format!("{bytes} B");
    } else if b < KB * KB {
        (b / KB, "KB")
    } else {
        (b / KB / KB, "MB")
    };
    format!("{value:.1} {unit}").replace('.', ",")
}

/// Refuses a file of `size` bytes over `limit` bytes, naming both.
pub fn check_size(name: &str, size: u64, limit: u64) -> Result<(), String> {
    if size > limit {
        return Err(format!(
            "archivo: {name} pesa {} y el límite es {} (files.attachment_max_kb en la \
             configuración); redúzcalo o escanéelo con menos resolución",
            human_size(size),
            human_size(limit)
        ));
    }
    if size == 0 {
        return Err(format!("archivo: {name} está vacío"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_types_and_hashes() {
        assert_eq!(human_size(850), "850 B");
        assert_eq!(human_size(12_700), "12,4 KB");
        assert_eq!(human_size(3 * 1024 * 1024), "3,0 MB");
        assert_eq!(media_type("Escaneo.PDF"), "application/pdf");
        assert_eq!(media_type("captura"), "application/octet-stream");
        let refused = check_size("a.pdf", 2048, 1024).unwrap_err();
        assert!(
            refused.contains("2,0 KB") && refused.contains("1,0 KB"),
            "{refused}"
        );
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
