//! Graph's own nouns from the built-in map's API paths (`/auditLogs/signIns`,
//! `/servicePrincipals`, `/me/joinedTeams`), as words a term can match: a
//! consultant reads them in Microsoft's docs. Each path word belongs to the
//! permissions the map flags least privileged for a call on that path, so
//! the word points at the narrowest permission, not every one that allows it.

use crate::catalog::graph::{builtin_catalog, calls_of};
use std::collections::{BTreeSet, HashMap};
use std::sync::LazyLock;

/// A path word shared by more permissions than this (`me`, `users`,
/// `groups`) says nothing about which one is meant, and is left out.
const MOST_PERMISSIONS: usize = 50;

/// Lowercase permission name → its path words, lowercase.
static PATH_WORDS: LazyLock<HashMap<String, Vec<String>>> = LazyLock::new(|| {
    let names: BTreeSet<String> =
        builtin_catalog().permissions.into_iter().map(|p| p.name.to_ascii_lowercase()).collect();
    // Thousands of calls share far fewer paths: each path's owners are
    // gathered first, so its words are worked out once (every `list
    // --query` and picker start pays for this table).
    let mut path_owners: HashMap<&'static str, BTreeSet<&str>> = HashMap::new();
    for name in &names {
        for call in calls_of(name).filter(|c| c.least) {
            path_owners.entry(call.path).or_default().insert(name);
        }
    }
    let mut owners: HashMap<String, BTreeSet<&str>> = HashMap::new();
    for (path, names) in &path_owners {
        for word in path.split('/').flat_map(segment_words) {
            owners.entry(word).or_default().extend(names);
        }
    }
    let mut words: HashMap<String, Vec<String>> = HashMap::new();
    for (word, owners) in owners.into_iter().filter(|(_, o)| o.len() <= MOST_PERMISSIONS) {
        for owner in owners {
            words.entry(owner.to_string()).or_default().push(word.clone());
        }
    }
    words
});

/// The words of one path segment: the segment lowercase and, when it is
/// written in camel case, each of its words (`signIns` → signins, sign,
/// ins); none for a parameter (`{id}`) or a function call.
fn segment_words(segment: &str) -> Vec<String> {
    // Bytes, not a char pattern: the same test for these ASCII marks, and
    // far cheaper in the debug builds the tests run.
    if segment.is_empty() || segment.bytes().any(|b| matches!(b, b'{' | b'(' | b'=' | b'$' | b'.'))
    {
        return Vec::new();
    }
    let mut words = vec![segment.to_ascii_lowercase()];
    let mut word = String::new();
    for c in segment.chars() {
        if c.is_ascii_uppercase() && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        word.push(c.to_ascii_lowercase());
    }
    if words.len() > 1 {
        words.push(word);
    }
    words
}

/// The path words of the permission `name` (ignoring case); empty for a
/// name the map does not know.
pub(crate) fn path_words(name: &str) -> &'static [String] {
    PATH_WORDS.get(&name.to_ascii_lowercase()).map_or(&[], Vec::as_slice)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_segments_give_each_word_and_the_whole() {
        assert_eq!(segment_words("signIns"), ["signins", "sign", "ins"]);
        assert_eq!(segment_words("drive"), ["drive"]);
        assert!(segment_words("{id}").is_empty());
    }

    #[test]
    fn graph_nouns_point_at_the_least_privileged_permission() {
        assert!(path_words("AuditLog.Read.All").iter().any(|w| w == "signins"));
        assert!(path_words("Team.ReadBasic.All").iter().any(|w| w == "joinedteams"));
        for name in ["User.Read", "Mail.Read", "Group.Read.All"] {
            assert!(!path_words(name).iter().any(|w| w == "me" || w == "users"), "{name}");
        }
    }
}
