//! Tests of the exports: exact outputs, read-back checks, errors.

mod agree;
mod docs;
mod golden;
mod read_back;
mod scripts;

use super::*;
use crate::catalog::{Catalog, Cloud, IntrexxRole, Resource};
use PermissionType::{Application as A, Delegated as D};

/// The catalog rows with these names and types, in the given order.
fn pick<'c>(catalog: &'c Catalog, rows: &[(&str, PermissionType)]) -> Vec<&'c Permission> {
    rows.iter().map(|(name, kind)| catalog.find(name, *kind).unwrap()).collect()
}

/// A row that is not in the catalog.
fn custom(name: &str, kind: PermissionType, description: &str, id: &str) -> Permission {
    Permission {
        name: name.to_string(),
        kind,
        description: description.to_string(),
        description_source: crate::catalog::DescriptionSource::CatalogFile,
        admin_consent: kind == A,
        intrexx: Some(IntrexxRole::Optional),
        id: id.to_string(),
        resource: Default::default(),
        display_name: None,
    }
}

fn export_default(rows: &[&Permission], mode: AuthMode, format: Format) -> String {
    export(rows, mode, format, &ExportOptions::default()).unwrap().text
}

#[test]
fn formats_display_their_keys_and_descriptions_are_one_line() {
    for &format in Format::ALL {
        assert_eq!(format.to_string(), format.key());
        assert!(!format.describe().is_empty() && !format.describe().contains('\n'));
    }
    let mode_only: Vec<Format> =
        Format::ALL.iter().copied().filter(|f| f.spec().mode_only).collect();
    assert_eq!(mode_only, [Format::ConsentUrl]);
}

#[test]
fn options_default_to_the_organizations_tenant_and_placeholders() {
    let options = ExportOptions::default();
    assert_eq!(options.tenant, "organizations");
    assert_eq!((options.app_id, options.redirect_uri, options.state), (None, None, None));
}

#[test]
fn a_placeholder_is_never_printed_silently() {
    let catalog = Catalog::embedded();
    let rows = pick(&catalog, &[("Chat.Read", D), ("Sites.Read.All", A)]);
    let options = ExportOptions {
        redirect_uri: Some("https://x.example/cb".into()),
        ..ExportOptions::default()
    };
    for &format in Format::ALL {
        for mode in [D, A] {
            let out = export(&rows, mode, format, &options).unwrap();
            let has_placeholder = out.text.contains('<');
            let named = out.notes.iter().any(|n| n.contains("--app-id"));
            assert_eq!(has_placeholder, named, "{format} {mode}: {:?}", out.notes);
            let uses_app = matches!(format, Format::Az | Format::Powershell | Format::ConsentUrl);
            assert_eq!(has_placeholder, uses_app, "{format} {mode}");
        }
    }
}

#[test]
fn no_rows_is_an_error_for_every_format() {
    for &format in Format::ALL {
        assert_eq!(
            export(&[], D, format, &ExportOptions::default()),
            Err(ExportError::NoRows),
            "{format}"
        );
    }
}

#[test]
fn mode_only_formats_need_a_row_of_the_mode() {
    let catalog = Catalog::embedded();
    let rows = pick(&catalog, &[("Chat.Read.All", A)]);
    let err = export(&rows, D, Format::ConsentUrl, &ExportOptions::default()).unwrap_err();
    assert_eq!(err, ExportError::NoneOfMode { format: Format::ConsentUrl, mode: D });
    let err = export(&rows, D, Format::ConsentUrl, &ExportOptions::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "nothing to export: consent-url in Delegated mode takes only Delegated permissions, \
         and none is selected"
    );
    assert!(export(&rows, D, Format::Manifest, &ExportOptions::default()).is_ok());
}

#[test]
fn rows_without_a_guid_are_named() {
    let catalog = Catalog::embedded();
    let empty = custom("Tasks.Read", D, "Read tasks", "");
    let short = custom("Notes.Read", D, "Read notes", "1234");
    let mut rows = pick(&catalog, &[("Chat.Read", D)]);
    rows.extend([&empty, &short]);
    let options = golden::filled(Cloud::Global);
    for &format in Format::ALL {
        let err = export(&rows, D, format, &options).unwrap_err();
        assert_eq!(
            err,
            ExportError::MissingIds { names: vec!["Notes.Read".into(), "Tasks.Read".into()] }
        );
    }
    let err = export(&rows, D, Format::Manifest, &ExportOptions::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "no valid GUID for Notes.Read, Tasks.Read: the export needs each permission's id"
    );
}

