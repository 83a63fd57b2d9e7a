#!/usr/bin/env python3
"""A simulated Entra ID tenant behind a fake `az`, for the hand-off tests.

The tests put an `az` launcher first on PATH that runs this file. The state
(tenants, the signed-in one, az's current cloud, a log of every call) is a
JSON file named by FAKE_AZ_STATE. Each command does what azure-cli does,
side effects included; each behaviour names the azure-cli function it
models (azure-cli commit 01ce0346a4b9e0c6e1f1ea1d0e746fb7bb401cb4):

- role/custom.py: add_permission, list_permissions, grant_application,
  list_permission_grants, _get_grant_permissions, admin_consent,
  _resolve_service_principal, _create_service_principal, show_service_principal;
- azure-cli-core util.py: send_raw_request (`az rest`);
- knack output.py: format_json, _TsvOutput (`-o json`, `-o tsv`).

Anything it does not implement (command, flag, URL, query filter, method)
exits 2 with a line on stderr, so a script cannot pass by accident. Graph
errors exit 1 like azure-cli's CLIError; "does not exist" exits 3
(_resolve_service_principal sets status_code 404, "Make sure CLI returns 3").
"""

import json
import os
import sys

# uuid, urllib.parse and jmespath are imported where they are used: the
# tests run this file hundreds of times, and most calls need none of them.

STATE = os.environ["FAKE_AZ_STATE"]

# azure-cli-core cloud.py: the endpoints of each known cloud that
# send_raw_request matches a URL against (a subset: Graph and ARM).
CLOUD_ENDPOINTS = {
    "AzureCloud": [
        "https://management.azure.com/",
        "https://management.core.windows.net/",
        "https://graph.microsoft.com/",
        "https://graph.windows.net/",
    ],
    "AzureUSGovernment": [
        "https://management.usgovcloudapi.net/",
        "https://management.core.usgovcloudapi.net/",
        "https://graph.microsoft.us/",
        "https://graph.windows.net/",
    ],
    "AzureChinaCloud": [
        "https://management.chinacloudapi.cn/",
        "https://management.core.chinacloudapi.cn/",
        "https://microsoftgraph.chinacloudapi.cn/",
        "https://graph.chinacloudapi.cn/",
    ],
}

# The Graph endpoint `az ad` uses in each cloud (microsoft_graph_resource_id).
AD_GRAPH = {
    "AzureCloud": "https://graph.microsoft.com",
    "AzureUSGovernment": "https://graph.microsoft.us",
    "AzureChinaCloud": "https://microsoftgraph.chinacloudapi.cn",
}


class Fail(Exception):
    """An error azure-cli reports: message on stderr, exit code."""

    def __init__(self, message, code=1):
        super().__init__(message)
        self.code = code


def unsupported(what):
    raise Fail("fake az: not implemented: " + what, 2)


def graph_error(status, reason, message):
    # send_raw_request: `if not r.ok: raise CLIError(reason + '(' + text + ')')`
    body = json.dumps({"error": {"code": str(status), "message": message}})
    raise Fail("{}({})".format(reason, body))


def new_id():
    import uuid

    return str(uuid.uuid4())


# ---------------------------------------------------------------- arguments


def parse(args, flags, multi=(), switches=()):
    """Parses `--flag value` pairs; `multi` flags take values up to the next
    flag (argparse nargs='+'); `switches` take none. Unknown flags fail."""
    out = {}
    i = 0
    while i < len(args):
        flag = args[i]
        if flag in switches:
            out[flag] = True
            i += 1
            continue
        if flag not in flags and flag not in multi:
            unsupported("argument {!r}".format(flag))
        values = []
        i += 1
        while i < len(args) and not (args[i].startswith("-") and len(args[i]) > 1 and not args[i][1].isdigit()):
            values.append(args[i])
            i += 1
            if flag not in multi:
                break
        if not values:
            raise Fail("argument {}: expected one argument".format(flag), 2)
        out[flag] = values if flag in multi else values[0]
    return out


