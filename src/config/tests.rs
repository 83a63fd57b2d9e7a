use super::selections::decode;
use super::*;
use crate::catalog::PermissionType::{Application, Delegated};
use crate::saved::encode_key as encode;
use crate::saved::{Profile, SavedPermission, Selection, Session};
use crate::scope::ScopeForm;

use crate::json_file::FileError;
use crate::test_support::TempDir;
use std::ffi::OsString;
use std::fs;
use std::path::Path;

fn selection(name: &str) -> Selection {
    Selection {
        name: name.into(),
        mode: Delegated,
        style: ScopeForm::Qualified,
        permissions: vec![
            SavedPermission::graph("Chat.Read", Delegated),
            SavedPermission::graph("offline_access", Delegated),
        ],
        profile: Profile::default(),
    }
}

#[test]
fn names_are_one_selection_ignoring_case() {
    let tmp = TempDir::new("case");
    let store = SelectionStore::at(tmp.0.join("selections"));
    let first = store.save(&selection("acme"), Replace::Yes).map(|s| s.path).unwrap();
    assert!(store.exists("ACME") && store.exists("Acme"));
    assert_eq!(store.load("Acme").unwrap().name, "acme");
    let mut changed = selection("Acme");
    changed.permissions.pop();
    assert_eq!(
        store.save(&changed, Replace::Yes).map(|s| s.path).unwrap(),
        first,
        "the stored file is replaced, not doubled"
    );
    let names: Vec<String> = store.list().into_iter().map(|l| l.name).collect();
    assert_eq!(names, ["acme"]);
    assert_eq!(store.load("acme").unwrap().permissions.len(), 1);
    store.delete("ACME").unwrap();
    assert!(store.list().is_empty());
}

/// Half a selection file: a string where the permissions should be (line 4).
const DAMAGED: &str =
    "{\n  \"name\": \"x\",\n  \"mode\": \"Delegated\",\n  \"permissions\": \"no\"\n}\n";

#[test]
fn a_selection_round_trips_as_pretty_json() {
    let tmp = TempDir::new("round-trip");
    let store = SelectionStore::at(tmp.0.join("nested/selections"));
    assert!(store.list().is_empty(), "a missing directory lists nothing");
    assert!(!store.exists("acme"));
    let path = store.save(&selection("acme"), Replace::Yes).map(|s| s.path).unwrap();
    assert_eq!(path, tmp.0.join("nested/selections/acme.json"));
    assert_eq!(path, store.path_of("acme"));
    assert!(store.exists("acme"));
    assert_eq!(store.load("acme").unwrap(), selection("acme"));
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("{\n  \"name\": \"acme\",\n  \"mode\": \"Delegated\",\n"), "{text}");
    assert!(text.contains("\"style\": \"qualified\""), "{text}");
    assert!(text.ends_with("}\n"));

    let mut changed = selection("acme");
    changed.mode = Application;
    changed.permissions.truncate(1);
    store.save(&changed, Replace::Yes).map(|s| s.path).unwrap();
    assert_eq!(store.load("acme").unwrap(), changed, "saving again replaces");
}

#[test]
fn the_file_name_names_the_selection() {
    let tmp = TempDir::new("renamed");
    let store = SelectionStore::at(&tmp.0);
    let path = store.save(&selection("acme"), Replace::Yes).map(|s| s.path).unwrap();
    fs::copy(&path, store.path_of("acme copy")).unwrap();
    assert_eq!(store.load("acme copy").unwrap(), selection("acme copy"));
}

