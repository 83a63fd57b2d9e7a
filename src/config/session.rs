//! Session memory: the mode, style and basket of the last TUI session, in
//! `<config_dir>/session.json`.

use super::{ConfigError, config_dir, read_json, write_json};
use crate::saved::Session;
use std::path::{Path, PathBuf};

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
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The last session; `None` when none was saved. A damaged file is an
    /// error naming the file, line and column.
    pub fn load(&self) -> Result<Option<Session>, ConfigError> {
        read_json(&self.path)
    }

    /// Saves `session`, creating the directory. The write is atomic, and
    /// replaces the file even when it was damaged: it is only a memory.
    pub fn save(&self, session: &Session) -> Result<(), ConfigError> {
        write_json(&self.path, session)
    }
}
