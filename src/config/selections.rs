//! Saved selections: one JSON file each in `<config_dir>/selections`.
//!
//! One name, one file: names compare by [`name_key`] (NFC and case folded),
//! and a new file is named after that key, with every byte outside
//! `a-z 0-9 space . _ -` written as `%XX`. Files of older versions, named as
//! the name was typed (`Acme.json`), keep loading and are saved in place.

use super::{ConfigError, config_dir, read_json};
use crate::json_file::{FileError, io_error, lock, write_json};
use crate::saved::{Selection, file_stem, name_key, validate_name};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// How selection file names end.
const SUFFIX: &str = ".json";

/// The store's name: its lock file and temporary files carry it.
const STORE: &str = "selection";

/// Where saved selections live: a directory of `<name>.json` files.
///
/// A selection's name is the one in its file when that matches the file
/// name (ignoring case), else the file name: renaming or copying a file
/// renames or copies the selection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelectionStore {
    dir: PathBuf,
}

/// One file of the selections directory, as [`SelectionStore::list`] found it.
#[derive(Debug)]
pub struct Listed {
    /// The selection's name.
    pub name: String,
    /// The selection, or why the file cannot be read (damaged JSON, a file
    /// name that is not a valid selection name, a read error).
    pub selection: Result<Selection, ConfigError>,
}

/// Whether a save may replace a selection of the same name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replace {
    /// Replace it (it keeps its stored name).
    Yes,
    /// Refuse with [`ConfigError::Exists`].
    No,
}

/// What a save did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    /// The file written.
    pub path: PathBuf,
    /// The name it is saved under (an existing selection keeps its own).
    pub name: String,
    /// Whether a selection of that name was replaced.
    pub replaced: bool,
    /// The profile fields ("tenant", "app id", ...) the replaced selection
    /// had and the new one did not give, kept from it.
    pub kept: Vec<&'static str>,
}

impl SelectionStore {
    /// The store in `<config_dir>/selections` (see [`config_dir`]).
    pub fn default_location() -> Result<SelectionStore, ConfigError> {
        Ok(SelectionStore::at(config_dir()?.join("selections")))
    }

    /// The store in `dir`.
    pub fn at(dir: impl Into<PathBuf>) -> SelectionStore {
        SelectionStore { dir: dir.into() }
    }

    /// The file a new selection `name` gets: its [`name_key`], encoded.
    pub fn path_of(&self, name: &str) -> PathBuf {
        self.dir.join(format!("{}{SUFFIX}", file_stem(name)))
    }

    /// Every `*.json` file of the directory, sorted by name ignoring case.
    /// A damaged file is listed with its error; the others still load.
    /// Hidden files and other entries are skipped. A directory that is
    /// missing or cannot be read lists nothing (saving then reports why).
    pub fn list(&self) -> Vec<Listed> {
        let mut listed: Vec<Listed> = self
            .files()
            .into_iter()
            .map(|(file_name, path)| {
                let selection = read(&file_name, &path);
                let name = selection.as_ref().map_or(file_name, |s| s.name.clone());
                Listed { name, selection }
            })
            .collect();
        listed.sort_by_cached_key(|l| (name_key(&l.name), l.name.clone()));
        listed
    }

    /// The selection `name`, ignoring case (`Acme` loads `acme.json`). An
    /// unknown name is an error listing the saved names.
    pub fn load(&self, name: &str) -> Result<Selection, ConfigError> {
        validate_name(name)?;
        match self.find(name) {
            Some((file_name, path)) => read(&file_name, &path),
            None => Err(self.not_found(name)),
        }
    }

    /// Whether a selection called `name`, ignoring case, exists (damaged or
    /// not); false for names that break the naming rules.
    #[cfg(test)]
    pub fn exists(&self, name: &str) -> bool {
        validate_name(name).is_ok() && self.find(name).is_some()
    }

