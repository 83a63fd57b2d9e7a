//! The detail, basket and scope-string panes.

use super::scope_plan::ScopePlan;
use super::text::{Cut, fitted_line};
use super::{ADMIN, DIMMED, ERROR, HIGHLIGHT, HINT, WARNING, bordered as pane, mode_style};
use crate::catalog::graph::{
    Call, DescriptionOrigin, Scheme, calls_in, least_by_model, note_for, privilege_level,
};
use crate::catalog::{Permission, PermissionType, Resource};
use crate::choice::Choice;
use crate::coverage::less_privileged;
use crate::scope::Severity;
use crate::text::printable;
use crate::tui::action::Command;
use crate::tui::app::App;
use crate::tui::keymap::Focus;
use crate::tui::keymap::key_for;
use crate::tui::layout::{prefix_chars, wrapped_line_count};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

/// What the consent setting of `p` means, in plain words.
pub fn consent_meaning(p: &Permission) -> &'static str {
    match (p.kind, p.admin_consent) {
        (PermissionType::Application, _) => {
            "Admin consent required: a tenant administrator grants it; the app then acts without a signed-in user."
        }
        (PermissionType::Delegated, true) => {
            "Admin consent required: a tenant administrator must consent before any user can use it."
        }
        (PermissionType::Delegated, false) => {
            "Does not require admin consent; whether users may consent for themselves depends on the tenant's user-consent settings."
        }
    }
}

/// Details of the highlighted permission.
pub fn detail(frame: &mut Frame, app: &App, area: Rect) {
    let block = pane(" Details ".into(), false);
    let Some(p) = app.highlighted() else {
        let text = Paragraph::new(Line::styled("No permission matches the filter.", DIMMED));
        frame.render_widget(text.block(block), area);
        return;
    };
    let role = p.intrexx.map_or("not used by Intrexx", |r| r.key());
    // The privilege model, its notes and API map are Graph's.
    let graph = p.resource == Resource::Graph;
    let narrower: Vec<String> = less_privileged(&app.catalog, p)
        .iter()
        .filter(|q| graph && q.resource == Resource::Graph)
        .map(|q| printable(&q.name).into_owned())
        .collect();
    let mut lines = name_lines(&p.name, usize::from(area.width.saturating_sub(2)));
    let last = lines.last_mut().expect("a name has a line");
    last.push_span(Span::raw(" · "));
    last.push_span(Span::styled(p.kind.label(), mode_style(p.kind)));
    last.push_span(Span::raw(format!(" · Intrexx: {role}")));
    // A description written from the facts says what the lines below say in full.
    if DescriptionOrigin::of(p) != DescriptionOrigin::Facts {
        lines.push(Line::from(vec![
            Span::styled(format!("{}: ", p.description_source.label()), DIMMED),
            Span::raw(printable(&p.description).into_owned()),
        ]));
    }
    // The note next to the description it may correct, before what a short pane cuts.
    if let Some(note) = note_for(&p.name, p.kind).filter(|_| graph) {
        lines.push(Line::styled(format!("Note: {}", note.text), WARNING));
    }
    lines.extend(resource_lines(p));
    lines
        .push(Line::styled(consent_meaning(p), if p.admin_consent { ADMIN } else { Style::new() }));
    if !narrower.is_empty() {
        lines.push(Line::styled(format!("Less privileged: {}", narrower.join(", ")), HINT));
    }
    let mut facts = if graph { api_facts(p) } else { Vec::new() };
    let calls = (facts.len() > 1).then(|| facts.pop()).flatten();
    lines.extend(facts);
    lines.push(Line::styled(format!("GUID {}", printable(&p.id)), DIMMED));
    lines.extend(calls);
    frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: true }), area);
}

