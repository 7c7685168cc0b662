//! TLS to the server, as libpq's `sslmode` asks for it, with rustls (no OpenSSL to build or
//! install).
//!
//! - `disable`: plain TCP.
//! - `prefer` (the default) and `require`: encrypted when the server offers it (`require`:
//!   only then), the certificate not checked — what libpq does for these modes, so that
//!   addresses that work with psql work here.
//! - `verify-ca` and `verify-full`: encrypted and the certificate checked, with the server's
//!   name, against `sslrootcert=FILE` (PEM) or else the Mozilla roots built in. Both modes
//!   check the name; rustls has no check of the chain alone.

use super::StoreError;
use ::postgres::config::SslMode;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature, CryptoProvider};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme};
use std::sync::Arc;
pub use tokio_postgres_rustls::MakeRustlsConnect;

/// The connection settings and the TLS connector an address asks for.
pub fn config_and_tls(url: &str) -> Result<(::postgres::Config, MakeRustlsConnect), StoreError> {
    let (url, verify, root_cert) = take_tls_options(url)?;
    let mut cfg = super::parse_config(&url)?;
    if verify {
        cfg.ssl_mode(SslMode::Require);
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| StoreError::Location(format!("TLS set-up: {e}")))?;
    let config = if verify {
        let mut roots = RootCertStore::empty();
        match &root_cert {
            Some(path) => {
                let certs = CertificateDer::pem_file_iter(path)
                    .and_then(|it| it.collect::<Result<Vec<_>, _>>())
                    .map_err(|e| StoreError::Location(format!("sslrootcert {path}: {e}")))?;
                let (added, _) = roots.add_parsable_certificates(certs);
                if added == 0 {
                    return Err(StoreError::Location(format!(
                        "sslrootcert {path}: no certificate in it"
                    )));
                }
            }
            None => roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned()),
        }
        builder.with_root_certificates(roots).with_no_client_auth()
    } else {
        builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(EncryptOnly(provider)))
            .with_no_client_auth()
    };
    Ok((cfg, MakeRustlsConnect::new(config)))
}

/// Whether `e` came from the TLS handshake (a certificate refused, no common protocol).
pub fn is_tls_error(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut next = Some(e);
    while let Some(err) = next {
        if err.is::<rustls::Error>()
            || err
                .downcast_ref::<std::io::Error>()
                .and_then(|io| io.get_ref())
                .is_some_and(|inner| inner.is::<rustls::Error>())
        {
            return true;
        }
        next = err.source();
    }
    false
}

/// Takes out of the address what the driver does not know: `sslmode=verify-ca|verify-full`
/// (returned as "verify") and `sslrootcert`. Returns the rest of the address.
fn take_tls_options(url: &str) -> Result<(String, bool, Option<String>), StoreError> {
    let Some((base, query)) = url.split_once('?') else {
        return Ok((url.to_owned(), false, None));
    };
    let mut verify = false;
    let mut root_cert = None;
    let mut kept = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        match (key, value) {
            ("sslmode", "verify-ca" | "verify-full") => verify = true,
            ("sslrootcert", v) => root_cert = Some(percent_decode(v)?),
            _ => kept.push(pair),
        }
    }
    let url = if kept.is_empty() {
        base.to_owned()
    } else {
        format!("{base}?{}", kept.join("&"))
    };
    if root_cert.is_some() && !verify {
        return Err(StoreError::Location(
            "sslrootcert needs sslmode=verify-full (or verify-ca): other modes do not check \
             the certificate"
                .into(),
        ));
    }
    Ok((url, verify, root_cert))
}

fn percent_decode(s: &str) -> Result<String, StoreError> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or_else(|| StoreError::Location(format!("bad %-escape in {s:?}")))?;
            out.push(hex);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| StoreError::Location(format!("{s:?} is not UTF-8")))
}

/// Encryption without a check of who is at the other end: libpq's `prefer` and `require`.
/// The handshake signatures are still verified, so the session keys belong to the
/// certificate's key.
#[derive(Debug)]
struct EncryptOnly(Arc<CryptoProvider>);

impl ServerCertVerifier for EncryptOnly {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn libpq_tls_options_are_taken_out_of_the_address() {
        let (url, verify, root) = take_tls_options(
            "postgres://u@h/db?sslmode=verify-full&sslrootcert=%2Ftmp%2Fca.pem&connect_timeout=5",
        )
        .unwrap();
        assert_eq!(url, "postgres://u@h/db?connect_timeout=5");
        assert!(verify);
        assert_eq!(root.as_deref(), Some("/tmp/ca.pem"));
        let (url, verify, root) = take_tls_options("postgres://u@h/db?sslmode=require").unwrap();
        assert_eq!(url, "postgres://u@h/db?sslmode=require");
        assert!(!verify && root.is_none());
        assert!(take_tls_options("postgres://u@h/db?sslrootcert=ca.pem").is_err());
        assert_eq!(
            take_tls_options("postgres://u@h/db").unwrap().0,
            "postgres://u@h/db"
        );
    }
}
