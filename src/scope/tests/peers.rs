//! Peer cases: what MSAL (JS, Python, .NET), Microsoft.Identity.Web and the
//! Azure SDKs do with scope strings, and the rules of issue 13, as one table
//! row each. A row is named after the behaviour it mirrors; docs/scope-rules.md
//! names the peer test or Microsoft page behind it.

use super::GRAPH_DEFAULT;
use crate::catalog::{AuthMode, Catalog, Cloud, PermissionType};
use crate::scope::{check, guess_mode};
use PermissionType::{Application as A, Delegated as D};

/// What `check` must say.
#[derive(Debug)]
enum Verdict {
    /// No problem, nothing to normalise.
    Clean,
    /// No problem (exit 0); notes give this normalised string.
    Normalised(&'static str),
    /// A problem whose message holds `says`, with this corrected string (or none).
    Problem { says: &'static str, fixed: Option<&'static str> },
}
use Verdict::{Clean, Normalised, Problem};

/// One row: the behaviour, the string, the mode (`None`: guessed, and the
/// guess must be `guessed`), the cloud given, the verdict.
struct Case {
    behaviour: &'static str,
    text: &'static str,
    mode: Result<AuthMode, AuthMode>,
    cloud: Option<Cloud>,
    verdict: Verdict,
}

const fn case(
    behaviour: &'static str,
    text: &'static str,
    mode: Result<AuthMode, AuthMode>,
    verdict: Verdict,
) -> Case {
    Case { behaviour, text, mode, cloud: None, verdict }
}

/// `Ok(mode)`: checked for `mode`; `Err(mode)`: guessed, and must come out as `mode`.
const fn given(mode: AuthMode) -> Result<AuthMode, AuthMode> {
    Ok(mode)
}
const fn guessed(mode: AuthMode) -> Result<AuthMode, AuthMode> {
    Err(mode)
}

fn cases() -> Vec<Case> {
    let in_cloud = |mut c: Case, cloud| {
        c.cloud = Some(cloud);
        c
    };
    vec![
        // --- one resource per string (Azure SDK mapScopesToResource: several scopes map to no resource)
        case(
            "two resources' .default in one request is refused",
            "https://graph.microsoft.com/.default https://outlook.office365.com/.default",
            given(A),
            Problem {
                says: "two resources, Microsoft Graph and Office 365 Exchange Online",
                fixed: None,
            },
        ),
        case(
            "a scope of another resource beside Graph names is two resources",
            "Calendars.Read https://contoso.sharepoint.com/AllSites.Read",
            given(D),
            Problem { says: "each needs its own request", fixed: None },
        ),
        case(
            "any other resource written in full is one resource, unchecked",
            "https://contoso.sharepoint.com/AllSites.Read offline_access",
            given(D),
            Clean,
        ),
        case(
            "an api:// app id URI .default is that resource's client-credentials scope",
            "api://11111111-2222-3333-4444-555555555555/.default",
            given(A),
            Clean,
        ),
        case(
            "a GUID/.default names the resource by app id",
            "11111111-2222-3333-4444-555555555555/.default",
            given(A),
            Clean,
        ),
        // --- client credentials (Microsoft.Identity.Web IDW10404; MSAL.NET AADSTS1002012)
        case(
            "app-only with named scopes is AADSTS1002012, fixed to .default",
            "User.Read.All Sites.Read.All",
            given(A),
            Problem { says: "AADSTS1002012", fixed: Some(GRAPH_DEFAULT) },
        ),
        case(
            "app-only with a qualified name is AADSTS1002012 too",
            "https://graph.microsoft.com/User.Read.All",
            given(A),
            Problem { says: "AADSTS1002012", fixed: Some(GRAPH_DEFAULT) },
        ),
        case(
            "app-only .default ends-with check ignores case",
            "https://graph.microsoft.com/.DEFAULT",
            given(A),
            Normalised(GRAPH_DEFAULT),
        ),
        case(
            "app-only tokens carry no OpenID scopes",
            "https://graph.microsoft.com/.default offline_access",
            given(A),
            Problem {
                says: "no meaning in the client-credentials flow",
                fixed: Some(GRAPH_DEFAULT),
            },
        ),
        case(
            "an app-only string of OpenID scopes alone has no fix to offer",
            "openid offline_access",
            given(A),
            Problem { says: "no meaning in the client-credentials flow", fixed: None },
        ),
        case(
            "app-only on another resource is fixed to that resource's .default",
            "api://contoso.com/intrexx/Files.Access",
            given(A),
            Problem { says: "AADSTS1002012", fixed: Some("api://contoso.com/intrexx/.default") },
        ),
        // --- every form of .default
        case(".default of Graph", GRAPH_DEFAULT, given(A), Clean),
        case(
            "the double-slash .default is valid",
            "https://graph.microsoft.com//.default",
            given(A),
            Clean,
        ),
        case(
            "the app-id .default of Graph",
            "00000003-0000-0000-c000-000000000000/.default",
            given(A),
            Clean,
        ),
        case(
            "a bare .default needs its resource",
            ".default",
            given(A),
            Problem { says: "needs its resource", fixed: Some(GRAPH_DEFAULT) },
        ),
        case(
            "delegated .default may stand beside OpenID scopes",
            "https://graph.microsoft.com/.default openid profile email offline_access",
            given(D),
            Clean,
        ),
        case(
            "delegated .default beside a named scope of the same resource is refused",
            "https://graph.microsoft.com/.default Calendars.Read offline_access",
            given(D),
            Problem { says: "cannot be combined with named scopes", fixed: None },
        ),
        // --- national clouds (Graph national-cloud page)
        case("US Gov L4 .default", "https://graph.microsoft.us/.default", given(A), Clean),
        case("US Gov L5 .default", "https://dod-graph.microsoft.us/.default", given(A), Clean),
        case("China .default", "https://microsoftgraph.chinacloudapi.cn/.default", given(A), Clean),
        in_cloud(
            case(
                "a host of another cloud than --cloud names both",
                "https://graph.microsoft.us/.default",
                given(A),
                Problem {
                    says: "US Government L4 cloud, but the string is for the global",
                    fixed: None,
                },
            ),
            Cloud::Global,
        ),
        in_cloud(
            case(
                "short names are valid in a national cloud",
                "Calendars.Read offline_access",
                given(D),
                Clean,
            ),
            Cloud::China,
        ),
        in_cloud(
            case(
                "qualified names use the cloud's Graph host",
                "https://microsoftgraph.chinacloudapi.cn/Calendars.Read offline_access",
                given(D),
                Clean,
            ),
            Cloud::China,
        ),
        // --- casing (MSAL JS ScopeSet containsScope; Microsoft.Identity.Web EndsWith(…, ignoreCase))
        case(
            "host and name casing is a note with the official casing",
            "HTTPS://GRAPH.MICROSOFT.COM/calendars.read offline_access",
            given(D),
            Normalised("https://graph.microsoft.com/Calendars.Read offline_access"),
        ),
        case(
            "OpenID scope casing is a note",
            "Calendars.Read OFFLINE_ACCESS",
            given(D),
            Normalised("Calendars.Read offline_access"),
        ),
        case(
            "case-insensitive duplicates are a note and dropped",
            "Calendars.Read calendars.read offline_access",
            given(D),
            Normalised("Calendars.Read offline_access"),
        ),
        case(
            "a short and a qualified name of one scope are duplicates",
            "Calendars.Read https://graph.microsoft.com/Calendars.Read offline_access",
            given(D),
            Normalised("Calendars.Read offline_access"),
        ),
        // --- separators (MSAL JS ScopeSet trims; Entra: AADSTS70011 for commas)
        case(
            "a comma is AADSTS70011",
            "Calendars.Read,Mail.Send offline_access",
            given(D),
            Problem {
                says: "(AADSTS70011)",
                fixed: Some("Calendars.Read Mail.Send offline_access"),
            },
        ),
        case(
            "a semicolon is a problem without an AADSTS code",
            "Calendars.Read;Mail.Send offline_access",
            given(D),
            Problem {
                says: "a semicolon after 'Calendars.Read': separate scopes with single spaces",
                fixed: Some("Calendars.Read Mail.Send offline_access"),
            },
        ),
        case(
            "a line break is a problem",
            "Calendars.Read\nMail.Send offline_access",
            given(D),
            Problem {
                says: "a line break",
                fixed: Some("Calendars.Read Mail.Send offline_access"),
            },
        ),
        case(
            "a tab is a problem",
            "Calendars.Read\tMail.Send offline_access",
            given(D),
            Problem { says: "a tab", fixed: Some("Calendars.Read Mail.Send offline_access") },
        ),
        case(
            "a non-breaking space is a problem",
            "Calendars.Read\u{a0}Mail.Send offline_access",
            given(D),
            Problem {
                says: "non-breaking",
                fixed: Some("Calendars.Read Mail.Send offline_access"),
            },
        ),
        case(
            "surrounding and repeated spaces are trimmed with a note",
            "  Calendars.Read   Mail.Send offline_access ",
            given(D),
            Normalised("Calendars.Read Mail.Send offline_access"),
        ),
        case(
            "surrounding quotes are a note",
            "\"Calendars.Read offline_access\"",
            given(D),
            Normalised("Calendars.Read offline_access"),
        ),
        case(
            "an empty string is a problem",
            "   ",
            given(D),
            Problem { says: "no scope", fixed: None },
        ),
        // --- OpenID scopes (MSAL Python adds them itself; Entra takes them written)
        case(
            "the four OpenID scopes stand beside one resource",
            "openid profile email offline_access Calendars.Read",
            given(D),
            Clean,
        ),
        case(
            "OpenID scopes are never prefixed",
            "https://graph.microsoft.com/offline_access Calendars.Read",
            given(D),
            Problem { says: "never prefixed", fixed: Some("offline_access Calendars.Read") },
        ),
        // --- Exchange Online mail protocols
        case(
            "bare mail-protocol names ask Graph for the token",
            "IMAP.AccessAsUser.All offline_access",
            given(D),
            Problem {
                says: "which Office 365 Exchange Online rejects",
                fixed: Some("https://outlook.office.com/IMAP.AccessAsUser.All offline_access"),
            },
        ),
        case(
            "bare mail-protocol names beside Graph names are two resources",
            "SMTP.Send Mail.Send offline_access",
            given(D),
            Problem { says: "two resources", fixed: None },
        ),
        case(
            "outlook.office.com and outlook.office365.com are one resource",
            "https://outlook.office.com/IMAP.AccessAsUser.All https://outlook.office365.com/SMTP.Send offline_access",
            given(D),
            Clean,
        ),
        case(
            "Exchange client credentials take outlook.office365.com/.default",
            "https://outlook.office365.com/.default",
            given(A),
            Clean,
        ),
        case(
            "Exchange app-only names go through .default",
            "https://outlook.office.com/IMAP.AccessAsApp",
            given(A),
            Problem {
                says: "AADSTS1002012",
                fixed: Some("https://outlook.office365.com/.default"),
            },
        ),
        case(
            "an Exchange app-only name in a delegated string fails the sign-in and is removed",
            "https://outlook.office.com/POP.AccessAsApp offline_access",
            given(D),
            Problem { says: "AADSTS650053", fixed: Some("offline_access") },
        ),
        // --- near misses never silently widen access
        case(
            "an unknown User.Read is not answered with a bare User.Read.All",
            "User.Read offline_access",
            given(D),
            Problem { says: "'User.Read.All', is broader", fixed: None },
        ),
        case(
            "a typo gets a plain did-you-mean",
            "Mail.Sned offline_access",
            given(D),
            Problem { says: "did you mean 'Mail.Send'?", fixed: None },
        ),
        // --- the mode guess, shared by check, --scopes and the paste
        case("a bare Graph .default means client credentials", GRAPH_DEFAULT, guessed(A), Clean),
        case(
            ".default with OpenID scopes means a user sign-in",
            "https://graph.microsoft.com/.default offline_access",
            guessed(D),
            Clean,
        ),
        case(
            "Application-only names outvote Delegated-only ones",
            "User.Read.All Directory.Read.All Chat.Read",
            guessed(A),
            Problem { says: "AADSTS1002012", fixed: Some(GRAPH_DEFAULT) },
        ),
    ]
}

/// Issue 30's cases, on the built-in catalog (every Graph permission): a
/// user sign-in is never flipped to client credentials, and strings copied
/// from URLs or look-alike hosts are named.
fn sign_in_cases() -> Vec<Case> {
    vec![
        // --- OpenID scopes mean a user signs in (Entra: AADSTS650053 for an app role asked as a scope)
        case(
            "offline_access beats Application-only votes; the app-only name gets its counterpart",
            "Calendars.Read Calendars.Read.All offline_access",
            guessed(D),
            Problem { says: "AADSTS650053", fixed: Some("Calendars.Read offline_access") },
        ),
        case(
            "Chat.Read.All in a sign-in is Chat.Read",
            "Chat.Read.All offline_access",
            guessed(D),
            Problem { says: "counterpart 'Chat.Read'", fixed: Some("Chat.Read offline_access") },
        ),
        case(
            "Presence.ReadWrite.All in a sign-in is Presence.ReadWrite, qualified as written",
            "https://graph.microsoft.com/Presence.ReadWrite.All offline_access",
            guessed(D),
            Problem {
                says: "AADSTS650053",
                fixed: Some("https://graph.microsoft.com/Presence.ReadWrite offline_access"),
            },
        ),
        case(
            "an app-only name without a Delegated counterpart is removed",
            "Group.Create Chat.Read offline_access",
            guessed(D),
            Problem {
                says: "no Delegated counterpart: remove it",
                fixed: Some("Chat.Read offline_access"),
            },
        ),
        case(
            "offline_access beats .default too",
            "https://graph.microsoft.com/.default offline_access User.Read.All",
            guessed(D),
            Problem { says: "cannot be combined with named scopes", fixed: None },
        ),
        case(
            ".default alone is client credentials (a note says what a sign-in needs)",
            GRAPH_DEFAULT,
            guessed(A),
            Clean,
        ),
        // --- a trailing slash leaves an empty scope name
        case(
            "a slash after the name is removed",
            "https://graph.microsoft.com/User.Read/ offline_access",
            guessed(D),
            Problem {
                says: "ends in a slash",
                fixed: Some("https://graph.microsoft.com/User.Read offline_access"),
            },
        ),
        // --- strings copied from an authorize URL (MSAL builds the query with '+' or %20)
        case(
            "'+' between scopes is decoded",
            "User.Read+offline_access",
            guessed(D),
            Problem { says: "as in a URL (+)", fixed: Some("User.Read offline_access") },
        ),
        case(
            "%20 between scopes is decoded",
            "User.Read%20offline_access",
            guessed(D),
            Problem { says: "as in a URL (%20)", fixed: Some("User.Read offline_access") },
        ),
        case(
            "%3A and %2F in a qualified name are decoded",
            "https%3A%2F%2Fgraph.microsoft.com%2FUser.Read%20offline_access",
            guessed(D),
            Problem {
                says: "(%20, %2F, %3A)",
                fixed: Some("https://graph.microsoft.com/User.Read offline_access"),
            },
        ),
        // --- Graph look-alikes
        case(
            "http:// is not Graph's resource id",
            "http://graph.microsoft.com/User.Read offline_access",
            guessed(D),
            Problem {
                says: "https, no port",
                fixed: Some("https://graph.microsoft.com/User.Read offline_access"),
            },
        ),
        case(
            ":443 is not Graph's resource id",
            "https://graph.microsoft.com:443/.default",
            given(A),
            Problem { says: "https, no port", fixed: Some(GRAPH_DEFAULT) },
        ),
        case(
            "Azure AD Graph is a warning, not a problem",
            "https://graph.windows.net/.default",
            given(A),
            Clean,
        ),
        case(
            "Microsoft Cloud Germany has closed",
            "https://graph.microsoft.de/User.Read offline_access",
            given(D),
            Problem { says: "Microsoft Cloud Germany, which has closed", fixed: None },
        ),
        case(
            "SharePoint is another resource, unchecked (exit 0)",
            "https://contoso.sharepoint.com/AllSites.Read offline_access",
            guessed(D),
            Clean,
        ),
    ]
}

#[test]
fn every_peer_case_gets_its_verdict() {
    let failures = failures(cases(), &Catalog::embedded());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_sign_in_case_gets_its_verdict() {
    let failures = failures(sign_in_cases(), &Catalog::builtin());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The rows of `cases` that do not get their verdict on `catalog`, described.
fn failures(cases: Vec<Case>, catalog: &Catalog) -> Vec<String> {
    let mut failures = Vec::new();
    for c in cases {
        let mode = match c.mode {
            Ok(mode) => mode,
            Err(expected) => {
                let guess = guess_mode(c.text, catalog);
                if guess.mode != expected {
                    failures.push(format!("{}: guessed {guess}", c.behaviour));
                }
                guess.mode
            }
        };
        let report = check(c.text, mode, c.cloud, catalog);
        let messages: Vec<String> = report.problems.iter().map(ToString::to_string).collect();
        let ok = match &c.verdict {
            Clean => report.is_clean() && report.fixed.is_none(),
            Normalised(fixed) => report.is_clean() && report.fixed.as_deref() == Some(*fixed),
            Problem { says, fixed } => {
                messages.iter().any(|m| m.contains(says)) && report.fixed.as_deref() == *fixed
            }
        };
        if !ok {
            failures.push(format!(
                "{}: {:?} ({mode}) -> problems {messages:?}, notes {:?}, fixed {:?}; wanted {:?}",
                c.behaviour,
                c.text,
                report.notes.iter().map(ToString::to_string).collect::<Vec<_>>(),
                report.fixed,
                c.verdict
            ));
        }
    }
    failures
}

#[test]
fn only_a_comma_cites_aadsts70011() {
    let catalog = Catalog::embedded();
    for text in
        ["A.B  C.D", "Calendars.Read;Mail.Send", "Calendars.Read\tMail.Send", " Calendars.Read "]
    {
        let report = check(text, D, None, &catalog);
        let all: Vec<String> = report
            .problems
            .iter()
            .map(ToString::to_string)
            .chain(report.notes.iter().map(ToString::to_string))
            .collect();
        assert!(all.iter().all(|m| !m.contains("AADSTS70011")), "{text:?}: {all:?}");
    }
}