/// The name in bold, whole: a name wider than the pane breaks after a dot,
/// where a reader splits it, not inside a word (the rest of the first line
/// follows on the last).
fn name_lines(name: &str, width: usize) -> Vec<Line<'static>> {
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let mut lines: Vec<String> = vec![String::new()];
    for part in printable(name).split_inclusive('.') {
        let line = lines.last_mut().expect("starts with a line");
        if !line.is_empty() && line.width() + part.width() > width {
            lines.push(part.to_string());
        } else {
            line.push_str(part);
        }
    }
    lines.into_iter().map(|l| Line::from(Span::styled(l, bold))).collect()
}

/// How many API calls shown in the details pane.
const DETAIL_CALLS: usize = 3;

/// From Microsoft's map: the privilege level and the number of calls, then
/// (a second line, when there are calls) a few of them.
/// The resource of a row that is not plain Graph: its own, or the one its
/// token is for, and what it needs beyond consent.
fn resource_lines(p: &Permission) -> Vec<Line<'static>> {
    let audience = Resource::audience_of(p);
    let mut lines = match (p.resource, audience) {
        (Resource::Graph, Resource::Graph) => return Vec::new(),
        (Resource::Graph, to) => {
            vec![Line::raw(format!("Resource: Microsoft Graph; the token is for {to}"))]
        }
        (own, _) => vec![Line::raw(format!("Resource: {own} (app id {})", own.app_id()))],
    };
    let note = audience.scope(&p.name).filter(|s| s.kind == p.kind).and_then(|s| s.note);
    lines.extend(note.map(|n| Line::styled(format!("Note: {n}"), WARNING)));
    lines
}

fn api_facts(p: &Permission) -> Vec<Line<'static>> {
    let scheme = Scheme::of(p.kind, false);
    let mut calls: Vec<Call> = calls_in(&p.name, scheme).collect();
    let level = privilege_level(&p.name, scheme)
        .map_or("No privilege level".to_string(), |l| format!("Level {l}/5"));
    if calls.is_empty() {
        return vec![Line::styled(
            format!("{level} · no API calls in Microsoft's permissions map"),
            DIMMED,
        )];
    }
    let least = least_by_model(&p.name, scheme);
    let noun = if calls.len() == 1 { "call" } else { "calls" };
    let summary = format!("{level} · least privileged for {least} of {} {noun}", calls.len());
    calls.sort_by_key(|c| (!c.least, c.method, c.path.len(), c.path));
    let shown: Vec<String> = calls
        .iter()
        .take(DETAIL_CALLS)
        .map(|c| format!("{} {}", c.method, printable(c.path)))
        .collect();
    let more = calls.len().saturating_sub(DETAIL_CALLS);
    let tail = if more > 0 { format!(" · +{more} more") } else { String::new() };
    vec![Line::raw(summary), Line::styled(format!("API: {}{tail}", shown.join(" · ")), HINT)]
}

/// The basket's size and how many need admin consent: ` 3 · 1 needs admin consent`.
fn basket_summary(app: &App) -> String {
    let admin = app.basket_view.admin;
    let verb = if admin == 1 { "needs" } else { "need" };
    format!("{} · {admin} {verb} admin consent", app.basket.len())
}

