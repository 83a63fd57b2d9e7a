//! Files behind symbolic links and their modes, for every file scopepick
//! writes from the command line (`export -o`, a saved selection, the stored
//! catalog): a link is written through, a new file is `0666 & ~umask` without
//! group or other write permission, an existing file keeps its mode, and a
//! dangling link is one error line naming both paths.

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::support;

use support::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_scopepick");
const EXPORT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/graph/graph-sp.json");

/// One of the files scopepick writes.
#[derive(Clone, Copy, Debug)]
enum Store {
    Export,
    Selection,
    Catalog,
}

impl Store {
    const ALL: [Store; 3] = [Store::Export, Store::Selection, Store::Catalog];

    /// Where the file goes in the private directory `tmp`.
    fn path(self, tmp: &Path) -> PathBuf {
        match self {
            Store::Export => tmp.join("out.json"),
            Store::Selection => tmp.join("config/selections/acme.json"),
            Store::Catalog => tmp.join("data/catalog.json"),
        }
    }

    /// Runs the command that writes the file, under `umask`.
    fn write(self, tmp: &Path, umask: &str) -> Output {
        let args = match self {
            Store::Export => {
                format!("export -f manifest --force -o '{}' Chat.Read", self.path(tmp).display())
            }
            Store::Selection => "selection save --force acme Chat.Read".to_string(),
            Store::Catalog => format!("catalog import '{EXPORT}'"),
        };
        Command::new("sh")
            .args(["-c", &format!("umask {umask}; exec '{BIN}' {args}")])
            .env("SCOPEPICK_DATA_DIR", tmp.join("data"))
            .env("SCOPEPICK_CONFIG_DIR", tmp.join("config"))
            .output()
            .unwrap()
    }
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

fn succeeded(out: &Output, store: Store) {
    assert!(out.status.success(), "{store:?}: {}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_new_file_is_never_writable_by_group_or_others() {
    for store in Store::ALL {
        for (umask, expected) in [("0", 0o644), ("022", 0o644), ("077", 0o600), ("027", 0o640)] {
            let tmp = TempDir::new(&format!("mode-{store:?}-{umask}"));
            fs::create_dir_all(store.path(&tmp.0).parent().unwrap()).unwrap();
            succeeded(&store.write(&tmp.0, umask), store);
            assert_eq!(mode(&store.path(&tmp.0)), expected, "{store:?} under umask {umask}");
        }
    }
}

#[test]
fn an_existing_file_keeps_its_mode() {
    for store in Store::ALL {
        let tmp = TempDir::new(&format!("keep-{store:?}"));
        let path = store.path(&tmp.0);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        succeeded(&store.write(&tmp.0, "022"), store);
        let inode = fs::metadata(&path).unwrap().ino();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
        succeeded(&store.write(&tmp.0, "0"), store);
        assert_eq!(mode(&path), 0o600, "{store:?}");
        assert_ne!(fs::metadata(&path).unwrap().ino(), inode, "{store:?} was replaced");
    }
}

#[test]
fn a_symbolic_link_is_written_through_and_stays() {
    for store in Store::ALL {
        let tmp = TempDir::new(&format!("through-{store:?}"));
        let path = store.path(&tmp.0);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        let real = tmp.0.join("elsewhere/real.json");
        fs::create_dir_all(real.parent().unwrap()).unwrap();
        succeeded(&store.write(&tmp.0, "022"), store);
        fs::rename(&path, &real).unwrap();
        symlink(&real, &path).unwrap();
        fs::set_permissions(&real, fs::Permissions::from_mode(0o640)).unwrap();
        let inode = fs::metadata(&real).unwrap().ino();
        succeeded(&store.write(&tmp.0, "0"), store);
        assert_ne!(fs::metadata(&real).unwrap().ino(), inode, "{store:?}: the target is replaced");
        assert!(fs::symlink_metadata(&path).unwrap().file_type().is_symlink(), "{store:?}");
        assert_eq!(fs::read_link(&path).unwrap(), real, "{store:?}: the link is unchanged");
        assert_eq!(mode(&real), 0o640, "{store:?}: the target keeps its mode");
        let left: Vec<_> = fs::read_dir(real.parent().unwrap()).unwrap().collect();
        assert_eq!(left.len(), 1, "{store:?}: no temporary file next to the target");
    }
}

#[test]
fn a_dangling_link_is_one_error_naming_both_paths() {
    for store in Store::ALL {
        let tmp = TempDir::new(&format!("dangling-{store:?}"));
        let path = store.path(&tmp.0);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        symlink("/nonexistent/x", &path).unwrap();
        let out = store.write(&tmp.0, "0");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{store:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{store:?}: {stderr}");
        assert!(stderr.contains(&path.display().to_string()), "{store:?}: {stderr}");
        assert!(stderr.contains("/nonexistent/x"), "{store:?}: {stderr}");
        assert!(fs::symlink_metadata(&path).unwrap().file_type().is_symlink(), "{store:?}");
        assert!(!Path::new("/nonexistent/x").exists());
    }
}
