"""Run the README's rdflib snippet in a release folder; report the triples of each graph, as JSON.

Usage: rdflib_count.py SNIPPET_FILE RELEASE_DIR

The snippet parses every JSON-LD file into `graphs` (file name -> Graph) and
prints; its printed lines are passed on under "printed", and each graph's
size under "triples", for the test to compare with jsonld.js.
"""
import contextlib
import io
import json
import os
import sys

import rdflib

snippet_file, release = sys.argv[1], sys.argv[2]
with open(snippet_file, encoding='utf-8') as f:
    snippet = f.read()
os.chdir(release)
scope = {}
printed = io.StringIO()
with contextlib.redirect_stdout(printed):
    exec(compile(snippet, 'README rdflib snippet', 'exec'), scope)
report = {
    'rdflib': rdflib.__version__,
    'printed': printed.getvalue(),
    'triples': {name: len(g) for name, g in scope['graphs'].items()},
    'base': {name: os.path.abspath(name) for name in scope['graphs']},
}
json.dump(report, sys.stdout, ensure_ascii=False)
