//! Who files a PQRS: a registered customer, a person given by name and contact (no customer
//! record), or nobody where anonymity is allowed; and the sender of web and e-mail filings.

use super::filing::Filing;
use super::*;

/// A requester without a customer record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    /// A phone, e-mail or address to answer them.
    pub contact: String,
}

/// Checks who files: a registered customer, a person by name and contact, or nobody where
/// anonymity is allowed; and the sender's address of web and e-mail filings.
pub(super) fn check_requester(config: &Config, f: &Filing) -> std::result::Result<(), String> {
    match (&f.document, &f.person) {
        (Some(_), Some(_)) => {
            return Err("documento: dé el documento de un cliente registrado o el nombre y el                  contacto de quien no lo es, no ambos"
                .into());
        }
        (None, Some(p)) if p.name.trim().is_empty() => {
            return Err("nombre: escriba el nombre del peticionario".into());
        }
        (None, Some(p)) if p.contact.trim().is_empty() => {
            return Err(
                "contacto: escriba un teléfono, correo o dirección para responderle".into(),
            );
        }
        (None, None) if !config.pqrs.allows_anonymous(f.kind) => {
            return Err(format!(
                "documento: una {} no se radica anónima; dé el documento de un cliente                  registrado, o el nombre y un contacto (sin registro de cliente)",
                f.kind.label().to_lowercase()
            ));
        }
        _ => {}
    }
    let sender = f.sender.trim();
    if !sender.is_empty() {
        if !matches!(f.channel, Channel::Web | Channel::Correo) {
            return Err(format!(
                "remitente: solo para los canales web y correo electrónico (el canal es {})",
                f.channel.label().to_lowercase()
            ));
        }
        if !sender.contains('@') || sender.contains(char::is_whitespace) {
            return Err(format!(
                "remitente: «{sender}» no es una dirección de correo"
            ));
        }
    }
    Ok(())
}
