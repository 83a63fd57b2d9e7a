//! One-line text inputs (the filter, prompts, the selection picker's
//! filter): key-bound edits and pastes, on top of tui-input.

use super::action::Edit;
use tui_input::{Input, InputRequest};

/// The tui-input request for an edit command.
pub fn edit_request(edit: Edit) -> InputRequest {
    match edit {
        Edit::DeletePrevChar => InputRequest::DeletePrevChar,
        Edit::DeleteNextChar => InputRequest::DeleteNextChar,
        Edit::PrevChar => InputRequest::GoToPrevChar,
        Edit::NextChar => InputRequest::GoToNextChar,
        Edit::PrevWord => InputRequest::GoToPrevWord,
        Edit::NextWord => InputRequest::GoToNextWord,
        Edit::Start => InputRequest::GoToStart,
        Edit::End => InputRequest::GoToEnd,
        Edit::DeletePrevWord => InputRequest::DeletePrevWord,
        Edit::DeleteLine => InputRequest::DeleteLine,
        Edit::DeleteTillEnd => InputRequest::DeleteTillEnd,
    }
}

/// `input` with `text` inserted at the cursor in one step: line breaks
/// become spaces, other control characters are dropped.
pub fn with_pasted(input: &Input, text: &str) -> Input {
    let clean: String = text
        .chars()
        .map(|c| if matches!(c, '\n' | '\r' | '\t') { ' ' } else { c })
        .filter(|c| !c.is_control())
        .collect();
    let value = input.value();
    let at = value.char_indices().nth(input.cursor()).map_or(value.len(), |(i, _)| i);
    let joined = format!("{}{clean}{}", &value[..at], &value[at..]);
    Input::new(joined).with_cursor(input.cursor() + clean.chars().count())
}
