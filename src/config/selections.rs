//! Saved selections: one `<name>.json` file each in `<config_dir>/selections`.

use super::{ConfigError, config_dir, io_error, read_json, write_json};
use crate::saved::{Selection, validate_name};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// How selection file names end.
const SUFFIX: &str = ".json";

/// Where saved selections live: a directory of `<name>.json` files.
///
/// The file name is the selection's name: `load` and `list` take the name
/// from the file name, so renaming or copying a file renames or copies the
/// selection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelectionStore {
    dir: PathBuf,
}

/// One file of the selections directory, as [`SelectionStore::list`] found it.
#[derive(Debug)]
pub struct Listed {
    /// The selection's name, from the file name.
    pub name: String,
    /// The file.
    pub path: PathBuf,
    /// The selection, or why the file cannot be read (damaged JSON, a file
    /// name that is not a valid selection name, a read error).
    pub selection: Result<Selection, ConfigError>,
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

    /// The file of the selection `name`: `<dir>/<name>.json`. Meant for
    /// names that pass [`validate_name`].
    pub fn path_of(&self, name: &str) -> PathBuf {
        self.dir.join(format!("{name}{SUFFIX}"))
    }

    /// Every `*.json` file of the directory, sorted by name ignoring case.
    /// A damaged file is listed with its error; the others still load.
    /// Hidden files and other entries are skipped. A directory that is
    /// missing or cannot be read lists nothing (saving then reports why).
    pub fn list(&self) -> Vec<Listed> {
        self.files()
            .into_iter()
            .map(|(name, path)| {
                let selection = self.read(&name, &path);
                Listed { name, path, selection }
            })
            .collect()
    }

    /// The selection `name`, ignoring case (`Acme` loads `acme.json`). An
    /// unknown name is an error listing the saved names.
    pub fn load(&self, name: &str) -> Result<Selection, ConfigError> {
        validate_name(name)?;
        match self.stored_name(name) {
            Some(stored) => self.read(&stored, &self.path_of(&stored)),
            None => Err(self.not_found(name)),
        }
    }

    /// Whether a selection file named `name`, ignoring case, exists (damaged
    /// or not); false for names that break the naming rules.
    pub fn exists(&self, name: &str) -> bool {
        validate_name(name).is_ok() && self.stored_name(name).is_some()
    }

    /// The name as stored of the selection called `name` ignoring case:
    /// `acme` and `Acme` are one selection, as on macOS and Windows file systems.
    pub fn stored_name(&self, name: &str) -> Option<String> {
        self.files().into_iter().map(|(n, _)| n).find(|n| n.eq_ignore_ascii_case(name))
    }

    /// Saves `selection` as `<dir>/<name>.json`, creating the directory, and
    /// returns the path. An existing selection of that name (ignoring case; it
    /// keeps its stored name) is replaced, but a
    /// damaged file is not: that is [`ConfigError::WouldOverwriteDamaged`]
    /// until the caller deletes it. The write is atomic: a failed save leaves
    /// an existing file byte for byte as it was.
    pub fn save(&self, selection: &Selection) -> Result<PathBuf, ConfigError> {
        validate_name(&selection.name)?;
        let name = self.stored_name(&selection.name).unwrap_or_else(|| selection.name.clone());
        let path = self.path_of(&name);
        fs::create_dir_all(&self.dir).map_err(io_error("create the directory", &self.dir))?;
        match read_json::<Selection>(&path) {
            Err(ConfigError::Damaged { .. }) => Err(ConfigError::WouldOverwriteDamaged { path }),
            Err(e) => Err(e),
            Ok(_) => {
                let stored = Selection { name, ..selection.clone() };
                write_json(&path, &stored).map(|()| path)
            }
        }
    }

    /// Removes the selection `name` (ignoring case), damaged or not; an
    /// unknown name is an error listing the saved names.
    pub fn delete(&self, name: &str) -> Result<(), ConfigError> {
        validate_name(name)?;
        let stored = self.stored_name(name).unwrap_or_else(|| name.to_string());
        let path = self.path_of(&stored);
        match fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Err(self.not_found(name)),
            Err(e) => Err(io_error("remove", &path)(e)),
        }
    }

    /// The `(name, path)` of each selection file, sorted by name ignoring case.
    fn files(&self) -> Vec<(String, PathBuf)> {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut files: Vec<(String, PathBuf)> = entries
            .filter_map(Result::ok)
            .filter_map(|entry| {
                let path = entry.path();
                let name = path.file_name()?.to_str()?.strip_suffix(SUFFIX)?.to_string();
                (!name.starts_with('.') && path.is_file()).then_some((name, path))
            })
            .collect();
        files.sort_by_cached_key(|(name, _)| (name.to_lowercase(), name.clone()));
        files
    }

    /// The selection in `path` (its file name is `name` and `.json`), named
    /// after the file; a missing file is [`ConfigError::NotFound`].
    fn read(&self, name: &str, path: &Path) -> Result<Selection, ConfigError> {
        validate_name(name)?;
        let mut selection = read_json::<Selection>(path)?.ok_or_else(|| self.not_found(name))?;
        selection.name = name.to_string();
        Ok(selection)
    }

    fn not_found(&self, name: &str) -> ConfigError {
        let saved = self.files().into_iter().map(|(name, _)| name).collect();
        ConfigError::NotFound { name: name.to_string(), dir: self.dir.clone(), saved }
    }
}
