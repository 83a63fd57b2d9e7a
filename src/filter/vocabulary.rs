//! The words consultants use, in English and German, mapped to the words
//! Microsoft Graph uses in permission names. Written by the project.
//!
//! A target is a whole permission name (`offline_access`, `User.Read`) or a
//! run of camel words inside a name segment (`Sites`, `Member`,
//! `DeviceManagement`); see [`target_matches`].

use super::words::{has_camel_run, segments, stem};

/// One entry: what a consultant types (lowercase; one or two words) and the
/// Graph words it means.
pub(crate) struct Entry {
    /// The typed word or two-word phrase, lowercase.
    pub(crate) phrase: &'static str,
    /// Graph words or whole names.
    pub(crate) targets: &'static [&'static str],
}

const fn e(phrase: &'static str, targets: &'static [&'static str]) -> Entry {
    Entry { phrase, targets }
}

/// The vocabulary. Only words that Graph names do not already contain
/// (plurals and word prefixes match names directly).
pub(crate) static VOCABULARY: &[Entry] = &[
    // Products and their Graph names.
    e("sharepoint", &["Sites"]),
    e("onedrive", &["Files"]),
    e("outlook", &["Mail", "Calendars", "Contacts"]),
    e("exchange", &["Mail", "MailboxSettings", "Exchange"]),
    e("teams", &["Team", "Channel"]),
    e("msteams", &["Team", "Channel"]),
    e("planner", &["Tasks"]),
    e("to do", &["Tasks"]),
    e("todo", &["Tasks"]),
    e("onenote", &["Notes"]),
    e("notebook", &["Notes"]),
    e("intune", &["DeviceManagement"]),
    e("entra", &["Directory"]),
    e("azure ad", &["Directory"]),
    e("aad", &["Directory"]),
    e("active directory", &["Directory"]),
    // Everyday English for Graph's words.
    e("email", &["Mail", "email"]),
    e("e-mail", &["Mail", "email"]),
    e("emails", &["Mail"]),
    e("inbox", &["Mail"]),
    e("message", &["Message", "Mail"]),
    e("document", &["Files", "Sites"]),
    e("documents", &["Files", "Sites"]),
    e("appointment", &["Calendars"]),
    e("appointments", &["Calendars"]),
    e("event", &["Calendars"]),
    e("events", &["Calendars"]),
    e("meeting", &["OnlineMeetings", "Calendars"]),
    e("meetings", &["OnlineMeetings", "Calendars"]),
    e("status", &["Presence"]),
    e("availability", &["Presence"]),
    e("address book", &["Contacts"]),
    e("people", &["People", "User"]),
    e("person", &["User", "People"]),
    e("employee", &["User"]),
    e("employees", &["User"]),
    e("account", &["User"]),
    e("accounts", &["User"]),
    e("members", &["Member"]),
    e("membership", &["Member"]),
    e("task", &["Tasks"]),
    e("device", &["Device"]),
    e("devices", &["Device"]),
    e("app registration", &["Application"]),
    e("app", &["Application"]),
    e("apps", &["Application"]),
    e("sign in", &["openid", "User.Read"]),
    e("signin", &["openid", "User.Read"]),
    e("sign-in", &["openid", "User.Read"]),
    e("login", &["openid", "User.Read"]),
    e("log in", &["openid", "User.Read"]),
    e("sso", &["openid", "User.Read"]),
    e("refresh token", &["offline_access"]),
    e("keep access", &["offline_access"]),
    e("stay signed", &["offline_access"]),
    e("offline", &["offline_access"]),
    e("call", &["Calls", "CallRecords"]),
    e("phone", &["Calls"]),
    e("audit", &["AuditLog"]),
    e("logs", &["AuditLog"]),
    e("permission", &["AppRoleAssignment", "DelegatedPermissionGrant"]),
    e("tenant", &["Organization"]),
    e("organisation", &["Organization"]),
    e("set", &["Write"]),
    e("add", &["Write", "Create"]),
    e("new", &["Create", "Write"]),
    e("manage", &["ReadWrite", "Manage"]),
    e("modify", &["Write"]),
    e("edit", &["Write"]),
    e("update", &["Write"]),
    e("change", &["Write"]),
    e("view", &["Read"]),
    e("list", &["Read"]),
    e("get", &["Read"]),
    e("delete", &["Write"]),
    e("remove", &["Write"]),
    e("everything", &["All"]),
    // German.
    e("dateien", &["Files"]),
    e("datei", &["Files"]),
    e("dokumente", &["Files", "Sites"]),
    e("dokument", &["Files", "Sites"]),
    e("ordner", &["Files"]),
    e("kalender", &["Calendars"]),
    e("termin", &["Calendars"]),
    e("termine", &["Calendars"]),
    e("besprechung", &["OnlineMeetings", "Calendars"]),
    e("besprechungen", &["OnlineMeetings", "Calendars"]),
    e("postfach", &["Mail", "MailboxSettings"]),
    e("posteingang", &["Mail"]),
    e("nachricht", &["Message", "Mail"]),
    e("nachrichten", &["Message", "Mail"]),
    e("kanal", &["Channel"]),
    e("kanäle", &["Channel"]),
    e("kanaele", &["Channel"]),
    e("gruppe", &["Group"]),
    e("gruppen", &["Group"]),
    e("mitglied", &["Member"]),
    e("mitglieder", &["Member"]),
    e("benutzer", &["User"]),
    e("nutzer", &["User"]),
    e("anwender", &["User"]),
    e("mitarbeiter", &["User"]),
    e("konto", &["User"]),
    e("personen", &["People", "User"]),
    e("kontakt", &["Contacts"]),
    e("kontakte", &["Contacts"]),
    e("adressbuch", &["Contacts"]),
    e("aufgabe", &["Tasks"]),
    e("aufgaben", &["Tasks"]),
    e("notizen", &["Notes"]),
    e("notizbuch", &["Notes"]),
    e("anwesenheit", &["Presence"]),
    e("verfügbarkeit", &["Presence"]),
    e("verzeichnis", &["Directory"]),
    e("gerät", &["Device"]),
    e("geräte", &["Device"]),
    e("geraete", &["Device"]),
    e("anwendung", &["Application"]),
    e("anwendungen", &["Application"]),
    e("berichte", &["Reports"]),
    e("bericht", &["Reports"]),
    e("buchungen", &["Bookings"]),
    e("einstellungen", &["Settings"]),
    e("richtlinie", &["Policy"]),
    e("richtlinien", &["Policy"]),
    e("bedingter zugriff", &["ConditionalAccess"]),
    e("protokoll", &["AuditLog"]),
    e("protokolle", &["AuditLog"]),
    e("überwachung", &["AuditLog"]),
    e("anruf", &["Calls", "CallRecords"]),
    e("anrufe", &["Calls", "CallRecords"]),
    e("webseite", &["Sites"]),
    e("websites", &["Sites"]),
    e("mandant", &["Organization"]),
    e("anmelden", &["openid", "User.Read"]),
    e("anmeldung", &["openid", "User.Read"]),
    e("einloggen", &["openid", "User.Read"]),
    e("profil", &["profile", "User.Read"]),
    e("lesen", &["Read"]),
    e("anzeigen", &["Read"]),
    e("schreiben", &["Write"]),
    e("bearbeiten", &["Write"]),
    e("setzen", &["Write"]),
    e("hinzufügen", &["Write", "Create"]),
    e("ändern", &["Write"]),
    e("aendern", &["Write"]),
    e("löschen", &["Write"]),
    e("erstellen", &["Create", "Write"]),
    e("anlegen", &["Create", "Write"]),
    e("senden", &["Send"]),
    e("versenden", &["Send"]),
    e("schicken", &["Send"]),
    e("verwalten", &["Manage", "ReadWrite"]),
    e("alle", &["All"]),
    e("freigegeben", &["Shared"]),
    e("geteilt", &["Shared"]),
];

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
        for entry in VOCABULARY {
            assert_eq!(entry.phrase, entry.phrase.to_lowercase(), "{}", entry.phrase);
            assert!(entry.phrase.split(' ').count() <= 2, "{}", entry.phrase);
            for target in entry.targets {
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
