//! The README's screenshot is the real binary's screen: started as a new
//! user starts it (no flags, no session, the built-in catalog and the
//! runner's catalog label), driven in tmux, captured with `capture-pane`.
//! `SCOPEPICK_UPDATE_DOCS=1 cargo test --test suite readme_screenshot` rewrites it.

use crate::support;

use support::Tmux;

const START: &str = "<!-- screenshot:start -->\n";
const END: &str = "\n<!-- screenshot:end -->";

#[test]
fn the_readme_screenshot_is_the_real_start_up_screen() {
    let bin = env!("CARGO_BIN_EXE_scopepick");
    let Some(tmux) = Tmux::start("readme-screenshot", &format!("'{bin}'; exec sleep 600"), 100, 30)
    else {
        return;
    };
    tmux.wait_for_picker();
    tmux.type_text("offline");
    tmux.wait_for("> offline ");
    tmux.keys(&["Tab"]);
    tmux.wait_for("Basket · 1");
    // Wait for the cleared filter: ESC followed at once by a letter reads as Alt-letter.
    tmux.keys(&["Escape"]);
    tmux.wait_for_picker();
    tmux.type_text("GET /me/events");
    tmux.wait_for("> GET /me/events ");
    tmux.keys(&["Tab"]);
    tmux.wait_for("Added Calendars.ReadBasic");
    let screen = stable_screen(&tmux);
    let lines: Vec<&str> = screen.lines().map(str::trim_end).collect();
    assert_eq!(lines.len(), 30, "{screen}");
    assert!(lines[0].contains(&support::builtin_title()), "{screen}");
    let shot = format!("```text\n{}\n```", lines.join("\n"));
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).unwrap();
    let a = readme.find(START).expect("README has the screenshot start marker") + START.len();
    let b = readme.find(END).expect("README has the screenshot end marker");
    if std::env::var_os("SCOPEPICK_UPDATE_DOCS").is_some() {
        std::fs::write(path, format!("{}{shot}{}", &readme[..a], &readme[b..])).unwrap();
        return;
    }
    assert!(
        readme[a..b] == shot,
        "README screenshot is stale: run SCOPEPICK_UPDATE_DOCS=1 cargo test --test suite readme_screenshot\nnow:\n{shot}"
    );
}

/// The screen once two captures in a row agree (the last frame is drawn).
fn stable_screen(tmux: &Tmux) -> String {
    let pause = std::time::Duration::from_millis(200);
    support::settled("the screen stops changing", pause, || tmux.screen())
}
