"""Run the README's pandas snippet in a release folder; report what pandas read, as JSON.

Usage: pandas_read.py SNIPPET_FILE RELEASE_DIR

The snippet defines `package` (datapackage.json) and `read_table(name)`;
this script reads every table resource with it and prints, per table, the
columns, their dtypes and every value (dates as YYYY-MM-DD, missing values
as null), for the test to compare with the CSV and the schema.
"""
import json
import os
import sys

import pandas as pd

snippet_file, release = sys.argv[1], sys.argv[2]
with open(snippet_file, encoding='utf-8') as f:
    snippet = f.read()
os.chdir(release)
scope = {}
exec(compile(snippet, 'README pandas snippet', 'exec'), scope)


def plain(v):
    if isinstance(v, list):
        return v
    if v is pd.NA or v is pd.NaT or (isinstance(v, float) and v != v):
        return None
    if isinstance(v, (pd.Timestamp, pd.Period)):
        return v.strftime('%Y-%m-%d')
    if hasattr(v, 'item'):  # numpy scalars
        return v.item()
    return v


report = {'pandas': pd.__version__, 'tables': {}}
for resource in scope['package']['resources']:
    if resource.get('type') != 'table':
        continue
    df = scope['read_table'](resource['name'])
    report['tables'][resource['name']] = {
        'columns': list(df.columns),
        'dtypes': {c: str(t) for c, t in df.dtypes.items()},
        'categories': {c: list(df[c].cat.categories) for c in df.columns if str(df[c].dtype) == 'category'},
        'rows': [[plain(v) for v in row] for row in df.itertuples(index=False, name=None)],
    }
json.dump(report, sys.stdout, ensure_ascii=False)
