//! Tests of the parent module.
use super::*;

fn score(query: &str, name: &str, description: &str) -> Option<i32> {
    Scorer::default().row(&Query::new(query), &Row::new(name, [description, ""]))
}

#[test]
fn each_tier_above_the_next() {
    let whole = score("mail", "Mail.Send", "").unwrap();
    let part = score("chan", "ChannelMessage.Send", "").unwrap();
    let meant = score("outlook", "Mail.Send", "").unwrap();
    let described = score("inbox", "X.Y", "Reads the inbox").unwrap();
    let prefix = score("inb", "X.Y", "Reads the inbox").unwrap();
    let typo = score("chanel", "Channel.ReadBasic.All", "").unwrap();
    let skim = score("usr.read", "User.Read", "").unwrap();
    let meant_inside = score("intune", "DeviceManagementApps.Read.All", "").unwrap();
    assert!(whole > meant && meant > part && part > described, "{whole} {meant} {part}");
    assert_eq!(part, meant_inside, "a meaning inside a longer first segment is a part");
    assert!(described > prefix && prefix > typo && typo > skim, "{prefix} {typo} {skim}");
}

#[test]
fn the_first_segment_outranks_qualifiers() {
    let head = score("directory", "Directory.Read.All", "").unwrap();
    let qualifier = score("directory", "RoleManagement.Read.Directory", "").unwrap();
    let hyphen = score("sharepoint", "AuditLogsQuery-SharePoint.Read.All", "").unwrap();
    let meant = score("sharepoint", "Sites.Read.All", "").unwrap();
    let prefix = score("sharepoint", "SharePointTenantSettings.Read.All", "").unwrap();
    assert!(head > qualifier, "{head} {qualifier}");
    assert_eq!(qualifier, NAME_PART, "a whole qualifier ranks as a part");
    assert!(meant > hyphen && hyphen == prefix, "{meant} {hyphen} {prefix}");
    let operation = score("send", "Mail.Send", "").unwrap();
    assert_eq!(operation, WHOLE_WORD, "an operation word is a whole word");
    let compound = score("gruppenmitglieder", "GroupMember.Read.All", "").unwrap();
    let inside = score("gruppenmitglieder", "UnifiedGroupMember.Read.AsGuest", "").unwrap();
    assert!(compound > inside, "{compound} {inside}");
}

#[test]
fn a_typo_that_ends_a_segment_is_nearer() {
    let whole = score("usr.read", "User.Read", "").unwrap();
    let longer = score("usr.read", "User.ReadBasic.All", "").unwrap();
    assert!(whole > longer, "{whole} {longer}");
}

#[test]
fn typos_find_names() {
    for (query, name) in [
        ("usr.read", "User.Read"),
        ("chanelmessage", "ChannelMessage.Send"),
        ("mail.snd", "Mail.Send"),
        ("calender", "Calendars.Read"),
        ("mial", "Mail.Read"),
        ("presense", "Presence.Read"),
        ("mail.sned", "Mail.Send"),
    ] {
        assert!(score(query, name, "").is_some(), "{query} → {name}");
    }
}

#[test]
fn precision_no_scattered_matches() {
    assert_eq!(score("sites", "SecurityIncident.Read.All", "Read security incidents"), None);
    assert_eq!(score("mail", "X.Y", "Allows email"), None, "not inside a word");
    assert_eq!(score("tms", "Team.Create", ""), None, "skim needs few gaps");
    assert_eq!(score("cal", "Chat.Read.All", ""), None, "a word's first two letters");
    assert_eq!(score("calender", "Channel.Create", ""), None);
    assert_eq!(score("chat", "Channel.Create", ""), None, "not a typo of a prefix");
    assert_eq!(score("ab", "AB.Read", "").map(|_| ()), Some(()));
}

#[test]
fn phrases_match_by_meaning_or_by_both_words() {
    let meant = score("sign in", "openid", "").unwrap();
    let literal = score("sign in", "X.Y", "sign in to the app").unwrap();
    assert_eq!(score("sign in", "X.Y", "the signed-in user"), None);
    assert!(meant > literal, "{meant} {literal}");
    assert_eq!(score("refresh token", "Mail.Read", "Read mail"), None);
}

#[test]
fn neighbours_written_as_one_name_word_beat_words_apart() {
    let compound = score("group members", "GroupMember.Read.All", "").unwrap();
    let apart = score("group members", "Group.Read.All", "Read groups and their members");
    assert!(compound > apart.unwrap(), "{compound} {apart:?}");
    assert!(score("team work", "Teamwork.Read.All", "").is_some());
}

#[test]
fn stopwords_need_not_match() {
    assert_eq!(score("read the mail", "Mail.Read", ""), score("read mail", "Mail.Read", ""));
    assert_eq!(score("the", "Mail.Read", ""), None);
}

#[test]
fn literal_phrases_need_their_words_together() {
    assert!(score("sign in", "X.Y", "Reads sign-in logs").is_some());
    assert_eq!(score("sign in", "X.Y", "the signed-in user in"), None);
    assert!(score("sign in", "SignInIdentifier.Read.All", "").is_some());
}

#[test]
fn compounds_need_both_halves() {
    assert!(score("gruppenmitglieder", "GroupMember.Read.All", "").is_some());
    assert_eq!(score("gruppenmitglieder", "Group.Read.All", ""), None);
    assert!(score("kalenderlesen", "Calendars.Read", "").is_some());
}

#[test]
fn highlighting_marks_words_parts_and_meanings() {
    struct Scorer(super::Scorer);
    impl Scorer {
        fn positions(&self, text: &str, query: &Query) -> Vec<usize> {
            self.0.positions(text, &Marks::new(query))
        }
    }
    let scorer = Scorer(super::Scorer::default());
    assert_eq!(scorer.positions("Chat.Read", &Query::new("cha rd")), vec![0, 1, 2]);
    assert_eq!(scorer.positions("Sites.Read.All", &Query::new("sharepoint")), vec![0, 1, 2, 3, 4]);
    assert_eq!(scorer.positions("User.Read", &Query::new("usr")), vec![0, 1, 3]);
    assert!(scorer.positions("Chat.Read", &Query::new("zz")).is_empty());
    let described = scorer.positions("Read the mail", &Query::new("mail"));
    assert_eq!(described, vec![9, 10, 11, 12]);
}

#[test]
fn scores_do_not_depend_on_earlier_calls() {
    let catalog = crate::test_support::graph_catalog();
    let alone = Scorer::default().skim_match("usr.red", "User.Read");
    let scorer = Scorer::default();
    for p in &catalog.permissions {
        scorer.skim_match("usrrd", &p.name);
        assert_eq!(scorer.skim_match("usr.red", "User.Read"), alone, "after {}", p.name);
    }
}

#[test]
fn a_repeated_word_counts_each_time_though_it_is_scored_once() {
    // Scored once per distinct word (a 10,000-character paste repeats a few
    // words hundreds of times), the result is still what scoring each
    // repetition gives: the sum, and no match when one word misses.
    let once = score("mail", "Mail.Send", "Sends mail").unwrap();
    let send = score("send", "Mail.Send", "Sends mail").unwrap();
    let repeated = "mail send ".repeat(300);
    let pair = score("mail send", "Mail.Send", "Sends mail").unwrap();
    assert_eq!(score(&repeated, "Mail.Send", "Sends mail"), Some(300 * pair));
    assert!(pair >= once + send, "{pair} {once} {send}");
    assert_eq!(score(&format!("{repeated} zzzz"), "Mail.Send", "Sends mail"), None);
}
