//! The words consultants use, in English and German, mapped to the words
//! Microsoft Graph uses in permission names. Written by the project.
//!
//! A target is a whole permission name (`offline_access`, `User.Read`) or a
//! run of camel words inside a name segment (`Sites`, `Member`,
//! `DeviceManagement`); see [`target_matches`].

use super::words::{has_camel_run, segments, stem};
use std::sync::LazyLock;

/// One entry: what a consultant types (lowercase; one or two words) and the
/// Graph words it means.
pub(crate) struct Entry {
    /// The typed word or two-word phrase, lowercase.
    pub(crate) phrase: &'static str,
    /// Graph words or whole names.
    pub(crate) targets: Vec<&'static str>,
}

/// The vocabulary, in the order of `vocabulary.tsv` (data: one entry a
/// line, the phrase, a tab, the targets separated by spaces).
pub(crate) static VOCABULARY: LazyLock<Vec<Entry>> = LazyLock::new(|| {
    let rows = crate::tsv::rows(include_str!("vocabulary.tsv"), 2).expect("vocabulary.tsv");
    let entry =
        |row: Vec<&'static str>| Entry { phrase: row[0], targets: row[1].split(' ').collect() };
    rows.into_iter().map(entry).collect()
});

/// The entry for the lowercase `phrase` (one word, or two joined by a
/// space), or for it without a plural ending (`app registrations`).
pub(crate) fn lookup(phrase: &str) -> Option<&'static Entry> {
    let find = |p: &str| VOCABULARY.iter().find(|entry| entry.phrase == p);
    find(phrase).or_else(|| find(stem(phrase)))
}

/// Words that carry no meaning in a query (English and German): a row need
/// not match them, unless the query has nothing else.
pub(crate) static STOPWORDS: &[&str] = &[
    "a", "an", "the", "of", "for", "to", "and", "or", "my", "our", "with", "from", "on", "in",
    "by", "as", "at", "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "und",
    "oder", "für", "von", "mit", "zu", "zum", "zur", "im", "am", "auf", "meine", "meinen",
];

/// Whether `target` names the permission `name`: the whole name, or a run of
/// camel words inside one of its segments, ignoring case.
pub(crate) fn target_matches(target: &str, name: &str) -> bool {
    if target.eq_ignore_ascii_case(name) {
        return true;
    }
    !target.contains(['.', '_']) && segments(name).any(|segment| has_camel_run(segment, target))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    /// The real Graph catalog (all 1,519 permissions).
    fn graph_names() -> Vec<String> {
        crate::test_support::graph_catalog().permissions.into_iter().map(|p| p.name).collect()
    }

    #[test]
    fn every_entry_finds_real_permissions() {
        let names = graph_names();
        let mut missing = Vec::new();
        for entry in VOCABULARY.iter() {
            assert_eq!(entry.phrase, entry.phrase.to_lowercase(), "{}", entry.phrase);
            assert!(entry.phrase.split(' ').count() <= 2, "{}", entry.phrase);
            for target in &entry.targets {
                if !names.iter().any(|n| target_matches(target, n)) {
                    missing.push(format!("{} → {target}", entry.phrase));
                }
            }
        }
        assert!(missing.is_empty(), "targets naming no Graph permission: {missing:?}");
    }

    #[test]
    fn plurals_find_their_entry_and_stopwords_are_lowercase() {
        assert!(lookup("app registrations").is_some());
        assert!(lookup("e-mails").is_some());
        assert!(lookup("gruppen").is_some());
        assert!(lookup("mail").is_none());
        for word in STOPWORDS {
            assert_eq!(*word, word.to_lowercase());
            assert!(lookup(word).is_none(), "{word} is both a stopword and a vocabulary word");
        }
    }

    #[test]
    fn every_phrase_is_listed_once() {
        for (i, entry) in VOCABULARY.iter().enumerate() {
            let twin = VOCABULARY[i + 1..].iter().find(|other| other.phrase == entry.phrase);
            assert!(twin.is_none(), "{} twice", entry.phrase);
        }
    }

    /// The examples, one row each: the phrase and a permission its
    /// targets must name.
    #[test]
    fn the_examples_map_as_written() {
        let rows = [
            ("sharepoint", "Sites.Read.All"),
            ("onedrive", "Files.ReadWrite"),
            ("dateien", "Files.Read"),
            ("outlook", "Mail.Read"),
            ("email", "Mail.Send"),
            ("e-mail", "Mail.Read"),
            ("kalender", "Calendars.Read"),
            ("teams", "Team.ReadBasic.All"),
            ("teams", "Channel.ReadBasic.All"),
            ("refresh token", "offline_access"),
            ("keep access", "offline_access"),
            ("sign in", "openid"),
            ("sign in", "User.Read"),
            ("login", "openid"),
            ("anmelden", "User.Read"),
            ("planner", "Tasks.ReadWrite"),
            ("to do", "Tasks.Read"),
            ("aufgaben", "Tasks.Read"),
            ("onenote", "Notes.Read"),
            ("gruppe", "Group.Read.All"),
            ("gruppen", "Group.ReadWrite.All"),
            ("mitglieder", "GroupMember.Read.All"),
            ("lesen", "Mail.Read"),
            ("schreiben", "Calendars.ReadWrite"),
            ("senden", "Mail.Send"),
            ("benutzer", "User.Read.All"),
            ("kontakte", "Contacts.Read"),
            ("intune", "DeviceManagementManagedDevices.Read.All"),
            ("geräte", "Device.Read.All"),
            ("anwesenheit", "Presence.Read"),
            ("besprechungen", "OnlineMeetings.Read"),
        ];
        let catalog = crate::test_support::graph_catalog();
        for (phrase, name) in rows {
            let entry = lookup(phrase).unwrap_or_else(|| panic!("{phrase} is not in the table"));
            assert!(catalog.permissions.iter().any(|p| p.name == name), "{name} is a real name");
            assert!(entry.targets.iter().any(|t| target_matches(t, name)), "{phrase} → {name}");
        }
        assert!(Catalog::embedded().permissions.iter().any(|p| target_matches("Mail", &p.name)));
    }

    #[test]
    fn targets_match_whole_names_or_camel_runs() {
        assert!(target_matches("User.Read", "User.Read"));
        assert!(!target_matches("User.Read", "User.Read.All"));
        assert!(target_matches("offline_access", "offline_access"));
        assert!(target_matches("Member", "GroupMember.Read.All"));
        assert!(target_matches("Team", "TeamMember.Read.All"));
        assert!(!target_matches("Team", "TeamsActivity.Read"));
        assert!(!target_matches("Mail", "MailboxSettings.Read"));
    }
}
