//! Robustness: drawing at any size in any state, wide characters, hostile
//! catalog text and hostile input. The property test's case count comes from
//! `PROPTEST_CASES` (default [`DEFAULT_CASES`], kept small so the suite stays fast).

use super::*;
use crate::catalog::parse_catalog;
use crate::saved::{SavedPermission, Selection};
use crate::text::printable;
use crate::tui::action::{Edit, ListedSelection, Status};
use crate::tui::draw::draw;
use crate::tui::events::action_for;
use crate::tui::keymap::Focus;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::{Backend, TestBackend};
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers, MediaKeyCode,
    ModifierKeyCode, MouseButton, MouseEvent, MouseEventKind,
};
use unicode_width::UnicodeWidthStr;

const D: PermissionType = PermissionType::Delegated;

/// The hand-made catalog whose texts hold ANSI, OSC, DCS, C1 and other
/// control characters (also used by the end-to-end test).
const HOSTILE_JSON: &str = include_str!("../../../tests/fixtures/hostile-catalog.json");

fn hostile_catalog() -> Catalog {
    parse_catalog(HOSTILE_JSON, "hostile-catalog.json").expect("the fixture is a valid catalog")
}

/// CJK and emoji in descriptions and a name, and a name far too long for its column.
const WIDE_JSON: &str = r#"{
  "name": "Wide 幅の広い文字 📅",
  "permissions": [
    {"name": "Calendars.Read", "type": "Delegated", "admin_consent": false, "intrexx": "required",
     "description": "予定表を読み取る: サインインしたユーザーのカレンダーの予定をすべて読み取ります。さらに長い説明文がここに続きます。",
     "id": "465a38f9-76ea-45b9-9f34-9e8b0d4b0b42"},
    {"name": "Chat.Read", "type": "Delegated", "admin_consent": false,
     "description": "📅🔒💬👍🏽 emoji first, then enough plain text to be cut at the edge of any table width",
     "id": "f501c180-9344-439a-bca0-6cbf209fd270"},
    {"name": "A.Very.Long.Permission.Name.That.Never.Fits.In.The.Name.Column.ReadWrite.All",
     "type": "Application", "admin_consent": true, "description": "short",
     "id": "df021288-bdef-4463-88db-98f22de89214"},
    {"name": "日本語の権限.Read", "type": "Delegated", "admin_consent": true, "intrexx": "optional",
     "description": "名前も全角 a wide name 한국어 설명",
     "id": "e383f46e-2787-4529-855e-0e479a3ffac0"},
    {"name": "Mail.Send", "type": "Delegated", "admin_consent": false,
     "description": "Send mail as a user (ñ, é, e\u0301, ß)",
     "id": "b633e1c5-b582-4048-a93e-9f11b44c7e96"}
  ]
}"#;

fn wide_app(width: u16, height: u16) -> App {
    let catalog = parse_catalog(WIDE_JSON, "wide.json").expect("a valid catalog");
    App::new(catalog, D, Style::Short, width, height)
}

/// Draws `app` at its own size on a fresh `TestBackend` and returns the
/// buffer and the cursor position.
fn draw_app(app: &App) -> (Buffer, (u16, u16)) {
    let (width, height) = (app.size.width, app.size.height);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| draw(frame, app)).unwrap();
    let cursor = terminal.backend_mut().get_cursor_position().unwrap();
    (terminal.backend().buffer().clone(), (cursor.x, cursor.y))
}

/// Every cell of `buffer` holding a control character, as (x, y, symbol).
fn control_cells(buffer: &Buffer) -> Vec<(u16, u16, String)> {
    let area = buffer.area;
    let mut found = Vec::new();
    for y in 0..area.height {
        for x in 0..area.width {
            let symbol = buffer[(x, y)].symbol();
            if symbol.contains(char::is_control) {
                found.push((x, y, symbol.to_string()));
            }
        }
    }
    found
}

/// Row `y` as shown: cells hidden behind a wide character are left out.
fn shown(buffer: &Buffer, y: u16, from: u16, to: u16) -> String {
    let mut text = String::new();
    let mut x = from;
    while x < to {
        let symbol = buffer[(x, y)].symbol();
        text.push_str(symbol);
        x += (symbol.width() as u16).max(1);
    }
    text
}

