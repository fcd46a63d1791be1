#!/usr/bin/env python3
"""What a user might write instead of Jointly: read the database, render one statement page with Jinja2.

usage: jinja_page.py DB SLUG OUT.html
"""
import sqlite3
import sys

import jinja2

TEMPLATE = """<!DOCTYPE html>
<html lang="{{ s.language }}">
<head><meta charset="utf-8"><title>{{ s.title }}</title><link rel="stylesheet" href="../style.css"></head>
<body>
<main id="main"><h1>{{ s.title }}</h1>
<p class="meta">{{ s.date }} · {{ s.issuer }}</p>
<div class="body">{{ body }}</div>
<h2>Demands</h2>
{% for a in addressees %}<h3>To {{ a.name }}</h3><ul>{% for d in a.demands %}<li>{{ d }}</li>{% endfor %}</ul>
{% endfor %}
<h2>Signatories</h2>
<p>{{ count }} organisations</p>
<ul class="signatories">
{% for o in signatories %}<li class="signatory">{% if o.website %}<a href="{{ o.website }}">{{ o.name }}</a>{% else %}{{ o.name }}{% endif %}{% if o.short %} ({{ o.short }}){% endif %}{% if o.country %}<span class="country">, {{ o.country }}</span>{% endif %}</li>
{% endfor %}</ul>
</main></body></html>
"""

db_path, slug, out = sys.argv[1:4]
db = sqlite3.connect(db_path)
db.row_factory = sqlite3.Row
s = db.execute("SELECT * FROM statement WHERE slug = ?", (slug,)).fetchone()
version = db.execute("SELECT * FROM statementVersion WHERE statementId = ? AND language = ? ORDER BY number DESC LIMIT 1", (s["id"], s["language"])).fetchone()
addressees = {}
for row in db.execute("""SELECT a.name, t.text FROM demand d JOIN demandText t ON t.demandId = d.id AND t.versionId = ?
                         JOIN addressee a ON a.id = d.addresseeId WHERE d.statementId = ? ORDER BY d.position""", (version["id"], s["id"])):
    addressees.setdefault(row["name"], []).append(row["text"])
rows = db.execute("""SELECT o.name, o.sortName, o.shortName AS short, o.country, o.website FROM signature g
                     JOIN organisation o ON o.id = g.organisationId
                     WHERE g.statementId = ? AND g.status = 'verified' AND g.unnamed = 0""", (s["id"],)).fetchall()
signatories = sorted(rows, key=lambda r: r["sortName"].casefold())
env = jinja2.Environment(autoescape=True)
html = env.from_string(TEMPLATE).render(
    s=s, body=version["body"], addressees=[{"name": k, "demands": v} for k, v in addressees.items()],
    count=len(signatories), signatories=signatories)
with open(out, "w", encoding="utf-8") as f:
    f.write(html)
