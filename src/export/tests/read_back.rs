//! Outputs read back with real parsers and compared with the catalog.

use super::*;
use crate::scope::{ScopeForm, build};
use serde_json::Value;

#[test]
fn manifest_parses_and_matches_the_catalog() {
    let catalog = Catalog::embedded();
    let rows: Vec<&Permission> = catalog.permissions.iter().collect();
    let json: Value = serde_json::from_str(&export_default(&rows, D, Format::Manifest)).unwrap();
    let entries = json["requiredResourceAccess"].as_array().unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["resourceAppId"], Resource::GRAPH_APP_ID);
    let access = entries[0]["resourceAccess"].as_array().unwrap();
    assert_eq!(access.len(), catalog.len());
    for item in access {
        let id = item["id"].as_str().unwrap();
        let row = catalog.permissions.iter().find(|p| p.id == id).unwrap();
        let expected = if row.kind == D { "Scope" } else { "Role" };
        assert_eq!(item["type"], expected, "{}", row.name);
    }
    let types: Vec<&str> = access.iter().map(|i| i["type"].as_str().unwrap()).collect();
    assert!(types.is_sorted_by_key(|t| *t == "Role"), "Scope items come first");
}

/// Host, path segments and query parameters of a consent URL, decoded by
/// rust-url's own decoders (`percent-encoding` for the path, `form_urlencoded`
/// for the query). Apart from the `<APP_ID>`
/// placeholder, which the consultant replaces, every character must be one
/// RFC 3986 allows unescaped in a path or query, every `%` must start an
/// escape, and there is no fragment.
pub(super) fn parse_consent_url(text: &str) -> (String, Vec<String>, Vec<(String, String)>) {
    let allowed = |b: u8| b.is_ascii_alphanumeric() || b"-._~:/?@!$&'()*+,;=%".contains(&b);
    let without_placeholder = text.replace("<APP_ID>", "");
    assert!(without_placeholder.bytes().all(allowed), "a character a URL must escape: {text}");
    for (i, _) in text.match_indices('%') {
        let escape = text.get(i + 1..i + 3).unwrap_or("");
        assert!(escape.len() == 2 && escape.bytes().all(|b| b.is_ascii_hexdigit()), "{text}");
    }
    let rest = text.strip_prefix("https://").expect("an https URL");
    let (host_and_path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let (host, path) = host_and_path.split_once('/').unwrap_or((host_and_path, ""));
    let segments = path.split('/').map(decoded).collect();
    let params =
        form_urlencoded::parse(query.as_bytes()).map(|(k, v)| (k.into(), v.into())).collect();
    (host.to_string(), segments, params)
}

fn decoded(segment: &str) -> String {
    percent_encoding::percent_decode_str(segment).decode_utf8().unwrap().into_owned()
}

#[test]
fn consent_url_parses_back_to_every_option_and_the_built_scope() {
    let catalog = Catalog::embedded();
    let rows: Vec<&Permission> = catalog.permissions.iter().collect();
    for &cloud in Cloud::ALL {
        let options = ExportOptions {
            app_id: Some("0f3a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b".into()),
            tenant: "72f988bf-86f1-41af-91ab-2d7cd011db47".into(),
            redirect_uri: Some("https://intrexx.example/a+b?c=d&e=f#g".into()),
            state: Some("s t&a=te".replace(' ', "_")),
            cloud,
        };
        for mode in [D, A] {
            let out = export(&rows, mode, Format::ConsentUrl, &options).unwrap();
            let (host, segments, params) = parse_consent_url(&out.text);
            assert_eq!(host, cloud.login_host(), "{cloud}");
            assert_eq!(segments, [options.tenant.as_str(), "v2.0", "adminconsent"]);
            let scope = match mode {
                D => build(&rows, D, ScopeForm::Qualified, cloud).scope,
                A => Resource::Graph.default_scope(cloud).unwrap(),
            };
            let expected = [
                ("client_id", options.app_id.clone().unwrap()),
                ("scope", scope),
                ("redirect_uri", options.redirect_uri.clone().unwrap()),
                ("state", options.state.clone().unwrap()),
            ]
            .map(|(k, v)| (k.to_string(), v));
            assert_eq!(params, expected, "{mode} {cloud}");
            let says_register =
                out.notes.iter().any(|n| n.contains("register the permissions first"));
            assert_eq!(says_register, mode == A, "{mode}: {:?}", out.notes);
        }
    }
}

#[test]
fn consent_url_needs_a_redirect_uri_and_warns_about_common() {
    let catalog = Catalog::embedded();
    let rows = pick(&catalog, &[("profile", D), ("Chat.Read", D)]);
    let err = export(&rows, D, Format::ConsentUrl, &ExportOptions::default()).unwrap_err();
    assert_eq!(err, ExportError::NoRedirectUri);
    assert!(err.to_string().contains("--redirect-uri"), "{err}");
    let options = ExportOptions {
        tenant: "common".into(),
        redirect_uri: Some("https://x.example/cb".into()),
        ..ExportOptions::default()
    };
    let out = export(&rows, D, Format::ConsentUrl, &options).unwrap();
    let (_, segments, params) = parse_consent_url(&out.text);
    assert_eq!(segments[0], "common");
    assert_eq!(params[0], ("client_id".to_string(), "<APP_ID>".to_string()));
    assert_eq!(params[1].1, "https://graph.microsoft.com/Chat.Read profile");
    assert!(!params.iter().any(|(k, _)| k == "state"), "no state unless given");
    assert_eq!(out.notes.len(), 2, "{:?}", out.notes);
    assert!(out.notes[0].contains("--app-id"), "{:?}", out.notes);
    assert!(out.notes[1].contains("personal Microsoft accounts, which cannot give admin consent"));
    assert!(out.notes[1].ends_with("use the customer's tenant ID"), "{:?}", out.notes);
}

#[test]
fn random_states_differ() {
    let (a, b) = (random_state(), random_state());
    assert_ne!(a, b);
    assert_eq!(a.len(), 32);
    assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
}

#[test]
fn csv_reads_back_as_the_catalog() {
    let catalog = Catalog::embedded();
    let rows: Vec<&Permission> = catalog.permissions.iter().collect();
    let text = export_default(&rows, A, Format::Csv);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let expected = [
        "Name",
        "Type",
        "Admin consent",
        "Description",
        "Described by",
        "Note",
        "GUID",
        "Intrexx role",
    ];
    assert_eq!(header, expected);
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), catalog.len());
    for record in &records {
        let kind: PermissionType = record[1].parse().unwrap();
        let row = catalog.find(&record[0], kind).unwrap();
        assert_eq!(&record[0], row.name);
        assert_eq!(&record[2], if row.admin_consent { "Yes" } else { "No" });
        assert_eq!(&record[3], row.description);
        assert_eq!(&record[4], "Intrexx page", "the seed's words");
        let note = crate::catalog::graph::note_for(&row.name, row.kind).map(|n| n.text);
        assert_eq!(&record[5], note.map(one_line).unwrap_or_default());
        assert_eq!(&record[6], row.id);
        assert_eq!(&record[7], row.intrexx.unwrap().key());
    }
}

#[test]
fn csv_quotes_separators_and_defuses_formulas() {
    let tricky = custom(
        "Tasks.Read",
        D,
        "Read \"tasks\", lists;\nand more",
        "11111111-2222-3333-4444-555555555555",
    );
    let formula =
        custom("Notes.Read", D, "=HYPERLINK(\"x\")", "66666666-7777-8888-9999-000000000000");
    let text = export_default(&[&tricky, &formula], D, Format::Csv);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let descriptions: Vec<String> = reader.records().map(|r| r.unwrap()[3].to_string()).collect();
    assert_eq!(descriptions, ["'=HYPERLINK(\"x\")", "Read \"tasks\", lists; and more"]);
}