/// The basket, with type and consent marks.
pub fn basket(frame: &mut Frame, app: &App, area: Rect) {
    let title = match app.basket.len() {
        0 => " Basket ".to_string(),
        _ => format!(" Basket · {} ", basket_summary(app)),
    };
    let focused = app.focus == Focus::Basket;
    let mut block = pane(title, focused);
    let shown = usize::from(area.height.saturating_sub(2));
    // Only the rows in view are made: a full basket holds the whole catalog.
    let selected = focused.then_some(app.basket_selected);
    let offset = match selected {
        Some(at) if at < app.basket_offset => at,
        Some(at) if at >= app.basket_offset + shown => (at + 1).saturating_sub(shown),
        _ => app.basket_offset,
    };
    let (above, below) = (offset, app.basket.len().saturating_sub(offset + shown));
    let marks = match (above, below) {
        (0, 0) => None,
        (0, below) => Some(format!(" ↓ {below} more ")),
        (above, 0) => Some(format!(" ↑ {above} more ")),
        (above, below) => Some(format!(" ↑ {above} · ↓ {below} more ")),
    };
    if let Some(marks) = marks {
        block = block.title_bottom(Line::from(marks).right_aligned());
    }
    if app.basket.is_empty() {
        let hint = Line::styled("Empty: Tab adds the highlighted permission.", DIMMED);
        frame.render_widget(Paragraph::new(hint).block(block).wrap(Wrap { trim: true }), area);
        return;
    }
    // Names line up in a column as wide as the longest, if the type and
    // admin columns leave the room; a longer name takes the room its own row leaves.
    let inner = usize::from(area.width.saturating_sub(2 + 2));
    let column = app.basket_view.widest_name.min(inner.saturating_sub(1 + 11 + 6));
    let row = |at: usize| &app.catalog.permissions[app.basket[at]];
    let items: Vec<ListItem> = (offset..app.basket.len().min(offset + shown))
        .map(|at| {
            let p = row(at);
            let fits = p.kind == app.mode;
            let base = if fits { Style::new() } else { DIMMED };
            // A row the privilege model finds usually redundant beside another
            // basket row names that row instead of its type; the scope pane
            // says so in full.
            if let Some(by) = app.basket_view.covered_by(at) {
                return ListItem::new(covered_line(p, row(by), area.width, base));
            }
            let admin = if p.admin_consent { 6 } else { 0 };
            let room_beside = |label: &str| inner.saturating_sub(1 + label.width() + admin);
            // A name the full type label would cut, and the short one (`Del.`)
            // would not, gets the short one; its type then stands out of line.
            let name = p.name.width();
            let label = match name > room_beside(p.kind.label()).max(column)
                && name <= room_beside(p.kind.short_label())
            {
                true => p.kind.short_label(),
                false => p.kind.label(),
            };
            let room = room_beside(label).max(column);
            let mut spans = fitted_line(&p.name, room, Cut::Middle, &[], [base; 2]).spans;
            let pad = column.saturating_sub(spans.iter().map(|s| s.width()).sum());
            spans.push(Span::raw(" ".repeat(pad + 1)));
            let kind = match p.name.width() > column {
                true => label.to_string(),
                false => format!("{label:<11}"),
            };
            spans.push(Span::styled(kind, if fits { mode_style(p.kind) } else { base }));
            if p.admin_consent {
                spans.push(Span::styled(" admin", if fits { ADMIN } else { base }));
            }
            ListItem::new(Line::from(spans))
        })
        .collect();
    let list = List::new(items)
        .block(block)
        .highlight_symbol("▶ ")
        .highlight_style(if focused { HIGHLIGHT } else { Style::new() })
        .highlight_spacing(ratatui::widgets::HighlightSpacing::Always);
    let mut state = ListState::default().with_selected(selected.map(|at| at - offset));
    frame.render_stateful_widget(list, area, &mut state);
}

/// A basket row the model finds usually redundant: `Files.Read ⚠ redundant beside Files.ReadWrite`,
/// both names cut in the middle when the pane is too narrow for them.
fn covered_line(p: &Permission, by: &Permission, pane_width: u16, base: Style) -> Line<'static> {
    const COVERED: &str = " ⚠ redundant beside ";
    let room = usize::from(pane_width.saturating_sub(4)).saturating_sub(COVERED.width());
    let (name, other) = (p.name.width(), by.name.width());
    let name_room = if name + other <= room {
        name
    } else {
        name.min((room / 2).max(room.saturating_sub(other)))
    };
    let mut spans = fitted_line(&p.name, name_room, Cut::Middle, &[], [base; 2]).spans;
    spans.push(Span::styled(COVERED, WARNING));
    spans.extend(fitted_line(&by.name, room - name_room, Cut::Middle, &[], [WARNING; 2]).spans);
    Line::from(spans)
}

