//! scopepick's own JSON files (the stored catalog, saved selections, the
//! session), read and written one way: one directory lookup, one read
//! (regular files only, capped, any encoding `encoding` reads, damage
//! reported by line and column) and one atomic `0600` write of pretty JSON
//! under the store's lock. Each store wraps [`FileError`] and says what to
//! do about a damaged file (its `remedy`).

use crate::fsutil::{
    Audience, StoreLock, lock_store, read_file_capped, regular_or_missing, write_atomically,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::ffi::OsString;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Why a file could not be read or written: one line naming the file.
#[derive(Debug, Error)]
pub enum FileError {
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
    #[error("{}: line {line}, column {column}: {message}; {remedy}", path.display())]
    Damaged {
        /// The file.
        path: PathBuf,
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error (0 for an empty file).
        column: usize,
        /// What serde reported, without its position.
        message: String,
        /// What the user can do about it, from the store.
        remedy: &'static str,
    },
}

/// The directory named by an environment variable's value `env_dir` when it
/// is set and not empty, else the platform's directory for scopepick that
/// `platform` picks (`ProjectDirs::config_dir`, `data_dir`); `None` without a home.
pub fn directory(
    env_dir: Option<OsString>,
    platform: fn(&directories::ProjectDirs) -> &Path,
) -> Option<PathBuf> {
    match env_dir {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => directories::ProjectDirs::from("", "", "scopepick").map(|d| platform(&d).into()),
    }
}

/// [`FileError::Io`] for `action` on `path`.
pub fn io_error(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> FileError {
    let path = path.to_path_buf();
    move |error| FileError::Io { action, path, error }
}

/// The value in the JSON file at `path`, at most `max_bytes` long; `None`
/// when there is no such file. Anything but a regular file (a FIFO, a
/// device) is an error, never read; a damaged file's error ends in `remedy`.
pub fn read_json<T: DeserializeOwned>(
    path: &Path,
    max_bytes: u64,
    remedy: &'static str,
) -> Result<Option<T>, FileError> {
    let bytes = match regular_or_missing(path).and_then(|_| read_file_capped(path, max_bytes)) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_error("read", path)(e)),
    };
    let damaged = |line, column, message| FileError::Damaged {
        path: path.to_path_buf(),
        line,
        column,
        message,
        remedy,
    };
    // Saved by a Windows editor: a byte order mark or UTF-16 reads as well.
    let text = crate::encoding::decode(bytes).map_err(|message| damaged(1, 1, message))?;
    serde_json::from_str(&text).map(Some).map_err(|e| {
        let (line, column) = (e.line(), e.column());
        let full = e.to_string();
        let position = format!(" at line {line} column {column}");
        damaged(line, column, full.strip_suffix(&position).unwrap_or(&full).to_string())
    })
}

/// Writes `value` to `path` as pretty JSON and a newline, `0600`, for the
/// store `store`. The file is replaced atomically: on failure the previous
/// file stays as it was. The caller holds the store's lock.
pub fn write_json<T: Serialize>(
    path: &Path,
    value: &T,
    store: &'static str,
) -> Result<(), FileError> {
    let mut bytes =
        serde_json::to_vec_pretty(value).map_err(|e| io_error("write", path)(e.into()))?;
    bytes.push(b'\n');
    write_atomically(path, &bytes, Audience::Private(store)).map_err(io_error("write", path))
}

/// The lock of the store `store` in `dir`, creating the directory.
pub fn lock(dir: &Path, store: &str) -> Result<StoreLock, FileError> {
    if !dir.as_os_str().is_empty() {
        fs::create_dir_all(dir).map_err(io_error("create the directory", dir))?;
    }
    lock_store(dir, store).map_err(io_error("lock", dir))
}
