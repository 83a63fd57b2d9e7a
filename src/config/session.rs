//! Session memory: the mode, style and basket of the last TUI session, in
//! `<config_dir>/session.json`.

use super::{ConfigError, config_dir, read_json};
use crate::fsutil::check_replaceable;
use crate::json_file::{io_error, lock, write_json};
use crate::saved::Session;
use std::path::{Path, PathBuf};

/// The store's name: its lock file and temporary files carry it.
const STORE: &str = "session";

/// Where the last session is kept: one JSON file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionStore {
    path: PathBuf,
}

impl SessionStore {
    /// The store in `<config_dir>/session.json` (see [`config_dir`]).
    pub fn default_location() -> Result<SessionStore, ConfigError> {
        Ok(SessionStore::at(config_dir()?.join("session.json")))
    }

    /// The store in the file `path`.
    pub fn at(path: impl Into<PathBuf>) -> SessionStore {
        SessionStore { path: path.into() }
    }

    /// The session file.
    #[cfg(test)]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The last session; `None` when none was saved. A damaged file is an
    /// error naming the file, line and column; a file that cannot be read
    /// one naming the file and the reason.
    pub fn load(&self) -> Result<Option<Session>, ConfigError> {
        read_json(&self.path)
    }

    /// Where a session file that cannot be used is moved before a save: the
    /// first of `session.json.damaged-1`, `-2`, ... that is free, so every
    /// damaged file keeps its own name.
    pub fn damaged_path(&self) -> PathBuf {
        let name = self.path.file_name().unwrap_or_default().to_string_lossy().into_owned();
        (1..)
            .map(|n| self.path.with_file_name(format!("{name}.damaged-{n}")))
            .find(|p| p.symlink_metadata().is_err())
            .expect("a free name")
    }

    /// Saves `session` under the store's lock, creating the directory, and
    /// returns where a file that could not be read or parsed was moved
    /// ([`SessionStore::damaged_path`]): such a file is never overwritten.
    /// The write is atomic.
    pub fn save(&self, session: &Session) -> Result<Option<PathBuf>, ConfigError> {
        let dir = self.path.parent().unwrap_or(Path::new(""));
        let _lock = lock(dir, STORE)?;
        check_replaceable(&self.path).map_err(io_error("write", &self.path))?;
        let mut moved = None;
        if self.load().is_err() {
            let aside = self.damaged_path();
            std::fs::rename(&self.path, &aside).map_err(io_error("move aside", &self.path))?;
            moved = Some(aside);
        }
        write_json(&self.path, session, STORE)?;
        Ok(moved)
    }
}
