#!/bin/bash
# parse "html" run by the real binary on the hand-written pages of tests/data/html: metadata
# from JSON-LD/Open Graph/<meta>, a legacy charset, the body without boilerplate, link and
# heading annotations; and broken input (empty page, nesting bomb, garbage, a 20 MB page)
# giving an article or a clear failed item.
. "$(dirname "$0")/common.sh"

DATA="$SOURCE/tests/data/html"
cat > "$WORK/html.chain" <<'CHAIN'
fetch "files" { }
parse "html" { keep-links = true }
format "json" { output = "-" }
CHAIN

expect_status 0 "hand-written pages parse" -- "$NEWSFLOW" -j 2 -c "$WORK/html.chain" "$DATA"
python3 - "$WORK/out" <<'PY' && pass "metadata, body and annotations as expected" || fail "parsed pages"
import json, sys
arts = {a["source"].rsplit("/", 1)[1]: a for a in map(json.loads, open(sys.argv[1], encoding="utf-8"))}
a = arts["news-article.html"]
assert a["title"] == "Harbour bridge reopens after two-year repair", a["title"]
assert a["authors"] == ["Maria Okafor", "Tom Lindqvist"], a["authors"]
# JSON-LD's date wins over article:published_time.
# "published" is the instant in UTC, "published_local" the date with the page's own offset.
assert a["published_local"].startswith("2025-06-02T07:30:00"), a
assert a["published"] == "2025-06-02T05:30:00Z", a["published"]
assert a["modified"].startswith("2025-06-02T09:00:00"), a
assert a["language"] == "en" and a["site_name"] == "The Coastal Courier" and a["section"] == "Local", a
assert a["url"] == "https://courier.example/news/harbour-bridge-reopens", a["url"]
assert a["tags"] == ["bridges", "transport"], a["tags"]
text = a["text"]
assert text.startswith("The old harbour bridge reopened to traffic"), text
for kept in ("“It is like getting a part of the town back,”", "\n\nTraffic limits stay for now\n\n",
             "Cyclists: a new protected lane", "full engineering report"):
    assert kept in text, kept
for dropped in ("cookies", "Sport", "Share on", "Photo:", "Advertisement", "Ferry fares",
                "Finally!", "All rights reserved", "By Maria"):
    assert dropped not in text, dropped
links = [x for x in a["annotations"] if x["type"] == "link"]
assert links == [{"type": "link", "start": links[0]["start"], "end": links[0]["end"],
                  "text": "full engineering report",
                  "attrs": {"href": "https://council.example/bridge-report"}}], links
headings = [x for x in a["annotations"] if x["type"] == "heading"]
assert headings[0]["text"] == "Traffic limits stay for now" and headings[0]["attrs"]["level"] == 2, headings
l = arts["legacy-latin1.html"]
assert l["title"] == "Fête de la musique à Montréal", l["title"]
assert l["charset"] == "WINDOWS-1252", l
assert "prévoient d’ajouter une scène" in l["text"] and "« avec plaisir »" in l["text"], l["text"]
assert "Accueil" not in l["text"], l["text"]
PY

# Broken input: every item accounted for, a precise message for the failed ones.
mkdir "$WORK/bad"
: > "$WORK/bad/empty.html"
python3 - "$WORK/bad" <<'PY'
import random, sys
d = sys.argv[1]
open(f"{d}/bomb.html", "w").write("<html><body>" + "<div>" * 100000 + "<p>deep</p>" + "</div>" * 100000)
random.seed(7)
noise = bytes(random.randrange(256) for _ in range(300000))
open(f"{d}/garbage.html", "wb").write(b"<html><body><article><p>" + b"Readable words before the noise. " * 10 + noise)
para = "<p>Meeting {}: " + "the council met again and talked about the bridge, the ferry and the buses. " * 12 + "</p>\n"
with open(f"{d}/huge.html", "w") as f:
    f.write("<html><head><title>Huge page</title></head><body><article>")
    for i in range(20 * 1024 * 1024 // len(para)):
        f.write(para.format(i))
    f.write("</article></body></html>")
PY
# The 20 MB page is over the default --max-article-bytes (8 MiB): lift the
# limit so the parser itself is what handles it (cli.sh pins the limit).
expect_status 2 "broken pages: some fail, none crash" -- timeout 60 "$NEWSFLOW" -j 2 --max-article-bytes 0 -c "$WORK/html.chain" "$WORK/bad"
expect_grep "$WORK/err" "^read 4, written 2, dropped 0, failed 2$" "tally accounts for every page"
expect_grep "$WORK/err" "empty.html: parse html: empty page" "an empty page is a failed item"
expect_grep "$WORK/err" "bomb.html: parse html: elements nested more than 256 deep" "a nesting bomb is a clear failure"
python3 - "$WORK/out" <<'PY' && pass "garbage and a 20 MB page give articles" || fail "garbage or huge page"
import json, sys
arts = {a["source"].rsplit("/", 1)[1]: a for a in map(json.loads, open(sys.argv[1], encoding="utf-8"))}
assert arts["garbage.html"]["text"].startswith("Readable words before the noise."), arts["garbage.html"]["text"][:80]
assert arts["huge.html"]["title"] == "Huge page"
assert len(arts["huge.html"]["text"]) > 10_000_000, len(arts["huge.html"]["text"])
PY

# JSON-LD nested 200,000 levels deep: json-glib parses recursively and overflowed the
# worker's stack (the whole run died).  The page is parsed without it.
mkdir -p "$WORK/jsonld"
python3 - "$WORK/jsonld/deep.html" <<'PY'
import sys
body = "<p>" + "The council met on Monday to agree the budget for the coming year. " * 8 + "</p>"
open(sys.argv[1], "w").write('<html><head><title>Deep data</title><script type="application/ld+json">'
                             '{"@type": "NewsArticle", "x": ' + "[" * 200000 + "]" * 200000 + '}</script></head>'
                             '<body><article><h1>Deep data</h1>' + body + '</article></body></html>')
PY
cat > "$WORK/jsonld.chain" <<CHAIN
fetch "files" { paths = { "$WORK/jsonld" } pattern = { "*.html" } }
parse "html" { }
format "json" { output = "$WORK/jsonld.jsonl" }
CHAIN
expect_status 0 "a page with JSON-LD nested 200,000 levels deep is parsed" -- "$NEWSFLOW" -j 1 -c "$WORK/jsonld.chain"
expect_grep "$WORK/jsonld.jsonl" '"title":"Deep data"' "its article is written, title and all"
finish