/// Whether the cells from `x` on spell the one-cell characters of `text`.
fn spells(buffer: &Buffer, x: u16, y: u16, text: &str) -> bool {
    text.chars().enumerate().all(|(i, c)| {
        let x = x + i as u16;
        x < buffer.area.width && buffer[(x, y)].symbol() == c.to_string()
    })
}

/// The first x on row `y` where `text` (one-cell characters) starts.
fn find_in_row(buffer: &Buffer, y: u16, text: &str) -> Option<u16> {
    (0..buffer.area.width).find(|&x| spells(buffer, x, y, text))
}

/// Like [`find_in_row`], between `from` and `to`.
fn find_between(buffer: &Buffer, y: u16, from: u16, to: u16, text: &str) -> Option<u16> {
    (from..to).find(|&x| spells(buffer, x, y, text))
}

// ---------------------------------------------------------------------------
// Any size, any state
// ---------------------------------------------------------------------------

/// Cases per run unless `PROPTEST_CASES` says otherwise.
const DEFAULT_CASES: u32 = 16;

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok());
    ProptestConfig { cases: cases.unwrap_or(DEFAULT_CASES), ..ProptestConfig::default() }
}

const COMMANDS: [Command; 43] = [
    Command::Up,
    Command::Down,
    Command::PageUp,
    Command::PageDown,
    Command::First,
    Command::Last,
    Command::ToggleDown,
    Command::ToggleUp,
    Command::SwitchFocus,
    Command::FocusList,
    Command::RemoveFromBasket,
    Command::SwitchMode,
    Command::CycleStyle,
    Command::CycleTypeFilter,
    Command::CycleConsentFilter,
    Command::CycleRoleFilter,
    Command::ToggleHideOtherType,
    Command::ClearFilter,
    Command::Copy,
    Command::Accept,
    Command::Abort,
    Command::ToggleHelp,
    Command::CloseHelp,
    Command::OpenPresets,
    Command::OpenSelections,
    Command::SaveSelection,
    Command::DeleteItem,
    Command::OpenExport,
    Command::Choose,
    Command::CloseModal,
    Command::SaveToFile,
    Command::Yes,
    Command::Edit(Edit::DeletePrevChar),
    Command::Edit(Edit::DeleteNextChar),
    Command::Edit(Edit::PrevChar),
    Command::Edit(Edit::NextChar),
    Command::Edit(Edit::PrevWord),
    Command::Edit(Edit::NextWord),
    Command::Edit(Edit::Start),
    Command::Edit(Edit::End),
    Command::Edit(Edit::DeletePrevWord),
    Command::Edit(Edit::DeleteLine),
    Command::Edit(Edit::DeleteTillEnd),
];

/// Characters that tend to break text handling.
const ODD_CHARS: [char; 18] = [
    'a', 'Z', ' ', '.', '?', '日', '📅', '\u{301}', '\u{200b}', '\u{fe0f}', '\u{1b}', '\u{7}',
    '\u{0}', '\u{7f}', '\u{85}', '\u{9b}', '\n', '\t',
];

fn odd_char() -> impl Strategy<Value = char> {
    prop_oneof![prop::sample::select(ODD_CHARS.to_vec()), any::<char>()]
}

fn odd_text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(odd_char(), 0..60).prop_map(|cs| cs.into_iter().collect()),
        "\\PC{0,40}",
        Just("Chat.Read Mail.Send offline_access".to_string()),
        Just("User.Read.All,Directory.Read.All Foo.Bar".to_string()),
        Just("\u{1b}[31mred\u{1b}]0;title\u{7}\r\n".to_string()),
    ]
}

