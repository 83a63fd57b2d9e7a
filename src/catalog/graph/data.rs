//! The generated facts (`assets/graph-facts.rs`), laid out at build time as
//! plain statics: nothing is parsed when scopepick starts.

use crate::catalog::{IntrexxRole, PermissionType};

const D: PermissionType = PermissionType::Delegated;
const A: PermissionType = PermissionType::Application;

/// One built-in permission row: an index into `NAMES` and its facts.
pub(super) struct FactRow {
    /// Index into `NAMES`.
    pub name: u16,
    /// Delegated or Application.
    pub kind: PermissionType,
    /// The permission GUID.
    pub id: &'static str,
    /// Whether an administrator must consent.
    pub admin_consent: bool,
    /// The Intrexx connector's use of it.
    pub intrexx: Option<IntrexxRole>,
    /// The seed's description, or one written by the generator from the facts.
    pub description: &'static str,
}

include!("../../../assets/graph-facts.rs");
