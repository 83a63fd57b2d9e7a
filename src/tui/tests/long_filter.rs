//! A catalog too large to filter in one step: the screen shows the previous
//! rows and the progress, keys are never lost, and the result is exact.

use super::*;
use crate::catalog::Permission;
use crate::filter::{Criteria, FuzzyFilter, Hit};
use crate::tui::draw::draw;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// `count` generated rows named like Graph permissions.
fn big_catalog(count: usize) -> Catalog {
    let resources = ["Calendars", "Chat", "Mail", "User", "Sites", "Files", "Group", "Team"];
    let permissions = (0..count)
        .map(|n| {
            let resource = resources[n % resources.len()];
            let kind = PermissionType::ALL[n / resources.len() % 2];
            Permission {
                name: format!("{resource}{}.Read{}", n / 16, if n % 3 == 0 { ".All" } else { "" }),
                kind,
                description: format!(
                    "Allows the app to read {} number {n}",
                    resource.to_lowercase()
                ),
                admin_consent: n % 5 == 0,
                intrexx: None,
                id: format!("00000000-0000-4000-8000-{n:012x}"),
                resource: Default::default(),
                display_name: None,
            }
        })
        .collect();
    Catalog { name: "big".into(), permissions }
}

fn fresh(app: &App, query: &str) -> Vec<Hit> {
    let criteria = Criteria { query: query.into(), ..Criteria::default() };
    FuzzyFilter::new().filter(&app.catalog, &criteria)
}

fn finish(app: &mut App) -> usize {
    let mut steps = 0;
    while app.filtering().is_some() {
        app.update(Action::FilterStep);
        steps += 1;
    }
    steps
}

#[test]
fn a_long_pass_runs_in_steps_and_shows_its_progress_meanwhile() {
    let mut app = App::new(big_catalog(60_000), PermissionType::Delegated, Style::Short, 120, 30);
    type_text(&mut app, "c");
    assert_eq!(app.filtering(), Some((0, 60_000)), "a key only starts the pass");
    app.update(Action::FilterStep);
    let (done, all) = app.filtering().expect("60,000 rows take more than one step");
    assert!(done > 0 && done < all, "{done}/{all}");
    assert_eq!(app.hits().len(), 60_000, "the previous rows stay on show");
    let mut terminal = Terminal::new(TestBackend::new(120, 30)).unwrap();
    terminal.draw(|f| draw(f, &app)).unwrap();
    let screen: String = terminal.backend().buffer().content().iter().map(|c| c.symbol()).collect();
    assert!(screen.contains("Permissions filtering… 27%"), "{screen}");
    assert!(finish(&mut app) >= 2, "and more steps finish it");
    assert_eq!(app.hits(), fresh(&app, "c"));
    assert_eq!(app.selected, 0);
    terminal.draw(|f| draw(f, &app)).unwrap();
    let screen: String = terminal.backend().buffer().content().iter().map(|c| c.symbol()).collect();
    assert!(screen.contains(&format!("Permissions {}/60000", app.hits().len())), "{screen}");
}

#[test]
fn keys_typed_during_a_pass_are_all_applied_in_one_new_pass() {
    let mut app = App::new(big_catalog(60_000), PermissionType::Delegated, Style::Short, 120, 30);
    type_text(&mut app, "chat");
    assert_eq!(app.query(), "chat", "no key waits for the filter");
    finish(&mut app);
    assert_eq!(app.hits(), fresh(&app, "chat"));
    // Backspace to a query seen before is answered at once.
    run(&mut app, &[Command::Edit(crate::tui::action::Edit::DeletePrevChar)]);
    type_text(&mut app, "t");
    assert!(app.filtering().is_none());
    assert_eq!(app.hits(), fresh(&app, "chat"));
}

#[test]
fn an_exact_filter_change_during_a_pass_keeps_the_highlighted_row() {
    let mut app = App::new(big_catalog(60_000), PermissionType::Delegated, Style::Short, 120, 30);
    type_text(&mut app, "mail");
    finish(&mut app);
    run(&mut app, &[Command::Down]);
    while app.highlighted().map(|p| p.kind) != Some(PermissionType::Delegated) {
        run(&mut app, &[Command::Down]);
    }
    let highlighted = app.highlighted().cloned();
    run(&mut app, &[Command::ToggleHideOtherType]);
    assert!(app.filtering().is_some());
    finish(&mut app);
    assert_eq!(app.highlighted().cloned(), highlighted, "a Delegated row stays highlighted");
    assert!(app.hits().iter().all(|h| app.catalog.permissions[h.index()].kind == app.mode));
}

#[test]
fn a_burst_of_keys_scores_no_row_until_the_keys_are_applied() {
    let mut app = App::new(big_catalog(60_000), PermissionType::Delegated, Style::Short, 120, 30);
    type_text(&mut app, "channelmessage.read.");
    assert_eq!(app.filtering(), Some((0, 60_000)), "twenty keys, not one step yet");
    finish(&mut app);
    assert_eq!(app.hits(), fresh(&app, "channelmessage.read."));
}
