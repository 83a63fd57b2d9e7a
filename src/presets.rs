//! Presets: named sets of catalog rows, from the Intrexx roles.

use crate::catalog::{AuthMode, Catalog, IntrexxRole};
use crate::choice::Choice;
use strum::{Display, IntoStaticStr, VariantArray};

/// A named set of permissions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Display, IntoStaticStr, VariantArray)]
#[strum(serialize_all = "kebab-case")]
pub enum Preset {
    /// Every row the Intrexx connector requires, of the mode's type.
    Intrexx,
    /// Required plus optional Intrexx rows, of the mode's type.
    IntrexxFull,
}

impl Preset {
    /// One line for menus and help.
    pub fn describe(self) -> &'static str {
        match self {
            Preset::Intrexx => "what the Intrexx connector requires",
            Preset::IntrexxFull => "the Intrexx connector's required and optional (*) permissions",
        }
    }

    /// Catalog indices of the preset's rows of `mode`'s type, in catalog order.
    pub fn rows(self, catalog: &Catalog, mode: AuthMode) -> Vec<usize> {
        let wanted = |role: Option<IntrexxRole>| match self {
            Preset::Intrexx => role == Some(IntrexxRole::Required),
            Preset::IntrexxFull => role.is_some(),
        };
        catalog
            .permissions
            .iter()
            .enumerate()
            .filter(|(_, p)| p.kind == mode && wanted(p.intrexx))
            .map(|(i, _)| i)
            .collect()
    }
}

impl Choice for Preset {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::PermissionType::{Application, Delegated};
    use crate::scope::{ScopeForm, build};

    #[test]
    fn preset_sizes_per_mode() {
        let catalog = Catalog::embedded();
        assert_eq!(Preset::Intrexx.rows(&catalog, Delegated).len(), 20);
        assert_eq!(Preset::Intrexx.rows(&catalog, Application).len(), 12);
        assert_eq!(Preset::IntrexxFull.rows(&catalog, Delegated).len(), 23);
        assert_eq!(Preset::IntrexxFull.rows(&catalog, Application).len(), 13);
    }

    #[test]
    fn intrexx_delegated_builds_the_documented_string() {
        let catalog = Catalog::embedded();
        let rows: Vec<_> = Preset::Intrexx
            .rows(&catalog, Delegated)
            .into_iter()
            .map(|i| &catalog.permissions[i])
            .collect();
        assert_eq!(
            build(&rows, Delegated, ScopeForm::Short, crate::catalog::Cloud::Global).scope,
            "Calendars.Read Calendars.Read.Shared Calendars.ReadWrite Channel.Create \
             Channel.ReadBasic.All ChannelMessage.Read.All ChannelMessage.Send Chat.Create \
             Chat.Read Chat.ReadBasic Chat.ReadWrite Files.ReadWrite.All Presence.Read \
             Sites.Read.All Team.Create Team.ReadBasic.All TeamMember.ReadWrite.All email \
             offline_access profile"
        );
    }
}