def output(result, opts):
    """--query with the JMESPath library, then knack's formatter."""
    if "--query" in opts:
        import jmespath

        try:
            result = jmespath.search(opts["--query"], result)
        except jmespath.exceptions.JMESPathError as err:
            raise Fail("argument --query: invalid jmespath query supplied for '--query': {}".format(err), 2)
    if result is None:
        return  # knack prints nothing for a None result
    fmt = opts.get("-o", opts.get("--output", "json"))
    if fmt == "json":
        # knack format_json
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2, sort_keys=True, separators=(",", ": ")) + "\n")
    elif fmt == "tsv":
        sys.stdout.write(tsv(result))
    else:
        unsupported("output format " + fmt)


def tsv(result):
    """knack _TsvOutput.dump: a top-level list is one row per item; a row
    that is a list or dict is its values joined by tabs (dict values by
    sorted key); inside a row a list prints its length, a dict nothing."""

    def obj(data):
        if isinstance(data, list):
            return str(len(data))
        if isinstance(data, dict):
            return ""
        return data if isinstance(data, str) else str(data)

    def row(data):
        if isinstance(data, dict):
            return "\t".join(obj(v) for _, v in sorted(data.items()))
        if isinstance(data, list):
            return "\t".join(obj(v) for v in data)
        return "" if data is None else obj(data)

    rows = result if isinstance(result, list) else [result]
    return "".join(row(r) + "\n" for r in rows)


# ---------------------------------------------------------------- the tenant


class Tenant:
    def __init__(self, state):
        self.state = state
        signed_in = state.get("signedIn")
        if not signed_in:
            raise Fail("Please run 'az login' to setup account.")
        self.data = state["tenants"][signed_in]
        if self.data["azCloud"] != state["cloud"]:
            # The sign-in authority of another cloud does not know the tenant.
            raise Fail("AADSTS90002: Tenant '{}' not found in cloud {}.".format(signed_in, state["cloud"]))

    def sps(self):
        return self.data["servicePrincipals"]

    def sp_by_id(self, object_id):
        return next((s for s in self.sps() if s["id"] == object_id), None)

    def resolve_sp(self, identifier):
        """_resolve_service_principal: servicePrincipalNames (the appId) or
        an object id; a GUID that matches nothing is returned as-is and
        fails at the GET."""
        for s in self.sps():
            if identifier in s.get("servicePrincipalNames", [s["appId"]]):
                return s
        s = self.sp_by_id(identifier)
        if s is None:
            raise Fail("Service principal '{}' doesn't exist".format(identifier), 3)
        return s

    def app(self, identifier):
        """_resolve_application / show_application: appId or object id."""
        for a in self.data["applications"]:
            if identifier in (a["appId"], a["id"]):
                return a
        raise Fail("Resource '{}' does not exist or one of its queried reference-property objects are not present.".format(identifier), 3)

    def grants(self):
        return self.data["oauth2PermissionGrants"]

    def assignments(self):
        return self.data["appRoleAssignments"]

    def scope_values(self, sp):
        return {s["value"].lower() for s in sp.get("oauth2PermissionScopes", [])}

    def create_grant(self, body):
        """POST /oauth2PermissionGrants (Graph): both service principals must
        exist, each scope must be one the resource publishes, a second
        AllPrincipals grant for the same client and resource is a conflict."""
        client, resource = self.sp_by_id(body.get("clientId")), self.sp_by_id(body.get("resourceId"))
        if client is None or resource is None:
            graph_error(400, "Bad Request", "clientId and resourceId must be service principals in this tenant")
        consent = body.get("consentType")
        if consent not in ("AllPrincipals", "Principal"):
            graph_error(400, "Bad Request", "consentType must be AllPrincipals or Principal")
        if (consent == "Principal") != bool(body.get("principalId")):
            graph_error(400, "Bad Request", "principalId is required for Principal grants only")
        unknown = [s for s in body.get("scope", "").split() if s.lower() not in self.scope_values(resource)]
        if unknown:
            graph_error(400, "Bad Request", "unknown scopes for this resource: " + " ".join(unknown))
        for g in self.grants():
            if (g["clientId"], g["resourceId"], g["consentType"], g.get("principalId")) == (
                body["clientId"], body["resourceId"], consent, body.get("principalId")):
                graph_error(409, "Conflict", "Permission entry already exists.")
        grant = {
            "id": new_id(),
            "clientId": body["clientId"],
            "consentType": consent,
            "principalId": body.get("principalId"),
            "resourceId": body["resourceId"],
            "scope": body.get("scope", ""),
        }
        self.grants().append(grant)
        return grant


