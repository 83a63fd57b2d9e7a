//! Generates `assets/graph-facts.rs`, the built-in Microsoft Graph catalog, from
//! the reference files (see `docs/catalog.md`, "Regenerating the built-in data"):
//!
//! ```sh
//! cargo xtask gen-catalog ../shared/reference assets/graph-facts.rs
//! ```
//!
//! Reads `graph-permissions.tsv` (names, types, GUIDs, admin consent),
//! `graph-api-paths.tsv` (Microsoft's permissions map), `graph-privilege.tsv`
//! (privilege levels) and `assets/intrexx-catalog.json` (Intrexx roles and
//! the seed's descriptions). Only facts are written: the `source_display_name`
//! column is never read. Where the seed has no description, the generator
//! writes one from the facts (`GET /me/events +11 more · least privileged for 4 calls`,
//! the count by scopepick's privilege model; an Application row never cites `/me`).
//! It also writes the search's API-path words (see `path_words.rs`).

use crate::path_words::path_words;
use anyhow::{Context, anyhow, bail};
use scopepick::catalog::{Catalog, IntrexxRole, PermissionType, parse_catalog};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ffi::OsString;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// The HTTP methods in Microsoft's map, in the order of their codes in the data.
const METHODS: [&str; 5] = ["GET", "POST", "PATCH", "PUT", "DELETE"];
/// The schemes of Microsoft's map, in the order of their codes in the data.
const SCHEMES: [&str; 3] = ["DelegatedWork", "DelegatedPersonal", "Application"];

/// One row of `graph-api-paths.tsv`.
struct MapRow {
    name: String,
    scheme: usize,
    method: usize,
    path: String,
    least: bool,
    also: String,
}

/// One row of `graph-permissions.tsv`, without the display name.
struct SpRow {
    name: String,
    kind: PermissionType,
    id: String,
    admin: bool,
}

/// Runs the generator: `args` are the reference folder and the output file.
pub fn run(mut args: impl Iterator<Item = OsString>) -> anyhow::Result<()> {
    let reference = PathBuf::from(args.next().unwrap_or_else(|| "../shared/reference".into()));
    let out = PathBuf::from(args.next().unwrap_or_else(|| "assets/graph-facts.rs".into()));
    let seed_path = Path::new("assets/intrexx-catalog.json");
    let seed_text = fs::read_to_string(seed_path).context("cannot read the Intrexx seed")?;
    let seed = parse_catalog(&seed_text, "assets/intrexx-catalog.json")?;
    let sp = read_permissions(&reference.join("graph-permissions.tsv"))?;
    let map = read_map(&reference.join("graph-api-paths.tsv"))?;
    let privilege = read_privilege(&reference.join("graph-privilege.tsv"))?;
    let text = render(&sp, &map, &privilege, &seed)?;
    fs::write(&out, text).with_context(|| format!("cannot write {}", out.display()))?;
    eprintln!("wrote {} ({} rows, {} calls)", out.display(), sp.len(), map.len());
    Ok(())
}

/// The rows of a tab-separated file after its header, each split into `columns` fields.
fn tsv(path: &Path, columns: usize) -> anyhow::Result<Vec<Vec<String>>> {
    let text =
        fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let rows =
        scopepick::tsv::rows(&text, columns).map_err(|bad| anyhow!("{}:{bad}", path.display()))?;
    Ok(rows.into_iter().skip(1).map(|row| row.into_iter().map(str::to_string).collect()).collect())
}

fn yes_no(value: &str, at: &str) -> anyhow::Result<bool> {
    match value {
        "yes" => Ok(true),
        "no" => Ok(false),
        other => bail!("{at}: expected yes or no, found {other:?}"),
    }
}

fn read_permissions(path: &Path) -> anyhow::Result<Vec<SpRow>> {
    let mut rows = Vec::new();
    for f in tsv(path, 5)? {
        let kind: PermissionType = f[1].parse().map_err(anyhow::Error::msg)?;
        rows.push(SpRow {
            name: f[0].clone(),
            kind,
            id: f[2].clone(),
            admin: yes_no(&f[3], &f[0])?,
        });
    }
    Ok(rows)
}

fn index_of(list: &[&str], value: &str, what: &str) -> anyhow::Result<usize> {
    list.iter().position(|v| *v == value).with_context(|| format!("unknown {what} {value:?}"))
}