fn listed() -> impl Strategy<Value = Vec<ListedSelection>> {
    let one = (
        odd_text(),
        any::<bool>(),
        prop::sample::subsequence(
            vec!["Chat.Read", "Mail.Send", "User.Read.All", "Nope.Read"],
            0..4,
        ),
    )
        .prop_map(|(name, damaged, names)| {
            let permissions = names
                .into_iter()
                .map(|n| SavedPermission { name: n.to_string(), kind: D })
                .collect();
            let selection = Selection {
                name: name.clone(),
                mode: D,
                style: Style::Short,
                permissions,
                profile: Default::default(),
            };
            ListedSelection {
                name,
                selection: if damaged {
                    Err("broken \u{1b}[2J file".into())
                } else {
                    Ok(selection)
                },
            }
        });
    prop::collection::vec(one, 0..5)
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        8 => prop::sample::select(COMMANDS.to_vec()).prop_map(Action::Command),
        4 => odd_char().prop_map(Action::Type),
        1 => odd_text().prop_map(Action::Paste),
        1 => (0u16..=320, 0u16..=110).prop_map(|(w, h)| Action::Resize(w, h)),
        1 => (0u16..=320, 0u16..=110).prop_map(|(x, y)| Action::Click(x, y)),
        1 => prop_oneof![Just(-1i16), Just(1), any::<i16>()].prop_map(Action::Scroll),
        1 => (odd_text(), any::<bool>())
            .prop_map(|(text, error)| Action::Report(Status { text, is_error: error })),
        1 => listed().prop_map(Action::SelectionsListed),
        1 => odd_text().prop_map(|name| Action::SaveConflict(Selection {
            name,
            mode: D,
            style: Style::Short,
            permissions: Vec::new(),
            profile: Default::default(),
        })),
    ]
}

fn key_code() -> impl Strategy<Value = KeyCode> {
    prop_oneof![
        4 => odd_char().prop_map(KeyCode::Char),
        4 => prop::sample::select(vec![
            KeyCode::Backspace, KeyCode::Enter, KeyCode::Left, KeyCode::Right, KeyCode::Up,
            KeyCode::Down, KeyCode::Home, KeyCode::End, KeyCode::PageUp, KeyCode::PageDown,
            KeyCode::Tab, KeyCode::BackTab, KeyCode::Delete, KeyCode::Insert, KeyCode::Null,
            KeyCode::Esc, KeyCode::CapsLock, KeyCode::ScrollLock, KeyCode::NumLock,
            KeyCode::PrintScreen, KeyCode::Pause, KeyCode::Menu, KeyCode::KeypadBegin,
            KeyCode::Media(MediaKeyCode::Play), KeyCode::Modifier(ModifierKeyCode::LeftAlt),
        ]),
        1 => any::<u8>().prop_map(KeyCode::F),
    ]
}

/// Terminal events as crossterm reports them, including ones scopepick ignores.
fn event() -> impl Strategy<Value = Event> {
    let kind = prop::sample::select(vec![
        KeyEventKind::Press,
        KeyEventKind::Repeat,
        KeyEventKind::Release,
    ]);
    let mouse_kind = prop::sample::select(vec![
        MouseEventKind::Down(MouseButton::Left),
        MouseEventKind::Down(MouseButton::Right),
        MouseEventKind::Up(MouseButton::Left),
        MouseEventKind::Drag(MouseButton::Left),
        MouseEventKind::Moved,
        MouseEventKind::ScrollUp,
        MouseEventKind::ScrollDown,
        MouseEventKind::ScrollLeft,
    ]);
    prop_oneof![
        6 => (key_code(), any::<u8>(), kind).prop_map(|(code, bits, kind)| {
            Event::Key(KeyEvent {
                code,
                modifiers: KeyModifiers::from_bits_truncate(bits),
                kind,
                state: KeyEventState::NONE,
            })
        }),
        1 => (mouse_kind, any::<u16>(), any::<u16>(), any::<u8>()).prop_map(
            |(kind, column, row, bits)| Event::Mouse(MouseEvent {
                kind,
                column,
                row,
                modifiers: KeyModifiers::from_bits_truncate(bits),
            })
        ),
        1 => odd_text().prop_map(Event::Paste),
        1 => (any::<u16>(), any::<u16>()).prop_map(|(w, h)| Event::Resize(w, h)),
        1 => prop_oneof![Just(Event::FocusGained), Just(Event::FocusLost)],
    ]
}