#[test]
fn names_that_could_break_a_command_are_refused() {
    let evil = custom("Chat.Read\",\"$(rm -rf ~)", D, "x", "f501c180-9344-439a-bca0-6cbf209fd270");
    let err = export(&[&evil], D, Format::Powershell, &ExportOptions::default()).unwrap_err();
    assert_eq!(err, ExportError::BadNames { names: vec![evil.name.clone()] });
    assert_eq!(
        err.to_string(),
        r#"not a Microsoft Graph permission name: "Chat.Read\",\"$(rm -rf ~)""#
    );
}

#[test]
fn bad_option_values_are_refused_on_one_line() {
    let catalog = Catalog::embedded();
    let rows = pick(&catalog, &[("Chat.Read", D)]);
    let cases = [
        ExportOptions { app_id: Some("my-app".into()), ..Default::default() },
        ExportOptions { tenant: String::new(), ..Default::default() },
        ExportOptions { tenant: "contoso .com".into(), ..Default::default() },
        ExportOptions { tenant: "x';rm".into(), ..Default::default() },
        ExportOptions { app_id: Some("abc\nrm -rf ~".into()), ..Default::default() },
        ExportOptions { redirect_uri: Some("https://x/\u{1b}[2J".into()), ..Default::default() },
        ExportOptions { state: Some("a b".into()), ..Default::default() },
    ];
    for options in cases {
        let err = export(&rows, D, Format::Az, &options).unwrap_err();
        assert!(matches!(err, ExportError::BadOption { .. }), "{options:?}");
        assert!(!err.to_string().contains(['\n', '\u{1b}']), "{err}");
    }
    let options = ExportOptions { app_id: Some("my-app".into()), ..Default::default() };
    assert_eq!(
        export(&rows, D, Format::ConsentUrl, &options).unwrap_err().to_string(),
        r#"app ID "my-app" is not valid: expected the Application (client) ID, a GUID"#
    );
}

#[test]
fn repeated_rows_are_exported_once() {
    let catalog = Catalog::embedded();
    let chat = catalog.find("Chat.Read", D).unwrap();
    let lower = Permission { name: "chat.read".into(), ..chat.clone() };
    let once = export_default(&[chat], D, Format::Csv);
    assert_eq!(export_default(&[chat, chat, &lower], D, Format::Csv), once);
}

#[test]
fn catalog_text_cannot_break_out_of_a_comment_or_cell() {
    let row = custom(
        "Tasks.Read.All",
        A,
        "Read | all\ntasks\u{1b}[31m\r\nRemove-Item C:\\",
        "11111111-2222-3333-4444-555555555555",
    );
    let md = export_default(&[&row], A, Format::Markdown);
    let line = md.lines().nth(2).unwrap();
    assert!(line.contains(r"Read \| all tasks"), "{line}");
    assert_eq!(line.matches(" | ").count(), 7, "{line}");
}

#[test]
fn the_sheet_says_whose_words_each_description_is_and_carries_scopepicks_note() {
    let catalog = Catalog::builtin();
    let rows = pick(&catalog, &[("Mail.Send", D), ("Mail.Send", A)]);
    let note = one_line(crate::catalog::graph::note_for("Mail.Send", D).unwrap().text);
    let [delegated, application] = [rows[0], rows[1]];
    let md = export_default(&rows, D, Format::Markdown);
    let expected = format!(
        "| `Mail.Send` | Delegated | No | {} | Intrexx page | {note} | `{}` | optional |",
        delegated.description, delegated.id
    );
    assert!(md.lines().any(|l| l == expected), "{expected}\n{md}");
    let generated = format!("| {} | scopepick |  |", application.description);
    assert!(md.contains(&generated), "{md}");
    let csv = export_default(&rows, D, Format::Csv);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let sources: Vec<(String, String)> =
        reader.records().map(|r| r.unwrap()).map(|r| (r[4].into(), r[5].into())).collect();
    assert_eq!(sources, [("Intrexx page".into(), note), ("scopepick".into(), String::new())]);
}
