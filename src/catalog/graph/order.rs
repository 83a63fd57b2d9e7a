//! The privilege order, defined once: `api`, search tie-breaks and hints all
//! rank permissions with [`PrivilegeRank`].

use super::{Call, Scheme, privilege_level};
use std::cmp::Ordering;

/// A permission's place in the privilege order, least privileged first:
///
/// 1. Microsoft's `least` flag for the call and scheme (flagged first);
/// 2. the privilege level (1 to 5; none given sorts last);
/// 3. the name pattern `ReadBasic` < `Read` < `ReadWrite` < `Manage` <
///    `FullControl` (other names after), and within one access the plain
///    scope < `.Shared` < `.All`;
/// 4. the name, ignoring ASCII case, then as written.
///
/// Sort with `sort_by_key(|x| PrivilegeRank::...)` or compare two ranks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrivilegeRank<'a> {
    least: bool,
    level: Option<u8>,
    access: u8,
    reach: u8,
    name: &'a str,
}

impl<'a> PrivilegeRank<'a> {
    /// The rank of `name` in `scheme`, with Microsoft's `least` flag as given
    /// (false when no call is in question).
    pub fn new(name: &'a str, scheme: Scheme, least: bool) -> PrivilegeRank<'a> {
        let (access, reach) = pattern(name);
        PrivilegeRank { least, level: privilege_level(name, scheme), access, reach, name }
    }

    /// The rank of a call's permission for that call.
    pub fn of_call(call: &Call) -> PrivilegeRank<'static> {
        PrivilegeRank::new(call.permission, call.scheme, call.least)
    }

    /// The privilege level that went into the rank.
    pub fn level(&self) -> Option<u8> {
        self.level
    }
}

/// (access, reach) from the name's segments after the resource, ignoring case.
fn pattern(name: &str) -> (u8, u8) {
    const ACCESS: [&str; 5] = ["readbasic", "read", "readwrite", "manage", "fullcontrol"];
    let mut segments = name.split('.').skip(1);
    let access = segments
        .next()
        .and_then(|s| ACCESS.iter().position(|a| a.eq_ignore_ascii_case(s)))
        .map_or(ACCESS.len() as u8, |i| i as u8);
    let reach = match name.rsplit('.').next() {
        Some(last) if last.eq_ignore_ascii_case("all") => 2,
        Some(last) if last.eq_ignore_ascii_case("shared") => 1,
        _ => 0,
    };
    (access, reach)
}

impl Ord for PrivilegeRank<'_> {
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .least
            .cmp(&self.least)
            .then_with(|| self.level.unwrap_or(u8::MAX).cmp(&other.level.unwrap_or(u8::MAX)))
            .then_with(|| (self.access, self.reach).cmp(&(other.access, other.reach)))
            .then_with(|| super::cmp_ignore_case(self.name, other.name))
            .then_with(|| self.name.cmp(other.name))
    }
}

impl PartialOrd for PrivilegeRank<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