/// The live scope string and the engine's diagnostics; with the basket
/// pane hidden, the title also says what the basket holds.
pub fn scope(frame: &mut Frame, app: &App, area: Rect, basket_hidden: bool) {
    let mut title = format!(
        " Scope string · {} · {} · {} chars ",
        app.mode, app.style, app.basket_view.scope_chars
    );
    if basket_hidden {
        let admin = app.basket_view.admin;
        let long = match app.basket.len() {
            0 => format!("{title}· basket empty "),
            _ => format!("{title}· basket {} ", basket_summary(app)),
        };
        let short = format!("{title}· basket {}, {admin} admin ", app.basket.len());
        title = [long, short]
            .into_iter()
            .find(|t| t.width() + 2 <= usize::from(area.width))
            .unwrap_or(title);
    }
    let block = pane(title, false).title_style(mode_style(app.mode));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let (width, room) = (inner.width, usize::from(inner.height));
    if room == 0 || width == 0 {
        return;
    }
    let string = if app.built.scope.is_empty() {
        let hint = format!("(nothing yet: add {} permissions with Tab)", app.mode);
        Line::styled(hint, DIMMED)
    } else {
        // Only as much of the string as the pane can show is wrapped: the
        // work per frame does not grow with the basket.
        let shown = prefix_chars(&app.built.scope, (room + 1) * usize::from(width));
        Line::styled(shown.to_string(), Style::new().add_modifier(Modifier::BOLD))
    };
    let string_rows = wrapped_line_count(&string.to_string(), usize::from(width)).max(1);
    let note = |(severity, text): &(Severity, String)| {
        let (mark, style) = match severity {
            Severity::Error => ("✗ ", ERROR),
            Severity::Warning => ("⚠ ", WARNING),
            Severity::Info => ("· ", DIMMED),
        };
        let line = Line::styled(format!("{mark}{}", printable(text)), style);
        let rows = wrapped_line_count(&line.to_string(), usize::from(width)).max(1);
        (*severity, line, rows)
    };
    // The notes while they could still show; past the room only the errors
    // (a full basket has hundreds of notes, which the last row then counts).
    let all = &app.basket_view.notes;
    let mut notes: Vec<(Severity, Line, usize)> = Vec::new();
    let mut rows_so_far = string_rows.min(room);
    for text in all {
        if rows_so_far > room {
            break;
        }
        let shown = note(text);
        rows_so_far += shown.2;
        notes.push(shown);
    }
    let errors_past: Vec<usize> =
        app.basket_view.errors.iter().copied().filter(|&at| at >= notes.len()).collect();
    let dropped = all.len() - notes.len() - errors_past.len();
    notes.extend(errors_past.into_iter().map(|at| note(&all[at])));
    let mut plan = ScopePlan::new(string_rows, notes.iter().map(|(s, _, rows)| (*s, *rows)), room);
    plan.hidden_notes += dropped;
    let mut y = inner.y;
    let string_area = Rect { y, height: plan.string_rows as u16, ..inner };
    frame.render_widget(Paragraph::new(string).wrap(Wrap { trim: false }), string_area);
    y += plan.string_rows as u16;
    for ((_, line, _), &rows) in notes.into_iter().zip(&plan.note_rows) {
        // Never over the border, even in a pane too small for its errors.
        let rows = (rows as u16).min(inner.bottom().saturating_sub(y));
        if rows == 0 {
            continue;
        }
        let note_area = Rect { y, height: rows, ..inner };
        frame.render_widget(Paragraph::new(line).wrap(Wrap { trim: false }), note_area);
        y += rows;
    }
    let copy = key_for(Command::Copy);
    if let Some(note) = plan.overflow_note(&copy, &key_for(Command::ShowMessages)) {
        let last = Rect { y: inner.bottom() - 1, height: 1, ..inner };
        let line = fitted_line(&note, usize::from(width), Cut::End, &[], [WARNING; 2]);
        frame.render_widget(ratatui::widgets::Clear, last);
        frame.render_widget(line, last);
    }
}
