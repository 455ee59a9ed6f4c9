#!/bin/bash
# Every formatter in one run over the sample collection (files -> text -> stats -> the
# test-only "annotate" extractor, which adds entities, quotes, keywords, a summary, a language
# and a date): each output is read back by the tool its users would use.
. "$(dirname "$0")/common.sh"

cat > "$WORK/all.chain" <<CHAIN
fetch "files"   { paths = { "$SAMPLES" } }
parse "text"    { }
extract "stats" { }
extract "annotate" { }
format "json"   { output = "$WORK/out.jsonl" }
format "json:array" { output = "$WORK/out.json" lines = false pretty = true }
format "json:some" { output = "$WORK/some.jsonl" fields = { "id", "headline=title", "stats.words", "people=annotations[entity].attrs.canonical" } }
format "csv"    { output = "$WORK/out.csv"
                  fields = { "id", "title", "authors", "published", "language", "words=stats.words",
                             "entities=annotations[entity].attrs.canonical", "speakers=annotations[quote].attrs.speaker",
                             "keywords=keywords.phrase", "sources", "text" } }
format "csv:tsv" { output = "$WORK/out.tsv" delimiter = "\t" fields = { "id", "title", "text" } }
format "markdown" { output = "$WORK/out.md" }
format "markdown:files" { output = "$WORK/md" per-article = true }
format "html"   { output = "$WORK/report.html" title = "Sample <collection> & co" }
format "sqlite" { output = "$WORK/out.db" batch = 5 }
format "elasticsearch" { output = "$WORK/bulk.ndjson" index = "news" }
CHAIN

expect_status 0 "every formatter in one run" -- env NEWSFLOW_PLUGIN_PATH="$TESTS_PLUGINS" "$NEWSFLOW" -q -j 2 -c "$WORK/all.chain"
expect_grep "$WORK/err" "^read 24, written 24, dropped 0, failed 0$" "all 24 articles written"
ls -A "$WORK" | grep -q '\.partial-' && fail "a temporary .partial file was left" || pass "no temporary file left"

python3 - "$WORK" <<'PY' && pass "json: JSON Lines, array mode and fields" || fail "json outputs"
import json, sys
work = sys.argv[1]
lines = [json.loads(l) for l in open(f"{work}/out.jsonl", encoding="utf-8")]
assert len(lines) == 24, len(lines)
array = json.load(open(f"{work}/out.json", encoding="utf-8"))
assert isinstance(array, list) and [a["id"] for a in array] == [a["id"] for a in lines]
assert array == lines
some = [json.loads(l) for l in open(f"{work}/some.jsonl", encoding="utf-8")]
assert list(some[0]) == ["id", "headline", "stats.words", "people"], list(some[0])
assert some[0]["headline"] == lines[0]["title"] and some[0]["stats.words"] == lines[0]["stats"]["words"]
assert some[0]["people"] == [a["attrs"]["canonical"] for a in lines[0]["annotations"] if a["type"] == "entity"]
assert some[0]["people"], "the annotate extractor found entities"
PY
if command -v jq >/dev/null; then
  [ "$(jq -s length "$WORK/out.jsonl")" = 24 ] && [ "$(jq length "$WORK/out.json")" = 24 ] \
    && pass "jq reads both JSON forms" || fail "jq cannot read the JSON"
fi

