//! File writing that never leaves a half-written file or a stray temporary
//! file, never replaces anything but a regular file, and reading that never
//! takes more than a set amount of memory.

use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// The most scopepick reads from a Graph export, a catalog file or the stored
/// catalog (the full Graph export is about 2 MB).
pub const EXPORT_MAX_BYTES: u64 = 64 << 20;
/// The most scopepick reads as one scope string (`check -`, `--scopes`).
pub const SCOPE_MAX_BYTES: u64 = 1 << 20;
/// The most scopepick reads from a saved selection or the session file.
pub const CONFIG_MAX_BYTES: u64 = 4 << 20;

/// How scopepick's temporary files start and end (`.scopepick-<store>-XXXXXX.tmp`):
/// a writer killed with `kill -9` leaves one, which the next write under the
/// store's lock removes (any store's, once it is an hour old).
const TEMP_PREFIX: &str = ".scopepick-";
const TEMP_SUFFIX: &str = ".tmp";

/// Temporary files older than this are stale whoever left them.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(3600);

/// `bytes` as "64 MB", "1 MB", "512 KB".
pub fn size_label(bytes: u64) -> String {
    if bytes >= 1 << 20 { format!("{} MB", bytes >> 20) } else { format!("{} KB", bytes >> 10) }
}

/// Everything `reader` gives, but at most `limit` bytes: more is an error
/// naming the limit (the caller names the source), so `/dev/zero` or a huge
/// file cannot use up the memory.
pub fn read_capped(reader: impl Read, limit: u64) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("larger than {}, the most scopepick reads from it", size_label(limit)),
        ));
    }
    Ok(bytes)
}

/// The file at `path`, read with [`read_capped`].
pub fn read_file_capped(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    read_capped(File::open(path)?, limit)
}

/// Who a written file is for, which decides its mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// A file of one of scopepick's stores (`session`, `selection`,
    /// `catalog`), which hold tenant and app ids: always `0600`.
    Private(&'static str),
    /// An export the user asked for with `-o`: a new file gets `0666 & ~umask`
    /// as any tool creates one, an existing file keeps its mode.
    User,
}

/// Writes `bytes` to `path` through a temporary file in the same directory,
/// synced and renamed into place: readers see the old file or the new one.
///
/// Like an editor saving a file, a symbolic link is written *through* (the
/// link stays and its target is replaced in the target's own directory); a
/// dangling link is an error naming both paths. Only a regular file or
/// nothing is replaced: a device, a FIFO, a socket or a directory (also a
/// name ending in `/`) is an error, so `/dev/null` never becomes a file.
///
/// The temporary file is created `0600`, gets its final mode (see
/// [`Audience`]) before the rename, and is removed on every failure.
pub fn write_atomically(path: &Path, bytes: &[u8], audience: Audience) -> io::Result<()> {
    let (target, existing) = replaceable(path)?;
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let store = match audience {
        Audience::Private(store) => store,
        Audience::User => "export",
    };
    let mut temp = new_temp(dir, store)?;
    temp.write_all(bytes)?;
    set_final_mode(temp.as_file(), existing.as_ref(), audience)?;
    temp.as_file().sync_all()?;
    temp.persist(&target).map_err(|e| e.error)?;
    // The rename is durable once the directory is synced; where a directory
    // cannot be opened or synced the file is in place all the same.
    if let Ok(dir) = File::open(dir) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// A new temporary file in `dir`, `0600` whatever the umask or the
/// directory's mode, removed when dropped unless persisted.
fn new_temp(dir: &Path, store: &str) -> io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    let prefix = format!("{TEMP_PREFIX}{store}-");
    builder.prefix(&prefix).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o600));
    }
    builder.tempfile_in(dir)
}

