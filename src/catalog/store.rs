//! The offline store: the imported catalog kept as one JSON file in the
//! user's data directory. The only module of the catalog that touches files.
//!
//! The file is an ordinary catalog file (the shape of
//! `assets/intrexx-catalog.json`) with two more keys, `imported_from` and
//! `imported_at`, so `--catalog` reads it too.

use super::load::validate;
use super::{Catalog, CatalogError, Permission};
use crate::fsutil::EXPORT_MAX_BYTES;
use crate::json_file::{FileError, directory, io_error, lock, read_json, write_json};
use serde::{Deserialize, Serialize};
use std::ffi::OsString;
use std::fs;
use std::io;
use std::path::PathBuf;
use std::time::{SystemTime, UNIX_EPOCH};
use thiserror::Error;

/// The environment variable that overrides the data directory.
pub const DATA_DIR_ENV: &str = "SCOPEPICK_DATA_DIR";

/// The catalog file's name inside the data directory.
const FILE_NAME: &str = "catalog.json";

/// What to do about a stored catalog that does not parse.
const DAMAGED: &str = "a damaged stored catalog: `scopepick catalog reset` removes it";

/// The store's name: its lock file and temporary files carry it.
const STORE: &str = "catalog";

/// Where the imported catalog lives: a directory holding `catalog.json`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Store {
    dir: PathBuf,
}

/// An imported catalog with where and when it was imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCatalog {
    /// The catalog.
    pub catalog: Catalog,
    /// The sources it was imported from (file paths, `-` for stdin).
    pub imported_from: Vec<String>,
    /// When it was imported, RFC 3339 in UTC, e.g. `2026-08-20T09:15:00Z`.
    pub imported_at: String,
    /// Every import merged into it, oldest first (empty in files of older versions).
    pub sources: Vec<SourceRecord>,
}

/// One import merged into the stored catalog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRecord {
    /// The file path, or `-` for stdin.
    pub file: String,
    /// The export's own date: the file's modification time (RFC 3339, UTC);
    /// `None` for stdin.
    #[serde(default)]
    pub file_date: Option<String>,
    /// The import date (RFC 3339, UTC).
    pub imported_at: String,
    /// Delegated rows the export held.
    pub delegated: usize,
    /// Application rows the export held.
    pub application: usize,
    /// Whether this import replaced the catalog (`--replace`) instead of merging.
    #[serde(default)]
    pub replaced: bool,
}

