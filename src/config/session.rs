//! Session memory: the mode, style and basket of the last TUI session, in
//! `<config_dir>/session.json`.

use super::{ConfigError, config_dir, io_error, read_json, write_json};
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

    /// Where a damaged session file is moved before a save replaces it.
    pub fn damaged_path(&self) -> PathBuf {
        let mut name = self.path.file_name().unwrap_or_default().to_os_string();
        name.push(".damaged");
        self.path.with_file_name(name)
    }

    /// Saves `session`, creating the directory. The write is atomic; a
    /// damaged file is first moved aside to [`SessionStore::damaged_path`],
    /// never overwritten.
    pub fn save(&self, session: &Session) -> Result<(), ConfigError> {
        if let Err(ConfigError::Damaged { .. }) = self.load() {
            let aside = self.damaged_path();
            std::fs::rename(&self.path, &aside).map_err(io_error("move aside", &self.path))?;
        }
        write_json(&self.path, session)
    }
}
