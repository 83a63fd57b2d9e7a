//! `scopepick catalog import|status|reset` and `--catalog`, on fixtures, with
//! a private data directory per test.

use crate::support;
use assert_cmd::Command;
use predicates::prelude::*;
use std::path::{Path, PathBuf};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/graph");

/// A private data directory, removed on drop.
struct DataDir(PathBuf);

impl DataDir {
    fn new(name: &str) -> DataDir {
        let dir =
            std::env::temp_dir().join(format!("scopepick-catalog-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        DataDir(dir)
    }

    fn scopepick(&self) -> Command {
        let mut command = Command::cargo_bin("scopepick").unwrap();
        command.env("SCOPEPICK_DATA_DIR", &self.0);
        command.env("SCOPEPICK_CONFIG_DIR", self.0.join("config"));
        command
    }

    fn stored(&self) -> PathBuf {
        self.0.join("catalog.json")
    }
}

impl Drop for DataDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn fixture(name: &str) -> String {
    Path::new(FIXTURES).join(name).display().to_string()
}

#[test]
fn import_stores_the_catalog_and_every_command_uses_it() {
    let data = DataDir::new("import");
    data.scopepick()
        .args(["catalog", "import", &fixture("graph-sp.json")])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Imported 5 permissions: 3 Delegated, 2 Application; 3 need admin consent",
        ))
        .stdout(predicate::str::contains(data.stored().display().to_string()))
        .stdout(predicate::str::contains(
            "Merged by resource, name and type: 5 rows took the export's descriptions, 0 rows added",
        ));
    data.scopepick()
        .args(["catalog", "status"])
        .assert()
        .success()
        .stdout(predicate::str::contains("In use: Catalog imported "))
        .stdout(predicate::str::contains("graph-sp.json"))
        .stdout(predicate::str::contains("5  descriptions from the tenant's export"));
    let out = data.scopepick().args(["list", "--format", "tsv"]).assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert_eq!(text.lines().count(), 1 + support::builtin_len(), "merged into the built-in rows");
    assert!(
        text.contains("Allows an app to read 1 on 1 or group chats threads"),
        "the export's description"
    );
    assert!(
        text.contains("Chat.Read\tDelegated\tno\trequired\t"),
        "Intrexx roles stay attached: {text}"
    );
    data.scopepick()
        .args(["build", "User.Read.All", "offline_access"])
        .assert()
        .success()
        .stdout("User.Read.All offline_access\n");
    data.scopepick()
        .args(["catalog", "reset"])
        .assert()
        .success()
        .stdout(predicate::str::contains("the built-in Graph catalog is in use again"));
    assert!(!data.stored().exists());
    data.scopepick()
        .args(["catalog", "status"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(format!("In use: {}", support::builtin_status())));
}

#[test]
fn powershell_pair_and_collection_and_stdin_import() {
    let data = DataDir::new("shapes");
    data.scopepick()
        .args(["catalog", "import", &fixture("ps-delegated.json"), &fixture("ps-app.json")])
        .assert()
        .success()
        .stdout(predicate::str::contains("Imported 5 permissions: 3 Delegated, 2 Application"));
    data.scopepick()
        .args(["catalog", "import", &fixture("graph-collection.json")])
        .assert()
        .success();
    let text = std::fs::read_to_string(fixture("graph-sp.json")).unwrap();
    data.scopepick()
        .args(["catalog", "import", "-"])
        .write_stdin(text)
        .assert()
        .success()
        .stdout(predicate::str::contains("from -"));
}

#[test]
fn a_bad_import_changes_nothing() {
    let data = DataDir::new("bad");
    data.scopepick().args(["catalog", "import", &fixture("graph-sp.json")]).assert().success();
    let before = std::fs::read(data.stored()).unwrap();
    let bad = data.0.join("bad.json");
    std::fs::write(&bad, "{\"appRoles\": [ {\"value\": \"A.B\", \"id\": \"nope\"} ]}").unwrap();
    let assert =
        data.scopepick().args(["catalog", "import", bad.to_str().unwrap()]).assert().code(2);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with(&format!("error: {}: ", bad.display())), "{stderr}");
    data.scopepick()
        .args(["catalog", "import", "/nonexistent/export.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with("error: cannot read /nonexistent/export.json: "));
    let not_json = data.0.join("notjson.json");
    std::fs::write(&not_json, "hello").unwrap();
    data.scopepick()
        .args(["catalog", "import", not_json.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not JSON"));
    assert_eq!(std::fs::read(data.stored()).unwrap(), before, "the stored catalog is untouched");
}

#[test]
fn catalog_flag_reads_an_export_for_one_run_and_stores_nothing() {
    let data = DataDir::new("flag");
    data.scopepick()
        .args(["--catalog", &fixture("graph-sp.json"), "list", "--format", "tsv"])
        .assert()
        .success()
        .stdout(predicate::str::contains("User.Read.All\tDelegated"));
    data.scopepick()
        .args(["--catalog", &fixture("graph-sp.json"), "catalog", "status"])
        .assert()
        .success()
        .stdout(predicate::str::contains("(for this run only; nothing is stored)"));
    assert!(!data.0.exists());
}

#[test]
fn a_damaged_store_is_named_and_reset_still_works() {
    let data = DataDir::new("damaged");
    std::fs::create_dir_all(&data.0).unwrap();
    std::fs::write(data.stored(), "{ broken").unwrap();
    data.scopepick()
        .args(["list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("damaged stored catalog"))
        .stderr(predicate::str::contains("scopepick catalog reset"));
    data.scopepick().args(["catalog", "reset"]).assert().success();
    data.scopepick().args(["list"]).assert().success();
}

#[test]
fn utf16_powershell_files_are_read() {
    let data = DataDir::new("utf16");
    let text = std::fs::read_to_string(fixture("ps-app.json")).unwrap();
    let bytes: Vec<u8> =
        [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let path = data.0.with_extension("utf16.json");
    std::fs::write(&path, bytes).unwrap();
    data.scopepick()
        .args(["catalog", "import", path.to_str().unwrap()])
        .assert()
        .success()
        .stdout(predicate::str::contains("2 Application"));
    let _ = std::fs::remove_file(path);
}

#[test]
fn catalog_builtin_uses_the_built_in_catalog_for_one_run_after_an_import() {
    let data = DataDir::new("builtin");
    data.scopepick()
        .args(["catalog", "import", "--replace", &fixture("graph-sp.json")])
        .assert()
        .success();
    let stored_before = std::fs::read(data.stored()).unwrap();
    data.scopepick()
        .args(["build", "Mail.Send"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown permission 'Mail.Send'"));
    for flag in ["builtin", "BuiltIn"] {
        data.scopepick()
            .args(["build", "--catalog", flag, "Mail.Send"])
            .assert()
            .success()
            .stdout("Mail.Send\n");
    }
    let listed =
        data.scopepick().args(["--catalog", "builtin", "list", "--format", "tsv"]).output();
    assert_eq!(
        String::from_utf8(listed.unwrap().stdout).unwrap().lines().count(),
        1 + support::builtin_len()
    );
    data.scopepick()
        .args(["catalog", "status", "--catalog", "builtin"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(format!("In use: {}", support::builtin_status())))
        .stdout(predicate::str::contains(format!(
            "An imported catalog is stored in {}; --catalog builtin leaves it out for this run.",
            data.stored().display()
        )));
    assert_eq!(std::fs::read(data.stored()).unwrap(), stored_before, "the import stays");
    // A file named builtin is reached with a path.
    let dir = data.0.join("files");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(fixture("graph-sp.json"), dir.join("builtin")).unwrap();
    data.scopepick()
        .current_dir(&dir)
        .args(["catalog", "status", "--catalog", "./builtin"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("In use: ./builtin (--catalog), 5 permissions"));
}

#[test]
fn file_names_that_are_not_utf8_are_read_like_any_other() {
    use std::os::unix::ffi::OsStrExt as _;
    let data = DataDir::new("non-utf8");
    std::fs::create_dir_all(&data.0).unwrap();
    let odd = data.0.join(std::ffi::OsStr::from_bytes(b"graph-\xff.json"));
    std::fs::copy(fixture("graph-sp.json"), &odd).unwrap();
    data.scopepick()
        .arg("--catalog")
        .arg(&odd)
        .args(["show", "Chat.Read"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Chat.Read"));
    data.scopepick()
        .args(["catalog", "import", "--replace"])
        .arg(&odd)
        .assert()
        .success()
        .stdout(predicate::str::contains("graph-\u{fffd}.json"));
    assert!(data.stored().is_file());
}

#[test]
fn empty_file_names_and_permission_names_are_named_as_empty() {
    let data = DataDir::new("empty-values");
    for args in [
        &["--catalog", "", "list"][..],
        &["catalog", "import", ""],
        &["build", ""],
        &["build", "Chat.Read", " "],
        &["show", ""],
        &["export", "--format", "az", ""],
    ] {
        let out = data.scopepick().args(args).assert().code(2).get_output().stderr.clone();
        let err = String::from_utf8(out).unwrap();
        assert!(err.contains("is empty"), "{args:?}: {err}");
        assert!(!err.contains("try --mode") && !err.contains("did you mean"), "{args:?}: {err}");
    }
}

#[test]
fn an_import_whose_store_write_fails_never_says_imported() {
    let data = DataDir::new("store-fails");
    // The data directory is a file: the store cannot be written.
    std::fs::write(&data.0, "not a directory").unwrap();
    let out = data
        .scopepick()
        .args(["catalog", "import", "--replace", &fixture("graph-sp.json")])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout, "", "nothing is reported as imported");
    assert!(String::from_utf8(out.stderr).unwrap().starts_with("error: "));
    std::fs::remove_file(&data.0).unwrap();
}

#[test]
fn status_counts_each_imported_file_on_its_own() {
    let data = DataDir::new("per-file");
    let (delegated, application) = (fixture("ps-delegated.json"), fixture("ps-app.json"));
    data.scopepick().args(["catalog", "import", &delegated, &application]).assert().success();
    let out = data.scopepick().args(["catalog", "status"]).assert().success();
    let status = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let line = |file: &str| -> String {
        status.lines().find(|l| l.starts_with("Import: ") && l.contains(file)).unwrap().into()
    };
    assert!(line("ps-delegated.json").contains(": 3 Delegated, 0 Application;"), "{status}");
    assert!(line("ps-app.json").contains(": 0 Delegated, 2 Application;"), "{status}");
}

#[test]
fn a_fifo_in_the_stores_is_named_and_never_opened() {
    // Opening a FIFO for reading blocks until a writer comes: a hang, not an answer.
    let hang_limit = std::time::Duration::from_secs(60);
    let data = DataDir::new("fifo");
    let config = data.0.join("config");
    std::fs::create_dir_all(config.join("selections")).unwrap();
    let mkfifo = |path: &Path| {
        assert!(std::process::Command::new("mkfifo").arg(path).status().unwrap().success());
    };
    mkfifo(&data.stored());
    for args in [&["build", "Chat.Read"][..], &["catalog", "status"]] {
        let out = data.scopepick().args(args).timeout(hang_limit).assert().code(2);
        let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
        assert!(err.contains("is a FIFO, not a regular file"), "{args:?}: {err}");
    }
    // Shell completion falls back to the built-in catalog at once.
    data.scopepick()
        .env("SCOPEPICK_COMPLETE", "fish")
        .args(["--", "scopepick", "show", "Mail.Se"])
        .timeout(hang_limit)
        .assert()
        .success()
        .stdout(predicate::str::contains("Mail.Send"));
    std::fs::remove_file(data.stored()).unwrap();
    mkfifo(&config.join("selections").join("acme.json"));
    let out = data
        .scopepick()
        .args(["selection", "save", "acme", "Chat.Read"])
        .timeout(hang_limit)
        .assert()
        .code(2);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(err.contains("is a FIFO, not a regular file"), "{err}");
    // Listed as unreadable, with why: it is not damaged JSON.
    let out = data.scopepick().args(["selection", "list"]).timeout(hang_limit).assert().success();
    let listed = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let row = listed.lines().find(|l| l.starts_with("acme ")).expect(&listed).to_string();
    assert!(row.contains("unreadable") && row.contains("is a FIFO"), "{listed}");
}
