//! "Did you mean" for an unknown name, saying so when the nearest name grants
//! more than what was typed: a near miss must never silently widen access.

use crate::catalog::graph::wider_by_name;
use crate::catalog::{AuthMode, Catalog, PermissionType};
use crate::filter::suggest;
use std::fmt;

/// Why a suggested name is not a drop-in replacement for the typed one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caveat {
    /// It covers the typed name (`User.Read.All` for `User.Read`).
    Broader,
    /// It exists only as an Application permission.
    ApplicationOnly,
    /// It needs admin consent in the mode being built or checked.
    AdminConsent,
}

impl Caveat {
    fn text(self) -> &'static str {
        match self {
            Caveat::Broader => "is broader",
            Caveat::ApplicationOnly => "exists only as an Application permission",
            Caveat::AdminConsent => "needs admin consent",
        }
    }
}

/// The catalog name nearest to an unknown one, with its caveats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// The official catalog name.
    pub name: String,
    /// What makes it more than the typed name asked for; empty when nothing does.
    pub caveats: Vec<Caveat>,
}

/// The suggestion for `given` (typed for `mode`), if any catalog name is close.
pub fn suggestion_for(catalog: &Catalog, given: &str, mode: AuthMode) -> Option<Suggestion> {
    let name = suggest(catalog, given)?;
    let rows: Vec<_> =
        catalog.rows_named(&name).into_iter().map(|i| &catalog.permissions[i]).collect();
    let lower = given.to_ascii_lowercase();
    let mut caveats = Vec::new();
    let extends = name.to_ascii_lowercase().starts_with(&format!("{lower}."));
    if wider_by_name(&name, given) || extends {
        caveats.push(Caveat::Broader);
    }
    if rows.iter().all(|p| p.kind == PermissionType::Application) {
        caveats.push(Caveat::ApplicationOnly);
    }
    let of_mode = rows.iter().find(|p| p.kind == mode).or(rows.first());
    if of_mode.is_some_and(|p| p.admin_consent) {
        caveats.push(Caveat::AdminConsent);
    }
    Some(Suggestion { name, caveats })
}

impl fmt::Display for Suggestion {
    /// ` (did you mean 'X'?)`, or the caveats when there are any.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.caveats.is_empty() {
            return write!(f, " (did you mean '{}'?)", self.name);
        }
        let texts: Vec<&str> = self.caveats.iter().map(|c| c.text()).collect();
        let joined = match texts.split_last() {
            Some((last, [])) => last.to_string(),
            Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
            None => String::new(),
        };
        write!(
            f,
            " (the nearest catalog name, '{}', {joined}: not a drop-in replacement; check that it is what you need)",
            self.name
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broader_admin_consent_near_miss_says_so() {
        let catalog = Catalog::embedded();
        let s = suggestion_for(&catalog, "User.Read", PermissionType::Delegated).unwrap();
        assert_eq!(s.name, "User.Read.All");
        assert!(s.caveats.contains(&Caveat::Broader), "{s:?}");
        assert!(!s.to_string().contains("did you mean"), "{s}");
        let typo = suggestion_for(&catalog, "Mail.Sned", PermissionType::Delegated).unwrap();
        assert_eq!(typo.to_string(), " (did you mean 'Mail.Send'?)");
    }
}
