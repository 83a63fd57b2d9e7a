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
                description_source: crate::catalog::DescriptionSource::Scopepick,
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