def load():
    with open(STATE) as f:
        return json.load(f)


def save(state):
    tmp = STATE + ".tmp"
    with open(tmp, "w") as f:
        # dumps, not dump: json.dump streams through the pure-Python encoder
        # (about 20 ms per tenant), dumps uses the C one.
        f.write(json.dumps(state))
    os.replace(tmp, STATE)


# ---------------------------------------------------------------- commands


def cloud_set(state, args):
    opts = parse(args, ["--name", "-n"])
    name = opts.get("--name", opts.get("-n"))
    if name not in CLOUD_ENDPOINTS:
        raise Fail("The cloud '{}' is not registered.".format(name))
    state["cloud"] = name


def login(state, args):
    # The old script's `az login --tenant T --allow-no-subscriptions`: the
    # account can sign in to the tenants of the fake's state only.
    opts = parse(args, ["--tenant", "-t"], switches=["--allow-no-subscriptions"])
    wanted = opts.get("--tenant", opts.get("-t", "")).lower()
    for tid, t in state["tenants"].items():
        if wanted == tid.lower() or wanted in [d.lower() for d in t["domains"]]:
            if t["azCloud"] != state["cloud"]:
                raise Fail("AADSTS90002: Tenant '{}' not found.".format(wanted))
            state["signedIn"] = tid
            return
    raise Fail("AADSTS90002: Tenant '{}' not found.".format(wanted))


def account_show(state, args):
    opts = parse(args, ["--query", "-o", "--output"])
    tenant = Tenant(state)
    output({
        "environmentName": state["cloud"],
        "tenantId": state["signedIn"],
        "tenantDefaultDomain": tenant.data["domains"][0],
        "user": {"name": "admin@" + tenant.data["domains"][0], "type": "user"},
    }, opts)


def sp_show(state, args):
    # show_service_principal
    opts = parse(args, ["--id", "--query", "-o", "--output"])
    output(Tenant(state).resolve_sp(opts["--id"]), opts)


def sp_create(state, args):
    # _create_service_principal: the appId of the app registration found by
    # appId (else the identifier as is), then POST /servicePrincipals.
    opts = parse(args, ["--id", "--query", "-o", "--output"])
    tenant = Tenant(state)
    app_id = opts["--id"]
    if any(s["appId"] == app_id for s in tenant.sps()):
        graph_error(409, "Conflict", "The service principal name {} is already in use.".format(app_id))
    if not any(a["appId"] == app_id for a in tenant.data["applications"]):
        graph_error(400, "Bad Request", "The appId '{}' of the service principal does not reference a valid application object.".format(app_id))
    sp = {"id": new_id(), "appId": app_id, "servicePrincipalNames": [app_id],
          "appRoles": [], "oauth2PermissionScopes": [], "accountEnabled": True}
    tenant.sps().append(sp)
    output(sp, opts)


def permission_list(state, args):
    # list_permissions: the application's requiredResourceAccess
    opts = parse(args, ["--id", "--query", "-o", "--output"])
    output(Tenant(state).app(opts["--id"])["requiredResourceAccess"], opts)