fn read_map(path: &Path) -> anyhow::Result<Vec<MapRow>> {
    tsv(path, 6)?
        .into_iter()
        .map(|f| {
            Ok(MapRow {
                scheme: index_of(&SCHEMES, &f[1], "scheme")?,
                method: index_of(&METHODS, &f[2], "method")?,
                least: yes_no(&f[4], &f[3])?,
                name: f[0].clone(),
                path: f[3].clone(),
                also: f[5].clone(),
            })
        })
        .collect()
}

/// Privilege level per (lowercase name, scheme code).
fn read_privilege(path: &Path) -> anyhow::Result<HashMap<(String, usize), u8>> {
    let mut levels = HashMap::new();
    for f in tsv(path, 4)? {
        if f[2].is_empty() {
            continue;
        }
        let level: u8 = f[2].parse().with_context(|| format!("{}: level {:?}", f[0], f[2]))?;
        levels.insert((f[0].to_ascii_lowercase(), index_of(&SCHEMES, &f[1], "scheme")?), level);
    }
    Ok(levels)
}

/// Rust source of a string literal.
fn lit(s: &str) -> String {
    format!("{s:?}")
}

/// The scheme code a permission type reads its calls from (work accounts for Delegated).
fn scheme_of(kind: PermissionType) -> usize {
    match kind {
        PermissionType::Delegated => 0,
        PermissionType::Application => 2,
    }
}

/// Whether `path` is the signed-in user's (`/me`, `/me/…`): never cited for
/// an Application row, whose calls have no signed-in user.
fn is_me(path: &str) -> bool {
    scopepick::catalog::graph::is_me_path(path)
}

/// What a permission grants, in scopepick's words, from its calls in `scheme`
/// (an Application row's `/me…` calls left out), with the number of calls the
/// privilege model ranks it least privileged for.
fn describe(calls: &[&MapRow], kind: PermissionType, name: &str) -> String {
    let app = kind == PermissionType::Application;
    let usable: Vec<&&MapRow> = calls.iter().filter(|c| !(app && is_me(&c.path))).collect();
    if usable.is_empty() {
        if scopepick::catalog::is_openid_scope(name) {
            return "OpenID Connect sign-in scope · no Graph API calls of its own".to_string();
        }
        if !calls.is_empty() {
            return "Application permission · its calls in Microsoft's map are /me calls, \
                    which need a signed-in user"
                .to_string();
        }
        return format!(
            "{} permission · no API calls in Microsoft's permissions map",
            kind.label()
        );
    }
    let best = usable
        .iter()
        .min_by_key(|c| (!c.least, c.method != 0, c.path.len(), c.path.as_str(), c.method))
        .expect("usable is not empty");
    let distinct: BTreeSet<(usize, &str)> =
        usable.iter().map(|c| (c.method, c.path.as_str())).collect();
    let scheme = scopepick::catalog::graph::Scheme::of(kind, false);
    let least = scopepick::catalog::graph::least_by_model(name, scheme);
    let mut text = format!("{} {}", METHODS[best.method], best.path);
    if distinct.len() > 1 {
        write!(text, " +{} more", distinct.len() - 1).unwrap();
    }
    match least {
        0 => text.push_str(" · never least privileged"),
        1 => text.push_str(" · least privileged for 1 call"),
        n => write!(text, " · least privileged for {n} calls").unwrap(),
    }
    text
}

