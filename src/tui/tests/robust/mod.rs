//! Robustness: drawing at any size in any state, wide characters, hostile
//! catalog text and hostile input. The property test's case count comes from
//! `PROPTEST_CASES` (default [`DEFAULT_CASES`], kept small so the suite stays fast).

use super::*;
use crate::catalog::parse_catalog;
use crate::saved::{SavedPermission, Selection};
use crate::text::printable;
use crate::tui::action::{ListedSelection, Status};
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
const HOSTILE_JSON: &str = include_str!("../../../../tests/fixtures/hostile-catalog.json");

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
    App::new(catalog, D, ScopeForm::Short, width, height)
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

/// Every command the keymap binds, edits included; a command without a key
/// (which no user could reach, and so no fuzz run would try) fails here.
fn commands() -> Vec<Command> {
    use crate::tui::action::CommandKind;
    use strum::VariantArray;
    let mut all: Vec<Command> = Vec::new();
    for b in crate::tui::keymap::KEYMAP {
        if !all.contains(&b.command) {
            all.push(b.command);
        }
    }
    for kind in CommandKind::VARIANTS {
        assert!(all.iter().any(|c| CommandKind::from(c) == *kind), "{kind:?} has no key");
    }
    all
}

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
            let permissions = names.into_iter().map(|n| SavedPermission::graph(n, D)).collect();
            let selection = Selection {
                name: name.clone(),
                mode: D,
                style: ScopeForm::Short,
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
        8 => prop::sample::select(commands()).prop_map(Action::Command),
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
            style: ScopeForm::Short,
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
        let mut app = App::new(catalog, D, ScopeForm::Short, 100, 30);
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
    let mut app = App::new(hostile_catalog(), D, ScopeForm::Short, 100, 30);
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

mod text;
