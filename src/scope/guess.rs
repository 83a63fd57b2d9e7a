//! Guessing the mode of a pasted string, the same way for `check`, `--scopes`
//! and the picker's paste, and saying why.

use super::{Token, TokenStatus, check};
use crate::catalog::{AuthMode, Catalog, PermissionType, is_openid_scope};
use std::cmp::Ordering;
use std::collections::HashSet;
use std::fmt;

/// Why a mode was assumed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModeReason {
    /// More names exist only as Application permissions than only as Delegated.
    MoreApplicationOnly,
    /// More names exist only as Delegated permissions than only as Application.
    MoreDelegatedOnly,
    /// OpenID scopes appear only in Delegated (user sign-in) strings: this wins over every other vote.
    OpenId,
    /// `.default` without OpenID scopes is the client-credentials form.
    DefaultOnly,
    /// Nothing decides; Delegated is the default.
    Undecided,
}

/// The mode a string suggests, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ModeGuess {
    /// The assumed mode.
    pub mode: AuthMode,
    /// Why.
    pub reason: ModeReason,
}

impl fmt::Display for ModeGuess {
    /// `assumed Application mode: …`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let why = match self.reason {
            ModeReason::MoreApplicationOnly => {
                "more of its names exist only as Application permissions"
            }
            ModeReason::MoreDelegatedOnly => {
                "more of its names exist only as Delegated permissions"
            }
            ModeReason::OpenId => {
                "OpenID scopes such as offline_access mean a user signs in, whatever else the string holds"
            }
            ModeReason::DefaultOnly => {
                ".default without OpenID scopes is what the client-credentials flow takes"
            }
            ModeReason::Undecided => "nothing in the string decides, and Delegated is the default",
        };
        write!(f, "assumed {} mode: {why}", self.mode)
    }
}

/// The mode `text` suggests:
/// 1. an OpenID scope (above all `offline_access`) means a user signs in:
///    Delegated, whatever else the string holds; app-only tokens never carry
///    them, so an Application-only name beside one is the string's problem
///    (AADSTS650053), not a sign that it is meant for client credentials;
/// 2. names that exist in one type only vote: more Application-only than
///    Delegated-only names mean Application, fewer mean Delegated;
/// 3. on a tie `.default` means Application;
/// 4. otherwise Delegated.
///
/// Repeated names count once.
pub fn guess_mode(text: &str, catalog: &Catalog) -> ModeGuess {
    guess_from_tokens(&check(text, AuthMode::Delegated, None, catalog).tokens)
}

/// [`guess_mode`] over already checked tokens.
pub(super) fn guess_from_tokens(tokens: &[Token]) -> ModeGuess {
    let mut seen = HashSet::new();
    let (mut application, mut delegated) = (0, 0);
    let (mut openid, mut default) = (false, false);
    for token in tokens {
        match &token.status {
            TokenStatus::Known { name, types } if seen.insert(name.to_ascii_lowercase()) => {
                if is_openid_scope(name) {
                    openid = true;
                } else if let [only] = types.as_slice() {
                    match only.kind {
                        PermissionType::Application => application += 1,
                        PermissionType::Delegated => delegated += 1,
                    }
                }
            }
            TokenStatus::Default => default = true,
            _ => {}
        }
    }
    let (mode, reason) = match application.cmp(&delegated) {
        _ if openid => (AuthMode::Delegated, ModeReason::OpenId),
        Ordering::Greater => (AuthMode::Application, ModeReason::MoreApplicationOnly),
        Ordering::Less => (AuthMode::Delegated, ModeReason::MoreDelegatedOnly),
        Ordering::Equal if default => (AuthMode::Application, ModeReason::DefaultOnly),
        Ordering::Equal => (AuthMode::Delegated, ModeReason::Undecided),
    };
    ModeGuess { mode, reason }
}
