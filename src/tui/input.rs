//! Pastes into one-line text inputs (the filter, prompts, the selection
//! picker's filter), in one step on top of tui-input.

use tui_input::Input;

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
