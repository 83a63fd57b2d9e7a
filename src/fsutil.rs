//! File writing that never leaves a half-written file, and reading that
//! never takes more than a set amount of memory.

use atomic_write_file::AtomicWriteFile;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// The most scopepick reads from a Graph export, a catalog file or the stored
/// catalog (the full Graph export is about 2 MB).
pub const EXPORT_MAX_BYTES: u64 = 64 << 20;
/// The most scopepick reads as one scope string (`check -`, `--scopes`).
pub const SCOPE_MAX_BYTES: u64 = 1 << 20;
/// The most scopepick reads from a saved selection or the session file.
pub const CONFIG_MAX_BYTES: u64 = 4 << 20;

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
    read_capped(std::fs::File::open(path)?, limit)
}

/// Mode of a new file before the umask: `0666` without write permission for
/// group and others, so an export an admin will run is never writable by
/// another user, whatever the umask.
#[cfg(unix)]
const NEW_FILE_MODE: u32 = 0o644;

/// Writes `bytes` to `path` through a temporary file in the same directory,
/// synced and renamed into place: readers see the old file or the new one.
///
/// Like an editor saving a file: a symbolic link is written *through* (the
/// link stays and its target is replaced in the target's own directory), an
/// existing file keeps its mode, a new one gets `0644 & ~umask`, and a
/// dangling link is an error naming both paths.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let target = link_target(path)?;
    let mut options = AtomicWriteFile::options();
    #[cfg(unix)]
    {
        use atomic_write_file::unix::OpenOptionsExt as _;
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(NEW_FILE_MODE).preserve_mode(true);
    }
    let mut file = options.open(&target)?;
    file.write_all(bytes)?;
    file.commit()
}

/// The file a write to `path` replaces: `path` itself, or the end of its
/// chain of symbolic links.
fn link_target(path: &Path) -> io::Result<PathBuf> {
    if !std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Ok(path.to_path_buf());
    }
    std::fs::canonicalize(path).map_err(|e| {
        let points_to = std::fs::read_link(path).unwrap_or_default();
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
    use super::{read_capped, read_file_capped, write_atomically};

    #[test]
    fn reads_stop_at_the_limit_with_an_error_naming_it() {
        assert_eq!(read_capped(&b"12345"[..], 5).unwrap(), b"12345");
        let err = read_capped(&b"123456"[..], 5).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::InvalidData);
        let err = read_file_capped(std::path::Path::new("/dev/zero"), 1 << 20).unwrap_err();
        assert_eq!(err.to_string(), "larger than 1 MB, the most scopepick reads from it");
    }
    use std::os::unix::fs::{PermissionsExt, symlink};

    fn mode(path: &std::path::Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
    }

    fn dir(name: &str) -> std::path::PathBuf {
        let dir =
            std::env::temp_dir().join(format!("scopepick-fsutil-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_link_is_written_through_and_stays_a_link() {
        let dir = dir("through");
        let real = dir.join("sub/real.json");
        std::fs::create_dir_all(real.parent().unwrap()).unwrap();
        std::fs::write(&real, "old").unwrap();
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.join("link.json");
        symlink(&real, &link).unwrap();
        write_atomically(&link, b"new").unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
        assert_eq!(mode(&real), 0o640, "the existing mode is kept");
        let left: Vec<_> = std::fs::read_dir(real.parent().unwrap()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file left");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_dangling_link_is_an_error_naming_both_paths() {
        let dir = dir("dangling");
        let link = dir.join("out.json");
        symlink("/nonexistent/x", &link).unwrap();
        let err = write_atomically(&link, b"new").unwrap_err().to_string();
        assert!(err.contains(&link.display().to_string()), "{err}");
        assert!(err.contains("/nonexistent/x"), "{err}");
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
