# Bytes on disk per table and per index of the local D1 database that a run filled (the
# scale arithmetic of DEPLOY.md). `cargo xtask load` runs it on its own database after the
# load; by hand: python3 tests/load/d1_bytes.py .mestring/state/load [out.json]
#
# wrangler dev keeps D1 as one SQLite file under the state folder
# (v3/d1/miniflare-D1DatabaseObject/<hash>.sqlite, with its -wal). It is copied first, so
# the measurement never writes to the run's own files; SQLite's `dbstat` virtual table then
# gives the pages of every table and index (whole pages, free space in them included, as
# the database file holds them and as D1 counts its size).
import json
import pathlib
import shutil
import sqlite3
import sys
import tempfile


def database(state: pathlib.Path) -> pathlib.Path:
    folder = state / 'v3' / 'd1' / 'miniflare-D1DatabaseObject'
    files = [f for f in folder.glob('*.sqlite') if f.name != 'metadata.sqlite']
    if len(files) != 1:
        sys.exit(f'd1_bytes: expected one D1 database in {folder}, found {len(files)}')
    return files[0]


def measure(path: pathlib.Path) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        copy = pathlib.Path(tmp) / 'd1.sqlite'
        shutil.copy(path, copy)
        wal = path.with_name(path.name + '-wal')
        if wal.exists():
            shutil.copy(wal, copy.with_name(copy.name + '-wal'))
        db = sqlite3.connect(copy)
        page_size = db.execute('PRAGMA page_size').fetchone()[0]
        pages = db.execute('PRAGMA page_count').fetchone()[0]
        objects = db.execute(
            "SELECT name, tbl_name, type FROM sqlite_schema WHERE type IN ('table', 'index') "
            "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%'"
        ).fetchall()
        size = dict(db.execute('SELECT name, SUM(pgsize) FROM dbstat GROUP BY name').fetchall())
        tables = {}
        for name, table, kind in objects:
            if kind == 'table':
                rows = db.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0]
                tables.setdefault(name, {'rows': 0, 'table_bytes': 0, 'index_bytes': 0, 'indexes': {}})
                tables[name]['rows'] = rows
                tables[name]['table_bytes'] = size.get(name, 0)
        # Indexes, named or made by SQLite for a UNIQUE or PRIMARY KEY constraint.
        for name, nbytes in size.items():
            row = db.execute('SELECT tbl_name, type FROM sqlite_schema WHERE name = ?', (name,)).fetchone()
            if row and row[1] == 'index' and row[0] in tables:
                tables[row[0]]['indexes'][name] = nbytes
                tables[row[0]]['index_bytes'] += nbytes
        db.close()
    for t in tables.values():
        t['bytes'] = t['table_bytes'] + t['index_bytes']
        t['bytes_per_row'] = round(t['bytes'] / t['rows']) if t['rows'] else None
    return {'page_size': page_size, 'file_bytes': page_size * pages, 'tables': tables}


def main() -> None:
    state = pathlib.Path(sys.argv[1])
    report = measure(database(state))
    print(f"D1 database: {report['file_bytes']:,} bytes ({report['page_size']}-byte pages)")
    print(f"{'table':<24}{'rows':>9}{'table B':>12}{'indexes B':>12}{'B/row':>8}")
    for name, t in sorted(report['tables'].items(), key=lambda kv: -kv[1]['bytes']):
        if t['bytes'] == 0:
            continue
        per = t['bytes_per_row'] if t['bytes_per_row'] is not None else '-'
        print(f"{name:<24}{t['rows']:>9,}{t['table_bytes']:>12,}{t['index_bytes']:>12,}{per:>8}")
    if len(sys.argv) > 2:
        pathlib.Path(sys.argv[2]).write_text(json.dumps(report, indent=2) + '\n')


if __name__ == '__main__':
    main()
