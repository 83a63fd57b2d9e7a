//! The hand-off end to end: a saved selection with the customer's IDs,
//! opened in the picker under tmux, exported as az to the real X11 clipboard
//! (Xvfb, read back with xclip) and to a file; both hold the filled-in script.

use crate::support;

use support::{Tmux, Xvfb};

const BIN: &str = env!("CARGO_BIN_EXE_scopepick");
const APP_ID: &str = "0f3a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b";

#[test]
fn a_selection_with_ids_exports_az_to_the_clipboard_and_a_file() {
    let Some(x) = Xvfb::start() else { return };
    let save = format!(
        "'{BIN}' selection save acme --tenant contoso.onmicrosoft.com --app-id {APP_ID} Chat.Read offline_access >/dev/null"
    );
    let command = format!("{save} && DISPLAY={} '{BIN}'; exec sleep 600", x.display);
    let Some(tmux) = Tmux::start("handoff", &command, 120, 40) else { return };
    tmux.wait_for_picker();
    tmux.keys(&["F3"]);
    tmux.wait_for("acme");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Selection: acme");
    tmux.keys(&["F5"]);
    tmux.wait_for("Export");
    tmux.keys(&["Down", "Enter"]);
    let screen = tmux.wait_for("Preview");
    assert!(
        screen.contains(&format!("app={APP_ID}")),
        "the preview shows the filled-in text:\n{screen}"
    );
    tmux.keys(&["Enter"]);
    // The copy's own report (the preview's footer names the clipboard too).
    tmux.wait_for("Copied the az export");
    let copied = x.clipboard();
    assert!(
        copied.contains(&format!("\napp={APP_ID}\n"))
            && copied.contains("| grep -qixF contoso.onmicrosoft.com; then\n")
            && copied.contains("\ngrant_delegated \"$graph_sp\" 'Chat.Read offline_access'"),
        "the az script is on the clipboard once the picker says so: {copied:?}\nscreen:\n{}",
        tmux.screen()
    );
    assert!(!copied.contains("<APP_ID>"), "{copied}");

    let file = tmux.dir.join("acme-az.sh");
    tmux.keys(&["F5"]);
    tmux.wait_for("Export");
    tmux.keys(&["Down", "Enter"]);
    tmux.wait_for("Preview");
    tmux.keys(&["C-s"]);
    tmux.wait_for("to which file");
    tmux.keys(&["C-u"]);
    tmux.type_text(&file.display().to_string());
    tmux.keys(&["Enter"]);
    let written = tmux.wait_for_file(&file);
    assert_eq!(written, format!("{copied}\n"), "the file holds the same script");
}
