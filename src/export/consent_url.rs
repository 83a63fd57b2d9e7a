//! The admin consent URL of the Microsoft identity platform (v2.0 endpoint).

use super::ExportOptions;
use crate::catalog::{AuthMode, Permission, PermissionType};
use crate::scope::{Style, build};
use std::fmt::Write;

/// Placeholder for `client_id` when none is given; kept unencoded so it stands out.
const CLIENT_ID_PLACEHOLDER: &str = "<CLIENT_ID>";

/// `https://{login host}/{tenant}/v2.0/adminconsent?client_id=…&scope=…`
/// plus `&redirect_uri=…` when one is given; the login host is the cloud's.
///
/// The scope is `<Graph host>/.default` in Application mode (consent to
/// every permission of the app registration) and the rows' qualified names
/// (OpenID scopes bare) in Delegated mode, exactly as [`build`] writes them
/// for the cloud.
pub(super) fn render(rows: &[&Permission], mode: AuthMode, options: &ExportOptions) -> String {
    let scope = match mode {
        PermissionType::Application => build(&[], mode, Style::Default, options.cloud).scope,
        PermissionType::Delegated => {
            build(rows, PermissionType::Delegated, Style::Qualified, options.cloud).scope
        }
    };
    let client_id = options.client_id.as_deref().map_or(CLIENT_ID_PLACEHOLDER.into(), encode);
    let mut url = format!(
        "https://{}/{}/v2.0/adminconsent?client_id={client_id}&scope={}",
        options.cloud.login_host(),
        encode(&options.tenant),
        encode(&scope)
    );
    if let Some(redirect_uri) = &options.redirect_uri {
        url.push_str("&redirect_uri=");
        url.push_str(&encode(redirect_uri));
    }
    url
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
