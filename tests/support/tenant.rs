//! A simulated tenant for the hand-off scripts: a fake `az`
//! (`tests/support/fake_az.py`, doing what azure-cli does) first on `PATH`,
//! keeping two tenants in a JSON file: the customer's, and the consultant's
//! own. The tests run a script against it and compare the tenant afterwards
//! with what it held plus the basket, exactly.

use scopepick::catalog::{Catalog, Cloud, Permission, PermissionType, Resource};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::{Command, Output};

/// The customer's app registration (Application (client) ID).
pub const APP_ID: &str = "0f3a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b";
/// The customer's tenant and its verified domains.
pub const CUSTOMER: &str = "7d3c2a1b-1111-4a2b-9c3d-4e5f60718293";
pub const CUSTOMER_DOMAIN: &str = "contoso.onmicrosoft.com";
/// The consultant's own tenant, where a careless script would act.
pub const CONSULTANT: &str = "99999999-8888-4777-8666-555555555555";
/// A user of the customer's tenant who consented for themselves.
const USER: &str = "5a5a5a5a-0000-4000-8000-00000000aaaa";

/// The id of Exchange Online's permission `name` of type `kind`, from
/// scopepick's resource table (the fake's Exchange service principal holds
/// those, as Graph's holds the catalog's).
fn exchange_id(name: &str, kind: PermissionType) -> &'static str {
    Resource::ExchangeOnline.scope(name).filter(|s| s.kind == kind).expect("a table row").id
}

/// The az cloud name and Microsoft Graph host of a tenant in `cloud`.
fn az_cloud(cloud: Cloud) -> (&'static str, &'static str) {
    let graph = Resource::Graph.origin(cloud).expect("Graph has a host in every cloud");
    let name = match cloud {
        Cloud::Global => "AzureCloud",
        Cloud::UsGov | Cloud::Dod => "AzureUSGovernment",
        Cloud::China => "AzureChinaCloud",
    };
    (name, graph)
}

/// The interpreter `python3` names and the directory jmespath is in,
/// resolved once (`None` without python3 or jmespath). The fake `az` runs
/// hundreds of times, so it starts that interpreter directly (pyenv's shim
/// starts a dozen shells per run) and without `site` (`-S`, which spends
/// more than the fake itself importing what other installed packages ask
/// for), with jmespath's directory on PYTHONPATH.
fn python() -> Option<&'static (String, String)> {
    static PYTHON: std::sync::OnceLock<Option<(String, String)>> = std::sync::OnceLock::new();
    PYTHON
        .get_or_init(|| {
            let probe = "import os, sys, jmespath; \
                         print(sys.executable); print(os.path.dirname(os.path.dirname(jmespath.__file__)))";
            let out = Command::new("python3").args(["-c", probe]).output().ok()?;
            let text = String::from_utf8(out.stdout).ok().filter(|_| out.status.success())?;
            let (python, jmespath) = text.trim_end().split_once('\n')?;
            Some((python.to_string(), jmespath.to_string()))
        })
        .as_ref()
}

/// Whether python3 with the jmespath library is there; skipped loudly
/// outside CI when missing, a failure in CI (see [`super::require`]).
pub fn python_with_jmespath() -> bool {
    let ok = python().is_some();
    if !ok {
        if super::in_ci() {
            panic!("python3 with jmespath is required in CI (.ci/run installs python3-jmespath)");
        }
        eprintln!(
            "SKIPPED: python3 with jmespath (python3-jmespath) is not installed; the simulated tenant needs it"
        );
    }
    ok
}

/// The simulated tenants in a private directory, removed on drop.
pub struct FakeTenant {
    dir: PathBuf,
    state: PathBuf,
}

fn graph_sp(catalog: &Catalog) -> Value {
    let of = |kind| -> Vec<Value> {
        catalog
            .permissions
            .iter()
            .filter(|p| p.kind == kind)
            .map(|p| json!({"id": p.id, "value": p.name}))
            .collect()
    };
    json!({
        "id": "aaaaaaaa-0000-4000-8000-000000000003",
        "appId": Resource::GRAPH_APP_ID,
        "servicePrincipalNames": [Resource::GRAPH_APP_ID, "https://graph.microsoft.com"],
        "appRoles": of(PermissionType::Application),
        "oauth2PermissionScopes": of(PermissionType::Delegated),
    })
}

