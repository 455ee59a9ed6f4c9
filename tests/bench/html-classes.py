#!/usr/bin/env python3
"""html-classes.py: main-text scores of parse "html" per fold and per kind of page.

    html-classes.py PAGES_DIR SCORES_JSON [BASELINE_JSON]

PAGES_DIR holds <id>.html (uncompressed pages), SCORES_JSON is evaluate.py --json output.
Folds: "held-out" is every page whose numeric id is a multiple of 3 (never looked at while
tuning the extractor), "dev" the rest.  Kinds of page, from features of the HTML that are
easy to detect (a page may be of several kinds, "plain" is none of them):

  related   a related-story or recommendation block: a heading or class/id that says
            "related", "recommended", "more from", "most read/popular", "you may also like"...
  hidden    at least 200 characters of text inside hidden elements (hidden, aria-hidden=true,
            display:none, visibility:hidden) or a <template>
  noscript  a <noscript> element holding text
  tables    a table of 3+ rows with text, a definition list, or 5+ lines broken by <br>

Scores are aggregated as evaluate.py does (mean precision, mean recall, F1 of the two).
With BASELINE_JSON (an earlier run's evaluate.py --json) the F1 before is printed too.
Python 3 standard library only."""

import json
import os
import re
import statistics
import sys
from html.parser import HTMLParser

RELATED_WORDS = re.compile(
    r"related|recommended|more from|more stories|most read|most popular|most viewed|"
    r"you may also like|you might also like|read next|also read|trending|popular posts|"
    r"latest posts|recent posts|editor.s picks|don.t miss", re.I)
RELATED_CLASS = re.compile(r"related|recommend|more-stories|most-read|most-popular|mostread|popular-posts", re.I)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr"}
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


class Features(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []          # (tag, hidden, noscript, table, heading)
        self.hidden_chars = 0
        self.noscript_chars = 0
        self.template = False
        self.related = False
        self.rows = {}           # table depth id -> [rows, chars]
        self.tables = False
        self.dd = 0
        self.br_lines = 0
        self.after_br = False
        self.heading_text = ""
        self.table_id = 0

    def top(self, i):
        return self.stack[-1][i] if self.stack else False

    def handle_starttag(self, tag, attrs):
        a = dict((k, v or "") for k, v in attrs)
        if tag == "br":
            self.after_br = True
            return
        if tag in VOID:
            return
        hidden = self.top(1) or "hidden" in a or a.get("aria-hidden", "").lower() == "true" \
            or bool(HIDDEN_STYLE.search(a.get("style", "")))
        if tag == "template":
            self.template = True
        cls = a.get("class", "") + " " + a.get("id", "")
        if RELATED_CLASS.search(cls):
            self.related = True
        table = self.top(3)
        if tag == "table":
            self.table_id += 1
            table = self.table_id
            self.rows[table] = [0, 0]
        if tag == "tr" and table:
            self.rows[table][0] += 1
        if tag == "dd":
            self.dd += 1
        heading = tag in ("h1", "h2", "h3", "h4", "h5", "h6") or self.top(4)
        if heading and not self.top(4):
            self.heading_text = ""
        self.stack.append((tag, hidden, self.top(2) or tag == "noscript", table, heading))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                if self.stack[i][4] and (i == 0 or not self.stack[i - 1][4]):
                    if RELATED_WORDS.search(self.heading_text[:60]):
                        self.related = True
                t = self.stack[i][3]
                if tag == "table" and t and self.rows[t][0] >= 3 and self.rows[t][1] >= 100:
                    self.tables = True
                del self.stack[i:]
                return

    def handle_data(self, data):
        text = data.strip()
        if not text or (self.stack and self.stack[-1][0] in ("script", "style")):
            return
        n = len(text)
        if self.top(1) or self.template_open():
            self.hidden_chars += n
        if self.top(2):
            self.noscript_chars += n
        if self.top(3):
            self.rows[self.top(3)][1] += n
        if self.top(4):
            self.heading_text += " " + text
        if self.after_br:
            self.br_lines += 1
        self.after_br = False

    def template_open(self):
        return any(s[0] == "template" for s in self.stack)


def kinds(path):
    f = Features()
    with open(path, encoding="utf-8", errors="replace") as page:
        try:
            f.feed(page.read())
            f.close()
        except Exception:  # a page html.parser cannot read is "plain"
            pass
    found = []
    if f.related:
        found.append("related")
    if f.hidden_chars >= 200 or f.template:
        found.append("hidden")
    if f.noscript_chars >= 10:
        found.append("noscript")
    if f.tables or f.dd >= 2 or f.br_lines >= 5:
        found.append("tables")
    return found or ["plain"]


def aggregate(rows):
    ps = [r["precision"] for r in rows if r["precision"] is not None]
    rs = [r["recall"] for r in rows if r["recall"] is not None]
    p = statistics.mean(ps) if ps else 0.0
    r = statistics.mean(rs) if rs else 0.0
    return (2 * p * r / (p + r) if p + r else 0.0), p, r


def main():
    pages, scores = sys.argv[1], json.load(open(sys.argv[2]))["per_page"]
    base = {}
    if len(sys.argv) > 3 and os.path.exists(sys.argv[3]):
        base = {s["id"]: s for s in json.load(open(sys.argv[3]))["per_page"]}
    classes = ["related", "hidden", "noscript", "tables", "plain"]
    table = {}
    for s in scores:
        fold = "held-out" if s["id"].isdigit() and int(s["id"]) % 3 == 0 else "dev"
        path = os.path.join(pages, s["id"] + ".html")
        for kind in ["all"] + (kinds(path) if os.path.exists(path) else ["plain"]):
            table.setdefault((fold, kind), []).append(s)
    print("%-9s %-9s %5s %6s %6s %6s%s" % ("fold", "class", "pages", "F1", "P", "R",
                                           "  F1 before" if base else ""))
    for fold in ("dev", "held-out"):
        for kind in ["all"] + classes:
            rows = table.get((fold, kind), [])
            if not rows:
                continue
            f1, p, r = aggregate(rows)
            extra = ""
            if base:
                before = [base[s["id"]] for s in rows if s["id"] in base]
                extra = "  %.3f" % aggregate(before)[0] if before else ""
            print("%-9s %-9s %5d %6.3f %6.3f %6.3f%s" % (fold, kind, len(rows), f1, p, r, extra))


if __name__ == "__main__":
    main()
