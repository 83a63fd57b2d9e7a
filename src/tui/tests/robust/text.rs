//! Wide characters, long text, hostile catalog text and hostile input.

use super::*;

// ---------------------------------------------------------------------------
// Wide characters and long text
// ---------------------------------------------------------------------------

/// Checks the permission table on `buffer`: every column starts at the
/// header's x on every row, no cell reaches into the next column, texts are
/// cut with `…` only when they do not fit. Returns how many cells were cut.
fn assert_table_aligned(app: &App, buffer: &Buffer) -> usize {
    let table = app.areas().expect("big enough").table;
    let header_y = table.y + 1;
    // The description column may be too narrow for its heading: it starts
    // one cell after the eight of INTREXX. Short labels (`Del.`, `req.`)
    // give a name the room of the description, which then has no column.
    let headers = ["NAME", "TYPE", "ADMIN", "INTREXX"];
    let mut starts: Vec<u16> = headers
        .iter()
        .map(|h| find_in_row(buffer, header_y, h).unwrap_or_else(|| panic!("header {h}")))
        .collect();
    let short = starts[2] - starts[1] == 5;
    if !short {
        starts.push(starts[3] + 9);
    }
    let right_border = table.x + table.width - 1;
    // Each column's cells end before the one-cell gap in front of the next column.
    let mut ends: Vec<u16> = starts[1..].iter().map(|s| s - 1).collect();
    ends.push(right_border);
    let mut cut = 0;
    for (row, hit) in app.hits().iter().skip(app.offset).take(table.height as usize - 3).enumerate()
    {
        let y = header_y + 1 + row as u16;
        let p = &app.catalog.permissions[hit.index()];
        assert_eq!(buffer[(table.x, y)].symbol(), "│", "left border, row {y}");
        assert_eq!(buffer[(right_border, y)].symbol(), "│", "right border, row {y}");
        for (column, (&start, &end)) in starts.iter().zip(&ends).enumerate() {
            let mut x = start;
            while x < end {
                let width = (buffer[(x, y)].symbol().width() as u16).max(1);
                assert!(x + width <= end, "row {y}: cell {x} of column {column} spills over {end}");
                x += width;
            }
            if column + 1 < starts.len() {
                assert_eq!(buffer[(end, y)].symbol(), " ", "row {y}: gap after column {column}");
            }
        }
        let kind = if short { &p.kind.label()[..3] } else { p.kind.label() };
        assert!(spells(buffer, starts[1], y, kind), "row {y}: TYPE at x {}", starts[1]);
        for (text, column) in [(&p.name, 0), (&p.description, 4)].into_iter().take(starts.len() - 3)
        {
            // Descriptions stay one cell off the border.
            let room = usize::from(ends[column] - starts[column]) - usize::from(column == 4);
            let shown = shown(buffer, y, starts[column], ends[column]);
            let shown = shown.trim_end();
            let full = printable(text);
            if column == 4 && room < 10 && shown.is_empty() {
                // Too narrow for a description worth reading: none.
                continue;
            }
            if full.width() <= room {
                assert_eq!(shown, full, "row {y}: fits, so shown in full");
            } else if column == 0 {
                // Names are cut in the middle: a head and a tail of the name.
                let (head, tail) =
                    shown.split_once('…').unwrap_or_else(|| panic!("row {y}: {shown:?}"));
                assert!(full.starts_with(head), "row {y}: {shown:?} starts as {full:?}");
                assert!(full.ends_with(tail), "row {y}: {shown:?} ends as {full:?}");
                assert!(shown.width() <= room, "row {y}: {shown:?} fits {room} cells");
                cut += 1;
            } else if room > 0 {
                let kept = shown.strip_suffix('…').unwrap_or_else(|| panic!("row {y}: {shown:?}"));
                assert!(full.starts_with(kept), "row {y}: {shown:?} is a prefix of {full:?}");
                assert!(shown.width() <= room, "row {y}: {shown:?} fits {room} cells");
                cut += 1;
            }
        }
    }
    cut
}

#[test]
fn wide_characters_keep_the_table_aligned_and_long_text_is_cut_with_an_ellipsis() {
    for (width, height) in [(100, 30), (60, 18), (160, 40)] {
        let mut app = wide_app(width, height);
        let (buffer, _) = draw_app(&app);
        let mut cut = assert_table_aligned(&app, &buffer);
        assert!(control_cells(&buffer).is_empty());

        // Every row highlighted in turn (scrolling small tables), and put in the basket.
        for _ in 0..app.hits().len() {
            run(&mut app, &[Command::ToggleDown]);
            cut += assert_table_aligned(&app, &draw_app(&app).0);
        }
        // At 160 columns short labels give the long name its room.
        if width < 160 {
            assert!(cut >= 2, "{width}x{height}: the long name and long descriptions are cut");
        }
        // The basket shows while it has the focus, also where the panes are hidden at first.
        run(&mut app, &[Command::SwitchFocus]);
        let (buffer, _) = draw_app(&app);
        assert_basket_aligned(&app, &buffer);
    }
}

