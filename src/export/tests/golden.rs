//! Golden files (insta snapshots in `snapshots/`) of every format, in both
//! modes, with and without IDs, in the global cloud with a mail-protocol row
//! and in a national cloud: one file per distinct text, named by what it
//! covers (`any-mode` when both modes give it). Each holds the text, then the
//! notes for stderr, or the error.

use super::*;

/// IMAP.AccessAsUser.All as the full Graph catalog has it (Graph's GUID).
fn imap() -> Permission {
    custom("IMAP.AccessAsUser.All", D, "IMAP", "652390e4-393a-48de-9484-05f9b1212954")
}

/// Two Delegated Graph rows (one an OpenID scope), two Application rows, given
/// unsorted and with a repeat: every format sorts and de-duplicates them.
fn mixed(catalog: &Catalog) -> Vec<&Permission> {
    pick(
        catalog,
        &[
            ("offline_access", D),
            ("Sites.Read.All", A),
            ("Chat.Read", D),
            ("Chat.Read.All", A),
            ("Chat.Read", D),
        ],
    )
}

/// The customer's IDs, as a saved selection holds them.
pub(super) fn filled(cloud: Cloud) -> ExportOptions {
    ExportOptions {
        app_id: Some("0f3a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b".into()),
        tenant: "contoso.onmicrosoft.com".into(),
        redirect_uri: Some("https://portal.contoso.com/service/oauth2/authorize".into()),
        state: Some("golden-state".into()),
        cloud,
    }
}

/// What the golden file holds for one export.
fn shown(result: Result<Export, ExportError>) -> String {
    match result {
        Ok(out) => {
            let mut text = out.text;
            for note in out.notes {
                text += &format!("\n--- stderr: {note}");
            }
            text
        }
        Err(err) => format!("error: {err}"),
    }
}

/// Every export of every format, both modes, with and without IDs, in the
/// global cloud with a mail-protocol row and in a national cloud: the key
/// `[format, mode, ids, cloud]` and the text.
fn every_export() -> Vec<([String; 4], String)> {
    let catalog = Catalog::embedded();
    let imap = imap();
    let mut with_mail = mixed(&catalog);
    with_mail.push(&imap);
    let mut out = Vec::new();
    for (rows, cloud, label) in
        [(with_mail, Cloud::Global, "global-mail"), (mixed(&catalog), Cloud::UsGov, "usgov")]
    {
        for &format in Format::ALL {
            for mode in [D, A] {
                for (ids, options) in [
                    ("ids", filled(cloud)),
                    ("no-ids", ExportOptions { cloud, ..ExportOptions::default() }),
                ] {
                    let key = [format.key(), mode.key(), ids, label].map(str::to_string);
                    out.push((key, shown(export(&rows, mode, format, &options))));
                }
            }
        }
    }
    out
}

/// The name of the golden file of the exports in `keys`: per part of the
/// key, its one value or `any-<part>` when the text is the same for each.
fn golden_name(keys: &[&[String; 4]], all: &[([String; 4], String)]) -> String {
    const PARTS: [&str; 4] = ["format", "mode", "ids", "cloud"];
    let values = |i: usize, among: &mut dyn Iterator<Item = &[String; 4]>| {
        let mut v: Vec<String> = among.map(|k| k[i].clone()).collect();
        v.sort();
        v.dedup();
        v
    };
    let name: Vec<String> = (0..4)
        .map(|i| match values(i, &mut keys.iter().copied()).as_slice() {
            [one] => one.clone(),
            _ => format!("any-{}", PARTS[i]),
        })
        .collect();
    let spans: Vec<Vec<String>> = (0..4).map(|i| values(i, &mut keys.iter().copied())).collect();
    let covered = all.iter().filter(|(k, _)| (0..4).all(|i| spans[i].contains(&k[i]))).count();
    assert_eq!(covered, keys.len(), "{name:?} would not name exactly the exports it holds");
    name.join("-")
}

#[test]
fn one_golden_file_per_distinct_export_text() {
    let all = every_export();
    let mut texts: Vec<&str> = all.iter().map(|(_, text)| text.as_str()).collect();
    texts.sort();
    texts.dedup();
    let mut names = Vec::new();
    for text in texts {
        let keys: Vec<&[String; 4]> =
            all.iter().filter(|(_, t)| t == text).map(|(k, _)| k).collect();
        let name = golden_name(&keys, &all);
        insta::assert_snapshot!(name.clone(), text);
        names.push(format!("scopepick__export__tests__golden__{name}.snap"));
    }
    // No golden file outlives the text it held.
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/export/tests/snapshots");
    let mut stored: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|f| f.starts_with("scopepick__export__tests__golden__") && f.ends_with(".snap"))
        .collect();
    stored.sort();
    names.sort();
    assert_eq!(stored, names, "golden files in {dir} that no export gives: remove them");
}

#[test]
fn formats_that_ignore_the_mode_or_the_ids_give_one_text_for_each() {
    let all = every_export();
    let text = |format: &str, mode: &str, ids: &str, cloud: &str| {
        let key = [format, mode, ids, cloud];
        all.iter().find(|(k, _)| k.iter().zip(key).all(|(a, b)| a == b)).unwrap().1.clone()
    };
    for cloud in ["global-mail", "usgov"] {
        for format in Format::ALL.iter().map(|f| f.key()) {
            // Only the consent URL differs between the modes.
            if format != "consent-url" {
                for ids in ["ids", "no-ids"] {
                    let d = text(format, D.key(), ids, cloud);
                    assert_eq!(d, text(format, A.key(), ids, cloud), "{format} {ids} {cloud}");
                }
            }
            // The tables and the manifest hold no customer IDs.
            if ["csv", "manifest", "markdown"].contains(&format) {
                for mode in [D.key(), A.key()] {
                    let with = text(format, mode, "ids", cloud);
                    assert_eq!(
                        with,
                        text(format, mode, "no-ids", cloud),
                        "{format} {mode} {cloud}"
                    );
                }
            }
        }
    }
}

/// The registration formats refuse mail rows in a national cloud; the
/// consent URL leaves them out of every URL, says so per row, and counts them.
#[test]
fn mail_rows_are_refused_in_a_national_cloud_by_every_format() {
    let catalog = Catalog::embedded();
    let imap = imap();
    let mut rows = mixed(&catalog);
    rows.push(&imap);
    let url = export(&rows, D, Format::ConsentUrl, &filled(Cloud::China)).unwrap();
    assert_eq!(url.left_out, 3, "two Application rows and the mail row: {:?}", url.notes);
    assert!(url.notes.contains(&"left out: IMAP.AccessAsUser.All (Delegated): Office 365 Exchange Online has no known host in the china cloud".to_string()));
    assert!(!url.text.contains("IMAP"), "{}", url.text);
    for format in Format::ALL.iter().copied().filter(|f| *f != Format::ConsentUrl) {
        let err = export(&rows, D, format, &filled(Cloud::China)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "IMAP.AccessAsUser.All belongs to Office 365 Exchange Online, which has no known \
             host in the china cloud: remove it or use another --cloud",
            "{format}"
        );
    }
}
