#!/usr/bin/env python3
"""Checks that names show in an HTML document as text, never as markup.

Usage: text_nodes.py HTML_FILE NAMES_JSON

Parses the document with html5lib (a real HTML5 parser, as a browser would) and checks,
for each name, that some element's text node equals the name (or holds it between
separators such as ", "), that no <script>, <img>, <iframe> or event-handler attribute
came from the names, and that no link points to javascript:. Prints one line per problem
and exits 1 if there is any.
"""
import json
import sys

import html5lib


def main() -> int:
    html_path, names_path = sys.argv[1], sys.argv[2]
    with open(html_path, "rb") as f:
        # Decoded here: a fragment (cmark-gfm output) has no <meta charset> to go by.
        document = html5lib.parse(f.read().decode("utf-8"), namespaceHTMLElements=False)
    with open(names_path, encoding="utf-8") as f:
        names = json.load(f)
    texts = []
    problems = []
    for element in document.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in ("script", "img", "iframe", "object", "embed"):
            problems.append(f"a <{tag}> element is in the document")
        for attribute, value in element.attrib.items():
            if attribute.lower().startswith("on"):
                problems.append(f"an event handler attribute {attribute}={value!r}")
            if attribute in ("href", "src") and value.strip().lower().startswith(("javascript:", "data:")):
                problems.append(f"a {attribute} pointing to {value!r}")
        if element.text:
            texts.append(element.text)
        if element.tail:
            texts.append(element.tail)
    everything = "\n".join(texts)
    for name in names:
        if not any(name == text.strip() or name in text for text in texts):
            problems.append(f"{name!r} is not one text node (found: {everything.count(name[:8])} partial matches)")
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
