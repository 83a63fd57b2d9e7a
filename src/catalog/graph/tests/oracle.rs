//! The oracle: least privilege as Microsoft's Graph API reference pages
//! document it (`testdata/oracle.tsv`, each row naming its page and commit in
//! microsoftgraph/microsoft-graph-docs-contrib). The table is Microsoft's word,
//! kept apart from the facts scopepick generates, so the model is checked
//! against something it was not made from.

use super::{HttpMethod, NEEDS_USER, Scheme, lookup};
use crate::catalog::Catalog;

const ORACLE: &str = include_str!("../testdata/oracle.tsv");

/// One row of the oracle.
pub(super) struct OracleRow {
    pub method: HttpMethod,
    pub path: &'static str,
    pub scheme: Scheme,
    pub expected: &'static str,
    pub source: &'static str,
}

pub(super) fn oracle_rows() -> Vec<OracleRow> {
    crate::tsv::rows(ORACLE, 7)
        .expect("oracle.tsv")
        .into_iter()
        .skip(1)
        .map(|f| {
            let line = f.join("\t");
            let scheme = match f[2] {
                "DelegatedWork" => Scheme::DelegatedWork,
                "Application" => Scheme::Application,
                other => panic!("scheme {other}"),
            };
            assert!(f[5].starts_with("api-reference/") && f[5].ends_with(".md"), "{line}");
            assert!(f[6].len() == 40 && f[6].bytes().all(|b| b.is_ascii_hexdigit()), "{line}");
            OracleRow {
                method: f[0].parse().unwrap(),
                path: f[1],
                scheme,
                expected: f[3],
                source: f[5],
            }
        })
        .collect()
}

#[test]
fn the_oracle_names_known_calls_and_published_permissions() {
    let rows = oracle_rows();
    assert!(rows.len() >= 30, "{} rows", rows.len());
    let catalog = Catalog::builtin();
    for r in &rows {
        let found = lookup(Some(r.method), r.path, Some(r.scheme));
        let found = found.unwrap_or_else(|e| panic!("{} {}: {e}", r.method, r.path));
        assert!(!found.calls.is_empty(), "{} {}", r.method, r.path);
        if r.expected != NEEDS_USER {
            let p = catalog.find(r.expected, r.scheme.kind());
            assert!(p.is_some(), "{} ({:?}) is not published; {}", r.expected, r.scheme, r.source);
        }
    }
}

#[test]
fn the_model_gives_the_pages_answer_first() {
    let mut wrong = Vec::new();
    for r in oracle_rows() {
        let found = lookup(Some(r.method), r.path, Some(r.scheme)).unwrap();
        let a = super::answer(r.method, found.templates[0], r.scheme);
        let first = match a.needs_user {
            Some(_) => NEEDS_USER,
            None => a.published.first().map_or("-", |p| p.permission),
        };
        if first != r.expected {
            wrong.push(format!(
                "{} {} {:?}: {first}, page {} ({})",
                r.method, r.path, r.scheme, r.expected, r.source
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
