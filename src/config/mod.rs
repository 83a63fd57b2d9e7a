//! The configuration directory: saved selections and the last session, as
//! JSON files. The only place where `saved` data meets the file system.
//!
//! Files are written atomically (a failed write leaves the previous file as
//! it was), `0600`, as pretty JSON ending in a newline, so they can be read,
//! edited and kept in version control. Every read-modify-write holds the
//! store's lock. A file that no longer parses is reported with its path,
//! line and column.

mod selections;
mod session;

pub use selections::{Listed, Replace, Saved, SelectionStore};
pub use session::SessionStore;

use crate::fsutil::{
    Audience, CONFIG_MAX_BYTES, StoreLock, lock_store, read_file_capped, regular_or_missing,
    write_atomically,
};
use crate::saved::NameError;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::ffi::OsString;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// The environment variable that overrides the configuration directory.
pub const CONFIG_DIR_ENV: &str = "SCOPEPICK_CONFIG_DIR";

/// Why a configuration file could not be used. Messages are one line naming
/// the file, directory or name concerned.
#[derive(Debug, Error)]
pub enum ConfigError {
    /// Neither `SCOPEPICK_CONFIG_DIR` nor a home directory is available.
    #[error("no configuration directory: set {CONFIG_DIR_ENV}")]
    NoConfigDir,
    /// A file system operation failed.
    #[error("cannot {action} {}: {error}", path.display())]
    Io {
        /// What was attempted, e.g. `write`.
        action: &'static str,
        /// The file or directory.
        path: PathBuf,
        /// The operating system's reason.
        error: io::Error,
    },
    /// The file is not valid JSON of the expected shape.
    #[error("{}: line {line}, column {column}: {message}; fix or delete the file", path.display())]
    Damaged {
        /// The file.
        path: PathBuf,
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error (0 for an empty file).
        column: usize,
        /// What serde reported, without its position.
        message: String,
    },
    /// A save would replace a file that does not parse, which may hold hand
    /// edits worth keeping.
    #[error("{}: not saved over a damaged file; fix or delete it first", path.display())]
    WouldOverwriteDamaged {
        /// The damaged file.
        path: PathBuf,
    },
    /// A save without replacing found a selection of that name.
    #[error("a selection '{name}' exists: pass --force to replace it, or choose another name")]
    Exists {
        /// The name as stored.
        name: String,
    },
    /// No selection has this name.
    #[error("no selection '{name}' in {} ({})", dir.display(), saved_text(.saved))]
    NotFound {
        /// The name asked for.
        name: String,
        /// The selections directory.
        dir: PathBuf,
        /// The names that are saved, sorted.
        saved: Vec<String>,
    },
    /// The selection name breaks the naming rules.
    #[error(transparent)]
    BadName(#[from] NameError),
}

fn saved_text(saved: &[String]) -> String {
    if saved.is_empty() { "none saved yet".into() } else { format!("saved: {}", saved.join(", ")) }
}

/// The configuration directory: `$SCOPEPICK_CONFIG_DIR` if set and not
/// empty, else the platform's (e.g. `~/.config/scopepick` on Linux).
pub fn config_dir() -> Result<PathBuf, ConfigError> {
    dir_from(std::env::var_os(CONFIG_DIR_ENV))
}

/// The configuration directory for a `SCOPEPICK_CONFIG_DIR` value.
fn dir_from(env_dir: Option<OsString>) -> Result<PathBuf, ConfigError> {
    match env_dir {
        Some(dir) if !dir.is_empty() => Ok(PathBuf::from(dir)),
        _ => directories::ProjectDirs::from("", "", "scopepick")
            .map(|dirs| dirs.config_dir().to_path_buf())
            .ok_or(ConfigError::NoConfigDir),
    }
}

fn io_error(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> ConfigError {
    let path = path.to_path_buf();
    move |error| ConfigError::Io { action, path, error }
}

/// The value in the JSON file at `path`; `None` when there is no such file.
/// Anything but a regular file (a FIFO, a device) is an error, never read.
fn read_json<T: DeserializeOwned>(path: &Path) -> Result<Option<T>, ConfigError> {
    let bytes =
        match regular_or_missing(path).and_then(|_| read_file_capped(path, CONFIG_MAX_BYTES)) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io_error("read", path)(e)),
        };
    serde_json::from_slice(&bytes).map(Some).map_err(|e| {
        let (line, column) = (e.line(), e.column());
        let full = e.to_string();
        let position = format!(" at line {line} column {column}");
        let message = full.strip_suffix(&position).unwrap_or(&full).to_string();
        ConfigError::Damaged { path: path.to_path_buf(), line, column, message }
    })
}

/// Writes `value` to `path` as pretty JSON and a newline, `0600`, for the
/// store `store`. The file is replaced atomically: on failure the previous
/// file stays as it was. The caller holds the store's lock.
fn write_json<T: Serialize>(
    path: &Path,
    value: &T,
    store: &'static str,
) -> Result<(), ConfigError> {
    let mut bytes =
        serde_json::to_vec_pretty(value).map_err(|e| io_error("write", path)(e.into()))?;
    bytes.push(b'\n');
    write_atomically(path, &bytes, Audience::Private(store)).map_err(io_error("write", path))
}

/// The lock of the store `store` in `dir`, creating the directory.
fn lock(dir: &Path, store: &str) -> Result<StoreLock, ConfigError> {
    if !dir.as_os_str().is_empty() {
        fs::create_dir_all(dir).map_err(io_error("create the directory", dir))?;
    }
    lock_store(dir, store).map_err(io_error("lock", dir))
}

#[cfg(test)]
mod tests;
