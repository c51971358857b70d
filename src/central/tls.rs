//! TLS toward the central server: rustls with the system's certificate authorities and,
//! optionally, the organisation's own (`[central] ca_file`).

use crate::error::{Error, Result};
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;
use std::path::Path;
use std::sync::Arc;
use tokio_postgres_rustls::MakeRustlsConnect;

/// The connector: the system's authorities plus those in `ca_file`.
pub fn connector(ca_file: Option<&Path>) -> Result<MakeRustlsConnect> {
    let mut roots = rustls::RootCertStore::empty();
    // unreadable system certificates are skipped: the organisation's own CA may be all there is
    for cert in rustls_native_certs::load_native_certs().certs {
        let _ = roots.add(cert);
    }
    if let Some(path) = ca_file {
        let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(path)
            .and_then(|it| it.collect::<std::result::Result<_, _>>())
            .map_err(|e| {
                Error::Usage(format!(
                    "no se pudo leer la autoridad de certificados {} ([central] ca_file): {e}",
                    path.display()
                ))
            })?;
        if certs.is_empty() {
            return Err(Error::Usage(format!(
                "{} ([central] ca_file) no tiene certificados PEM",
                path.display()
            )));
        }
        for cert in certs {
            roots.add(cert).map_err(|e| {
                Error::Usage(format!(
                    "certificado no válido en {} ([central] ca_file): {e}",
                    path.display()
                ))
            })?;
        }
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::Usage(format!("TLS: {e}")))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(MakeRustlsConnect::new(config))
}
