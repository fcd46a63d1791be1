#!/usr/bin/env python3
"""Fills a database made by `jointly init` + `statement add` with synthetic signatories.

usage: make_db.py DB SIGNATORIES [STATEMENTS]

With one statement, SIGNATORIES organisations sign it. With STATEMENTS > 1, the
statement file's text is copied under new slugs first (by the caller), and each statement
gets SIGNATORIES signatories drawn from a shared pool of organisations. Every statement is
marked published with two editions, as `jointly publish` will record them.
"""
import random
import sqlite3
import sys

db_path, per_statement = sys.argv[1], int(sys.argv[2])
random.seed(2018)
db = sqlite3.connect(db_path)
db.execute("PRAGMA journal_mode=WAL")
now = "2018-04-30T12:00:00Z"
kinds = ["ngo", "media", "academic", "union", "company", "network", "other"]
countries = ["GB", "US", "RU", "DE", "FR", "UA", "BY", "KZ", "LV", "PL", "NL", "SE", "JP", "BR"]
words = ["Free", "Media", "Rights", "Watch", "Union", "Centre", "Network", "Digital", "Press", "Open",
         "Society", "Institute", "Forum", "Coalition", "Défense", "Liberté", "Свобода", "Право", "Journalists", "Privacy"]

statements = db.execute("SELECT id, (SELECT max(id) FROM statementVersion v WHERE v.statementId = s.id AND v.language = s.language) FROM statement s ORDER BY id").fetchall()
pool = per_statement if len(statements) == 1 else max(per_statement * 4, 1000)

orgs = []
for i in range(pool):
    name = f"{random.choice(words)} {random.choice(words)} {random.choice(words)} {i}"
    if i % 97 == 0:
        name = f"*Bold* <script> & {i}"
    country = countries[i % len(countries)]
    orgs.append((name, name, None, country, f"https://example.org/{i}" if i % 3 == 0 else None,
                 kinds[i % len(kinds)], f"{name.lower()} {i}", now))
db.executemany("INSERT INTO organisation (name, sortName, shortName, country, website, kind, normalizedName, createdAt) VALUES (?,?,?,?,?,?,?,?)", orgs)
org_ids = [row[0] for row in db.execute("SELECT id FROM organisation ORDER BY id")]

for statement_id, version_id in statements:
    chosen = org_ids if len(statements) == 1 else random.sample(org_ids, per_statement)
    rows = []
    for n, org in enumerate(chosen):
        signed = "2018-04-30" if n % 5 else "2018-05-10"
        rows.append((statement_id, org, version_id, "verified", 1 if n % 50 == 49 else 0, signed, "cli", now, now))
    db.executemany("INSERT INTO signature (statementId, organisationId, versionId, status, unnamed, signedAt, source, createdAt, updatedAt) VALUES (?,?,?,?,?,?,?,?,?)", rows)
    db.execute("""INSERT INTO endorsement (signatureId, demandId)
                  SELECT g.id, d.id FROM signature g JOIN demand d ON d.statementId = g.statementId WHERE g.statementId = ?""", (statement_id,))
    db.execute("""INSERT INTO contact (organisationId, email, createdAt)
                  SELECT organisationId, 'secret' || organisationId || '@example.org', ? FROM signature WHERE statementId = ? AND id % 10 = 0""", (now, statement_id))
    for edition, day in ((1, "2018-04-30"), (2, "2018-05-16")):
        db.execute("""INSERT INTO publication (statementId, versionId, edition, publishedOn, signatoryCount, joined, "left", listHash, textHash, chainHead, createdAt)
                      VALUES (?, ?, ?, ?, 0, '[]', '[]', printf('%064d', 0), printf('%064d', 0), 'x', ?)""", (statement_id, version_id, edition, day, now))
db.execute("UPDATE statement SET status = 'published'")
db.commit()