#[test]
fn list_sorts_ignoring_case_and_lists_a_damaged_file_with_its_error() {
    let tmp = TempDir::new("list");
    let store = SelectionStore::at(&tmp.0);
    for name in ["beta", "Alpha", "gamma"] {
        store.save(&selection(name), Replace::Yes).map(|s| s.path).unwrap();
    }
    fs::write(tmp.0.join("Broken.json"), DAMAGED).unwrap();
    fs::write(tmp.0.join("bad name!.json"), "{}").unwrap();
    fs::write(tmp.0.join(".hidden.json"), "{}").unwrap();
    fs::write(tmp.0.join("notes.txt"), "hi").unwrap();
    fs::create_dir(tmp.0.join("dir.json")).unwrap();

    let listed = store.list();
    let names: Vec<_> = listed.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["Alpha", "bad name!", "beta", "Broken", "gamma"]);
    assert_eq!(listed[0].selection.as_ref().unwrap(), &selection("Alpha"));
    assert!(matches!(listed[1].selection, Err(ConfigError::BadName(_))));
    assert_eq!(listed[2].selection.as_ref().unwrap(), &selection("beta"));
    assert_eq!(listed[4].selection.as_ref().unwrap(), &selection("gamma"));

    let err = listed[3].selection.as_ref().unwrap_err();
    assert!(matches!(err, ConfigError::File(FileError::Damaged { line: 4, .. })), "{err:?}");
    let message = err.to_string();
    let path = tmp.0.join("Broken.json");
    assert!(message.starts_with(&format!("{}: line 4, column ", path.display())), "{message}");
    assert!(message.ends_with("; fix or delete the file"), "{message}");
    assert!(!message.contains("at line"), "the position is said once: {message}");
    assert!(matches!(
        store.load("Broken"),
        Err(ConfigError::File(FileError::Damaged { line: 4, .. }))
    ));
}

#[test]
fn unknown_names_are_errors_listing_the_saved_names() {
    let tmp = TempDir::new("unknown");
    let store = SelectionStore::at(&tmp.0);
    let none = store.load("x").unwrap_err().to_string();
    assert_eq!(none, format!("no selection 'x' in {} (none saved yet)", tmp.0.display()));
    store.save(&selection("b"), Replace::Yes).map(|s| s.path).unwrap();
    store.save(&selection("a"), Replace::Yes).map(|s| s.path).unwrap();
    let err = store.load("x").unwrap_err();
    assert!(matches!(&err, ConfigError::NotFound { saved, .. } if saved == &["a", "b"]));
    assert_eq!(err.to_string(), format!("no selection 'x' in {} (saved: a, b)", tmp.0.display()));
    assert!(matches!(store.delete("x"), Err(ConfigError::NotFound { .. })));
    assert!(matches!(store.load("../a"), Err(ConfigError::BadName(_))), "no path tricks");
    assert!(!store.exists("../a"));
}

#[test]
fn delete_removes_a_selection_even_a_damaged_one() {
    let tmp = TempDir::new("delete");
    let store = SelectionStore::at(&tmp.0);
    store.save(&selection("a"), Replace::Yes).map(|s| s.path).unwrap();
    fs::write(store.path_of("b"), DAMAGED).unwrap();
    store.delete("a").unwrap();
    store.delete("b").unwrap();
    assert!(store.list().is_empty());
}

#[test]
fn save_refuses_bad_names_and_damaged_files() {
    let tmp = TempDir::new("refuse");
    let store = SelectionStore::at(&tmp.0);
    let err = store.save(&selection("a/b"), Replace::Yes).map(|s| s.path).unwrap_err();
    assert!(matches!(err, ConfigError::BadName(_)), "{err:?}");
    assert!(err.to_string().contains("\"a/b\" contains '/'"), "{err}");

    let path = store.path_of("edited");
    fs::write(&path, DAMAGED).unwrap();
    let err = store.save(&selection("edited"), Replace::Yes).map(|s| s.path).unwrap_err();
    assert!(matches!(&err, ConfigError::WouldOverwriteDamaged { path: p } if p == &path));
    assert_eq!(
        err.to_string(),
        format!("{}: not saved over a damaged file; fix or delete it first", path.display())
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), DAMAGED);
    store.delete("edited").unwrap();
    store.save(&selection("edited"), Replace::Yes).map(|s| s.path).unwrap();
    assert_eq!(store.load("edited").unwrap(), selection("edited"));
}

