#!/usr/bin/env python3
"""Check a downloaded copy of this release, with the Python standard library only.

    python3 verify.py [RELEASE_DIR]

1. Every file named in SHA256SUMS exists and has that SHA-256, and no file is
   left out of it.
2. Every resource of datapackage.json has the size and hash it declares, and
   every CSV has as many rows as the package says where it says.
3. Every span of every CSV row re-slices to its evidence: the text of
   sources/<source_id>.txt from span_start to span_end, in Unicode code
   points, end-exclusive (Python's text[start:end]); likewise each further
   span (span_a_start, span_a_end, evidence_a, ...).

Prints what it checked; exits 1 on any difference, 0 when all agree.
"""
import csv
import hashlib
import json
import os
import re
import sys

csv.field_size_limit(2**31 - 1)


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def main(argv):
    root = os.path.abspath(argv[1] if len(argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
    problems = []

    def problem(msg):
        problems.append(msg)
        print("FAIL " + msg)

    # 1. SHA256SUMS
    sums_path = os.path.join(root, "SHA256SUMS")
    listed = {}
    if not os.path.exists(sums_path):
        problem("SHA256SUMS is missing")
    else:
        with open(sums_path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                m = re.match(r"^([0-9a-f]{64})  (.+)\n?$", line)
                if not m:
                    problem("SHA256SUMS line %d is not '<sha256>  <file>'" % n)
                    continue
                listed[m.group(2)] = m.group(1)
    for name, want in sorted(listed.items()):
        full = os.path.join(root, *name.split("/"))
        if not os.path.isfile(full):
            problem("%s is listed in SHA256SUMS but missing" % name)
        elif sha256(full) != want:
            problem("%s does not have the SHA-256 that SHA256SUMS gives" % name)
    present = set()
    for d, _, files in os.walk(root):
        for fn in files:
            present.add(os.path.relpath(os.path.join(d, fn), root).replace(os.sep, "/"))
    for name in sorted(present - set(listed) - {"SHA256SUMS"}):
        if name.startswith("__pycache__/"):
            continue
        problem("%s is not listed in SHA256SUMS" % name)
    print("checked %d files against SHA256SUMS" % len(listed))

    # 2. datapackage.json
    resources = []
    dp_path = os.path.join(root, "datapackage.json")
    if os.path.exists(dp_path):
        with open(dp_path, encoding="utf-8") as f:
            resources = json.load(f).get("resources", [])
    else:
        problem("datapackage.json is missing")
    for r in resources:
        full = os.path.join(root, r["path"])
        if not os.path.isfile(full):
            problem("%s is a resource of datapackage.json but missing" % r["path"])
            continue
        if "bytes" in r and os.path.getsize(full) != r["bytes"]:
            problem("%s has %d bytes, datapackage.json says %d" % (r["path"], os.path.getsize(full), r["bytes"]))
        if "hash" in r and r["hash"] != "sha256:" + sha256(full):
            problem("%s does not have the hash datapackage.json gives" % r["path"])
    print("checked %d resources of datapackage.json (size and hash)" % len(resources))

    # 3. spans
    texts = {}
    spans = rows = 0
    for r in resources:
        if r.get("format") != "csv" or not os.path.isfile(os.path.join(root, r["path"])):
            continue
        with open(os.path.join(root, r["path"]), encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            cols = reader.fieldnames or []
            triples = [("span_start", "span_end", "evidence")]
            for c in cols:
                m = re.match(r"^span_(\w+)_start$", c)
                if m and "span_%s_end" % m.group(1) in cols and "evidence_%s" % m.group(1) in cols:
                    triples.append((c, "span_%s_end" % m.group(1), "evidence_%s" % m.group(1)))
            for n, row in enumerate(reader, 2):
                rows += 1
                sid = row.get("source_id")
                if not sid:
                    continue
                if sid not in texts:
                    p = os.path.join(root, "sources", sid + ".txt")
                    texts[sid] = open(p, encoding="utf-8", newline="").read() if os.path.isfile(p) else None
                    if texts[sid] is None:
                        problem("sources/%s.txt is missing" % sid)
                text = texts[sid]
                for a, b, e in triples:
                    if a not in row or row[a] == "":
                        continue
                    spans += 1
                    if text is None:
                        continue
                    got = text[int(row[a]):int(row[b])]
                    if got != row[e]:
                        problem("%s line %d: %s[%s:%s] is %r, evidence is %r" % (r["path"], n, sid, row[a], row[b], got[:60], row[e][:60]))
    print("re-sliced %d spans of %d rows against %d source texts" % (spans, rows, len(texts)))

    if problems:
        print("%d difference(s): this copy does not match its release" % len(problems))
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
