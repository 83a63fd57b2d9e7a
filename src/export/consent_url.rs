//! The admin consent URLs of the Microsoft identity platform (v2.0
//! endpoint): one per resource, since one URL asks for one resource's
//! permissions (Microsoft Graph; Exchange Online for the mail protocols).
//! A row no URL can carry is named on stderr, never dropped in silence.

use super::{ExportError, ExportOptions, app_id_or_placeholder, granted_on};
use crate::catalog::{AuthMode, Permission, PermissionType, Resource};
use crate::choice::Choice;
use crate::scope::{ScopeForm, build};
use std::fmt::Write;

/// The URLs, one per line, and how many rows were left out of every URL.
pub(super) struct ConsentUrls {
    pub text: String,
    pub left_out: usize,
}

/// `https://{login host}/{tenant}/v2.0/adminconsent?client_id=…&scope=…&redirect_uri=…&state=…`
/// for each resource with rows of `mode` (no `state` when none is given);
/// the login host is the cloud's. Fails without a redirect URI, which
/// Microsoft's endpoint requires.
///
/// The scope is `<resource host>/.default` in Application mode (consent to
/// every permission the app registered for that resource, so the
/// registration comes first; a note says so) and the rows' qualified names
/// (OpenID scopes bare, with Graph) in Delegated mode, exactly as [`build`]
/// writes them for the cloud. Rows of the other type, and rows of a resource
/// without a known host in the cloud, get a `left out:` note each.
pub(super) fn render(
    rows: &[&Permission],
    mode: AuthMode,
    options: &ExportOptions,
    notes: &mut Vec<String>,
) -> Result<ConsentUrls, ExportError> {
    let redirect_uri = options.redirect_uri.as_deref().ok_or(ExportError::NoRedirectUri)?;
    let mut left_out = Vec::new();
    let (article, other) = (mode.article(), mode.other().key());
    for p in rows.iter().filter(|p| p.kind != mode) {
        left_out.push(format!(
            "left out: {} ({}): {article} {mode} consent URL asks for {mode} permissions only: export again with --mode {other}",
            p.name, p.kind
        ));
    }
    let mut scopes = Vec::new();
    for resource in Resource::all() {
        let own: Vec<&Permission> =
            rows.iter().copied().filter(|p| p.kind == mode && granted_on(p) == resource).collect();
        if own.is_empty() {
            continue;
        }
        if resource.origin(options.cloud).is_none() {
            for p in own {
                left_out.push(format!(
                    "left out: {} ({}): {resource} has no known host in the {} cloud",
                    p.name, p.kind, options.cloud
                ));
            }
            continue;
        }
        scopes.push(match mode {
            PermissionType::Application => resource
                .default_scope(options.cloud)
                .expect("a resource with a host has a .default scope"),
            PermissionType::Delegated => {
                build(&own, PermissionType::Delegated, ScopeForm::Qualified, options.cloud).scope
            }
        });
    }
    if mode == PermissionType::Application && !scopes.is_empty() {
        notes.push(
            "note: Application mode consents to /.default, what the app has registered for the resource (Delegated rows included): register the permissions first (manifest, az or powershell export), nothing more".into(),
        );
    }
    notes.extend(warnings(options, redirect_uri));
    let urls: Vec<String> = scopes.iter().map(|scope| url(options, scope, redirect_uri)).collect();
    notes.extend(left_out.iter().cloned());
    Ok(ConsentUrls { text: urls.join("\n"), left_out: left_out.len() })
}

/// What the admin should know about the tenant and redirect URI given.
fn warnings(options: &ExportOptions, redirect_uri: &str) -> Vec<String> {
    let mut warnings = Vec::new();
    if options.tenant.eq_ignore_ascii_case("common") {
        warnings.push(
            "warning: --tenant common also signs in personal Microsoft accounts, which cannot give admin consent: use the customer's tenant ID".into(),
        );
    }
    if let Some(rest) = strip_prefix_ignore_case(redirect_uri, "http://") {
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        let host = match authority.split_once(']') {
            Some((ipv6, _)) => &authority[..=ipv6.len()],
            None => authority.split(':').next().unwrap_or_default(),
        };
        let local =
            ["localhost", "127.0.0.1", "[::1]"].iter().any(|l| host.eq_ignore_ascii_case(l));
        if !local {
            warnings.push(format!(
                "warning: the redirect URI {redirect_uri} is plain http: Microsoft accepts http only for localhost: use https"
            ));
        }
    }
    warnings
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &text[prefix.len()..])
}

fn url(options: &ExportOptions, scope: &str, redirect_uri: &str) -> String {
    let client_id = match options.app_id.as_deref() {
        Some(id) => encode(id),
        None => app_id_or_placeholder(options).to_string(),
    };
    let mut url = format!(
        "https://{}/{}/v2.0/adminconsent?client_id={client_id}&scope={}&redirect_uri={}",
        options.cloud.login_host(),
        encode(&options.tenant),
        encode(scope),
        encode(redirect_uri)
    );
    if let Some(state) = &options.state {
        url.push_str("&state=");
        url.push_str(&encode(state));
    }
    url
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
    use super::*;
    use crate::catalog::Cloud;

    #[test]
    fn only_unreserved_characters_stay() {
        assert_eq!(encode("aZ09-._~"), "aZ09-._~");
        assert_eq!(encode("https://x/a b"), "https%3A%2F%2Fx%2Fa%20b");
        assert_eq!(encode("ü<>"), "%C3%BC%3C%3E");
    }

    #[test]
    fn plain_http_is_accepted_for_localhost_only() {
        let options = ExportOptions { cloud: Cloud::Global, ..ExportOptions::default() };
        for (uri, warned) in [
            ("http://localhost:8080/cb", false),
            ("HTTP://127.0.0.1/cb", false),
            ("http://[::1]:3000", false),
            ("https://portal.example/cb", false),
            ("http://portal.example/cb", true),
            ("http://localhost.evil.example/cb", true),
            ("Http://portal.example:8080", true),
        ] {
            assert_eq!(!warnings(&options, uri).is_empty(), warned, "{uri}");
        }
        let common = ExportOptions { tenant: "Common".into(), ..options };
        let said = warnings(&common, "https://x.example");
        assert!(said[0].contains("personal Microsoft accounts, which cannot give admin consent"));
        assert!(said[0].contains("tenant ID"));
    }
}
