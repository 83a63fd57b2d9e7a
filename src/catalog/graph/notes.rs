//! Notes on single permissions, as data: what Microsoft's pages say a
//! consultant must know before granting one, in scopepick's words, each with
//! the page it comes from (microsoftgraph/microsoft-graph-docs-contrib). Shown
//! by `api`, `show` and the picker's details pane.

use crate::catalog::PermissionType;

/// One note on a permission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Note {
    /// The permission (official casing).
    pub permission: &'static str,
    /// The type it applies to; `None` for both.
    pub kind: Option<PermissionType>,
    /// The note, in scopepick's words.
    pub text: &'static str,
    /// Microsoft's page (docs-contrib path @ commit).
    pub source: &'static str,
}

/// Every note.
pub const NOTES: &[Note] = &[
    Note {
        permission: "Teamwork.Migrate.All",
        kind: Some(PermissionType::Application),
        text: "Microsoft supports it only for migrating (importing) messages into Teams, \
               not for an app posting messages",
        source: "api-reference/v1.0/api/channel-post-messages.md @ 03ca8758970702fd8da98bb0b41d15145c2716ef",
    },
    Note {
        permission: "Sites.Selected",
        kind: None,
        text: "reaches no site until an administrator grants the app each site, one by one, \
               with POST /sites/{id}/permissions (which itself needs Sites.FullControl.All)",
        source: "concepts/permissions-selected-overview.md @ 01f4be6f8e7a51e367a77cf70c24af65e16fbd39",
    },
    Note {
        // The Intrexx page's "Send emails under a different user name" reads wider than it is.
        permission: "Mail.Send",
        kind: Some(PermissionType::Delegated),
        text: "sends only as the signed-in user; sending as another user or from a shared \
               mailbox needs Mail.Send.Shared",
        source: "concepts/outlook-send-mail-from-other-user.md @ 09a024454e4f07a488bfd4e3d7f96696598ca10f",
    },
    Note {
        permission: "Mail.Send.Shared",
        kind: Some(PermissionType::Delegated),
        text: "sends as or on behalf of another user or a shared mailbox; the signed-in user \
               also needs Send As or Send on Behalf rights on that mailbox in Exchange",
        source: "concepts/outlook-send-mail-from-other-user.md @ 09a024454e4f07a488bfd4e3d7f96696598ca10f",
    },
    Note {
        permission: "AuditLog.Read.All",
        kind: None,
        text: "sign-in logs: a Delegated caller also needs a directory role that reads them \
               (such as Reports Reader), and reading them through the API needs \
               Microsoft Entra ID P1 or P2",
        source: "api-reference/v1.0/api/signin-list.md @ 00e146a92755a19260d07a735eee6e9df034f45f",
    },
    Note {
        permission: "Chat.ReadBasic.All",
        kind: Some(PermissionType::Application),
        text: "for chats the app is installed in, Microsoft's page for GET /chats/{id} names the \
               narrower Chat.ReadBasic.WhereInstalled as least (Microsoft's map lists that one \
               only for GET /users/{id}/chats/{id})",
        source: "api-reference/v1.0/includes/permissions/chat-get-permissions.md @ 286d28db493cde3c4a839d7fa7df962aed159cbf",
    },
];

/// The note on `name` (ignoring case) in `kind`, if any.
pub fn note_for(name: &str, kind: PermissionType) -> Option<&'static Note> {
    NOTES
        .iter()
        .find(|n| n.permission.eq_ignore_ascii_case(name) && n.kind.is_none_or(|k| k == kind))
}