    /// Saves `selection`, creating the directory. Under the store's lock it
    /// looks for a selection of that name (ignoring case): with
    /// [`Replace::No`] that is [`ConfigError::Exists`]; with [`Replace::Yes`]
    /// its file is replaced and it keeps its stored name, but a damaged file
    /// is not: that is [`ConfigError::WouldOverwriteDamaged`] until the
    /// caller deletes it. Replacing keeps the profile fields (tenant, app id,
    /// redirect URI, cloud) that `selection` leaves empty, as [`Saved::kept`]
    /// says. The write is atomic: a failed save leaves an existing file byte
    /// for byte as it was.
    pub fn save(&self, selection: &Selection, replace: Replace) -> Result<Saved, ConfigError> {
        validate_name(&selection.name)?;
        let _lock = lock(&self.dir, STORE)?;
        let found = self.find(&selection.name);
        let mut profile = selection.profile.clone();
        let mut kept = Vec::new();
        let (path, name) = match &found {
            None => (self.path_of(&selection.name), selection.name.clone()),
            Some((file_name, path)) => match read(file_name, path) {
                Err(ConfigError::File(FileError::Damaged { .. })) => {
                    return Err(ConfigError::WouldOverwriteDamaged { path: path.clone() });
                }
                Err(e) => return Err(e),
                Ok(stored) if replace == Replace::No => {
                    return Err(ConfigError::Exists { name: stored.name });
                }
                Ok(stored) => {
                    kept = profile.keep_from(stored.profile);
                    (path.clone(), stored.name)
                }
            },
        };
        let stored = Selection { name: name.clone(), profile, ..selection.clone() };
        write_json(&path, &stored, STORE)?;
        Ok(Saved { path, name, replaced: found.is_some(), kept })
    }

    /// Changes the selection `name` with `change` and saves it, all under the
    /// store's lock, so parallel changes of other fields are all kept.
    pub fn update(
        &self,
        name: &str,
        change: impl FnOnce(&mut Selection),
    ) -> Result<(Selection, PathBuf), ConfigError> {
        validate_name(name)?;
        let _lock = lock(&self.dir, STORE)?;
        let (file_name, path) = self.find(name).ok_or_else(|| self.not_found(name))?;
        let mut selection = read(&file_name, &path)?;
        change(&mut selection);
        write_json(&path, &selection, STORE)?;
        Ok((selection, path))
    }

    /// Removes the selection `name` (ignoring case), damaged or not; an
    /// unknown name is an error listing the saved names.
    pub fn delete(&self, name: &str) -> Result<(), ConfigError> {
        validate_name(name)?;
        if !self.dir.is_dir() {
            return Err(self.not_found(name));
        }
        let _lock = lock(&self.dir, STORE)?;
        let (_, path) = self.find(name).ok_or_else(|| self.not_found(name))?;
        match fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Err(self.not_found(name)),
            Err(e) => Err(io_error("remove", &path)(e).into()),
        }
    }

    /// The file of the selection `name`: the one named after its key, else
    /// (a file of an older version) the first whose name has the same key.
    fn find(&self, name: &str) -> Option<(String, PathBuf)> {
        let key = name_key(name);
        let files = self.files();
        let canonical = self.path_of(name);
        let found = files.iter().find(|(_, path)| *path == canonical);
        found.or_else(|| files.iter().find(|(n, _)| name_key(n) == key)).cloned()
    }

    /// The `(name, path)` of each selection file, the name decoded from the
    /// file name, sorted by path.
    fn files(&self) -> Vec<(String, PathBuf)> {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut files: Vec<(String, PathBuf)> = entries
            .filter_map(Result::ok)
            .filter_map(|entry| {
                let path = entry.path();
                let stem = path.file_name()?.to_str()?.strip_suffix(SUFFIX)?;
                let name = decode(stem);
                // Anything but a directory is listed: a FIFO or a device shows
                // as unreadable, with why, rather than vanishing.
                // (A dangling link is nothing yet: a save writes through it.)
                let listed = fs::metadata(&path).is_ok_and(|m| !m.is_dir());
                (!stem.starts_with('.') && listed).then_some((name, path))
            })
            .collect();
        files.sort_by(|a, b| a.1.cmp(&b.1));
        files
    }

    fn not_found(&self, name: &str) -> ConfigError {
        let mut saved: Vec<String> = self.list().into_iter().map(|l| l.name).collect();
        saved.sort_by_cached_key(|n| name_key(n));
        ConfigError::NotFound { name: name.to_string(), dir: self.dir.clone(), saved }
    }
}

/// The selection in `path`, whose file name says `file_name`. It is named as
/// in the file when that is the same name ignoring case, else after the file;
/// a missing file is [`ConfigError::NotFound`].
fn read(file_name: &str, path: &Path) -> Result<Selection, ConfigError> {
    validate_name(file_name)?;
    let not_found = || ConfigError::NotFound {
        name: file_name.to_string(),
        dir: path.parent().unwrap_or(Path::new("")).to_path_buf(),
        saved: Vec::new(),
    };
    let mut selection = read_json::<Selection>(path)?.ok_or_else(not_found)?;
    if name_key(&selection.name) != name_key(file_name) || validate_name(&selection.name).is_err() {
        selection.name = file_name.to_string();
    }
    Ok(selection)
}

/// The name a file name stem stands for (`%XX` decoded; anything else as it is).
pub(super) fn decode(stem: &str) -> String {
    let bytes = stem.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| stem.to_string())
}
