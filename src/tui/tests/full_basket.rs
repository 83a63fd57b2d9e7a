//! With the whole catalog in the basket a key and a frame cost what they
//! cost with an empty one (issue 33, item 5): they read what the last
//! rebuild worked out (`BasketView`) and the basket rows in view, never the
//! whole basket.

use super::screens::screen;
use super::*;

#[test]
fn typing_and_drawing_read_only_the_basket_rows_in_view() {
    let catalog = Catalog::builtin();
    let all: Vec<usize> = (0..catalog.len()).collect();
    let admin = catalog.permissions.iter().filter(|p| p.admin_consent).count();
    let mut app = App::new(catalog, PermissionType::Delegated, ScopeForm::Short, 160, 48);
    app.load_basket(all, PermissionType::Delegated, ScopeForm::Short);
    let whole = app.basket.len();
    assert!(whole >= 1_000, "the whole catalog is in the basket");
    let summary = format!("Basket · {whole} · {admin} need admin consent");
    assert!(screen(&app).contains(&summary), "{}", screen(&app));
    let rebuilds = app.generation;
    // The rows out of view (but those the rows in view name as the broader
    // one) are made unreadable: a key or a frame that went through the
    // whole basket would index past the catalog and panic.
    let in_view = app.areas().expect("a layout").basket_rows();
    assert!(in_view > 0 && in_view < whole);
    let named: Vec<usize> = (0..in_view).filter_map(|at| app.basket_view.covered_by(at)).collect();
    for (at, row) in app.basket.iter_mut().enumerate().skip(in_view) {
        if !named.contains(&at) {
            *row = usize::MAX;
        }
    }
    for c in "mail send".chars() {
        app.update(Action::Type(c));
        assert!(screen(&app).contains(&summary));
    }
    run(&mut app, &[Command::Down, Command::ClearFilter, Command::SwitchFocus, Command::Down]);
    let shown = screen(&app);
    assert!(shown.contains(&summary), "{shown}");
    assert!(shown.contains(&format!("↓ {} more", whole - in_view)), "{shown}");
    assert_eq!(app.generation, rebuilds, "no key went through the basket");
}

#[test]
fn the_table_marks_the_basket_rows_and_the_counts_follow_each_change() {
    let mut app = app();
    add(&mut app, &["chat.read", "user.read.all"]);
    type_text(&mut app, "chat");
    let marked = |app: &App| screen(app).lines().any(|l| l.contains("● Chat.Read "));
    assert!(marked(&app), "{}", screen(&app));
    assert!(!screen(&app).contains("● Chat.ReadBasic"));
    assert_eq!(app.basket_view.admin, 1, "User.Read.All needs admin consent");
    run(&mut app, &[Command::SwitchFocus, Command::RemoveFromBasket]);
    assert!(!marked(&app), "{}", screen(&app));
    assert_eq!(app.basket_view.admin, 1);
    assert_eq!(app.basket_view.scope_chars, app.scope().chars().count());
}

#[test]
fn a_burst_of_tabs_toggles_each_row_as_one_by_one_and_rebuilds_once() {
    for (command, start) in [(Command::ToggleDown, 0), (Command::ToggleUp, 12)] {
        let mut one_by_one = app();
        let mut burst = app();
        for app in [&mut one_by_one, &mut burst] {
            add(app, &["chat.read"]);
            run(app, &vec![Command::Down; start]);
        }
        run(&mut one_by_one, &[command; 6]);
        burst.update(Action::Command(command));
        let rebuilds = burst.generation;
        burst.update(Action::Toggled(command, 5));
        assert_eq!(burst.generation, rebuilds + 1, "one rebuild for the burst");
        assert_eq!(burst.basket, one_by_one.basket, "{command:?}");
        assert_eq!(burst.scope(), one_by_one.scope());
        assert_eq!((burst.selected, burst.offset), (one_by_one.selected, one_by_one.offset));
        assert_eq!(burst.messages, one_by_one.messages);
        assert_eq!(screen(&burst), screen(&one_by_one));
    }
}
