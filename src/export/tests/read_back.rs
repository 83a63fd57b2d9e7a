//! Outputs read back with real parsers and compared with the catalog.

use super::*;
use crate::scope::{Style, build};
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

/// Reverses the percent-encoding of a URL component.
fn decode(text: &str) -> String {
    let mut bytes = Vec::new();
    let mut rest = text.as_bytes();
    while let Some((&first, tail)) = rest.split_first() {
        if first == b'%' {
            let hex = std::str::from_utf8(&tail[..2]).unwrap();
            bytes.push(u8::from_str_radix(hex, 16).unwrap());
            rest = &tail[2..];
        } else {
            bytes.push(first);
            rest = tail;
        }
    }
    String::from_utf8(bytes).unwrap()
}

/// The decoded tenant and query parameters of a consent URL.
fn parse_consent_url(url: &str) -> (String, Vec<(String, String)>) {
    let rest = url.strip_prefix("https://login.microsoftonline.com/").unwrap();
    let (path, query) = rest.split_once('?').unwrap();
    let tenant = path.strip_suffix("/v2.0/adminconsent").unwrap();
    assert!(!tenant.contains('/'));
    let params = query
        .split('&')
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap();
            assert!(value.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~%<>".contains(&b)));
            (key.to_string(), decode(value))
        })
        .collect();
    (decode(tenant), params)
}

#[test]
fn consent_url_decodes_to_the_options_and_the_built_scope() {
    let catalog = Catalog::embedded();
    let rows: Vec<&Permission> = catalog.permissions.iter().collect();
    let options = ExportOptions {
        app_id: None,
        tenant: "contoso_Ümlaut/..".into(),
        client_id: Some("0f3a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b".into()),
        redirect_uri: Some("https://intrexx.example/a+b?c=d&e=f#g".into()),
        cloud: Cloud::Global,
    };
    for mode in [D, A] {
        let url = export(&rows, mode, Format::ConsentUrl, &options).unwrap();
        let (tenant, params) = parse_consent_url(&url);
        assert_eq!(tenant, options.tenant);
        let scope = match mode {
            D => build(&rows, D, Style::Qualified, Cloud::Global).scope,
            A => "https://graph.microsoft.com/.default".to_string(),
        };
        let expected = [
            ("client_id", options.client_id.clone().unwrap()),
            ("scope", scope),
            ("redirect_uri", options.redirect_uri.clone().unwrap()),
        ]
        .map(|(k, v)| (k.to_string(), v));
        assert_eq!(params, expected, "{mode}");
    }
}

#[test]
fn consent_url_without_redirect_uri_leaves_it_out() {
    let catalog = Catalog::embedded();
    let rows = pick(&catalog, &[("profile", D), ("Chat.Read", D)]);
    let (tenant, params) = parse_consent_url(&export_default(&rows, D, Format::ConsentUrl));
    assert_eq!(tenant, "organizations");
    let keys: Vec<&str> = params.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["client_id", "scope"]);
    assert_eq!(params[0].1, "<CLIENT_ID>");
    assert_eq!(params[1].1, "https://graph.microsoft.com/Chat.Read profile");
}

#[test]
fn csv_reads_back_as_the_catalog() {
    let catalog = Catalog::embedded();
    let rows: Vec<&Permission> = catalog.permissions.iter().collect();
    let text = export_default(&rows, A, Format::Csv);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, ["Name", "Type", "Admin consent", "Description", "GUID", "Intrexx role"]);
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), catalog.len());
    for record in &records {
        let kind: PermissionType = record[1].parse().unwrap();
        let row = catalog.find(&record[0], kind).unwrap();
        assert_eq!(&record[0], row.name);
        assert_eq!(&record[2], if row.admin_consent { "Yes" } else { "No" });
        assert_eq!(&record[3], row.description);
        assert_eq!(&record[4], row.id);
        assert_eq!(&record[5], row.intrexx.unwrap().key());
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
