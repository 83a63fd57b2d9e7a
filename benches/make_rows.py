#!/usr/bin/env python3
"""Rows for benches/versus_fzf.sh, made from the real built-in catalog.

    python3 benches/make_rows.py BIN OUTDIR [ROWS]

Writes OUTDIR/real.tsv (the 1,519 rows as fzf gets them: name, type,
description), OUTDIR/session.json (a last session with all of them in the
basket), and OUTDIR/big.json + OUTDIR/big.tsv: ROWS rows (default
100,000), the real rows repeated with a number after the resource
(`Mail7.Send`), each with its own GUID, so the texts stay Graph-like.
"""
import json, os, subprocess, sys

bin_, out = sys.argv[1], sys.argv[2]
rows = int(sys.argv[3]) if len(sys.argv) > 3 else 100_000
env = dict(os.environ)
real = json.loads(subprocess.run([bin_, "list", "--format", "json"], check=True,
                                 capture_output=True, env=env).stdout)


def tsv(perms):
    return "".join(f"{p['name']}\t{p['type']}\t{p['description']}\n" for p in perms)


with open(os.path.join(out, "real.tsv"), "w") as f:
    f.write(tsv(real))
with open(os.path.join(out, "session.json"), "w") as f:
    basket = [{"name": p["name"], "type": p["type"]} for p in real]
    json.dump({"mode": "Delegated", "style": "short", "basket": basket}, f)
big, copy = [], 0
while len(big) < rows:
    for p in real:
        if len(big) == rows:
            break
        head, _, rest = p["name"].partition(".")
        name = f"{head}{copy}.{rest}" if copy and rest else (f"{head}{copy}" if copy else head if not rest else p["name"])
        n = len(big)
        big.append({
            "name": name, "type": p["type"], "description": p["description"],
            "admin_consent": p["admin_consent"], "intrexx": None,
            "id": f"{n:08x}-0000-4000-8000-{n:012x}",
        })
    copy += 1
with open(os.path.join(out, "big.json"), "w") as f:
    json.dump({"name": f"generated {rows}", "permissions": big}, f)
with open(os.path.join(out, "big.tsv"), "w") as f:
    f.write(tsv(big))
