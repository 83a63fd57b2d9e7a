//! Merging an import into the catalog in use: the tenant's export adds its
//! descriptions (and any rows the built-in facts lack) to the rows there,
//! keyed by (resource, name, type); the Intrexx roles stay, and rows of a
//! type or resource the export does not hold are kept.

use super::{Catalog, Permission, key, sort_key};
use std::collections::HashMap;

/// What a merge changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeOutcome {
    /// The merged catalog, sorted by name ignoring case, then type.
    pub catalog: Catalog,
    /// Rows of the base that took the export's description.
    pub described: usize,
    /// Rows the base did not have.
    pub added: usize,
    /// Rows whose GUID or admin consent in the export differs from the base's
    /// (the export's is kept): (name, type).
    pub changed: Vec<(String, super::PermissionType)>,
}

/// `imported` merged into `base`: matching rows take the export's
/// description, display name, GUID and admin consent and keep their Intrexx
/// role; the export's other rows are added; the base's other rows stay.
pub fn merge_import(base: &Catalog, imported: &Catalog, name: &str) -> MergeOutcome {
    let mut permissions: Vec<Permission> = base.permissions.clone();
    let at: HashMap<_, usize> = permissions.iter().enumerate().map(|(i, p)| (key(p), i)).collect();
    let (mut described, mut added, mut changed) = (0, 0, Vec::new());
    for new in &imported.permissions {
        match at.get(&key(new)) {
            Some(&i) => {
                let row = &mut permissions[i];
                if row.id != new.id || row.admin_consent != new.admin_consent {
                    changed.push((new.name.clone(), new.kind));
                }
                let intrexx = row.intrexx.or(new.intrexx);
                *row = Permission { intrexx, ..new.clone() };
                described += 1;
            }
            None => {
                permissions.push(new.clone());
                added += 1;
            }
        }
    }
    permissions.sort_by_cached_key(sort_key);
    MergeOutcome {
        catalog: Catalog { name: name.to_string(), permissions },
        described,
        added,
        changed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::PermissionType::{Application as A, Delegated as D};

    fn row(name: &str, kind: crate::catalog::PermissionType, description: &str) -> Permission {
        Permission {
            name: name.into(),
            kind,
            description: description.into(),
            description_source: crate::catalog::DescriptionSource::Microsoft,
            display_name: None,
            admin_consent: kind == A,
            intrexx: None,
            id: "465a38f9-76ea-45b9-9f34-9e8b0d4b0b42".into(),
            resource: Default::default(),
        }
    }

    #[test]
    fn an_export_of_one_type_keeps_the_other_and_the_roles() {
        let base = Catalog::builtin();
        let imported = Catalog {
            name: "x".into(),
            permissions: vec![
                Permission {
                    id: "b633e1c5-b582-4048-a93e-9f11b44c7e96".into(),
                    ..row("Mail.Send", A, "Tenant words for Mail.Send")
                },
                row("Brand.New.Permission", A, "Tenant words"),
            ],
        };
        let merged = merge_import(&base, &imported, "merged");
        assert_eq!(merged.catalog.len(), base.len() + 1);
        assert_eq!((merged.described, merged.added), (1, 1));
        assert!(merged.changed.is_empty(), "{:?}", merged.changed);
        let send = merged.catalog.find("Mail.Send", A).unwrap();
        assert_eq!(send.description, "Tenant words for Mail.Send");
        let delegated = merged.catalog.find("Mail.Send", D).unwrap();
        assert_eq!(delegated, base.find("Mail.Send", D).unwrap(), "the other type is untouched");
        assert_eq!(delegated.intrexx, Some(crate::catalog::IntrexxRole::Optional));
        let required = merged.catalog.permissions.iter().filter(|p| p.intrexx.is_some()).count();
        assert_eq!(required, 36);
        crate::catalog::load::validate(&merged.catalog, "merged").unwrap();
    }

    #[test]
    fn a_different_guid_is_taken_from_the_export_and_reported() {
        let base = Catalog::builtin();
        let imported =
            Catalog { name: "x".into(), permissions: vec![row("User.Read", D, "Tenant")] };
        let merged = merge_import(&base, &imported, "merged");
        assert_eq!(merged.changed, [("User.Read".to_string(), D)]);
        assert_eq!(merged.catalog.find("User.Read", D).unwrap().id, imported.permissions[0].id);
    }
}