/// Sets the mode the file will have once renamed into place (an explicit
/// `fchmod`, so the umask and the directory play no part).
#[cfg(unix)]
fn set_final_mode(
    file: &File,
    existing: Option<&fs::Metadata>,
    audience: Audience,
) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = match (audience, existing) {
        (Audience::Private(_), _) => 0o600,
        (Audience::User, Some(meta)) => meta.permissions().mode() & 0o7777,
        (Audience::User, None) => 0o666 & !umask(),
    };
    file.set_permissions(fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_final_mode(_: &File, _: Option<&fs::Metadata>, _: Audience) -> io::Result<()> {
    Ok(())
}

/// The process's umask, from `/proc/self/status` where there is one (reading
/// it with `umask(2)` means changing it for a moment, for every thread).
#[cfg(unix)]
fn umask() -> u32 {
    let from_proc = fs::read_to_string("/proc/self/status").ok().and_then(|status| {
        let line = status.lines().find_map(|l| l.strip_prefix("Umask:"))?;
        u32::from_str_radix(line.trim(), 8).ok()
    });
    from_proc.unwrap_or_else(|| {
        // SAFETY: umask(2) cannot fail; the old value is put back at once.
        #[allow(clippy::useless_conversion)] // mode_t is u16 on some systems
        unsafe {
            let old = libc::umask(0o077);
            libc::umask(old);
            u32::from(old)
        }
    })
}

/// Whether a write to `path` may go ahead: what it replaces (after
/// following links) is a regular file or nothing. The error names the path
/// and what stands there.
pub fn check_replaceable(path: &Path) -> io::Result<()> {
    replaceable(path).map(|_| ())
}

/// The file a write to `path` replaces and its metadata (`None`: nothing is
/// there yet), or why it may not be replaced.
fn replaceable(path: &Path) -> io::Result<(PathBuf, Option<fs::Metadata>)> {
    if path.as_os_str().to_string_lossy().ends_with('/') {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "the name ends with '/', a directory: give a file name",
        ));
    }
    let target = link_target(path)?;
    let existing = regular_or_missing(&target)?;
    Ok((target, existing))
}

/// The metadata of the regular file at `target`; `None` when nothing is
/// there; an error naming what it is when it is anything else.
pub fn regular_or_missing(target: &Path) -> io::Result<Option<fs::Metadata>> {
    match fs::metadata(target) {
        Ok(meta) if meta.is_file() => Ok(Some(meta)),
        Ok(meta) => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "{} is {}, not a regular file: scopepick reads and replaces only regular files, and left it as it is",
                crate::text::printable(&target.display().to_string()),
                kind_of(&meta)
            ),
        )),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// "a directory", "a character device", ... for a file that is not regular.
fn kind_of(meta: &fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = meta.file_type();
        if kind.is_char_device() {
            return "a character device";
        } else if kind.is_block_device() {
            return "a block device";
        } else if kind.is_fifo() {
            return "a FIFO";
        } else if kind.is_socket() {
            return "a socket";
        }
    }
    if meta.is_dir() { "a directory" } else { "not a file" }
}

/// An exclusive advisory lock on a store, held until dropped: every
/// read-modify-write of a store (a saved selection, the session, the stored
/// catalog) runs under it, so parallel writers take turns instead of losing
/// each other's changes.
#[derive(Debug)]
pub struct StoreLock(#[allow(dead_code)] File);

/// Locks the store `store`, whose files are in `dir`, by locking the
/// directory itself (no lock file to leave behind), waiting for other
/// holders. Under the lock, the store's temporary files that a killed writer
/// left in `dir` are removed, and any of scopepick's older than an hour.
pub fn lock_store(dir: &Path, store: &str) -> io::Result<StoreLock> {
    let dir_or_here = if dir.as_os_str().is_empty() { Path::new(".") } else { dir };
    let file = File::open(dir_or_here)?;
    file.lock()?;
    remove_stale_temps(dir_or_here, store);
    Ok(StoreLock(file))
}

/// Removes the temporary files in `dir` that `store`'s writers left (called
/// under its lock, which every writer of the store holds, so none is in
/// use) and scopepick's other ones older than an hour.
fn remove_stale_temps(dir: &Path, store: &str) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    let own = format!("{TEMP_PREFIX}{store}-");
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !name.starts_with(TEMP_PREFIX) || !name.ends_with(TEMP_SUFFIX) {
            continue;
        }
        let Ok(meta) = entry.metadata() else { continue };
        let age = meta.modified().ok().and_then(|m| m.elapsed().ok()).unwrap_or_default();
        if meta.is_file() && (name.starts_with(&own) || age > STALE_AFTER) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// The file a write to `path` replaces: `path` itself, or the end of its
/// chain of symbolic links.
fn link_target(path: &Path) -> io::Result<PathBuf> {
    if !fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Ok(path.to_path_buf());
    }
    fs::canonicalize(path).map_err(|e| {
        let points_to = fs::read_link(path).unwrap_or_default();
        io::Error::new(
            e.kind(),
            format!(
                "{} is a symbolic link to {}, which cannot be reached: {e}",
                crate::text::printable(&path.display().to_string()),
                crate::text::printable(&points_to.display().to_string()),
            ),
        )
    })
}

