//! Golden files (insta snapshots in `snapshots/`) of every format, in both
//! modes, with and without IDs, in the global cloud with a mail-protocol row
//! and in a national cloud. Each file holds the text, then the notes for
//! stderr, or the error.

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

fn snapshot_all(rows: &[&Permission], cloud: Cloud, label: &str) {
    for format in Format::ALL {
        for mode in [D, A] {
            for (ids, options) in [
                ("ids", filled(cloud)),
                ("no-ids", ExportOptions { cloud, ..ExportOptions::default() }),
            ] {
                let name = format!("{}-{}-{ids}-{label}", format.key(), mode.key());
                insta::assert_snapshot!(name, shown(export(rows, mode, format, &options)));
            }
        }
    }
}

#[test]
fn every_format_in_the_global_cloud_with_a_mail_protocol_row() {
    let catalog = Catalog::embedded();
    let imap = imap();
    let mut rows = mixed(&catalog);
    rows.push(&imap);
    snapshot_all(&rows, Cloud::Global, "global-mail");
}

#[test]
fn every_format_in_a_national_cloud() {
    let catalog = Catalog::embedded();
    snapshot_all(&mixed(&catalog), Cloud::UsGov, "usgov");
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
    for format in Format::ALL.into_iter().filter(|f| *f != Format::ConsentUrl) {
        let err = export(&rows, D, format, &filled(Cloud::China)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "IMAP.AccessAsUser.All belong to Exchange Online, which scopepick knows for the \
             global cloud only, not china: remove them or use --cloud global",
            "{format}"
        );
    }
}
