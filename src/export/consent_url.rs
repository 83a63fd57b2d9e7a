//! The admin consent URL of the Microsoft identity platform (v2.0 endpoint).

use super::{ExportError, ExportOptions, app_id_or_placeholder};
use crate::catalog::{AuthMode, Permission, PermissionType};
use crate::scope::{Style, build};
use std::fmt::Write;

/// `https://{login host}/{tenant}/v2.0/adminconsent?client_id=…&scope=…&redirect_uri=…&state=…`
/// (no `state` when none is given); the login host is the cloud's. Fails
/// without a redirect URI, which Microsoft's endpoint requires.
///
/// The scope is `<Graph host>/.default` in Application mode (consent to
/// every permission of the app registration, so the registration comes
/// first; a note says so) and the rows' qualified names (OpenID scopes bare)
/// in Delegated mode, exactly as [`build`] writes them for the cloud. A
/// `common` tenant gets a note: an admin consents for one tenant.
pub(super) fn render(
    rows: &[&Permission],
    mode: AuthMode,
    options: &ExportOptions,
    notes: &mut Vec<String>,
) -> Result<String, ExportError> {
    let redirect_uri = options.redirect_uri.as_deref().ok_or(ExportError::NoRedirectUri)?;
    let scope = match mode {
        PermissionType::Application => {
            notes.push(
                "note: Application mode consents to /.default, what the app has registered: register the permissions first (manifest, az or powershell export)".into(),
            );
            build(&[], mode, Style::Default, options.cloud).scope
        }
        PermissionType::Delegated => {
            build(rows, PermissionType::Delegated, Style::Qualified, options.cloud).scope
        }
    };
    if options.tenant.eq_ignore_ascii_case("common") {
        notes.push(
            "warning: --tenant common lets any tenant's admin consent: use organizations or the customer's domain or tenant ID".into(),
        );
    }
    let client_id = match options.app_id.as_deref() {
        Some(id) => encode(id),
        None => app_id_or_placeholder(options).to_string(),
    };
    let mut url = format!(
        "https://{}/{}/v2.0/adminconsent?client_id={client_id}&scope={}&redirect_uri={}",
        options.cloud.login_host(),
        encode(&options.tenant),
        encode(&scope),
        encode(redirect_uri)
    );
    if let Some(state) = &options.state {
        url.push_str("&state=");
        url.push_str(&encode(state));
    }
    Ok(url)
}

/// 32 hex digits from the standard library's randomly seeded hasher: an
/// unguessable `state` for one consent URL (a request marker, not a secret).
pub fn random_state() -> String {
    use std::hash::{BuildHasher, RandomState};
    let half = || RandomState::new().hash_one(std::time::SystemTime::now());
    format!("{:016x}{:016x}", half(), half())
}

/// Percent-encodes every byte except the RFC 3986 unreserved characters
/// (`A-Z a-z 0-9 - . _ ~`); a space becomes `%20`.
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            write!(out, "%{byte:02X}").expect("writing to a String never fails");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::encode;

    #[test]
    fn only_unreserved_characters_stay() {
        assert_eq!(encode("aZ09-._~"), "aZ09-._~");
        assert_eq!(encode("https://x/a b"), "https%3A%2F%2Fx%2Fa%20b");
        assert_eq!(encode("ü<>"), "%C3%BC%3C%3E");
    }
}