/// Why the store could not be used. Messages are one line naming the path.
#[derive(Debug, Error)]
pub enum StoreError {
    /// Neither `SCOPEPICK_DATA_DIR` nor a home directory is available.
    #[error("no data directory for the catalog: set {DATA_DIR_ENV}")]
    NoDataDir,
    /// The file could not be read or written, or is damaged.
    #[error(transparent)]
    File(#[from] FileError),
    /// The stored catalog breaks a catalog rule; the message names the file.
    #[error(transparent)]
    Invalid(#[from] CatalogError),
}

/// The file's layout: the catalog's keys with the import details after its name.
#[derive(Serialize, Deserialize)]
struct StoredFile {
    name: String,
    imported_from: Vec<String>,
    imported_at: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    sources: Vec<SourceRecord>,
    permissions: Vec<Permission>,
}

impl StoredCatalog {
    /// `catalog` imported from `imported_from`, stamped with the current time.
    pub fn new(catalog: Catalog, imported_from: Vec<String>) -> StoredCatalog {
        let imported_at = rfc3339_utc(SystemTime::now());
        StoredCatalog { catalog, imported_from, imported_at, sources: Vec::new() }
    }
}

impl Store {
    /// The store in `$SCOPEPICK_DATA_DIR` if set (and not empty), else in the
    /// platform's data directory (e.g. `~/.local/share/scopepick` on Linux).
    pub fn default_location() -> Result<Store, StoreError> {
        location(std::env::var_os(DATA_DIR_ENV))
    }

    /// The store in `dir`.
    pub fn at(dir: impl Into<PathBuf>) -> Store {
        Store { dir: dir.into() }
    }

    /// The catalog file: `<dir>/catalog.json`.
    pub fn path(&self) -> PathBuf {
        self.dir.join(FILE_NAME)
    }

    /// Writes `stored`, creating the directory if needed. The file is replaced
    /// atomically: a failed save leaves the previous file as it was.
    #[cfg(test)]
    pub fn save(&self, stored: &StoredCatalog) -> Result<PathBuf, StoreError> {
        self.update(|_| Ok::<_, StoreError>(stored.clone()))
    }

    /// Loads the stored catalog, hands it to `change` and saves what that
    /// returns, all under the store's lock: parallel imports each build on
    /// the one before, none is lost. An error of `change` saves nothing.
    pub fn update<E: From<StoreError>>(
        &self,
        change: impl FnOnce(Option<StoredCatalog>) -> Result<StoredCatalog, E>,
    ) -> Result<PathBuf, E> {
        let _lock = lock(&self.dir, STORE).map_err(StoreError::from)?;
        let stored = change(self.load()?)?;
        Ok(self.write(&stored)?)
    }

    /// Writes `stored`; the caller holds the lock.
    fn write(&self, stored: &StoredCatalog) -> Result<PathBuf, StoreError> {
        let path = self.path();
        let file = StoredFile {
            name: stored.catalog.name.clone(),
            imported_from: stored.imported_from.clone(),
            imported_at: stored.imported_at.clone(),
            sources: stored.sources.clone(),
            permissions: stored.catalog.permissions.clone(),
        };
        write_json(&path, &file, STORE)?;
        Ok(path)
    }

    /// The stored catalog, validated; `None` when nothing was imported.
    pub fn load(&self) -> Result<Option<StoredCatalog>, StoreError> {
        let path = self.path();
        let Some(file) = read_json::<StoredFile>(&path, EXPORT_MAX_BYTES, DAMAGED)? else {
            return Ok(None);
        };
        let mut catalog = Catalog { name: file.name, permissions: file.permissions };
        validate(&catalog, &path.display().to_string())?;
        // Files of older versions do not say; what is not built-in text was imported.
        catalog.settle_description_sources(super::DescriptionSource::Microsoft);
        Ok(Some(StoredCatalog {
            catalog,
            imported_from: file.imported_from,
            imported_at: file.imported_at,
            sources: file.sources,
        }))
    }

    /// Removes the stored catalog; `false` when there was none.
    pub fn reset(&self) -> Result<bool, StoreError> {
        let path = self.path();
        if !self.dir.is_dir() {
            return Ok(false);
        }
        let _lock = lock(&self.dir, STORE)?;
        match fs::remove_file(&path) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(io_error("remove", &path)(e).into()),
        }
    }
}

/// The store for a `SCOPEPICK_DATA_DIR` value: that directory, or the
/// platform's data directory when it is unset or empty.
fn location(env_dir: Option<OsString>) -> Result<Store, StoreError> {
    directory(env_dir, directories::ProjectDirs::data_dir)
        .map(Store::at)
        .ok_or(StoreError::NoDataDir)
}

/// `time` as RFC 3339 in UTC with whole seconds, e.g. `2024-02-29T23:59:59Z`
/// (times before 1970 count as 1970).
pub fn rfc3339_utc(time: SystemTime) -> String {
    let secs = time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (days, rest) = (secs / 86_400, secs % 86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    let (h, m, s) = (rest / 3600, rest % 3600 / 60, rest % 60);
    format!("{year:04}-{month:02}-{day:02}T{h:02}:{m:02}:{s:02}Z")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::parse_catalog;
    use std::path::Path;
    use std::time::Duration;

    use crate::test_support::TempDir;

    fn stored() -> StoredCatalog {
        let mut catalog = Catalog::embedded();
        catalog.permissions[0].display_name = Some("Read your calendars".into());
        StoredCatalog::new(catalog, vec!["graph-sp.json".into(), "-".into()])
    }

    #[test]
    fn save_then_load_round_trips() {
        let tmp = TempDir::new("round-trip");
        let store = Store::at(tmp.0.join("nested/data"));
        assert_eq!(store.load().unwrap(), None, "nothing stored yet");
        let saved = stored();
        let path = store.save(&saved).unwrap();
        assert_eq!(path, tmp.0.join("nested/data/catalog.json"));
        assert_eq!(path, store.path());
        assert_eq!(store.load().unwrap(), Some(saved.clone()));
        let text = fs::read_to_string(&path).unwrap();
        let as_catalog = parse_catalog(&text, "stored").unwrap();
        assert_eq!(as_catalog, saved.catalog, "the stored file is a catalog file for --catalog");
    }

    #[test]
    fn reset_removes_the_file_and_says_whether_there_was_one() {
        let tmp = TempDir::new("reset");
        let store = Store::at(&tmp.0);
        assert!(!store.reset().unwrap());
        store.save(&stored()).unwrap();
        assert!(store.reset().unwrap());
        assert_eq!(store.load().unwrap(), None);
        assert!(!store.reset().unwrap());
    }

    #[test]
    fn a_damaged_file_is_an_error_naming_file_line_and_column() {
        let tmp = TempDir::new("damaged");
        let store = Store::at(&tmp.0);
        fs::write(store.path(), "{\n  \"name\": \"x\",\n  \"imported_from\": 3\n}\n").unwrap();
        let err = store.load().unwrap_err();
        assert!(
            matches!(err, StoreError::File(FileError::Damaged { line: 3, column: 20, .. })),
            "{err:?}"
        );
        let message = err.to_string();
        assert!(message.starts_with(&format!("{}: line 3, column 20: ", store.path().display())));
        assert!(
            message.ends_with("; a damaged stored catalog: `scopepick catalog reset` removes it")
        );
        fs::write(store.path(), "{\"name\": \"x\", \"imp").unwrap();
        assert!(matches!(store.load(), Err(StoreError::File(FileError::Damaged { line: 1, .. }))));
    }

    #[test]
    fn a_stored_catalog_breaking_the_rules_is_an_error_naming_the_file() {
        let tmp = TempDir::new("invalid");
        let store = Store::at(&tmp.0);
        let mut bad = stored();
        let first = bad.catalog.permissions[0].clone();
        bad.catalog.permissions.push(first);
        store.save(&bad).unwrap();
        let err = store.load().unwrap_err();
        assert!(matches!(err, StoreError::Invalid(CatalogError::Duplicate { .. })), "{err:?}");
        assert!(err.to_string().starts_with(&store.path().display().to_string()));
    }

    #[test]
    fn a_failed_save_leaves_what_was_there_unchanged() {
        let tmp = TempDir::new("failed-save");
        let not_a_dir = tmp.0.join("file");
        fs::write(&not_a_dir, b"precious").unwrap();
        let err = Store::at(&not_a_dir).save(&stored()).unwrap_err();
        assert!(matches!(err, StoreError::File(FileError::Io { .. })), "{err:?}");
        assert!(err.to_string().contains(&not_a_dir.display().to_string()), "{err}");
        assert_eq!(fs::read(&not_a_dir).unwrap(), b"precious");
    }

    #[cfg(unix)]
    #[test]
    fn a_save_refused_by_the_file_system_keeps_the_stored_file() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = TempDir::new("read-only");
        let store = Store::at(&tmp.0);
        store.save(&stored()).unwrap();
        let before = fs::read(store.path()).unwrap();
        fs::set_permissions(&tmp.0, fs::Permissions::from_mode(0o555)).unwrap();
        let enforced = fs::File::create(tmp.0.join("probe")).is_err();
        let result = enforced.then(|| {
            let mut changed = stored();
            changed.catalog.permissions.truncate(1);
            store.save(&changed)
        });
        fs::set_permissions(&tmp.0, fs::Permissions::from_mode(0o755)).unwrap();
        match result {
            Some(result) => {
                assert!(
                    matches!(result, Err(StoreError::File(FileError::Io { action: "write", .. }))),
                    "{result:?}"
                );
                assert_eq!(fs::read(store.path()).unwrap(), before);
            }
            None => eprintln!("skipped: permissions are not enforced (running as root)"),
        }
    }

    #[test]
    fn the_environment_variable_overrides_the_platform_directory() {
        let store = location(Some("/srv/scopepick".into())).unwrap();
        assert_eq!(store.path(), Path::new("/srv/scopepick/catalog.json"));
        if let Ok(store) = location(Some(OsString::new())) {
            assert!(store.path().ends_with("scopepick/catalog.json"), "{:?}", store.path());
        }
    }

    #[test]
    fn timestamps_are_rfc3339_utc() {
        let at = |secs| rfc3339_utc(UNIX_EPOCH + Duration::from_secs(secs));
        assert_eq!(at(0), "1970-01-01T00:00:00Z");
        assert_eq!(at(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(at(1_709_251_199), "2024-02-29T23:59:59Z");
        assert_eq!(at(4_102_444_800), "2100-01-01T00:00:00Z");
        assert_eq!(rfc3339_utc(UNIX_EPOCH - Duration::from_secs(1)), "1970-01-01T00:00:00Z");
        assert_eq!(StoredCatalog::new(Catalog::embedded(), vec![]).imported_at.len(), 20);
    }
}
