//! Files behind symbolic links and their modes, for every file scopepick
//! writes from the command line (`export -o`, a saved selection, the stored
//! catalog): a link is written through; an export is created as any tool
//! creates a file (`0666 & ~umask`) and an existing one keeps its mode; the
//! files of scopepick's own stores (selections with tenant and app ids, the
//! stored catalog) are always `0600`; a dangling link is one error line
//! naming both paths.

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod support;

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

    /// The mode the file gets: `0600` for a store's file, else `mode`.
    fn mode_for(self, mode: u32) -> u32 {
        if matches!(self, Store::Export) { mode } else { 0o600 }
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
fn new_files_get_the_decided_modes() {
    for store in Store::ALL {
        for (umask, expected) in [("0", 0o666), ("022", 0o644), ("077", 0o600), ("027", 0o640)] {
            let tmp = TempDir::new(&format!("mode-{store:?}-{umask}"));
            fs::create_dir_all(store.path(&tmp.0).parent().unwrap()).unwrap();
            succeeded(&store.write(&tmp.0, umask), store);
            let expected = store.mode_for(expected);
            assert_eq!(mode(&store.path(&tmp.0)), expected, "{store:?} under umask {umask}");
        }
    }
}

#[test]
fn an_existing_export_keeps_its_mode_and_a_stores_file_becomes_0600() {
    for store in Store::ALL {
        let tmp = TempDir::new(&format!("keep-{store:?}"));
        let path = store.path(&tmp.0);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        succeeded(&store.write(&tmp.0, "022"), store);
        let inode = fs::metadata(&path).unwrap().ino();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        succeeded(&store.write(&tmp.0, "0"), store);
        assert_eq!(mode(&path), store.mode_for(0o640), "{store:?}");
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
        assert_eq!(mode(&real), store.mode_for(0o640), "{store:?}: the target's mode");
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

/// Makes a node at `path` with `mknod(2)`: a FIFO, or (root only) a copy
/// of `/dev/null` (character device 1:3); never touches the real `/dev`.
fn mknod(path: &Path, device: bool) -> bool {
    let c_path = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    let (kind, dev) =
        if device { (libc::S_IFCHR, libc::makedev(1, 3)) } else { (libc::S_IFIFO, 0) };
    // SAFETY: a valid NUL-terminated path.
    unsafe { libc::mknod(c_path.as_ptr(), kind | 0o666, dev) == 0 }
}

/// What stands at `path`: "char device", "fifo", "file", ...
fn kind(path: &Path) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let kind = fs::symlink_metadata(path).unwrap().file_type();
    if kind.is_char_device() {
        "char device"
    } else if kind.is_fifo() {
        "fifo"
    } else if kind.is_symlink() {
        "link"
    } else {
        "other"
    }
}

#[test]
fn a_device_or_fifo_is_never_replaced_directly_or_behind_a_link() {
    // SAFETY: a plain query.
    let root = unsafe { libc::geteuid() } == 0;
    if !root {
        eprintln!("SKIPPED (needs root): the device node cases; the FIFO cases run");
    }
    for device in [false, true].into_iter().filter(|&d| !d || root) {
        let what = if device { "a character device" } else { "a FIFO" };
        for store in Store::ALL {
            for behind_a_link in [false, true] {
                let tmp = TempDir::new(&format!("node-{store:?}-{device}-{behind_a_link}"));
                let path = store.path(&tmp.0);
                fs::create_dir_all(path.parent().unwrap()).unwrap();
                let node = if behind_a_link { tmp.0.join("node") } else { path.clone() };
                assert!(mknod(&node, device), "mknod {}", node.display());
                if behind_a_link {
                    symlink(&node, &path).unwrap();
                }
                let before = kind(&path);
                let out = store.write(&tmp.0, "022");
                let stderr = String::from_utf8_lossy(&out.stderr);
                let case = format!("{store:?}, {what}, link: {behind_a_link}");
                assert_eq!(out.status.code(), Some(2), "{case}: {stderr}");
                assert_eq!(stderr.lines().count(), 1, "{case}: {stderr}");
                assert!(
                    stderr.contains(&format!("is {what}, not a regular file")),
                    "{case}: {stderr}"
                );
                assert_eq!(kind(&node), if device { "char device" } else { "fifo" }, "{case}");
                assert_eq!(kind(&path), before, "{case}: the link stays");
                let left = fs::read_dir(path.parent().unwrap()).unwrap().count();
                // The node or link, and for an export in `tmp` the node behind its link.
                let expected = 1 + usize::from(behind_a_link && matches!(store, Store::Export));
                assert_eq!(left, expected, "{case}: no temporary file");
            }
        }
    }
}
