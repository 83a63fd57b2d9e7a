//! OSC 52: the terminal itself puts the text on the clipboard (works over SSH).

use crossterm::clipboard::CopyToClipboard;
use crossterm::execute;
use std::fs::OpenOptions;
use std::io;

/// Writes the OSC 52 sequence for `text` to the controlling terminal.
pub fn send(text: &str) -> io::Result<()> {
    let mut tty = OpenOptions::new()
        .write(true)
        .open("/dev/tty")
        .map_err(|e| io::Error::new(e.kind(), format!("no terminal to send it to ({e})")))?;
    execute!(tty, CopyToClipboard::to_clipboard_from(text))
}
