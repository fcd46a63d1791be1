#!/usr/bin/env python3
"""Times `jointly import` and `jointly export` against sqlite3 and sqlite-utils.

Run by `make bench` (10k and 100k rows; 1M too with BENCH_FULL=1). Writes bench/results.md.
Each tool reads the same generated CSV into a fresh database:
  - jointly import SLUG FILE --verified (organisations, signatures, endorsements, contacts, indexes)
  - sqlite3's .import into one flat table: the floor, it checks nothing
  - sqlite3 writing the same rows into Jointly's own tables (INSERT ... SELECT, all in C): the
    schema's floor, what any importer must pay for four tables, their CHECKs, indexes and foreign keys
  - sqlite-utils insert --csv (its command line)
  - sqlite-utils' Python API, insert_all inside one transaction (db.atomic())
and `jointly export SLUG --format csv` against `sqlite3 -csv` running the equivalent query.
Times are wall-clock, best of BENCH_REPEAT runs (default 3; 1 for 1M rows); peak memory
(maximum resident set size) comes from /usr/bin/time -v.
"""
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "bench")
DATA = os.path.join(BENCH, "data")
JOINTLY = os.path.join(ROOT, ".build", "release", "jointly")
VENV = os.path.join(BENCH, ".venv")
SLUG = "russia-telegram-2018"
EXPORT_QUERY = """
SELECT o.name AS org, o.shortName AS "short-name", o.country, o.website, o.kind,
       (SELECT group_concat(d.key, ',') FROM endorsement e JOIN demand d ON d.id = e.demandId
        WHERE e.signatureId = g.id) AS demands,
       g.signedAt AS "signed-at", g.status, CASE g.unnamed WHEN 1 THEN 'true' ELSE 'false' END AS unnamed,
       CASE g.onBehalf WHEN 1 THEN 'true' ELSE 'false' END AS "on-behalf"
FROM signature g JOIN organisation o ON o.id = g.organisationId
WHERE +g.statementId = 1 AND g.status IN ('verified', 'pending') AND g.unnamed = 0 ORDER BY g.id;
"""
# The same rows written into Jointly's own tables by sqlite3 itself, in C, with no parsing,
# validation or normalisation at all: the floor of the schema (four tables, their CHECKs,
# seven indexes, and the foreign keys Jointly enforces as every GRDB connection does; measured
# here they add about a fifth). It starts with the flat `.import`, then one INSERT … SELECT per table.
SCHEMA_FLOOR = """
.mode csv
.import '{source}' s
PRAGMA foreign_keys = ON;
BEGIN;
INSERT INTO importBatch (id, statementId, fileName, rowCount, actor, createdAt) VALUES (1000, 1, 'floor', 0, 'bench', 'x');
INSERT OR IGNORE INTO organisation (id, name, sortName, country, website, kind, normalizedName, createdAt, batchId)
  SELECT rowid, org, org, CASE WHEN length(country) = 2 THEN country END,
         CASE WHEN website LIKE 'http://_%' OR website LIKE 'https://_%' THEN website END, nullif(kind, ''), lower(org),
         '2026-01-01T00:00:00Z', 1000 FROM s;
INSERT INTO signature (id, statementId, organisationId, versionId, status, person, personTitle, signedAt, source, batchId,
                       verifiedAt, createdAt, updatedAt)
  SELECT o.id, 1, o.id, 1, 'verified', nullif(s.person, ''), nullif(s.title, ''), s."signed-at", 'import', 1000,
         '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'
  FROM organisation o JOIN s ON s.rowid = o.id WHERE o.batchId = 1000;
INSERT INTO endorsement (signatureId, demandId)
  SELECT DISTINCT g.id, d.id FROM signature g JOIN s ON s.rowid = g.id
  JOIN json_each('["' || replace(s.demands, ',', '","') || '"]') j JOIN demand d ON d.key = j.value AND d.statementId = 1
  WHERE g.batchId = 1000;
INSERT INTO contact (organisationId, signatureId, email, createdAt, batchId)
  SELECT g.organisationId, g.id, s.email, '2026-01-01T00:00:00Z', 1000 FROM signature g JOIN s ON s.rowid = g.id
  WHERE s.email LIKE '_%@_%' AND g.batchId = 1000;
COMMIT;
DROP TABLE s;
"""
# The same floor filled the way a bulk load would (and Jointly's import does past 20,000 new
# organisations): the organisation_identity index dropped, the rows deduplicated by a GROUP BY,
# and the index built once before the commit.
SCHEMA_FLOOR_BULK = SCHEMA_FLOOR.replace("BEGIN;", "BEGIN;\nDROP INDEX organisation_identity;").replace(
    "INSERT OR IGNORE INTO organisation", "INSERT INTO organisation").replace(
    "'2026-01-01T00:00:00Z', 1000 FROM s;",
    "'2026-01-01T00:00:00Z', 1000 FROM s\n  WHERE rowid IN (SELECT min(rowid) FROM s GROUP BY lower(org), "
    "CASE WHEN length(country) = 2 THEN country END);", 1).replace(
    "COMMIT;", "CREATE UNIQUE INDEX organisation_identity ON organisation(normalizedName, ifnull(country, ''));\nCOMMIT;")
