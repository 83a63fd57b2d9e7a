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

/// Path template `i` of Microsoft's map. The templates lie end to end in one
/// string rather than in an array of `&str`: each `&str` of a static array
/// costs the binary its pointer and a load-time relocation (40 bytes), about
/// 290 KB for the map's 7,000 templates.
pub(super) fn path(i: usize) -> &'static str {
    &PATH_TEXT[PATH_STARTS[i] as usize..PATH_STARTS[i + 1] as usize]
}

/// Every path template of the map, sorted.
pub(super) fn paths() -> impl Iterator<Item = &'static str> {
    (0..PATH_STARTS.len() - 1).map(path)
}
