//! Values picked from a fixed set by a short lowercase key: modes, styles,
//! clouds, presets, export formats, Intrexx roles, clipboard methods.
//!
//! The key is the value's one spelling for people: the command line accepts
//! it (ignoring case, through the CLI's single clap adapter), help texts,
//! completions, menus and file names show it. The domain defines it here
//! and knows nothing of clap.
//!
//! Each key is spelled once, by the enum's `strum` derives: `VariantArray`
//! lists the values in declaration order, `IntoStaticStr` with
//! `#[strum(serialize_all = ...)]` names them (`ConsentUrl` is
//! `consent-url`). An enum opts in with an empty `impl Choice for T {}`.

use strum::VariantArray;

/// An enum whose values have fixed lowercase keys.
pub trait Choice: VariantArray + Copy + Eq + Send + Sync + 'static + Into<&'static str> {
    /// Every value, in the order help texts and menus list them (the
    /// declaration order).
    const ALL: &'static [Self] = Self::VARIANTS;

    /// The lowercase key (`delegated`, `consent-url`, `usgov`).
    fn key(self) -> &'static str {
        self.into()
    }
}

#[cfg(test)]
mod tests {
    use super::Choice;
    use crate::catalog::{Cloud, IntrexxRole, PermissionType};
    use crate::clipboard::ClipboardChoice;
    use crate::export::Format;
    use crate::presets::Preset;
    use crate::scope::ScopeForm;

    /// The keys of `T`: unique, lowercase, non-empty, and one per value.
    fn keys_of<T: Choice + std::fmt::Debug>() -> Vec<&'static str> {
        let keys: Vec<&str> = T::ALL.iter().map(|v| v.key()).collect();
        for (i, key) in keys.iter().enumerate() {
            assert!(!key.is_empty() && *key == key.to_ascii_lowercase(), "{key:?}");
            assert!(!keys[..i].contains(key), "{key} twice");
        }
        keys
    }

    /// Files written before the keys came from strum: a session, a saved
    /// selection and a catalog row load, and write back byte for byte.
    #[test]
    fn older_files_keep_loading_and_are_written_the_same() {
        use crate::catalog::Permission;
        use crate::saved::{Selection, Session};
        fn same<T: serde::Serialize + serde::de::DeserializeOwned>(old: &str) {
            let value: T = serde_json::from_str(old).unwrap();
            assert_eq!(serde_json::to_string_pretty(&value).unwrap(), old);
        }
        same::<Session>(
            r#"{
  "mode": "Application",
  "style": "qualified",
  "application_style": "default",
  "basket": [
    {
      "name": "Chat.Read",
      "type": "Delegated"
    }
  ]
}"#,
        );
        same::<Selection>(
            r#"{
  "name": "acme",
  "mode": "Delegated",
  "style": "short",
  "permissions": [
    {
      "name": "Sites.Read.All",
      "type": "Application"
    }
  ],
  "tenant": "contoso.onmicrosoft.com",
  "cloud": "usgov"
}"#,
        );
        // A catalog row of an older file loads; written back it gains only
        // whose words its description is (a file's own: "catalog-file").
        let old_row = r#"{
  "name": "Chat.Read",
  "type": "Delegated",
  "description": "Read the user's chats.",
  "admin_consent": false,
  "intrexx": "optional",
  "id": "f501c180-9344-439a-bca0-6cbf209fd270"
}"#;
        let row: Permission = serde_json::from_str(old_row).unwrap();
        let written = serde_json::to_string_pretty(&row).unwrap();
        let source = "\n  \"description_source\": \"catalog-file\",";
        assert!(written.contains(source), "{written}");
        assert_eq!(written.replacen(source, "", 1), old_row);
    }

    #[test]
    fn every_choice_has_unique_lowercase_keys() {
        assert_eq!(keys_of::<PermissionType>(), ["delegated", "application"]);
        assert_eq!(keys_of::<Cloud>(), ["global", "usgov", "dod", "china"]);
        assert_eq!(keys_of::<ScopeForm>(), ["short", "qualified", "default"]);
        assert_eq!(keys_of::<Preset>(), ["intrexx", "intrexx-full"]);
        assert_eq!(keys_of::<IntrexxRole>(), ["required", "optional"]);
        assert_eq!(keys_of::<ClipboardChoice>(), ["auto", "system", "osc52", "none"]);
        assert_eq!(
            keys_of::<Format>(),
            ["manifest", "az", "powershell", "consent-url", "markdown", "csv"]
        );
        // The enums shown by their key show the same spelling.
        let shown = |value: &dyn std::fmt::Display| value.to_string();
        assert!(Cloud::ALL.iter().all(|&c| shown(&c) == c.key()));
        assert!(ScopeForm::ALL.iter().all(|&s| shown(&s) == s.key()));
        assert!(Preset::ALL.iter().all(|&p| shown(&p) == p.key()));
    }
}