assert SCHEMA_FLOOR_BULK.count("DROP INDEX") == 1 and SCHEMA_FLOOR_BULK.count("GROUP BY lower(org)") == 1
# The least any importer of this schema pays: the same floor with foreign keys off and a rollback
# journal instead of WAL (which writes every new page twice: to the log, then at the checkpoint).
# Jointly keeps both, so this row bounds what dropping them could ever win.
SCHEMA_FLOOR_LEAN = "PRAGMA journal_mode = DELETE;\n" + SCHEMA_FLOOR.replace("PRAGMA foreign_keys = ON;", "PRAGMA foreign_keys = OFF;")
assert SCHEMA_FLOOR_LEAN.count("foreign_keys = OFF") == 1
# One table of the four: the lean floor writing only the organisations (their CHECKs and the
# identity index), to show what a single table of this shape costs against the flat one.
SCHEMA_FLOOR_ORGANISATIONS = SCHEMA_FLOOR_LEAN[:SCHEMA_FLOOR_LEAN.index("INSERT INTO signature")] + "COMMIT;\nDROP TABLE s;\n"
assert SCHEMA_FLOOR_ORGANISATIONS.count("INSERT OR IGNORE INTO organisation") == 1

# Jointly's columns with nothing that keeps them right: the same four tables without a CHECK,
# a foreign key or a secondary index, the organisations' identity index built once at the end,
# in WAL as Jointly writes. What bare B-trees of these rows cost, before any reading or checking.
SCHEMA_FLOOR_BARE = """
.mode csv
.import '{source}' s
BEGIN;
CREATE TABLE o (id INTEGER PRIMARY KEY, name, sortName, shortName, country, website, kind, normalizedName, createdAt, batchId);
CREATE TABLE g (id INTEGER PRIMARY KEY, statementId, organisationId, versionId, status, person, personTitle, onBehalf, unnamed,
                signedAt, source, batchId, verifiedAt, createdAt, updatedAt);
CREATE TABLE e (signatureId, demandId, PRIMARY KEY (signatureId, demandId)) WITHOUT ROWID;
CREATE TABLE c (id INTEGER PRIMARY KEY, organisationId, signatureId, email, createdAt, batchId);
INSERT INTO o (id, name, sortName, country, website, kind, normalizedName, createdAt, batchId)
  SELECT rowid, org, org, nullif(country, ''), nullif(website, ''), nullif(kind, ''), lower(org), '2026-01-01T00:00:00Z', 1000
  FROM s WHERE rowid IN (SELECT min(rowid) FROM s GROUP BY lower(org), country);
INSERT INTO g SELECT o.id, 1, o.id, 1, 'verified', nullif(s.person, ''), nullif(s.title, ''), 1, 0, s."signed-at", 'import', 1000,
                     '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM o JOIN s ON s.rowid = o.id;
INSERT INTO e SELECT DISTINCT g.id, d.id FROM g JOIN s ON s.rowid = g.id
  JOIN json_each('["' || replace(s.demands, ',', '","') || '"]') j JOIN demand d ON d.key = j.value AND d.statementId = 1;
INSERT INTO c (organisationId, signatureId, email, createdAt, batchId)
  SELECT g.organisationId, g.id, s.email, '2026-01-01T00:00:00Z', 1000 FROM g JOIN s ON s.rowid = g.id WHERE s.email <> '';
CREATE UNIQUE INDEX o_identity ON o(normalizedName, ifnull(country, ''));
COMMIT;
DROP TABLE s;
"""

