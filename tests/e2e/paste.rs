//! A block of API calls pasted into the real picker (bracketed paste through
//! tmux) offers the minimal basket `api --from` gives, and Enter prints it.

use super::tui::{finish, start_sized};
use scopepick::calls::basket::minimal;
use scopepick::calls::distinct;
use scopepick::calls::extract::calls_in;
use scopepick::catalog::graph::Scheme;

/// A log of what an app called, as a developer copies it.
const LOG: &str = "2026-12-04T10:00:01Z GET https://graph.microsoft.com/v1.0/me/events?$top=5 200\n\
                   2026-12-04T10:00:02Z POST https://graph.microsoft.com/v1.0/me/sendMail 202\n\
                   2026-12-04T10:00:03Z GET https://graph.microsoft.com/v1.0/me/messages?$top=10 200\n\
                   2026-12-04T10:00:04Z GET https://graph.microsoft.com/v1.0/me/events?$top=5 200\n";

#[test]
fn a_pasted_block_of_calls_fills_the_basket_with_its_minimal_basket() {
    let Some(tmux) = start_sized("paste-calls", "--fresh", 120, 35) else { return };
    let calls = distinct(&calls_in(LOG));
    let names: Vec<String> =
        minimal(&calls, Scheme::DelegatedWork).names().into_iter().map(String::from).collect();
    let file = tmux.dir.join("calls.log");
    std::fs::write(&file, LOG).unwrap();
    tmux.tmux(&["load-buffer", &file.to_string_lossy()]);
    tmux.tmux(&["paste-buffer", "-p", "-t", "0"]);
    let offer = format!("Add the {} permissions these {} calls", names.len(), calls.len());
    tmux.wait_for(&offer);
    tmux.keys(&["y"]);
    let screen =
        tmux.wait_for(&format!("Added {} permissions for {} calls", names.len(), calls.len()));
    assert!(screen.contains(&format!("Basket · {}", names.len())), "{screen}");
    for name in &names {
        assert!(screen.contains(name.as_str()), "{name} in the basket: {screen}");
    }
    tmux.keys(&["Enter"]);
    let (rc, stdout) = finish(&tmux);
    assert_eq!(rc, "0");
    let mut printed: Vec<&str> = stdout.split_whitespace().collect();
    let mut expected: Vec<&str> = names.iter().map(String::as_str).collect();
    printed.sort_unstable();
    expected.sort_unstable();
    assert_eq!(printed, expected, "the picker's string is the calls' basket");
}
