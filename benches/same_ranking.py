#!/usr/bin/env python3
"""Prints every ranking of a large query corpus, so two builds can be compared
byte for byte (a search change that should not change results, issue 26):

    python3 benches/same_ranking.py BINARY > before.txt   # then after.txt; diff

The corpus is made from the project's own data: the query sets under
tests/search, the vocabulary, every permission name of the built-in catalog
(whole, lowercased, by segment, cut short, with a letter dropped or two
swapped, dotted prefixes), the commonest description words alone and in
pairs, and API calls from the permissions map the binary embeds (`api`).
Each query runs through `list --query` in both modes, with the built-in
catalog, and with CATALOG (optional second argument, an export) imported.
"""
import collections
import concurrent.futures
import glob
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(binary, args):
    out = subprocess.run([binary, *args], capture_output=True, text=True)
    return f"{out.returncode}\n{out.stdout}{out.stderr}"


def corpus(binary):
    queries = []
    for path in sorted(glob.glob(os.path.join(ROOT, "tests/search/*.tsv"))):
        queries += [l.split("\t")[0] for l in open(path).read().splitlines()[1:]]
    vocab = os.path.join(ROOT, "src/filter/vocabulary.tsv")
    queries += [l.split("\t")[0] for l in open(vocab).read().splitlines() if l.strip()]
    rows = run(binary, ["--catalog", "builtin", "list", "--format", "tsv"]).splitlines()[2:]
    names = sorted({r.split("\t")[0] for r in rows})
    descriptions = [r.split("\t")[5] for r in rows]
    for name in names:
        low = name.lower()
        queries += [name, low, low[: max(3, len(low) // 2)]]
        queries += [s for s in re.split(r"[.\-_]", name) if s]
        if len(low) > 4:
            queries += [low[:1] + low[2:], low[:1] + low[2] + low[1] + low[3:]]
        if "." in name:
            queries.append(name[: name.index(".") + 3])
    words = collections.Counter(
        w for d in descriptions for w in re.findall(r"[a-z]{3,}", d.lower())
    )
    common = [w for w, _ in words.most_common(300)]
    queries += common + [f"{a} {b}" for a, b in zip(common, common[7:])]
    queries += ["GET /me/events", "/users", "POST /me/sendMail", "GET /sites/root", "/me/eve"]
    seen, unique = set(), []
    for q in queries:
        if q.strip() and q not in seen:
            seen.add(q)
            unique.append(q)
    return unique


def main():
    binary = sys.argv[1]
    catalogs = ["builtin"] + sys.argv[2:3]
    queries = corpus(binary)
    jobs = [
        (c, m, q) for c in catalogs for m in ("delegated", "application") for q in queries
    ]
    args = [
        ["--catalog", c, "list", "--format", "tsv", "--mode", m, "--query", q]
        for c, m, q in jobs
    ]
    with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 2) as pool:
        for (c, m, q), out in zip(jobs, pool.map(lambda a: run(binary, a), args)):
            print(f"### {c} {m} {q!r}\n{out}", end="")
    print(f"{len(queries)} queries, {len(jobs)} rankings", file=sys.stderr)


if __name__ == "__main__":
    main()