/// The basket's type labels start at the same x on every row, inside the pane.
fn assert_basket_aligned(app: &App, buffer: &Buffer) {
    let basket = app.areas().unwrap().basket;
    let rows = usize::from(basket.height - 2).min(app.basket.len());
    assert!(rows > 0);
    let mut label_x = None;
    for row in 0..rows {
        let y = basket.y + 1 + row as u16;
        let p = &app.catalog.permissions[app.basket[app.basket_offset + row]];
        let right = basket.x + basket.width;
        let x = find_between(buffer, y, basket.x, right, p.kind.label()).expect("a type label");
        assert_eq!(*label_x.get_or_insert(x), x, "basket row {row}: type label at x {x}");
        assert_eq!(buffer[(right - 1, y)].symbol(), "│");
    }
}

#[test]
fn a_wide_query_keeps_the_table_aligned_and_its_tail_visible() {
    let mut app = wide_app(100, 30);
    type_text(&mut app, "予定");
    assert_eq!(app.hits().len(), 1);
    let (buffer, cursor) = draw_app(&app);
    assert_table_aligned(&app, &buffer);
    assert!(shown(&buffer, 1, 0, 100).starts_with("> 予定 "));
    assert!(shown(&buffer, 1, 0, 100).ends_with(" 1/5 "), "the count keeps its place");
    assert_eq!(cursor, (6, 1), "the cursor follows the two wide characters");

    // A query wider than the input: the end of it, where the cursor is, shows.
    run(&mut app, &[Command::ClearFilter]);
    type_text(&mut app, &"予定表".repeat(20));
    let (buffer, cursor) = draw_app(&app);
    let line = shown(&buffer, 1, 0, 100);
    let text = line.strip_prefix("> ").unwrap().trim_end().trim_end_matches("0/5").trim_end();
    assert!(text.ends_with("予定表予定表"), "the tail of the query shows: {line:?}");
    assert_eq!(cursor.0, 2 + text.width() as u16, "the cursor sits right after it: {line:?}");
    assert!(text.width() >= 80, "the input uses its width: {line:?}");
}

// ---------------------------------------------------------------------------
// Hostile catalog text
// ---------------------------------------------------------------------------

#[test]
fn hostile_catalog_text_reaches_the_screen_only_as_visible_characters() {
    for (width, height) in [(100, 30), (60, 18)] {
        let mut app = App::new(hostile_catalog(), D, ScopeForm::Short, width, height);
        for _ in 0..app.hits().len() {
            let (buffer, _) = draw_app(&app);
            assert_eq!(control_cells(&buffer), [], "{width}x{height}");
            run(&mut app, &[Command::ToggleDown]);
        }
        // Header, details, basket, scope pane, status, menus and prompts.
        for commands in [
            &[Command::SwitchMode][..],
            &[Command::OpenExport],
            &[Command::SaveToFile],
            &[Command::CloseModal, Command::SaveSelection],
        ] {
            run(&mut app, commands);
            let (buffer, _) = draw_app(&app);
            assert_eq!(control_cells(&buffer), [], "{width}x{height} after {commands:?}");
        }
    }
    // The escape sequences stay visible as text, their control characters as �.
    let mut app = App::new(hostile_catalog(), D, ScopeForm::Short, 160, 40);
    type_text(&mut app, "colour");
    let (buffer, _) = draw_app(&app);
    let screen: String = (0..40).map(|y| shown(&buffer, y, 0, 160)).collect();
    assert!(
        screen.contains("Colour \u{FFFD}[31mRED\u{FFFD}[0m then a title \u{FFFD}]0;pwned-title")
    );
    assert!(screen.contains("Hostile \u{FFFD}]0;pwned-title\u{FFFD} catalog"), "the header");
}

#[test]
fn catalog_names_with_control_characters_are_refused() {
    let row = |name: &str| {
        format!(
            r#"{{"name":"t","permissions":[{{"name":"{name}","type":"Delegated","description":"d","admin_consent":false,"id":"465a38f9-76ea-45b9-9f34-9e8b0d4b0b42"}}]}}"#
        )
    };
    for name in [r"Evil\u001b[31m.Read", r"Bell\u0007.Read", r"C1\u009b2J.Read", r"Nul\u0000"] {
        let err = parse_catalog(&row(name), "x.json").unwrap_err();
        let message = err.to_string();
        assert!(message.contains("control character"), "{message}");
        assert!(!message.contains(char::is_control), "the message is safe to print: {message:?}");
    }
    assert!(parse_catalog(&row("日本語.Read"), "x.json").is_ok(), "other Unicode is fine");
}

