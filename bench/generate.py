#!/usr/bin/env python3
"""Writes a realistic signatory file for `jointly import` benchmarks.

Usage: generate.py ROWS OUT.csv [--seed N]

Diverse Unicode names (Latin with diacritics, Cyrillic, Greek, Arabic, CJK, Devanagari),
names with quotes, commas and leading formula characters, 1% near-duplicates of earlier
names ("Intl" for "International", "Assoc." for "Association", a trailing "Inc."), and
1-4 demands per row. Deterministic for a seed.
"""
import csv
import random
import sys

DEMANDS = ["unblock-telegram", "end-internet-attacks", "repeal-data-localisation", "repeal-vpn-ban",
           "repeal-anonymity-ban", "challenge-russia", "resist-unlawful-orders"]
COUNTRIES = ["GB", "US", "RU", "DE", "FR", "UA", "KZ", "BY", "Germany", "Russia", "United States",
             "United Kingdom", "France", "IN", "JP", "EG", "BR", "PL", "ES", "IT"]
KINDS = ["ngo", "media", "academic", "union", "company", "network", "other", ""]
WORDS = {
    "latin": ["Human", "Rights", "Watch", "Free", "Press", "Digital", "Freedom", "Open", "Society", "Media",
              "Liberty", "Voice", "Justice", "Civic", "Network", "Alliance", "Forum", "Centre", "Journalists",
              "Internet", "Privacy", "Foundation", "Association", "International", "Institute", "Coalition"],
    "diacritic": ["Société", "Liberté", "Presse", "Fundación", "Derechos", "Über", "Medienfreiheit", "Ação",
                  "Związek", "Dziennikarzy", "Çağdaş", "Gazeteciler", "Sveriges", "Øresund", "Straße"],
    "cyrillic": ["Общество", "Свобода", "Слова", "Правозащитный", "Центр", "Мемориал", "Йошкар", "Союз",
                 "Журналистов", "Интернет", "Защиты", "Права"],
    "greek": ["Ένωση", "Δημοσιογράφων", "Ελευθερία", "Τύπου"],
    "arabic": ["جمعية", "حرية", "الصحافة", "مركز", "حقوق", "الإنسان"],
    "cjk": ["自由", "新聞", "協会", "記者", "人権", "网络", "中心"],
    "devanagari": ["स्वतंत्र", "पत्रकार", "संघ", "अधिकार"],
}
SCRIPTS = ["latin"] * 10 + ["diacritic"] * 3 + ["cyrillic"] * 3 + ["greek", "arabic", "cjk", "devanagari"]
FIRST = ["Maria", "Ivan", "Olga", "John", "Aisha", "Chen", "Priya", "José", "Zoë", "Łukasz", "Анна", "Дмитрий"]
LAST = ["Ivanova", "Smith", "O'Brien", "García", "Müller", "Nowak", "Петров", "Khan", "Dubois"]


def name(rng, index):
    script = rng.choice(SCRIPTS)
    words = rng.sample(WORDS[script], k=min(len(WORDS[script]), rng.randint(2, 4)))
    sep = "" if script == "cjk" else " "
    text = sep.join(words) + f"{sep}{index}"
    roll = rng.random()
    if roll < 0.03:
        text = f'{text}, "Branch"'
    elif roll < 0.05:
        text = f"+{index} {text}"
    elif roll < 0.06:
        text = f"{text} (Ltd.)"
    return text


def near_duplicate(original):
    for long, short in (("International", "Intl"), ("Association", "Assoc."), ("Organisation", "Org.")):
        if long in original:
            return original.replace(long, short, 1)
    return original + " Inc."


def main():
    rows = int(sys.argv[1])
    out = sys.argv[2]
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 2018
    rng = random.Random(seed)
    names = []
    with open(out, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(["org", "country", "kind", "website", "person", "title", "email", "demands", "signed-at"])
        for index in range(rows):
            if names and rng.random() < 0.01:
                org = near_duplicate(rng.choice(names))
            else:
                org = name(rng, index)
                if len(names) < 10000:
                    names.append(org)
            demands = ",".join(rng.sample(DEMANDS, k=rng.randint(1, 4)))
            person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            writer.writerow([
                org, rng.choice(COUNTRIES), rng.choice(KINDS),
                f"https://example{index}.org" if rng.random() < 0.5 else "",
                person, rng.choice(["Director", "Editor-in-chief", "Chair, Board", ""]),
                f"contact{index}@example.org" if rng.random() < 0.3 else "",
                demands, f"2018-05-{rng.randint(1, 28):02d}",
            ])


if __name__ == "__main__":
    main()
