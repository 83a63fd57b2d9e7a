//! The order of a call's raw rows (Microsoft's flag, level, name pattern); the
//! search's tie-breaks use the model's `Standing` instead.

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
}

/// Whether the name `broader` reads as wider than `narrower` by the naming
/// pattern alone: the same resource (the text before the first `.`, ignoring
/// case), a known access in both, and at least as much access and reach with
/// more of one (`User.Read.All` over `User.Read`, `Chat.ReadWrite` over
/// `Chat.ReadBasic`). For names that have no facts to compare, such as an
/// unknown name typed by the user.
pub fn wider_by_name(broader: &str, narrower: &str) -> bool {
    let resource = |n: &str| n.split('.').next().unwrap_or("").to_ascii_lowercase();
    match (strict_pattern(broader), strict_pattern(narrower)) {
        (Some(wide), Some(narrow)) => {
            resource(broader) == resource(narrower)
                && wide.0 >= narrow.0
                && wide.1 >= narrow.1
                && wide != narrow
        }
        _ => false,
    }
}

/// (access, reach) of a name that is exactly `Resource.Access[.Shared|.All]`
/// with a known access, ignoring case; `None` for any other name.
fn strict_pattern(name: &str) -> Option<(u8, u8)> {
    let segments: Vec<&str> = name.split('.').collect();
    let reach_ok = match segments.as_slice() {
        [resource, _] => !resource.is_empty(),
        [resource, _, reach] => {
            !resource.is_empty()
                && (reach.eq_ignore_ascii_case("all") || reach.eq_ignore_ascii_case("shared"))
        }
        _ => false,
    };
    let found = pattern(name);
    (reach_ok && usize::from(found.0) < ACCESS.len()).then_some(found)
}

/// The access segments of the name pattern, least privileged first.
const ACCESS: [&str; 5] = ["readbasic", "read", "readwrite", "manage", "fullcontrol"];

/// (access, reach) from the name's segments after the resource, ignoring case.
fn pattern(name: &str) -> (u8, u8) {
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