fn render(
    sp: &[SpRow],
    map: &[MapRow],
    privilege: &HashMap<(String, usize), u8>,
    seed: &Catalog,
) -> anyhow::Result<String> {
    // Canonical casing: the service principal's where it has the name.
    let mut canonical: BTreeMap<String, String> = BTreeMap::new();
    for r in sp {
        canonical.entry(r.name.to_ascii_lowercase()).or_insert_with(|| r.name.clone());
    }
    for name in map.iter().map(|r| r.name.as_str()).chain(privilege.keys().map(|k| k.0.as_str())) {
        canonical.entry(name.to_ascii_lowercase()).or_insert_with(|| name.to_string());
    }
    // Names sorted by their lowercase form (the BTreeMap's order), for binary search.
    let names: Vec<&String> = canonical.values().collect();
    let name_index: HashMap<String, usize> =
        canonical.keys().enumerate().map(|(i, k)| (k.clone(), i)).collect();
    let paths: Vec<&str> =
        map.iter().map(|r| r.path.as_str()).collect::<BTreeSet<_>>().into_iter().collect();
    let path_index: HashMap<&str, usize> = paths.iter().enumerate().map(|(i, p)| (*p, i)).collect();
    if names.len() > usize::from(u16::MAX) || paths.len() > usize::from(u16::MAX) {
        bail!("too many names or paths for 16-bit indices");
    }
    let mut calls: Vec<&MapRow> = map.iter().collect();
    calls.sort_by(|a, b| {
        (&a.path, a.method, a.scheme, a.name.to_ascii_lowercase()).cmp(&(
            &b.path,
            b.method,
            b.scheme,
            b.name.to_ascii_lowercase(),
        ))
    });

    let mut o = String::new();
    o.push_str(
        "// @generated by `cargo xtask gen-catalog ../shared/reference assets/graph-facts.rs`; do not edit.\n",
    );
    o.push_str(
        "// Facts only: names, types, GUIDs, admin consent, privilege levels and API paths.\n\n",
    );

    writeln!(
        o,
        "/// Every permission name, sorted by its lowercase form.\npub(super) static NAMES: [&str; {}] = [",
        names.len()
    )?;
    for n in &names {
        writeln!(o, "    {},", lit(n))?;
    }
    o.push_str("];\n\n");

    let mut rows: Vec<&SpRow> = sp.iter().collect();
    rows.sort_by_key(|r| (r.name.to_lowercase(), r.kind, r.name.clone()));
    writeln!(
        o,
        "/// The service principal's permissions, sorted by name ignoring case, then type.\npub(super) static ROWS: [FactRow; {}] = [",
        rows.len()
    )?;
    let mut by_name: HashMap<(String, usize), Vec<&MapRow>> = HashMap::new();
    for c in &calls {
        by_name.entry((c.name.to_ascii_lowercase(), c.scheme)).or_default().push(c);
    }
    for r in rows {
        let seeded = seed.find(&r.name, r.kind);
        let description = match seeded {
            Some(p) => p.description.clone(),
            None => {
                let key = (r.name.to_ascii_lowercase(), scheme_of(r.kind));
                describe(by_name.get(&key).map_or(&[][..], Vec::as_slice), r.kind, &r.name)
            }
        };
        let intrexx = match seeded.and_then(|p| p.intrexx) {
            Some(IntrexxRole::Required) => "Some(IntrexxRole::Required)",
            Some(IntrexxRole::Optional) => "Some(IntrexxRole::Optional)",
            None => "None",
        };
        let kind = if r.kind == PermissionType::Delegated { "D" } else { "A" };
        writeln!(
            o,
            "    FactRow {{ name: {}, kind: {kind}, id: {}, admin_consent: {}, intrexx: {intrexx}, description: {} }},",
            name_index[&r.name.to_ascii_lowercase()],
            lit(&r.id),
            r.admin,
            lit(&description)
        )?;
    }
    o.push_str("];\n\n");

    writeln!(
        o,
        "/// Privilege level per name (DelegatedWork, DelegatedPersonal, Application); 0 = none given.\npub(super) static PRIVILEGE: [[u8; 3]; {}] = [",
        names.len()
    )?;
    for key in canonical.keys() {
        let level = |s: usize| privilege.get(&(key.clone(), s)).copied().unwrap_or(0);
        writeln!(o, "    [{}, {}, {}],", level(0), level(1), level(2))?;
    }
    o.push_str("];\n\n");

    let array = |o: &mut String, doc: &str, name: &str, ty: &str, values: &[usize]| {
        writeln!(o, "/// {doc}\npub(super) static {name}: [{ty}; {}] = [", values.len()).unwrap();
        for chunk in values.chunks(16) {
            let line: Vec<String> = chunk.iter().map(ToString::to_string).collect();
            writeln!(o, "    {},", line.join(", ")).unwrap();
        }
        o.push_str("];\n\n");
    };

    // One string, not an array of `&str`: see `data::path` in scopepick.
    o.push_str(
        "/// API path templates as Microsoft writes them, sorted, end to end (see PATH_STARTS).\npub(super) static PATH_TEXT: &str = concat!(\n",
    );
    for p in &paths {
        writeln!(o, "    {},", lit(p))?;
    }
    o.push_str(");\n\n");
    let starts: Vec<usize> = std::iter::once(0)
        .chain(paths.iter().scan(0, |end, p| {
            *end += p.len();
            Some(*end)
        }))
        .collect();
    array(
        &mut o,
        "Where each template starts in PATH_TEXT (one more entry than templates).",
        "PATH_STARTS",
        "u32",
        &starts,
    );
    let call_path: Vec<usize> = calls.iter().map(|c| path_index[c.path.as_str()]).collect();
    let call_name: Vec<usize> =
        calls.iter().map(|c| name_index[&c.name.to_ascii_lowercase()]).collect();
    let call_flags: Vec<usize> =
        calls.iter().map(|c| c.method << 3 | c.scheme << 1 | usize::from(c.least)).collect();
    array(
        &mut o,
        "Each call's path (a template index, see PATH_STARTS), sorted by path, method, scheme, name.",
        "CALL_PATH",
        "u16",
        &call_path,
    );
    array(&mut o, "Each call's permission (index into NAMES).", "CALL_NAME", "u16", &call_name);
    array(
        &mut o,
        "Each call's method << 3 | scheme << 1 | least.",
        "CALL_FLAGS",
        "u8",
        &call_flags,
    );

    let mut by_perm: Vec<usize> = (0..calls.len()).collect();
    by_perm.sort_by_key(|&i| (call_name[i], i));
    let mut starts = vec![0usize; names.len() + 1];
    for &n in &call_name {
        starts[n + 1] += 1;
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    array(
        &mut o,
        "Call indices grouped by permission (see NAME_CALLS).",
        "CALLS_BY_NAME",
        "u32",
        &by_perm,
    );
    array(
        &mut o,
        "Where each name's calls start in CALLS_BY_NAME (one more entry than NAMES).",
        "NAME_CALLS",
        "u32",
        &starts,
    );

    let sp_names: BTreeSet<String> = sp.iter().map(|r| r.name.to_ascii_lowercase()).collect();
    let least_calls = map
        .iter()
        .filter(|c| c.least)
        .map(|c| (c.name.to_ascii_lowercase(), c.path.as_str()))
        .filter(|(name, _)| sp_names.contains(name));
    let words_of = path_words(least_calls);
    let mut word_text = String::new();
    let mut word_at: HashMap<&str, usize> = HashMap::new();
    for word in words_of.values().flatten().collect::<BTreeSet<_>>() {
        word_at.insert(word, word_text.len());
        word_text.push_str(word);
        word_text.push(' ');
    }
    let mut name_words = Vec::new();
    let mut name_word_starts = vec![0];
    for key in canonical.keys() {
        name_words.extend(words_of.get(key).into_iter().flatten().map(|w| word_at[w.as_str()]));
        name_word_starts.push(name_words.len());
    }
    if word_text.len() > usize::from(u16::MAX) || name_words.len() > usize::from(u16::MAX) {
        bail!("too many path words for 16-bit indices");
    }
    writeln!(
        o,
        "/// The search's API-path words (xtask/src/path_words.rs), each once, sorted, each followed by a space.\npub(super) static PATH_WORDS: &str = {};\n",
        lit(&word_text)
    )?;
    array(
        &mut o,
        "Each name's path words (offsets into PATH_WORDS), grouped by name (see NAME_PATH_WORDS).",
        "PATH_WORDS_BY_NAME",
        "u16",
        &name_words,
    );
    array(
        &mut o,
        "Where each name's words start in PATH_WORDS_BY_NAME (one more entry than NAMES).",
        "NAME_PATH_WORDS",
        "u16",
        &name_word_starts,
    );

    let also: Vec<(usize, &str)> = calls
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.also.is_empty())
        .map(|(i, c)| (i, c.also.as_str()))
        .collect();
    writeln!(
        o,
        "/// Calls that also need other permissions (call index, comma-separated names).\npub(super) static ALSO_REQUIRES: [(u32, &str); {}] = [",
        also.len()
    )?;
    for (i, a) in also {
        writeln!(o, "    ({i}, {}),", lit(a))?;
    }
    o.push_str("];\n");
    if calls.len() > usize::from(u16::MAX) {
        bail!("too many calls for 16-bit indices");
    }
    Ok(o)
}