#[test]
fn a_failed_save_leaves_the_old_file_intact() {
    let tmp = TempDir::new("failed-save");
    let store = SelectionStore::at(&tmp.0);
    let path = store.save(&selection("acme"), Replace::Yes).map(|s| s.path).unwrap();
    let before = fs::read(&path).unwrap();
    let mut changed = selection("acme");
    changed.permissions.clear();

    let (err, where_) = match refused_by_read_only_dir(&tmp.0, || {
        store.save(&changed, Replace::Yes).map(|s| s.path)
    }) {
        Some(result) => (result.unwrap_err(), tmp.0.clone()),
        None => {
            eprintln!(
                "note: permissions are not enforced (root); checking a file as the directory"
            );
            let not_a_dir = tmp.0.join("file");
            fs::write(&not_a_dir, b"precious").unwrap();
            let err = SelectionStore::at(&not_a_dir)
                .save(&selection("acme"), Replace::Yes)
                .map(|s| s.path)
                .unwrap_err();
            assert_eq!(fs::read(&not_a_dir).unwrap(), b"precious");
            (err, not_a_dir)
        }
    };
    assert!(matches!(err, ConfigError::File(FileError::Io { .. })), "{err:?}");
    let message = err.to_string();
    assert!(message.starts_with("cannot "), "{message}");
    assert!(message.contains(&where_.display().to_string()), "{message}");
    assert_eq!(fs::read(&path).unwrap(), before, "the old file is byte for byte intact");
}

/// Runs `save` with `dir` read-only; `None` when the file system lets us
/// write anyway (running as root).
fn refused_by_read_only_dir<T>(dir: &Path, save: impl FnOnce() -> T) -> Option<T> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(dir, fs::Permissions::from_mode(0o555)).unwrap();
        let probe = dir.join("probe");
        let enforced = fs::File::create(&probe).is_err();
        let _ = fs::remove_file(probe);
        let result = enforced.then(save);
        fs::set_permissions(dir, fs::Permissions::from_mode(0o755)).unwrap();
        result
    }
    #[cfg(not(unix))]
    {
        let _ = (dir, save);
        None
    }
}

#[test]
fn a_session_round_trips_and_is_none_when_missing() {
    let tmp = TempDir::new("session");
    let store = SessionStore::at(tmp.0.join("deep/session.json"));
    assert_eq!(store.path(), tmp.0.join("deep/session.json"));
    assert_eq!(store.load().unwrap(), None);
    let session = Session {
        mode: Application,
        style: ScopeForm::Qualified,
        application_style: Some(ScopeForm::Short),
        basket: vec![SavedPermission::graph("Sites.Read.All", Application)],
    };
    store.save(&session).unwrap();
    assert_eq!(store.load().unwrap(), Some(session));
    store.save(&Session::default()).unwrap();
    assert_eq!(store.load().unwrap(), Some(Session::default()));
}

#[test]
fn a_damaged_session_is_an_error_naming_file_and_line() {
    let tmp = TempDir::new("session-damaged");
    let store = SessionStore::at(tmp.0.join("session.json"));
    fs::write(store.path(), "{\n  \"mode\": \"Sideways\",\n").unwrap();
    let err = store.load().unwrap_err();
    assert!(matches!(err, ConfigError::File(FileError::Damaged { line: 2, .. })), "{err:?}");
    let message = err.to_string();
    assert!(message.starts_with(&format!("{}: line 2, column", store.path().display())));
    assert!(message.contains("Sideways"), "serde names the bad value: {message}");
    fs::write(store.path(), "").unwrap();
    assert!(matches!(
        store.load(),
        Err(ConfigError::File(FileError::Damaged { line: 1, column: 0, .. }))
    ));
}

#[test]
fn a_damaged_session_is_moved_aside_not_overwritten() {
    let tmp = TempDir::new("session-aside");
    let store = SessionStore::at(tmp.0.join("session.json"));
    let first = "{\n  \"mode\": \"Sideways\",\n";
    fs::write(store.path(), first).unwrap();
    assert_eq!(store.damaged_path(), tmp.0.join("session.json.damaged-1"));
    let moved = store.save(&Session::default()).unwrap();
    assert_eq!(moved, Some(tmp.0.join("session.json.damaged-1")), "the save says where");
    assert_eq!(fs::read_to_string(tmp.0.join("session.json.damaged-1")).unwrap(), first);
    assert_eq!(store.load().unwrap(), Some(Session::default()));
    assert_eq!(store.save(&Session::default()).unwrap(), None, "a good file is replaced");

    let second = "{ \"hand\": \"edited\" ";
    fs::write(store.path(), second).unwrap();
    store.save(&Session::default()).unwrap();
    assert_eq!(
        fs::read_to_string(tmp.0.join("session.json.damaged-1")).unwrap(),
        first,
        "the first damaged file is kept byte for byte"
    );
    assert_eq!(fs::read_to_string(tmp.0.join("session.json.damaged-2")).unwrap(), second);
}

