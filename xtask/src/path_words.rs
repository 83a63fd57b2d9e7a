//! The search's API-path words, worked out here so that no search pays for
//! them: Graph's own nouns from the map's paths (`/auditLogs/signIns`,
//! `/servicePrincipals`, `/me/joinedTeams`), as words a term can match (a
//! consultant reads them in Microsoft's docs). Each path word belongs to the
//! permissions the map flags least privileged for a call on that path, so the
//! word points at the narrowest permission, not every one that allows it.

use std::collections::{BTreeMap, BTreeSet};

/// A path word shared by more permissions than this (`me`, `users`,
/// `groups`) says nothing about which one is meant, and is left out.
const MOST_PERMISSIONS: usize = 50;

/// Lowercase permission name → its path words, from the `(lowercase name,
/// path)` of every call the map flags least privileged.
pub fn path_words<'m>(
    least_calls: impl Iterator<Item = (String, &'m str)>,
) -> BTreeMap<String, BTreeSet<String>> {
    // Thousands of calls share far fewer paths: each path's owners are
    // gathered first, so its words are worked out once.
    let mut path_owners: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (name, path) in least_calls {
        path_owners.entry(path).or_default().insert(name);
    }
    let mut owners: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    for (path, names) in &path_owners {
        for word in path.split('/').flat_map(segment_words) {
            owners.entry(word).or_default().extend(names.iter().map(String::as_str));
        }
    }
    let mut words: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (word, owners) in owners.into_iter().filter(|(_, o)| o.len() <= MOST_PERMISSIONS) {
        for owner in owners {
            words.entry(owner.to_string()).or_default().insert(word.clone());
        }
    }
    words
}

/// The words of one path segment: the segment lowercase and, when it is
/// written in camel case, each of its words (`signIns` → signins, sign,
/// ins); none for a parameter (`{id}`) or a function call.
fn segment_words(segment: &str) -> Vec<String> {
    if segment.is_empty() || segment.contains(['{', '(', '=', '$', '.']) {
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
