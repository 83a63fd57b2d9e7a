//! One write per frame: ratatui's crossterm backend writes every cell
//! change and flushes for each cursor command, which over SSH tears frames
//! (about 4,000 `write()` calls for a 120x40 frame). This writer keeps all of
//! it until [`FrameSender::send`] writes the whole frame at once.

use std::cell::RefCell;
use std::io::{self, Write};
use std::rc::Rc;

/// The backend's side: collects a frame's bytes; `flush` does nothing.
pub struct FrameWriter {
    pending: Rc<RefCell<Vec<u8>>>,
}

/// The runner's side: sends the collected frame to the terminal.
pub struct FrameSender<W: Write> {
    pending: Rc<RefCell<Vec<u8>>>,
    out: W,
}

/// A writer for the backend and the sender in front of `out` (the terminal).
pub fn frame_writer<W: Write>(out: W) -> (FrameWriter, FrameSender<W>) {
    let pending = Rc::new(RefCell::new(Vec::with_capacity(64 * 1024)));
    (FrameWriter { pending: Rc::clone(&pending) }, FrameSender { pending, out })
}

impl<W: Write> FrameSender<W> {
    /// Writes everything collected since the last call in one `write_all`
    /// and flushes the terminal.
    pub fn send(&mut self) -> io::Result<()> {
        let mut pending = self.pending.borrow_mut();
        if pending.is_empty() {
            return Ok(());
        }
        let written = self.out.write_all(&pending).and_then(|()| self.out.flush());
        pending.clear();
        written
    }
}

impl Write for FrameWriter {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.pending.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    /// Nothing: the frame is sent whole by [`FrameSender::send`].
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::frame_writer;
    use crate::catalog::{AuthMode, Catalog};
    use crate::scope::Style;
    use crate::tui::app::App;
    use crate::tui::draw::draw;
    use ratatui::backend::CrosstermBackend;
    use ratatui::layout::Rect;
    use ratatui::{Terminal, TerminalOptions, Viewport};
    use std::io::{self, Write};

    /// Counts the `write` calls that reach the terminal.
    #[derive(Default)]
    struct CountingTty {
        writes: usize,
        bytes: Vec<u8>,
    }

    impl Write for CountingTty {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            self.writes += 1;
            self.bytes.extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_120x40_frame_reaches_the_terminal_in_one_write() {
        let (writer, mut sender) = frame_writer(CountingTty::default());
        let viewport = Viewport::Fixed(Rect::new(0, 0, 120, 40));
        let options = TerminalOptions { viewport };
        let mut terminal = Terminal::with_options(CrosstermBackend::new(writer), options).unwrap();
        let app = App::new(Catalog::embedded(), AuthMode::Delegated, Style::default(), 120, 40);
        terminal.draw(|frame| draw(frame, &app)).unwrap();
        assert_eq!(sender.out.writes, 0, "nothing written before the frame is sent");
        sender.send().unwrap();
        assert_eq!(sender.out.writes, 1, "one write for the whole frame");
        let text = String::from_utf8_lossy(&sender.out.bytes);
        assert!(text.contains("Permissions"), "the frame was drawn: {text}");
        sender.send().unwrap();
        assert_eq!(sender.out.writes, 1, "nothing more to send");
    }
}