def permission_add(state, args):
    # add_permission: appends the pairs to the API's resourceAccess list
    # without looking at what is there (duplicates stay), then PATCHes.
    opts = parse(args, ["--id", "--api"], multi=["--api-permissions"])
    app = Tenant(state).app(opts["--id"])
    access = []
    for e in opts["--api-permissions"]:
        try:
            access_id, access_type = e.split("=")
        except ValueError:
            raise Fail("Usage error: Please provide both permission id and type", 2)
        access.append({"id": access_id, "type": access_type})
    existing = next((e for e in app["requiredResourceAccess"] if e["resourceAppId"] == opts["--api"]), None)
    if existing:
        existing["resourceAccess"] += access
    else:
        app["requiredResourceAccess"].append({"resourceAppId": opts["--api"], "resourceAccess": access})
    sys.stderr.write("WARNING: Invoking `az ad app permission grant --id {} --api {}` is needed to make the change effective\n".format(opts["--id"], opts["--api"]))


def permission_list_grants(state, args):
    # list_permission_grants -> _get_grant_permissions: filtered on the
    # client only (clientId eq '<sp>'), every consent type and resource.
    opts = parse(args, ["--id", "--query", "-o", "--output"])
    tenant = Tenant(state)
    client = tenant.resolve_sp(opts["--id"])
    output([g for g in tenant.grants() if g["clientId"] == client["id"]], opts)


def permission_grant(state, args):
    # grant_application: deletes EVERY grant of the client on the resource,
    # whatever its consent type ("TODO: Filtering with clientId and
    # resourceId removes too many", azure-cli issue 20974), then creates one.
    opts = parse(args, ["--id", "--api", "--consent-type", "--principal-id", "--query", "-o", "--output"], multi=["--scope"])
    tenant = Tenant(state)
    client = tenant.resolve_sp(opts["--id"])
    resource = tenant.resolve_sp(opts["--api"])
    tenant.data["oauth2PermissionGrants"] = [
        g for g in tenant.grants() if not (g["clientId"] == client["id"] and g["resourceId"] == resource["id"])]
    save(state)  # each DELETE is its own request: it stays when the create fails
    output(tenant.create_grant({
        "clientId": client["id"],
        "consentType": opts.get("--consent-type"),
        "principalId": opts.get("--principal-id"),
        "resourceId": resource["id"],
        "scope": " ".join(opts["--scope"]),
    }), opts)


def permission_admin_consent(state, args):
    # admin_consent: refused outside the public cloud; else a POST to
    # main.iam.ad.ext.azure.com/api/RegisteredApplications/{appId}/Consent,
    # the portal's "Grant admin consent" button: everything the
    # registration lists is consented, Delegated rows for all users and
    # Application rows as app role assignments, on every API listed.
    opts = parse(args, ["--id"])
    if state["cloud"] != "AzureCloud":
        raise Fail("This command is not yet supported on sovereign clouds")
    tenant = Tenant(state)
    app = tenant.app(opts["--id"])
    client = tenant.resolve_sp(app["appId"])
    for required in app["requiredResourceAccess"]:
        resource = tenant.resolve_sp(required["resourceAppId"])
        scopes = {s["id"]: s["value"] for s in resource.get("oauth2PermissionScopes", [])}
        names = [scopes[a["id"]] for a in required["resourceAccess"] if a["type"] == "Scope" and a["id"] in scopes]
        if names:
            grant = next((g for g in tenant.grants() if g["clientId"] == client["id"] and g["resourceId"] == resource["id"] and g["consentType"] == "AllPrincipals"), None)
            if grant is None:
                tenant.create_grant({"clientId": client["id"], "consentType": "AllPrincipals", "resourceId": resource["id"], "scope": " ".join(names)})
            else:
                have = grant["scope"].split()
                grant["scope"] = " ".join(have + [n for n in names if n.lower() not in {h.lower() for h in have}])
        roles = {r["id"] for r in resource.get("appRoles", [])}
        for a in required["resourceAccess"]:
            if a["type"] == "Role" and a["id"] in roles and not any(
                    x["principalId"] == client["id"] and x["resourceId"] == resource["id"] and x["appRoleId"] == a["id"]
                    for x in tenant.assignments()):
                tenant.assignments().append({"id": new_id(), "principalId": client["id"], "principalType": "ServicePrincipal",
                                             "resourceId": resource["id"], "appRoleId": a["id"]})


