//! Helpers shared by the unit tests.

use std::path::PathBuf;

/// A fresh directory under the system temp dir (by `tempfile`), removed on
/// drop (the `tempfile` guard held in `.1`); `.0` is its path.
pub(crate) struct TempDir(pub(crate) PathBuf, #[allow(dead_code)] tempfile::TempDir);

impl TempDir {
    /// A new empty directory named after the test.
    pub(crate) fn new(test: &str) -> TempDir {
        let dir = tempfile::Builder::new()
            .prefix(&format!("scopepick-unit-{test}-"))
            .tempdir()
            .expect("a temporary directory");
        TempDir(dir.path().to_path_buf(), dir)
    }
}

/// Every Microsoft Graph permission as users search it: the built-in
/// catalog's Graph rows, descriptions included (the search tests once ran
/// on a stale description-less copy of the reference list).
pub(crate) fn graph_catalog() -> crate::catalog::Catalog {
    let mut catalog = crate::catalog::Catalog::builtin();
    catalog.permissions.retain(|p| p.resource == crate::catalog::Resource::Graph);
    catalog
}