// ---------------------------------------------------------------------------
// Hostile input
// ---------------------------------------------------------------------------

/// 10,000 characters cycling through letters, wide characters, escape
/// sequences, line breaks and other control characters.
fn ten_thousand_hostile_chars() -> String {
    "ab 日本📅\u{1b}[31m\u{7}\r\n\t\u{0}\u{9b}e\u{301}\u{7f}."
        .chars()
        .cycle()
        .take(10_000)
        .collect()
}

#[test]
fn a_10000_character_paste_with_control_characters_is_sanitized() {
    let text = ten_thousand_hostile_chars();
    let expected: String = text
        .chars()
        .filter_map(|c| match c {
            '\r' | '\n' | '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect();
    let mut app = app();
    type_text(&mut app, "<>");
    run(&mut app, &[Command::Edit(crate::tui::action::Edit::GoToPrevChar)]);
    app.update(Action::Paste(text.clone()));
    assert_eq!(app.query(), format!("<{expected}>"));
    assert_eq!(app.input.cursor(), 1 + expected.chars().count(), "the cursor ends the paste");
    assert!(app.hits().is_empty());
    for (width, height) in [(100, 30), (300, 100), (20, 5)] {
        app.update(Action::Resize(width, height));
        let (buffer, cursor) = draw_app(&app);
        assert!(control_cells(&buffer).is_empty());
        assert!(cursor.0 < width && cursor.1 < height);
    }
    // The picker still works: Esc empties the filter, typing filters again.
    run(&mut app, &[Command::ClearFilter]);
    type_text(&mut app, "chat");
    assert_eq!(app.hits().len(), 5);

    // A paste into a prompt (shorter: prompts insert character by character).
    add(&mut app, &["chat.read"]);
    run(&mut app, &[Command::SaveSelection]);
    let text: String = text.chars().take(2_000).collect();
    app.update(Action::Paste(text.clone()));
    let Some(crate::tui::modal::Modal::Prompt(prompt)) = &app.modal else { panic!("a prompt") };
    let expected: String = text.chars().filter(|c| !c.is_control()).collect();
    assert_eq!(prompt.input.value(), expected);
    let (buffer, cursor) = draw_app(&app);
    assert!(control_cells(&buffer).is_empty());
    assert!(cursor.0 < app.size.width && cursor.1 < app.size.height);
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, modifiers))
}

#[test]
fn odd_key_events_never_type_control_characters() {
    let mut app = app();
    type_text(&mut app, "chat");
    for c in ['\u{1b}', '\u{7}', '\u{0}', '\u{7f}', '\u{85}', '\u{9b}', '\r', '\n', '\t'] {
        assert_eq!(action_for(key(KeyCode::Char(c), KeyModifiers::NONE), &app), None, "{c:?}");
        assert_eq!(action_for(key(KeyCode::Char(c), KeyModifiers::SHIFT), &app), None, "{c:?}");
    }
    let ignored = [
        key(KeyCode::Null, KeyModifiers::NONE),
        key(KeyCode::F(0), KeyModifiers::NONE),
        key(KeyCode::F(255), KeyModifiers::all()),
        key(KeyCode::CapsLock, KeyModifiers::NONE),
        key(KeyCode::Media(MediaKeyCode::Play), KeyModifiers::NONE),
        key(KeyCode::Modifier(ModifierKeyCode::LeftSuper), KeyModifiers::SUPER),
        key(KeyCode::KeypadBegin, KeyModifiers::NONE),
        key(KeyCode::Char('x'), KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT),
        Event::FocusGained,
        Event::FocusLost,
        Event::Mouse(MouseEvent {
            kind: MouseEventKind::Moved,
            column: u16::MAX,
            row: u16::MAX,
            modifiers: KeyModifiers::NONE,
        }),
    ];
    for event in ignored {
        if let Some(action) = action_for(event.clone(), &app) {
            panic!("{event:?} became {action:?}");
        }
    }
    assert_eq!(app.query(), "chat");
    // Ordinary characters, wide ones included, are typed.
    for c in ['a', 'É', '日', '📅'] {
        assert_eq!(
            action_for(key(KeyCode::Char(c), KeyModifiers::SHIFT), &app),
            Some(Action::Type(c))
        );
    }
    // Nonsense coordinates and sizes are harmless.
    for action in [
        Action::Click(u16::MAX, u16::MAX),
        Action::Scroll(i16::MIN),
        Action::Scroll(i16::MAX),
        Action::Resize(0, 0),
        Action::Resize(u16::MAX, 1),
    ] {
        app.update(action);
    }
    app.update(Action::Resize(100, 30));
    assert_eq!(app.query(), "chat");
    assert!(control_cells(&draw_app(&app).0).is_empty());
}