python3 - "$WORK" <<'PY' && pass "csv: Python's csv module reads 24 rows with the right cells; TSV too" || fail "csv output"
import csv, json, sys
work = sys.argv[1]
articles = [json.loads(l) for l in open(f"{work}/out.jsonl", encoding="utf-8")]
with open(f"{work}/out.csv", newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
assert rows[0] == ["id", "title", "authors", "published", "language", "words", "entities", "speakers",
                   "keywords", "sources", "text"], rows[0]
rows = rows[1:]
assert len(rows) == 24, len(rows)
for row, a in zip(rows, articles):
    assert row[0] == a["id"] and row[1] == a["title"], (row[:2], a["title"])
    assert row[2] == "; ".join(a["authors"])
    assert row[5] == str(a["stats"]["words"])
    assert row[6] == "; ".join(x["attrs"]["canonical"] for x in a["annotations"] if x["type"] == "entity")
    assert row[8] == "; ".join(k["phrase"] for k in a["keywords"])
    assert row[10] == a["text"], "multi-line text with quotes survives RFC 4180 quoting"
with open(f"{work}/out.tsv", newline="", encoding="utf-8") as f:
    tsv = list(csv.reader(f, delimiter="\t"))
assert len(tsv) == 25 and tsv[0] == ["id", "title", "text"] and tsv[1][2] == articles[0]["text"]
PY

python3 - "$WORK" <<'PY' && pass "elasticsearch: the bulk file is action line + document, each valid JSON" || fail "bulk output"
import json, sys
work = sys.argv[1]
lines = open(f"{work}/bulk.ndjson", encoding="utf-8").read().split("\n")
assert lines[-1] == "", "ends with a newline, as _bulk requires"
docs = [json.loads(l) for l in lines[:-1]]
assert len(docs) == 48, len(docs)
for action, doc in zip(docs[0::2], docs[1::2]):
    assert action == {"index": {"_index": "news", "_id": doc["id"]}}, action
    assert doc["title"] and "annotations" in doc
PY

python3 - "$WORK" <<'PY' && pass "sqlite: tables, FTS5 and the documented example queries answer" || fail "sqlite output"
import json, sqlite3, sys
work = sys.argv[1]
articles = [json.loads(l) for l in open(f"{work}/out.jsonl", encoding="utf-8")]
db = sqlite3.connect(f"{work}/out.db")
db.execute("PRAGMA foreign_keys = ON")
assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 24
assert db.execute("PRAGMA foreign_key_check").fetchall() == []
quotes = sum(1 for a in articles for x in a["annotations"] if x["type"] == "quote")
mentions = sum(1 for a in articles for x in a["annotations"] if x["type"] == "entity")
assert db.execute("SELECT count(*) FROM quotes").fetchone()[0] == quotes > 0
assert db.execute("SELECT count(*) FROM mentions").fetchone()[0] == mentions > 0
assert db.execute("SELECT count(*) FROM keywords").fetchone()[0] == sum(len(a["keywords"]) for a in articles)
assert db.execute("SELECT count(*) FROM sources").fetchone()[0] == sum(len(a.get("sources", [])) for a in articles)
assert db.execute("SELECT count(*) FROM annotations WHERE type = 'dateline'").fetchone()[0] == 20
row = db.execute("SELECT title, authors, language, summary, json_extract(fields, '$.stats.words') FROM articles WHERE id = ?",
                 (articles[0]["id"],)).fetchone()
assert row == (articles[0]["title"], json.dumps(articles[0]["authors"]), articles[0]["language"],
               articles[0]["summary"], articles[0]["stats"]["words"]), row
# The man page's example queries (newsflow.chain(5)), as written there.
speaker = "Andriy Melnychenko"
by_speaker = db.execute("""
    SELECT a.published, a.title, q.text
    FROM quotes q JOIN articles a ON a.id = q.article_id
    WHERE q.speaker = :speaker
    ORDER BY a.published""", {"speaker": speaker}).fetchall()
expected = [x["text"] for a in articles for x in a["annotations"] if x["type"] == "quote" and x["attrs"].get("speaker") == speaker]
assert [r[2] for r in by_speaker] == expected and expected, by_speaker
# "In the last week": the man page uses 'now'; the sample dates are fixed, so 'now' is the 24th.
week = """
    SELECT DISTINCT a.id, a.published, a.title
    FROM articles a
    JOIN mentions m ON m.article_id = a.id
    JOIN entities e ON e.id = m.entity_id
    WHERE e.name = :name AND julianday(a.published) >= julianday(:now, '-7 days')
    ORDER BY a.published DESC"""
def mentioning(name, since):
    return sorted(a["id"] for a in articles if a["published"] >= since
                  and any(x["type"] == "entity" and x["attrs"]["canonical"] == name for x in a["annotations"]))
for name in ("European Commission", "Kyiv", "Berlin"):
    got = sorted(r[0] for r in db.execute(week, {"name": name, "now": "2026-11-24T12:00:00Z"}))
    assert got == mentioning(name, "2026-11-17T12:00:00Z"), (name, got)
assert db.execute(week, {"name": "European Commission", "now": "2026-11-10T00:00:00Z"}).fetchall(), "mentions in the first week"
fts = db.execute("""
    SELECT a.title FROM articles_fts f JOIN articles a ON a.key = f.rowid
    WHERE articles_fts MATCH 'grain' ORDER BY rank""").fetchall()
assert any("grain corridor" in t for (t,) in fts), fts
# The default tokenizer stems English: "evacuate" finds the typhoon story's "evacuated".
stemmed = db.execute("""
    SELECT a.title FROM articles_fts f JOIN articles a ON a.key = f.rowid
    WHERE articles_fts MATCH 'evacuate'""").fetchall()
assert any("typhoon" in t for (t,) in stemmed), stemmed
PY

python3 - "$WORK" <<'PY' && pass "markdown: one document and 24 files with headline, quotes, entities, keywords" || fail "markdown output"
import json, os, sys
work = sys.argv[1]
articles = [json.loads(l) for l in open(f"{work}/out.jsonl", encoding="utf-8")]
doc = open(f"{work}/out.md", encoding="utf-8").read()
assert doc.count("\n---\n") == 23, doc.count("\n---\n")
files = sorted(os.listdir(f"{work}/md"))
assert len(files) == 24 and files[0] == "01-kyiv-grain-corridor.md", files[:3]
first = open(f"{work}/md/{files[0]}", encoding="utf-8").read()
assert first.startswith("# " + articles[0]["title"] + "\n")
for section in ("## Quotes", "## Entities", "## Keywords", "## Sources", "**Summary:**", "Andriy Melnychenko"):
    assert section in first, section
PY

python3 - "$WORK" <<'PY' && pass "html: well-formed, self-contained, escaped, every title and chart present" || fail "html report"
import html, html.parser, json, re, sys
work = sys.argv[1]
articles = [json.loads(l) for l in open(f"{work}/out.jsonl", encoding="utf-8")]
page = open(f"{work}/report.html", encoding="utf-8").read()
class Check(html.parser.HTMLParser):
    void = {"meta", "br", "img", "rect", "input", "link"}
    def __init__(self):
        super().__init__(); self.stack = []; self.text = []
    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            assert not (name in ("src", "href") and value and not value.startswith("#")), (tag, name, value)
        if tag not in self.void: self.stack.append(tag)
    def handle_startendtag(self, tag, attrs): pass
    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, (tag, self.stack[-5:])
        self.stack.pop()
    def handle_data(self, data): self.text.append(data)
c = Check(); c.feed(page); c.close()
assert c.stack == [], c.stack
assert "<script" not in page and "@import" not in page and "url(" not in page
assert "Sample &lt;collection&gt; &amp; co" in page
text = "".join(c.text)
for a in articles:
    assert a["title"] in text, a["title"]
assert page.count("<article ") == 24 and page.count("<svg ") == 6
assert 'class="ent"' in page and 'class="q"' in page and 'class="who"' in page
PY
# The man page's CSV example lists each article's entities once (entities.name, from
# extract "entities"), not once per mention.
printf 'fetch "files" { }\nparse "text" { }\nextract "entities" { }\nformat "csv" { fields = { "id", "entities=entities.name" } }\n' > "$WORK/csv-doc.chain"
"$NEWSFLOW" -q -c "$WORK/csv-doc.chain" "$SAMPLES" > "$WORK/entities.csv" 2>/dev/null
python3 - "$WORK/entities.csv" <<'PY' && pass "csv example: distinct entities per article" || fail "csv example entities"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))[1:]
assert len(rows) == 24
cells = [r[1].split("; ") for r in rows if r[1]]
assert len(cells) >= 20, len(cells)
assert all(len(c) == len(set(c)) for c in cells), [c for c in cells if len(c) != len(set(c))][:1]
PY
finish
