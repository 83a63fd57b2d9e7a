//! `scopepick list`.

use super::EXIT_OK;
use super::args::{ListArgs, ListFormat};
use super::table::columns;
use crate::catalog::{AuthMode, Catalog, Permission};
use crate::choice::Choice;
use crate::filter::{Criteria, FuzzyFilter, api_hits};
use crate::text::{json_without_raw_controls, printable};

pub(super) fn run(catalog: &Catalog, args: &ListArgs) -> anyhow::Result<u8> {
    let criteria = Criteria {
        query: args.query.clone().unwrap_or_default(),
        mode: args.mode.unwrap_or(AuthMode::Delegated),
        kind: args.kind,
        mode_only: None,
        admin_consent: args.admin_consent.map(super::args::NeedsConsent::consent),
        intrexx: args.intrexx,
    };
    let hits = match api_hits(catalog, &criteria) {
        Some(hits) => hits,
        None => {
            let found = FuzzyFilter::default().filter(catalog, &criteria);
            if !found.ignored.is_empty() {
                let quoted: Vec<String> = found.ignored.iter().map(|t| format!("'{t}'")).collect();
                say_err!(
                    "note: no permission matches {} with the other words; the first rows are listed without it\n",
                    quoted.join(", ")
                );
            }
            found.hits
        }
    };
    let rows: Vec<&Permission> = hits.iter().map(|h| &catalog.permissions[h.index()]).collect();
    if rows.is_empty() {
        say_err!("note: no permission matches: try fewer or other words, or drop a filter");
    }
    say_raw!("{}", render(&rows, args.format)?);
    Ok(EXIT_OK)
}

fn yes_no(flag: bool) -> &'static str {
    if flag { "yes" } else { "no" }
}

fn render(rows: &[&Permission], format: ListFormat) -> anyhow::Result<String> {
    let intrexx = |p: &Permission| p.intrexx.map(|r| r.key()).unwrap_or("");
    Ok(match format {
        ListFormat::Json => json_without_raw_controls(serde_json::to_string_pretty(rows)?) + "\n",
        ListFormat::Tsv => {
            // The source comes last, so scripts that read the first six columns still work.
            let mut out = String::from(
                "name\ttype\tadmin_consent\tintrexx\tid\tdescription\tdescription_source\n",
            );
            for p in rows {
                let fields = [&*p.name, p.kind.label(), yes_no(p.admin_consent), intrexx(p), &p.id];
                let description = printable(&p.description).replace('\t', " ");
                let source = p.description_source.key();
                out.push_str(&format!("{}\t{description}\t{source}\n", fields.join("\t")));
            }
            out
        }
        ListFormat::Table => {
            let cells: Vec<Vec<String>> = rows
                .iter()
                .map(|p| {
                    let row = [
                        &*p.name,
                        p.kind.label(),
                        yes_no(p.admin_consent),
                        intrexx(p),
                        p.description_source.label(),
                    ];
                    let mut row: Vec<String> =
                        row.iter().map(|s| printable(s).into_owned()).collect();
                    row.push(printable(&p.description).into_owned());
                    row
                })
                .collect();
            columns(&["NAME", "TYPE", "ADMIN", "INTREXX", "DESCRIBED BY", "DESCRIPTION"], &cells)
        }
    })
}