#[cfg(unix)]
#[test]
fn an_unreadable_session_is_moved_aside_with_its_mode_not_overwritten() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = TempDir::new("session-unreadable");
    let store = SessionStore::at(tmp.0.join("session.json"));
    store.save(&Session { mode: Application, ..Session::default() }).unwrap();
    let before = fs::read(store.path()).unwrap();
    fs::set_permissions(store.path(), fs::Permissions::from_mode(0o000)).unwrap();
    if fs::File::open(store.path()).is_ok() {
        eprintln!(
            "SKIPPED (root reads mode 000 files): tests/cli/files.rs \
             an_unreadable_session_is_moved_aside_not_overwritten runs the picker as nobody"
        );
        return;
    }
    assert!(store.load().is_err());
    let moved = store.save(&Session::default()).unwrap().expect("moved aside");
    let mode = |p: &Path| fs::symlink_metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&moved), 0o000, "moved as it was");
    fs::set_permissions(&moved, fs::Permissions::from_mode(0o600)).unwrap();
    assert_eq!(fs::read(&moved).unwrap(), before, "kept byte for byte");
    assert_eq!(mode(store.path()), 0o600, "the new session is 0600");
    assert_eq!(store.load().unwrap(), Some(Session::default()));
}

#[cfg(unix)]
#[test]
fn store_files_are_0600_whatever_was_there() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = TempDir::new("private");
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let sessions = SessionStore::at(tmp.0.join("session.json"));
    fs::write(sessions.path(), "{\"mode\":\"Delegated\",\"style\":\"short\",\"basket\":[]}")
        .unwrap();
    fs::set_permissions(sessions.path(), fs::Permissions::from_mode(0o666)).unwrap();
    sessions.save(&Session::default()).unwrap();
    assert_eq!(mode(sessions.path()), 0o600);
    let selections = SelectionStore::at(tmp.0.join("selections"));
    let saved = selections.save(&selection("acme"), Replace::No).unwrap();
    assert_eq!(mode(&saved.path), 0o600);
}

#[test]
fn one_name_is_one_file_and_old_file_names_keep_loading() {
    let tmp = TempDir::new("one-file");
    let store = SelectionStore::at(&tmp.0);
    let saved = store.save(&selection("Acme"), Replace::No).unwrap();
    assert_eq!(saved.path, tmp.0.join("acme.json"), "named after the folded name");
    assert_eq!(store.load("ACME").unwrap().name, "Acme", "the name as typed is kept inside");
    let err = store.save(&selection("aCME"), Replace::No).unwrap_err();
    assert!(matches!(&err, ConfigError::Exists { name } if name == "Acme"), "{err:?}");
    assert_eq!(
        err.to_string(),
        "a selection 'Acme' exists: pass --force to replace it, or choose another name"
    );
    let replaced = store.save(&selection("ACME"), Replace::Yes).unwrap();
    assert!(replaced.replaced && replaced.name == "Acme" && replaced.path == saved.path);

    // A file of an older version, named as typed, loads and is saved in place.
    let old = SelectionStore::at(tmp.0.join("old"));
    fs::create_dir_all(tmp.0.join("old")).unwrap();
    fs::write(
        tmp.0.join("old/Contoso.json"),
        serde_json::to_string(&selection("Contoso")).unwrap(),
    )
    .unwrap();
    assert_eq!(old.load("contoso").unwrap().name, "Contoso");
    let again = old.save(&selection("CONTOSO"), Replace::Yes).unwrap();
    assert_eq!(again.path, tmp.0.join("old/Contoso.json"));
    let (updated, path) = old.update("contoso", |s| s.profile.tenant = Some("t".into())).unwrap();
    assert_eq!((updated.profile.tenant.as_deref(), path), (Some("t"), again.path));
    let names: Vec<String> = old.list().into_iter().map(|l| l.name).collect();
    assert_eq!(names, ["Contoso"], "still one file");
}