fn exchange_sp() -> Value {
    let list = |kind: PermissionType| -> Vec<Value> {
        let rows = Resource::ExchangeOnline.spec().scopes.iter().filter(|s| s.kind == kind);
        rows.map(|s| json!({"id": s.id, "value": s.name})).collect()
    };
    json!({
        "id": "aaaaaaaa-0000-4000-8000-000000000002",
        "appId": Resource::EXCHANGE_APP_ID,
        "servicePrincipalNames": [Resource::EXCHANGE_APP_ID],
        "appRoles": list(PermissionType::Application),
        "oauth2PermissionScopes": list(PermissionType::Delegated),
    })
}

/// The customer's tenant: the app is registered with rows it was never
/// granted (a Delegated `Mail.ReadWrite` and `User.Export.All`, an
/// Application `Files.Read.All`, an Exchange role), its service principal (object id != app id) holds a
/// tenant-wide grant of `User.Read`, a user's own `Principal` grant of
/// `Mail.ReadWrite` and one app role; another app has its own grant and role.
fn customer(catalog: &Catalog, cloud: Cloud, with_sp: bool) -> Value {
    let id = |name, kind| catalog.find(name, kind).unwrap().id.clone();
    let (az, graph) = az_cloud(cloud);
    let graph_sp_id = "aaaaaaaa-0000-4000-8000-000000000003";
    let app_sp = "bbbbbbbb-0000-4000-8000-0000000000a1";
    let other_sp = "bbbbbbbb-0000-4000-8000-0000000000b2";
    let mut sps = vec![
        graph_sp(catalog),
        exchange_sp(),
        json!({"id": other_sp, "appId": "22222222-3333-4444-5555-666666666666",
               "servicePrincipalNames": ["22222222-3333-4444-5555-666666666666"],
               "appRoles": [], "oauth2PermissionScopes": []}),
    ];
    let mut grants =
        vec![json!({"id": "g-other", "clientId": other_sp, "consentType": "AllPrincipals",
        "principalId": null, "resourceId": graph_sp_id, "scope": "Files.Read"})];
    let mut assignments = vec![json!({"id": "a-other", "principalId": other_sp,
        "principalType": "ServicePrincipal", "resourceId": graph_sp_id,
        "appRoleId": id("Sites.Read.All", PermissionType::Application)})];
    if with_sp {
        sps.push(json!({"id": app_sp, "appId": APP_ID, "servicePrincipalNames": [APP_ID],
            "appRoles": [], "oauth2PermissionScopes": []}));
        grants.push(json!({"id": "g-all", "clientId": app_sp, "consentType": "AllPrincipals",
            "principalId": null, "resourceId": graph_sp_id, "scope": "User.Read"}));
        grants.push(json!({"id": "g-user", "clientId": app_sp, "consentType": "Principal",
            "principalId": USER, "resourceId": graph_sp_id, "scope": "Mail.ReadWrite"}));
        assignments.push(json!({"id": "a-app", "principalId": app_sp,
            "principalType": "ServicePrincipal", "resourceId": graph_sp_id,
            "appRoleId": id("Group.Read.All", PermissionType::Application)}));
    }
    let graph_rows = [
        ("User.Read", "Scope", PermissionType::Delegated),
        ("Mail.ReadWrite", "Scope", PermissionType::Delegated),
        ("User.Export.All", "Scope", PermissionType::Delegated),
        ("Group.Read.All", "Role", PermissionType::Application),
        ("Files.Read.All", "Role", PermissionType::Application),
    ]
    .map(|(name, kind, t)| json!({"id": id(name, t), "type": kind}));
    json!({
        "azCloud": az,
        "graphHost": graph,
        "domains": [CUSTOMER_DOMAIN, "contoso.com"],
        "applications": [{
            "id": "cccccccc-0000-4000-8000-0000000000a1",
            "appId": APP_ID,
            "displayName": "Intrexx connector",
            "requiredResourceAccess": [
                {"resourceAppId": Resource::GRAPH_APP_ID, "resourceAccess": graph_rows},
                {"resourceAppId": Resource::EXCHANGE_APP_ID,
                 "resourceAccess": [{"id": exchange_id("POP.AccessAsApp", PermissionType::Application), "type": "Role"}]},
            ],
        }],
        "servicePrincipals": sps,
        "oauth2PermissionGrants": grants,
        "appRoleAssignments": assignments,
    })
}