PY_API = """
import csv, sys
from sqlite_utils import Database
db = Database(sys.argv[1])
with open(sys.argv[2], newline="", encoding="utf-8") as handle:
    with db.atomic():
        db["signatories"].insert_all(csv.DictReader(handle), batch_size=1000)
"""


def run(command, cwd=None, stdout=subprocess.DEVNULL, stdin=None):
    """Runs `command` under /usr/bin/time -v; returns (seconds, peak MB)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as timing:
        start = time.perf_counter()
        result = subprocess.run(["/usr/bin/time", "-v", "-o", timing.name] + command, cwd=cwd, stdin=stdin,
                                stdout=stdout, stderr=subprocess.PIPE, text=True)
        seconds = time.perf_counter() - start
        if result.returncode != 0:
            sys.exit(f"failed: {' '.join(command)}\n{result.stderr}")
        peak = 0.0
        for line in timing.read().splitlines():
            if "Maximum resident set size" in line:
                peak = int(line.split(":")[1]) / 1024
        return seconds, peak


def best(times):
    return min(times, key=lambda t: t[0])


def fresh_jointly(folder):
    db = os.path.join(folder, "jointly.sqlite")
    subprocess.run([JOINTLY, "init", "--db", db], cwd=folder, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    subprocess.run([JOINTLY, "statement", "add", f"statements/{SLUG}.md", "--db", db], cwd=folder, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return db


def floor(work, prefix, script, repeat):
    """Best time of sqlite3 running `script` against a fresh Jointly database, `repeat` times."""
    path = os.path.join(work, f"{prefix}.sql")
    with open(path, "w") as handle:
        handle.write(script)
    samples = []
    for attempt in range(repeat):
        folder = os.path.join(work, f"{prefix}{attempt}")
        os.makedirs(folder)
        db = fresh_jointly(folder)
        with open(path) as sql:
            samples.append(run(["sqlite3", "-bail", db], stdin=sql))
    return best(samples)


def measure(rows, repeat):
    source = os.path.join(DATA, f"signatories-{rows}.csv")
    if not os.path.exists(source):
        os.makedirs(DATA, exist_ok=True)
        subprocess.run([sys.executable, os.path.join(BENCH, "generate.py"), str(rows), source], check=True)
    results = {}
    work = tempfile.mkdtemp(prefix="jointly-bench-")
    try:
        samples = []
        for attempt in range(repeat):
            folder = os.path.join(work, f"j{attempt}")
            os.makedirs(folder)
            db = fresh_jointly(folder)
            samples.append(run([JOINTLY, "import", SLUG, source, "--verified", "--db", db], cwd=folder))
        results["jointly import"] = best(samples)
        export_db = db
        samples = []
        for attempt in range(repeat):
            db = os.path.join(work, f"s{attempt}.sqlite")
            samples.append(run(["sqlite3", db, "-cmd", ".mode csv", f".import {source} signatories"]))
        results["sqlite3 .import"] = best(samples)
        for name, script, prefix in (("sqlite3 into Jointly's tables (schema floor)", SCHEMA_FLOOR, "f"),
                                     ("sqlite3 into Jointly's tables, identity index built at the end",
                                      SCHEMA_FLOOR_BULK, "b"),
                                     ("sqlite3 into Jointly's tables, no foreign keys, rollback journal", SCHEMA_FLOOR_LEAN, "l"),
                                     ("sqlite3 into Jointly's organisation table only, as the line above", SCHEMA_FLOOR_ORGANISATIONS, "o"),
                                     ("sqlite3 into bare tables of Jointly's columns (no CHECK, foreign key or secondary index)",
                                      SCHEMA_FLOOR_BARE, "n")):
            results[name] = floor(work, prefix, script.format(source=source), repeat)
        utils = os.path.join(VENV, "bin", "sqlite-utils")
        samples = []
        for attempt in range(repeat):
            db = os.path.join(work, f"u{attempt}.sqlite")
            samples.append(run([utils, "insert", db, "signatories", source, "--csv"]))
        results["sqlite-utils insert --csv"] = best(samples)
        samples = []
        script = os.path.join(work, "api.py")
        with open(script, "w") as handle:
            handle.write(PY_API)
        for attempt in range(repeat):
            db = os.path.join(work, f"p{attempt}.sqlite")
            samples.append(run([os.path.join(VENV, "bin", "python"), script, db, source]))
        results["sqlite-utils Python API, one transaction"] = best(samples)
        out = os.path.join(work, "export.csv")
        results["jointly export --format csv"] = best(
            [run([JOINTLY, "export", SLUG, "--format", "csv", "--output", out, "--db", export_db]) for _ in range(repeat)])
        with open(os.path.join(work, "query.csv"), "w") as sink:
            results["sqlite3 -csv, equivalent query"] = best(
                [run(["sqlite3", "-csv", "-header", export_db, EXPORT_QUERY], stdout=sink) for _ in range(repeat)])
        # The weekly case: the whole form sheet downloaded again, every row already signed.
        results["jointly import of the same file again (every row a duplicate)"] = best(
            [run([JOINTLY, "import", SLUG, source, "--verified", "--db", export_db], cwd=os.path.dirname(export_db))
             for _ in range(repeat)])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return results


def main():
    sizes = [10_000, 100_000] + ([1_000_000] if os.environ.get("BENCH_FULL") == "1" else [])
    if len(sys.argv) > 1:
        sizes = [int(size) for size in sys.argv[1:]]
    repeat_default = int(os.environ.get("BENCH_REPEAT", "3"))
    lines = ["# Benchmark results", "",
             f"Machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}; "
             f"{subprocess.run(['sqlite3', '--version'], capture_output=True, text=True).stdout.split()[0]} sqlite3. "
             "Reproduce with `make bench` (add `BENCH_FULL=1` for 1M rows).", ""]
    for rows in sizes:
        repeat = 1 if rows >= 1_000_000 else repeat_default
        print(f"{rows} rows…", file=sys.stderr)
        results = measure(rows, repeat)
        floor = results["sqlite3 .import"][0]
        api = results["sqlite-utils Python API, one transaction"][0]
        query = results["sqlite3 -csv, equivalent query"][0]
        lines += [f"## {rows:,} rows (best of {repeat})", "",
                  "| tool | seconds | rows/s | peak MB |", "| --- | ---: | ---: | ---: |"]
        for name, (seconds, peak) in results.items():
            lines.append(f"| {name} | {seconds:.2f} | {rows / seconds:,.0f} | {peak:.0f} |")
        jointly = results["jointly import"][0]
        schema = results["sqlite3 into Jointly's tables (schema floor)"][0]
        bulk = results["sqlite3 into Jointly's tables, identity index built at the end"][0]
        lean = results["sqlite3 into Jointly's tables, no foreign keys, rollback journal"][0]
        organisations = results["sqlite3 into Jointly's organisation table only, as the line above"][0]
        bare = results["sqlite3 into bare tables of Jointly's columns (no CHECK, foreign key or secondary index)"][0]
        lines += ["",
                  f"- schema floor: sqlite3 writing the same rows into Jointly's tables takes {schema / floor:.2f}× "
                  f"its flat `.import`; Jointly's import is {jointly / schema:.2f}× that floor",
                  f"- the same with the identity index built at the end, as a bulk load would: {bulk / floor:.2f}× "
                  f"the flat `.import`; Jointly's import is {jointly / bulk:.2f}× that",
                  f"- the least this schema costs (foreign keys off, rollback journal): {lean / floor:.2f}× the flat "
                  f"`.import`, so no importer writing these tables meets the 3× target; Jointly's import is {jointly / lean:.2f}× that",
                  f"- one table of the four, the organisations alone, written the same way: {organisations / floor:.2f}× the flat `.import`",
                  f"- bare tables of the same columns, nothing checked or indexed but the identity: {bare / floor:.2f}× the flat "
                  f"`.import` (that includes the flat `.import` itself, which the bare floor starts from)",
                  f"- import: {jointly / floor:.2f}× the `sqlite3 .import` time (target ≤ 3×); "
                  + (f"{api / jointly:.2f}× faster than" if jointly <= api else f"{jointly / api:.2f}× slower than")
                  + " sqlite-utils' Python API in one transaction (target: faster); "
                  f"peak {results['jointly import'][1]:.0f} MB (target < 150 MB)",
                  f"- export: {results['jointly export --format csv'][0] / query:.2f}× `sqlite3 -csv` (target ≤ 1.5×)",
                  f"- re-import of the same file, every row skipped as already signed: "
                  f"{results['jointly import of the same file again (every row a duplicate)'][0] / jointly:.2f}× the fresh import", ""]
        print("\n".join(lines[-(len(results) + 12):]), file=sys.stderr)
    with open(os.path.join(BENCH, "results.md"), "w") as handle:
        handle.write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