#[test]
fn file_names_encode_the_folded_name_safely() {
    assert_eq!(encode("acme copy-1_x.y"), "acme copy-1_x.y");
    assert_eq!(encode("m\u{fc}ller"), "m%C3%BCller");
    assert_eq!(encode("a/b%c"), "a%2Fb%25c");
    for name in ["m\u{fc}ller", "a/b%c", "acme", "\u{1b}]0;x"] {
        assert_eq!(decode(&encode(name)), name);
        assert!(!encode(name).contains(['/', '\\', '\u{1b}']));
    }
    assert_eq!(decode("100%"), "100%", "a stray % stays");
}

#[cfg(unix)]
#[test]
fn a_session_behind_a_link_is_written_through_with_a_safe_mode() {
    use std::os::unix::fs::{PermissionsExt, symlink};
    let tmp = TempDir::new("session-link");
    let real = tmp.0.join("dotfiles/session.json");
    let store = SessionStore::at(tmp.0.join("config/session.json"));
    fs::create_dir_all(real.parent().unwrap()).unwrap();
    fs::create_dir_all(tmp.0.join("config")).unwrap();
    symlink(&real, store.path()).unwrap();
    let err = store.save(&Session::default()).unwrap_err().to_string();
    assert!(err.contains(&real.display().to_string()), "a dangling link names its target: {err}");
    SessionStore::at(&real).save(&Session::default()).unwrap();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&real) & 0o022, 0, "never writable by group or others");
    fs::set_permissions(&real, fs::Permissions::from_mode(0o600)).unwrap();
    store.save(&Session { mode: Application, ..Session::default() }).unwrap();
    assert!(fs::symlink_metadata(store.path()).unwrap().file_type().is_symlink());
    assert_eq!(mode(&real), 0o600, "the target keeps its mode");
    assert_eq!(store.load().unwrap().unwrap().mode, Application);
}

#[test]
fn the_environment_variable_overrides_the_platform_directory() {
    let dir_from = |env| directory(env, directories::ProjectDirs::config_dir);
    assert_eq!(dir_from(Some("/srv/scopepick".into())).unwrap(), Path::new("/srv/scopepick"));
    if let Some(dir) = dir_from(Some(OsString::new())) {
        assert!(dir.ends_with("scopepick"), "{dir:?}");
    }
}

#[test]
fn a_selection_saved_by_a_windows_editor_loads() {
    let tmp = TempDir::new("encodings");
    let store = SelectionStore::at(&tmp.0);
    let path = store.save(&selection("acme"), Replace::Yes).map(|s| s.path).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    let with_bom = [&b"\xEF\xBB\xBF"[..], text.as_bytes()].concat();
    let utf16: Vec<u8> =
        [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    for (name, bytes) in [("with bom", with_bom), ("utf16", utf16)] {
        fs::write(store.path_of(name), bytes).unwrap();
        assert_eq!(store.load(name).unwrap(), selection(name), "{name}");
    }
    fs::write(&path, b"\xFF\xFE{\x00x").unwrap();
    let err = store.load("acme").unwrap_err().to_string();
    assert!(err.contains("odd number of bytes"), "{err}");
}

#[test]
fn saving_over_a_selection_keeps_the_profile_it_does_not_replace() {
    let tmp = TempDir::new("keep-profile");
    let store = SelectionStore::at(&tmp.0);
    let mut first = selection("acme");
    first.profile = Profile {
        tenant: Some("contoso.onmicrosoft.com".into()),
        app_id: Some("0f3a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b".into()),
        redirect_uri: Some("https://intrexx.contoso.com/auth".into()),
        cloud: None,
    };
    assert!(store.save(&first, Replace::Yes).unwrap().kept.is_empty(), "nothing to keep yet");
    let mut second = selection("ACME");
    second.permissions.truncate(1);
    second.profile.tenant = Some("fabrikam.onmicrosoft.com".into());
    let saved = store.save(&second, Replace::Yes).unwrap();
    assert_eq!(saved.kept, ["app id", "redirect URI"]);
    let loaded = store.load("acme").unwrap();
    assert_eq!(loaded.permissions, second.permissions, "the new rows");
    assert_eq!(loaded.profile.tenant.as_deref(), Some("fabrikam.onmicrosoft.com"), "given: new");
    assert_eq!(loaded.profile.app_id, first.profile.app_id, "not given: kept");
    assert_eq!(loaded.profile.redirect_uri, first.profile.redirect_uri);
    assert_eq!(crate::saved::kept_fields(&saved.kept), "app id and redirect URI");
}