#[cfg(all(test, unix))]
mod tests {
    use super::{Audience, lock_store, new_temp, read_capped, read_file_capped, write_atomically};
    use std::os::unix::fs::{PermissionsExt, symlink};
    use std::path::Path;

    #[test]
    fn reads_stop_at_the_limit_with_an_error_naming_it() {
        assert_eq!(read_capped(&b"12345"[..], 5).unwrap(), b"12345");
        let err = read_capped(&b"123456"[..], 5).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::InvalidData);
        let err = read_file_capped(Path::new("/dev/zero"), 1 << 20).unwrap_err();
        assert_eq!(err.to_string(), "larger than 1 MB, the most scopepick reads from it");
    }

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
    }

    fn dir(name: &str) -> crate::test_support::TempDir {
        crate::test_support::TempDir::new(&format!("fsutil-{name}"))
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_link_is_written_through_and_stays_a_link() {
        let tmp = dir("through");
        let dir = tmp.0.as_path();
        let real = dir.join("sub/real.json");
        std::fs::create_dir_all(real.parent().unwrap()).unwrap();
        std::fs::write(&real, "old").unwrap();
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.join("link.json");
        symlink(&real, &link).unwrap();
        write_atomically(&link, b"new", Audience::User).unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
        assert_eq!(mode(&real), 0o640, "the existing mode is kept");
        assert_eq!(names(real.parent().unwrap()), ["real.json"], "no temporary file left");
        write_atomically(&link, b"private", Audience::Private("session")).unwrap();
        assert_eq!(mode(&real), 0o600, "a store's file is always 0600");
    }

    #[test]
    fn a_dangling_link_is_an_error_naming_both_paths() {
        let tmp = dir("dangling");
        let dir = tmp.0.as_path();
        let link = dir.join("out.json");
        symlink("/nonexistent/x", &link).unwrap();
        let err = write_atomically(&link, b"new", Audience::User).unwrap_err().to_string();
        assert!(err.contains(&link.display().to_string()), "{err}");
        assert!(err.contains("/nonexistent/x"), "{err}");
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    }

    #[test]
    fn only_a_regular_file_or_nothing_is_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let tmp = dir("kinds");
        let dir = tmp.0.as_path();
        let fifo = dir.join("fifo");
        let c_path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
        let sub = dir.join("sub");
        std::fs::create_dir(&sub).unwrap();
        let link_to_fifo = dir.join("session.json");
        symlink(&fifo, &link_to_fifo).unwrap();
        for (path, kind) in [
            (fifo.clone(), "a FIFO"),
            (link_to_fifo.clone(), "a FIFO"),
            (sub.clone(), "a directory"),
            (dir.join("new/"), "ends with '/'"),
            (dir.join("sub/"), "ends with '/'"),
        ] {
            for audience in [Audience::User, Audience::Private("session")] {
                let err = write_atomically(&path, b"x", audience).unwrap_err().to_string();
                assert!(err.contains(kind), "{path:?}: {err}");
            }
        }
        assert!(std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
        assert!(std::fs::symlink_metadata(&sub).unwrap().is_dir());
        assert_eq!(names(dir), ["fifo", "session.json", "sub"], "nothing else was created");
    }

    #[test]
    fn temporary_files_are_0600_in_any_directory() {
        let tmp = dir("temp-mode");
        let dir = tmp.0.as_path();
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o1777)).unwrap();
        let temp = new_temp(dir, "export").unwrap();
        assert_eq!(mode(temp.path()), 0o600);
        drop(temp);
        assert_eq!(names(dir), Vec::<String>::new(), "removed when dropped");
    }

    #[test]
    fn the_store_lock_removes_its_stale_temporary_files_and_old_ones() {
        let tmp = dir("stale");
        let dir = tmp.0.as_path();
        let old = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
        for name in [
            ".scopepick-selection-abc.tmp",
            ".scopepick-export-fresh.tmp",
            ".scopepick-export-old.tmp",
            ".scopepick-catalog-fresh.tmp",
            "acme.json",
        ] {
            std::fs::write(dir.join(name), "x").unwrap();
        }
        let file = std::fs::File::options().write(true).open(dir.join(".scopepick-export-old.tmp"));
        file.unwrap().set_modified(old).unwrap();
        let lock = lock_store(dir, "selection").unwrap();
        assert_eq!(
            names(dir),
            [".scopepick-catalog-fresh.tmp", ".scopepick-export-fresh.tmp", "acme.json"]
        );
        drop(lock);
    }
}
