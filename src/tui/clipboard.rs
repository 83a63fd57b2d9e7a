//! Copying the scope string. A small trait so the runner does not care how.

use super::action::Status;

/// Somewhere a scope string can be copied to.
pub trait Clipboard {
    /// Copies `text`; on success says where it went, on failure why not.
    fn copy(&mut self, text: &str) -> Result<&'static str, String>;
}

/// The system clipboard through arboard. One connection is opened on first
/// use and kept for the app's life (reconnecting per copy is slow and, on
/// X11, drops the selection).
#[derive(Default)]
pub struct SystemClipboard {
    inner: Option<arboard::Clipboard>,
}

impl Clipboard for SystemClipboard {
    fn copy(&mut self, text: &str) -> Result<&'static str, String> {
        let clipboard = match &mut self.inner {
            Some(clipboard) => clipboard,
            None => self.inner.insert(arboard::Clipboard::new().map_err(|e| e.to_string())?),
        };
        clipboard.set_text(text).map_err(|e| e.to_string())?;
        Ok("the system clipboard")
    }
}

/// Copies and turns the outcome into a status line that never loses the text.
pub fn copy_with_status(clipboard: &mut dyn Clipboard, text: &str) -> Status {
    let scopes = text.split(' ').count();
    match clipboard.copy(text) {
        Ok(place) => Status::info(format!(
            "Copied {scopes} scopes ({} chars) to {place}",
            text.chars().count()
        )),
        Err(err) => Status::error(format!(
            "Copy failed (system clipboard: {}): the string stays on screen; Enter prints it",
            err.lines().next().unwrap_or_default()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fake(Result<&'static str, String>, Vec<String>);

    impl Clipboard for Fake {
        fn copy(&mut self, text: &str) -> Result<&'static str, String> {
            self.1.push(text.to_string());
            self.0.clone()
        }
    }

    #[test]
    fn success_names_count_length_and_place() {
        let mut fake = Fake(Ok("the system clipboard"), vec![]);
        let status = copy_with_status(&mut fake, "Chat.Read offline_access");
        assert_eq!(status, Status::info("Copied 2 scopes (24 chars) to the system clipboard"));
        assert_eq!(fake.1, ["Chat.Read offline_access"]);
    }

    #[test]
    fn failure_is_an_error_status_that_keeps_the_text() {
        let mut fake = Fake(Err("no display\nmore".into()), vec![]);
        let status = copy_with_status(&mut fake, "Chat.Read");
        assert!(status.is_error);
        assert_eq!(
            status.text,
            "Copy failed (system clipboard: no display): the string stays on screen; Enter prints it"
        );
    }
}