/// The consultant's tenant: the same app id registered (a test copy).
fn consultant(catalog: &Catalog, cloud: Cloud) -> Value {
    let mut tenant = customer(catalog, cloud, true);
    tenant["domains"] = json!(["consultant.onmicrosoft.com"]);
    tenant
}

impl FakeTenant {
    /// Both tenants in `cloud`, signed in to `signed_in` (`None`: not signed
    /// in), az's cloud set to the global one; `with_sp`: whether the app's
    /// service principal exists in the customer's tenant. `None` when python3
    /// or jmespath is missing (outside CI).
    pub fn new(name: &str, cloud: Cloud, signed_in: &str, with_sp: bool) -> Option<FakeTenant> {
        if !python_with_jmespath() || !super::require("setsid") {
            return None;
        }
        let dir =
            std::env::temp_dir().join(format!("scopepick-tenant-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("bin")).unwrap();
        let fake =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/fake_az.py");
        let launcher = dir.join("bin/az");
        let (python, jmespath) = python().expect("checked above");
        // A copy in the tenant's directory, imported rather than run as a
        // script, so Python compiles it once per tenant (its __pycache__
        // lands there) instead of on every call. `-c` puts the caller's
        // directory first on sys.path; it goes, so nothing there shadows a module.
        std::fs::copy(&fake, dir.join("fake_az.py")).unwrap();
        let script = format!(
            "#!/bin/sh\nPYTHONPATH='{jmespath}:{}' exec '{python}' -S \
             -c 'import sys; del sys.path[0]; import fake_az; sys.exit(fake_az.main(sys.argv[1:]))' \
             \"$@\"\n",
            dir.display()
        );
        std::fs::write(&launcher, script).unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&launcher, std::fs::Permissions::from_mode(0o755)).unwrap();
        let catalog = Catalog::builtin();
        let state = json!({
            "cloud": "AzureCloud",
            "signedIn": signed_in,
            "tenants": {
                CUSTOMER: customer(&catalog, cloud, with_sp),
                CONSULTANT: consultant(&catalog, cloud),
            },
        });
        let tenant = FakeTenant { state: dir.join("tenant.json"), dir };
        tenant.write(&state);
        Some(tenant)
    }

    fn write(&self, state: &Value) {
        std::fs::write(&self.state, serde_json::to_string_pretty(state).unwrap()).unwrap();
    }

    /// The whole state: tenants, signed-in tenant, az's cloud, calls.
    pub fn state(&self) -> Value {
        serde_json::from_str(&std::fs::read_to_string(&self.state).unwrap()).unwrap()
    }

    /// One tenant's data.
    pub fn tenant(&self, id: &str) -> Value {
        self.state()["tenants"][id].clone()
    }

    /// Sets az's current cloud (as a previous `az cloud set` would have).
    pub fn set_az_cloud(&self, name: &str) {
        let mut state = self.state();
        state["cloud"] = json!(name);
        self.write(&state);
    }

    /// The az commands called so far (words after `az`).
    pub fn calls(&self) -> Vec<String> {
        self.state()["calls"]
            .as_array()
            .map(|calls| {
                calls
                    .iter()
                    .map(|c| {
                        c.as_array()
                            .unwrap()
                            .iter()
                            .map(|w| w.as_str().unwrap())
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Runs the fake `az` once with `args`.
    pub fn az(&self, args: &[&str]) -> Output {
        Command::new(self.dir.join("bin/az"))
            .args(args)
            .env("FAKE_AZ_STATE", &self.state)
            .output()
            .expect("the fake az runs")
    }

    /// `script` in a file, and the shell words that run it with the fake
    /// `az` first on `PATH` (for a terminal the test drives itself).
    pub fn command_line(&self, script: &str) -> String {
        let file = self.dir.join("script.sh");
        std::fs::write(&file, script).unwrap();
        format!(
            "PATH='{}':\"$PATH\" FAKE_AZ_STATE='{}' sh '{}'",
            self.dir.join("bin").display(),
            self.state.display(),
            file.display()
        )
    }

    /// Runs `script` with `sh` in a new session (no terminal) with the fake
    /// `az` first on `PATH`.
    pub fn run(&self, script: &str) -> Output {
        let file = self.dir.join("script.sh");
        std::fs::write(&file, script).unwrap();
        let path = format!("{}:{}", self.dir.join("bin").display(), std::env::var("PATH").unwrap());
        Command::new("setsid")
            .args(["-w", "sh"])
            .arg(&file)
            .env("PATH", path)
            .env("FAKE_AZ_STATE", &self.state)
            .stdin(std::process::Stdio::null())
            .output()
            .expect("sh runs")
    }
}

impl Drop for FakeTenant {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// What the tests compare in a tenant, without the ids Graph makes up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct View {
    /// (app id, resource app id, access id, type), repeats kept.
    pub registration: Vec<(String, String, String, String)>,
    /// (client app id, resource app id, consent type, principal, scopes lowercased and sorted).
    pub grants: BTreeSet<(String, String, String, String, Vec<String>)>,
    /// (principal app id, resource app id, app role id), repeats kept.
    pub assignments: Vec<(String, String, String)>,
    /// The app ids with a service principal.
    pub principals: BTreeSet<String>,
}

fn text(v: &Value) -> String {
    v.as_str().unwrap_or_default().to_string()
}

/// The view of one tenant's data.
pub fn view(tenant: &Value) -> View {
    let app_of = |object_id: &Value| -> String {
        tenant["servicePrincipals"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == *object_id)
            .map(|s| text(&s["appId"]))
            .unwrap_or_else(|| format!("unknown object {object_id}"))
    };
    let mut registration = Vec::new();
    for app in tenant["applications"].as_array().unwrap() {
        for required in app["requiredResourceAccess"].as_array().unwrap() {
            for access in required["resourceAccess"].as_array().unwrap() {
                registration.push((
                    text(&app["appId"]),
                    text(&required["resourceAppId"]),
                    text(&access["id"]),
                    text(&access["type"]),
                ));
            }
        }
    }
    registration.sort();
    let grants = tenant["oauth2PermissionGrants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            let mut scopes: Vec<String> =
                text(&g["scope"]).split_whitespace().map(str::to_ascii_lowercase).collect();
            scopes.sort();
            (
                app_of(&g["clientId"]),
                app_of(&g["resourceId"]),
                text(&g["consentType"]),
                text(&g["principalId"]),
                scopes,
            )
        })
        .collect();
    let mut assignments: Vec<(String, String, String)> = tenant["appRoleAssignments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (app_of(&a["principalId"]), app_of(&a["resourceId"]), text(&a["appRoleId"])))
        .collect();
    assignments.sort();
    let principals =
        tenant["servicePrincipals"].as_array().unwrap().iter().map(|s| text(&s["appId"])).collect();
    View { registration, grants, assignments, principals }
}

/// The resource a basket row is granted on and registered under (mail
/// protocols on Exchange Online, Application mail rows registered there too).
fn resource_of(p: &Permission) -> (&'static str, &'static str) {
    let granted = Resource::of_name(&p.name).app_id();
    let registered =
        if p.kind == PermissionType::Application { granted } else { Resource::GRAPH_APP_ID };
    (granted, registered)
}

/// What the tenant must hold after the script: `before` plus the basket,
/// each row once; nothing else changed.
pub fn expected(before: &View, basket: &[&Permission]) -> View {
    let mut after = before.clone();
    after.principals.insert(APP_ID.to_string());
    for p in basket {
        let (granted, registered) = resource_of(p);
        let kind = if p.kind == PermissionType::Delegated { "Scope" } else { "Role" };
        let row = (APP_ID.to_string(), registered.to_string(), p.id.clone(), kind.to_string());
        if !after.registration.contains(&row) {
            after.registration.push(row);
        }
        match p.kind {
            PermissionType::Delegated => {
                let key = |g: &(String, String, String, String, Vec<String>)| {
                    g.0 == APP_ID && g.1 == granted && g.2 == "AllPrincipals"
                };
                let mut grant = after.grants.iter().find(|g| key(g)).cloned().unwrap_or((
                    APP_ID.to_string(),
                    granted.to_string(),
                    "AllPrincipals".to_string(),
                    String::new(),
                    Vec::new(),
                ));
                after.grants.retain(|g| !key(g));
                let name = p.name.to_ascii_lowercase();
                if !grant.4.contains(&name) {
                    grant.4.push(name);
                    grant.4.sort();
                }
                after.grants.insert(grant);
            }
            PermissionType::Application => {
                let role = (APP_ID.to_string(), granted.to_string(), p.id.clone());
                if !after.assignments.contains(&role) {
                    after.assignments.push(role);
                }
            }
        }
    }
    after.registration.sort();
    after.assignments.sort();
    after
}
