//! Helpers shared by the unit tests.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A fresh directory under the system temp dir, removed on drop.
pub(crate) struct TempDir(pub(crate) PathBuf);

impl TempDir {
    /// A new empty directory named after the test.
    pub(crate) fn new(test: &str) -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("scopepick-unit-{}-{test}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Every Microsoft Graph permission (names, types, ids and consent: facts,
/// no descriptions), from `src/filter/testdata/graph-permissions.tsv`, which
/// is `cut -f1-4` of the reference `graph-permissions.tsv`. The built-in
/// catalog of all 1,519 permissions replaces it once it exists.
pub(crate) fn graph_catalog() -> crate::catalog::Catalog {
    use crate::catalog::{Catalog, Permission, PermissionType};
    let tsv = include_str!("filter/testdata/graph-permissions.tsv");
    let permissions = tsv
        .lines()
        .skip(1)
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            let kind: PermissionType = fields[1].parse().unwrap();
            Permission {
                name: fields[0].to_string(),
                kind,
                description: String::new(),
                display_name: None,
                admin_consent: fields[3] == "yes",
                intrexx: None,
                id: fields[2].to_string(),
                resource: Default::default(),
            }
        })
        .collect();
    Catalog { name: "Microsoft Graph".into(), permissions }
}