# ---------------------------------------------------------------- az rest


def rest(state, args):
    """send_raw_request: a URL on one of the cloud's endpoints gets a token
    for that endpoint; any other https URL gets a token only with
    --resource, else a warning and no Authorization header (Graph: 401)."""
    opts = parse(args, ["--method", "-m", "--uri", "--url", "-u", "--body", "-b", "--resource", "--query", "-o", "--output"])
    method = opts.get("--method", opts.get("-m", "get")).upper()
    url = opts.get("--uri", opts.get("--url", opts.get("-u")))
    if url is None:
        raise Fail("the following arguments are required: --uri/--url/-u", 2)
    body = opts.get("--body", opts.get("-b"))
    resource = opts.get("--resource")
    if resource is None:
        resource = next((e for e in CLOUD_ENDPOINTS[state["cloud"]] if url.lower().startswith(e.lower())), None)
        if resource is None:
            sys.stderr.write("WARNING: Can't derive appropriate Azure AD resource from --url to acquire an access token. "
                             "If access token is required, use --resource to specify the resource\n")
    import urllib.parse

    tenant = Tenant(state)
    parts = urllib.parse.urlsplit(url)
    origin = "{}://{}".format(parts.scheme, parts.netloc).lower()
    if origin != tenant.data["graphHost"].lower():
        unsupported("URL outside the tenant's Microsoft Graph ({}): {}".format(tenant.data["graphHost"], url))
    if resource is None or resource.rstrip("/").lower() != origin:
        graph_error(401, "Unauthorized", "Access token is empty or its audience is not " + origin)
    data = None
    if body is not None:
        if method == "GET":
            unsupported("a body on GET")
        try:
            data = json.loads(body)
        except ValueError:
            graph_error(400, "Bad Request", "Invalid JSON body")
    query = urllib.parse.parse_qs(parts.query)
    path = [urllib.parse.unquote(p) for p in parts.path.split("/") if p]
    if path[:1] != ["v1.0"]:
        unsupported("Graph version in " + url)
    result = route(tenant, method, path[1:], query, data)
    if result is not None:
        output(result, opts)


def odata_filter(query):
    """The $filter forms the scripts use: `clientId eq '<id>'`, optionally
    `and consentType eq '<type>'` / `and resourceId eq '<id>'`."""
    text = query.get("$filter", [None])[0]
    if text is None:
        return {}
    out = {}
    for clause in text.split(" and "):
        field, op, value = (clause.split(" ", 2) + ["", ""])[:3]
        if field not in ("clientId", "consentType", "resourceId") or op != "eq" or not (value.startswith("'") and value.endswith("'")):
            unsupported("$filter " + text)
        out[field] = value[1:-1]
    return out


