//! All formats agree: the registration formats hold the whole basket
//! (`Scope` for Delegated, `Role` for Application rows) in either mode, the
//! scripts grant exactly those rows, and the consent URL follows the mode.

use super::golden::filled;
use super::*;
use crate::scope::{ScopeForm, build};
use proptest::prelude::*;
use serde_json::Value;
use std::collections::BTreeSet;

type Pairs = BTreeSet<(String, String)>;

fn manifest_pairs(text: &str) -> Pairs {
    let json: Value = serde_json::from_str(text).unwrap();
    let mut pairs = Pairs::new();
    for entry in json["requiredResourceAccess"].as_array().unwrap() {
        for item in entry["resourceAccess"].as_array().unwrap() {
            pairs.insert((
                item["id"].as_str().unwrap().into(),
                item["type"].as_str().unwrap().into(),
            ));
        }
    }
    pairs
}

fn az_pairs(text: &str) -> Pairs {
    text.lines()
        .filter_map(|l| l.strip_prefix("for p in "))
        .flat_map(|l| l.trim_end_matches("; do").split(' ').map(String::from).collect::<Vec<_>>())
        .map(|p| {
            let (id, kind) = p.split_once('=').unwrap();
            (id.to_string(), kind.to_string())
        })
        .collect()
}

fn powershell_pairs(text: &str) -> Pairs {
    text.lines()
        .filter_map(|l| l.trim().strip_prefix("@{ Id = '"))
        .map(|l| {
            let (id, rest) = l.split_once("'; Type = '").unwrap();
            (id.to_string(), rest.trim_end_matches("' }").to_string())
        })
        .collect()
}

fn csv_pairs(text: &str) -> Pairs {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let guid = reader.headers().unwrap().iter().position(|h| h == "GUID").unwrap();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            let kind = if &r[1] == "Delegated" { "Scope" } else { "Role" };
            (r[guid].to_string(), kind.to_string())
        })
        .collect()
}

fn expected_pairs(rows: &[&Permission]) -> Pairs {
    rows.iter().map(|p| (p.id.clone(), access_type(p.kind).to_string())).collect()
}

/// The names the PowerShell script grants as Delegated and the role ids it assigns.
fn powershell_grants(text: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut names = BTreeSet::new();
    let mut roles = BTreeSet::new();
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("Grant-Delegated ") {
            let list = rest.split_once("@(").unwrap().1.trim_end_matches(')');
            names.extend(list.split(',').map(|n| n.trim_matches('\'').to_string()));
        }
        if let Some(rest) = line.strip_prefix("Grant-AppRole ") {
            roles.insert(rest.split('\'').nth(1).unwrap().to_string());
        }
    }
    (names, roles)
}

fn az_grants(text: &str) -> BTreeSet<String> {
    text.lines()
        .filter_map(|l| l.strip_prefix("grant_delegated \"$"))
        .flat_map(|l| {
            let names = l.split_once(" '").unwrap().1.trim_end_matches('\'');
            names.split(' ').map(String::from).collect::<Vec<_>>()
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn every_format_holds_the_same_rows(picks in proptest::collection::vec(0usize..1000, 1..12), mail in any::<bool>()) {
        let catalog = Catalog::embedded();
        let imap = custom("IMAP.AccessAsUser.All", D, "x", "652390e4-393a-48de-9484-05f9b1212954");
        let mut rows: Vec<&Permission> = picks.iter().map(|i| &catalog.permissions[i % catalog.len()]).collect();
        if mail {
            rows.push(&imap);
        }
        let unique = unique_sorted(&rows);
        let expected = expected_pairs(&unique);
        let delegated: BTreeSet<String> =
            unique.iter().filter(|p| p.kind == D).map(|p| p.name.clone()).collect();
        let roles: BTreeSet<String> =
            unique.iter().filter(|p| p.kind == A).map(|p| p.id.clone()).collect();
        let options = filled(Cloud::Global);
        for mode in [D, A] {
            let text = |format| export(&rows, mode, format, &options).unwrap().text;
            prop_assert_eq!(&manifest_pairs(&text(Format::Manifest)), &expected);
            prop_assert_eq!(&az_pairs(&text(Format::Az)), &expected);
            prop_assert_eq!(&powershell_pairs(&text(Format::Powershell)), &expected);
            prop_assert_eq!(&csv_pairs(&text(Format::Csv)), &expected);
            let markdown = text(Format::Markdown);
            prop_assert_eq!(markdown.lines().count(), unique.len() + 4);
            let (names, assigned) = powershell_grants(&text(Format::Powershell));
            prop_assert_eq!(&names, &delegated);
            prop_assert_eq!(&assigned, &roles);
            prop_assert_eq!(&az_grants(&text(Format::Az)), &delegated);
            let url = export(&rows, mode, Format::ConsentUrl, &options);
            let of_mode: Vec<&Permission> = unique.iter().copied().filter(|p| p.kind == mode).collect();
            match url {
                Ok(out) => {
                    let scopes: Vec<String> = out.text.lines().map(|line| {
                        let (_, _, params) = super::read_back::parse_consent_url(line);
                        params.into_iter().find(|(k, _)| k == "scope").unwrap().1
                    }).collect();
                    let built: Vec<String> = Resource::all().filter_map(|r| {
                        let own: Vec<&Permission> = of_mode.iter().copied().filter(|p| granted_on(p) == r).collect();
                        (!own.is_empty()).then(|| match mode {
                            D => build(&own, D, ScopeForm::Qualified, Cloud::Global).scope,
                            A => r.default_scope(Cloud::Global).unwrap(),
                        })
                    }).collect();
                    prop_assert_eq!(scopes, built);
                    prop_assert_eq!(out.left_out, unique.len() - of_mode.len());
                }
                Err(err) => prop_assert_eq!(err, ExportError::NoneOfMode { format: Format::ConsentUrl, mode }),
            }
        }
    }
}
