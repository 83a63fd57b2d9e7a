//! The consent sheet for the admin: one row per permission, as a Markdown
//! table with a summary line or as CSV. Each description says whose words
//! it is, and scopepick's note on a permission (where a description reads
//! wider or narrower than the permission is) sits beside it: the admin
//! decides on the sheet alone.
//!
//! The CSV holds only the header and the rows: a summary row would break
//! tools that read the file as a table.

use super::one_line;
use crate::catalog::graph::note_for;
use crate::catalog::{Permission, Resource};
use crate::choice::Choice;
use crate::text::{counted, plural};

/// The column titles of both sheets.
const HEADER: [&str; 8] = [
    "Name",
    "Type",
    "Admin consent",
    "Description",
    "Described by",
    "Note",
    "GUID",
    "Intrexx role",
];

/// Indices of the free text among the cells: the description and the note.
const FREE_TEXT: [usize; 2] = [3, 5];

/// The cells of one row, one line each; no note or Intrexx role is an empty cell.
fn cells(p: &Permission) -> [String; 8] {
    // The notes are on Graph's permissions.
    let note = note_for(&p.name, p.kind).filter(|_| p.resource == Resource::Graph);
    [
        p.name.clone(),
        p.kind.label().to_string(),
        if p.admin_consent { "Yes" } else { "No" }.to_string(),
        one_line(&p.description),
        p.description_source.label().to_string(),
        note.map(|n| one_line(n.text)).unwrap_or_default(),
        p.id.clone(),
        p.intrexx.map(|role| role.key()).unwrap_or_default().to_string(),
    ]
}

/// `13 permissions, 12 need admin consent`.
fn summary(rows: &[&Permission]) -> String {
    let total = rows.len();
    let consent = rows.iter().filter(|p| p.admin_consent).count();
    let verb = plural(consent, "needs", "need");
    format!("{}, {consent} {verb} admin consent", counted(total, "permission"))
}

/// A GitHub-flavoured Markdown table (names and GUIDs as code), a blank line
/// and the summary.
pub(super) fn markdown(rows: &[&Permission]) -> String {
    let line = |cells: &[String]| format!("| {} |", cells.join(" | "));
    let header: Vec<String> = HEADER.iter().map(|h| h.to_string()).collect();
    let mut lines = vec![line(&header), line(&vec!["---".to_string(); HEADER.len()])];
    for p in rows {
        let [name, kind, consent, description, source, note, id, role] = cells(p);
        lines.push(line(&[
            format!("`{name}`"),
            kind,
            consent,
            description.replace('|', r"\|"),
            source,
            note.replace('|', r"\|"),
            format!("`{id}`"),
            role,
        ]));
    }
    lines.push(String::new());
    lines.push(summary(rows));
    lines.join("\n")
}

/// CSV with a header row; a description or note that a spreadsheet would
/// take for a formula (starting with `=`, `+`, `-` or `@`) gets a leading `'`.
pub(super) fn csv(rows: &[&Permission]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let records = std::iter::once(HEADER.map(String::from)).chain(rows.iter().map(|p| {
        let mut cells = cells(p);
        for at in FREE_TEXT {
            if cells[at].starts_with(['=', '+', '-', '@']) {
                cells[at].insert(0, '\'');
            }
        }
        cells
    }));
    for record in records {
        writer.write_record(&record).expect("writing CSV to memory never fails");
    }
    let bytes = writer.into_inner().expect("flushing CSV to memory never fails");
    let text = String::from_utf8(bytes).expect("CSV of UTF-8 strings is UTF-8");
    text.trim_end_matches('\n').to_string()
}