/// One step: an action straight into `update`, or a terminal event through
/// the same translation the runner uses.
#[derive(Debug, Clone)]
enum Step {
    Action(Action),
    Event(Event),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![action().prop_map(Step::Action), event().prop_map(Step::Event)]
}

fn apply(app: &mut App, step: Step) {
    let action = match step {
        Step::Action(action) => Some(action),
        Step::Event(event) => action_for(event, app),
    };
    if let Some(action) = action {
        app.update(action);
    }
}

/// Draws at `width` x `height` as the runner does (resize, then draw) and
/// checks what reached the screen.
fn draw_checked(app: &mut App, width: u16, height: u16) -> Result<(), TestCaseError> {
    app.update(Action::Resize(width, height));
    let (buffer, (x, y)) = draw_app(app);
    let controls = control_cells(&buffer);
    prop_assert!(controls.is_empty(), "control characters on screen: {controls:?}");
    prop_assert!(x < width && y < height, "cursor ({x}, {y}) outside {width}x{height}");
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn drawing_never_panics_at_any_size_in_any_state(
        hostile in any::<bool>(),
        steps in prop::collection::vec(step(), 0..30),
        sizes in prop::collection::vec((1u16..=300, 1u16..=100), 1..3),
    ) {
        let catalog = if hostile { hostile_catalog() } else { Catalog::embedded() };
        let mut app = App::new(catalog, D, Style::Short, 100, 30);
        for step in steps {
            apply(&mut app, step);
        }
        for (width, height) in sizes {
            draw_checked(&mut app, width, height)?;
        }
    }

    #[test]
    fn terminal_events_never_put_control_characters_into_text_inputs(
        events in prop::collection::vec(event(), 0..30),
    ) {
        let mut app = app();
        for event in events {
            apply(&mut app, Step::Event(event));
            prop_assert!(!app.query().contains(char::is_control), "query {:?}", app.query());
            if let Some(crate::tui::modal::Modal::Prompt(prompt)) = &app.modal {
                prop_assert!(!prompt.input.value().contains(char::is_control));
            }
        }
    }
}

#[test]
fn sizes_from_1x1_to_300x100_draw_in_a_busy_state() {
    let mut app = App::new(hostile_catalog(), D, Style::Short, 100, 30);
    run(&mut app, &[Command::ToggleDown, Command::ToggleDown, Command::SwitchMode]);
    type_text(&mut app, "e 日");
    let mut help = app_with_help();
    // The corners and the edges of the layout; the property test covers the sizes between.
    for (width, height) in
        [(1, 1), (1, 100), (300, 1), (2, 2), (59, 17), (60, 18), (119, 40), (120, 40), (300, 100)]
    {
        for app in [&mut app, &mut help] {
            app.update(Action::Resize(width, height));
            let (buffer, cursor) = draw_app(app);
            assert!(control_cells(&buffer).is_empty());
            assert!(cursor.0 < width && cursor.1 < height, "{width}x{height}: {cursor:?}");
        }
    }
}

fn app_with_help() -> App {
    let mut app = app();
    add(&mut app, &["chat.read"]);
    run(&mut app, &[Command::OpenExport, Command::SaveToFile, Command::ToggleHelp]);
    assert_eq!(app.focus(), Focus::Help);
    app
}

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
    // one cell after the eight of INTREXX.
    let headers = ["NAME", "TYPE", "ADMIN", "INTREXX"];
    let mut starts: Vec<u16> = headers
        .iter()
        .map(|h| find_in_row(buffer, header_y, h).unwrap_or_else(|| panic!("header {h}")))
        .collect();
    starts.push(starts[3] + 9);
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
        assert!(spells(buffer, starts[1], y, p.kind.label()), "row {y}: TYPE at x {}", starts[1]);
        for (text, column) in [(&p.name, 0), (&p.description, 4)] {
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
        assert!(cut >= 2, "{width}x{height}: the long name and long descriptions are cut");
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
        let mut app = App::new(hostile_catalog(), D, Style::Short, width, height);
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
    let mut app = App::new(hostile_catalog(), D, Style::Short, 160, 40);
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
    run(&mut app, &[Command::Edit(Edit::PrevChar)]);
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