def route(tenant, method, path, query, data):
    unknown_query = set(query) - {"$filter"}
    if unknown_query:
        unsupported("query options " + ", ".join(sorted(unknown_query)))
    if path == ["organization"] and method == "GET":
        return {"value": [{"id": tenant.state["signedIn"],
                           "verifiedDomains": [{"name": d} for d in tenant.data["domains"]]}]}
    if path == ["oauth2PermissionGrants"]:
        if method == "GET":
            wanted = odata_filter(query)
            if not wanted:
                unsupported("listing every grant without $filter")
            return {"value": [g for g in tenant.grants() if all(g.get(k) == v for k, v in wanted.items())]}
        if method == "POST":
            return tenant.create_grant(data or {})
    if len(path) == 2 and path[0] == "oauth2PermissionGrants" and method == "PATCH":
        grant = next((g for g in tenant.grants() if g["id"] == path[1]), None)
        if grant is None:
            graph_error(404, "Not Found", "Resource '{}' does not exist.".format(path[1]))
        if set(data or {}) != {"scope"}:
            unsupported("PATCH of grant fields other than scope")
        resource = tenant.sp_by_id(grant["resourceId"])
        unknown = [s for s in data["scope"].split() if s.lower() not in tenant.scope_values(resource)]
        if unknown:
            graph_error(400, "Bad Request", "unknown scopes for this resource: " + " ".join(unknown))
        grant["scope"] = data["scope"]
        return None  # 204 No Content
    if len(path) == 3 and path[0] == "servicePrincipals":
        sp = tenant.sp_by_id(path[1])
        if sp is None:
            graph_error(404, "Not Found", "Resource '{}' does not exist.".format(path[1]))
        if path[2] == "appRoleAssignments" and method == "GET":
            return {"value": [a for a in tenant.assignments() if a["principalId"] == sp["id"]]}
        if path[2] == "appRoleAssignedTo" and method == "GET":
            return {"value": [a for a in tenant.assignments() if a["resourceId"] == sp["id"]]}
        if path[2] == "appRoleAssignedTo" and method == "POST":
            return assign(tenant, sp, data or {})
    unsupported("{} /v1.0/{}".format(method, "/".join(path)))


def assign(tenant, resource, body):
    """POST /servicePrincipals/{resource}/appRoleAssignedTo (Graph): the
    body's resourceId must be the URL's id, the role one of the resource's
    app roles, the principal a service principal, and the pair new."""
    if body.get("resourceId") != resource["id"]:
        graph_error(400, "Bad Request", "The resourceId in the body does not match the id in the URL.")
    principal = tenant.sp_by_id(body.get("principalId"))
    if principal is None:
        graph_error(404, "Not Found", "Resource '{}' does not exist.".format(body.get("principalId")))
    if body.get("appRoleId") not in {r["id"] for r in resource.get("appRoles", [])}:
        graph_error(400, "Bad Request", "Permission being assigned was not found on application")
    for a in tenant.assignments():
        if (a["principalId"], a["resourceId"], a["appRoleId"]) == (principal["id"], resource["id"], body["appRoleId"]):
            graph_error(400, "Bad Request", "Permission being assigned already exists on the object")
    assignment = {"id": new_id(), "principalId": principal["id"], "principalType": "ServicePrincipal",
                  "resourceId": resource["id"], "appRoleId": body["appRoleId"]}
    tenant.assignments().append(assignment)
    return assignment


COMMANDS = {
    ("cloud", "set"): cloud_set,
    ("login",): login,
    ("account", "show"): account_show,
    ("ad", "sp", "show"): sp_show,
    ("ad", "sp", "create"): sp_create,
    ("ad", "app", "permission", "list"): permission_list,
    ("ad", "app", "permission", "add"): permission_add,
    ("ad", "app", "permission", "list-grants"): permission_list_grants,
    ("ad", "app", "permission", "grant"): permission_grant,
    ("ad", "app", "permission", "admin-consent"): permission_admin_consent,
    ("rest",): rest,
}


def main(argv):
    state = load()
    state.setdefault("calls", []).append(argv)
    save(state)
    for words, handler in sorted(COMMANDS.items(), key=lambda c: -len(c[0])):
        if tuple(argv[:len(words)]) == words:
            try:
                handler(state, argv[len(words):])
            except Fail as err:
                sys.stderr.write("ERROR: {}\n".format(err))
                return err.code
            save(state)
            return 0
    sys.stderr.write("ERROR: fake az: not implemented: az {}\n".format(" ".join(argv)))
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
