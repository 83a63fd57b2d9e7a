//! The whole catalog in the basket (issue 33, item 5): a burst of Tabs is
//! handled as one change of the basket, not one rebuild of the scope string
//! per press (before: 2,000 presses froze the picker for 43 s).

use crate::support::{self, Tmux};
use scopepick::catalog::Catalog;
use scopepick::config::SessionStore;
use scopepick::saved::{Session, saved_permissions};
use std::time::Duration;

#[test]
fn a_burst_of_tabs_over_the_whole_catalog_in_the_basket_is_handled_at_once() {
    let catalog = Catalog::builtin();
    let rows: Vec<_> = catalog.permissions.iter().collect();
    let session_dir = support::private_dir("full-basket-session");
    let session = session_dir.join("session.json");
    let basket = saved_permissions(&rows);
    SessionStore::at(&session).save(&Session { basket, ..Session::default() }).unwrap();
    let bin = env!("CARGO_BIN_EXE_scopepick");
    let command = format!(
        "mkdir -p \"$SCOPEPICK_CONFIG_DIR\" && cp '{}' \"$SCOPEPICK_CONFIG_DIR\" && '{bin}'; exec sleep 600",
        session.display()
    );
    let Some(tmux) = Tmux::start("full-basket", &command, 100, 30) else { return };
    tmux.wait_for(&format!("Basket · {} ·", rows.len()));
    // Each press takes the highlighted row out and moves down; at the last
    // row the presses left over put it back and take it out in turn: seven
    // more than the rows leave the last one in.
    tmux.keys(&vec!["Tab"; rows.len() + 7]);
    let last = &rows[rows.len() - 1].name;
    support::eventually_within("the Tabs are all handled", Duration::from_secs(15), || {
        let screen = tmux.screen();
        screen.contains("Basket · 1 ·") && screen.contains(&format!("Added {last}"))
    });
}
