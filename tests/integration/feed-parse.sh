#!/bin/bash
# fetch "feed" with follow = false: RSS 2.0, RSS 1.0 (RDF) and Atom items become articles
# with the feed's title, link, guid, date, authors and summary; malformed XML, a page that is
# not a feed and a missing file are failed items; an XXE attempt reads neither /etc/passwd
# nor the network, and an entity-expansion bomb is refused.
. "$(dirname "$0")/common.sh"
. "$(dirname "$0")/http-server.sh"

D="$FEED_DATA"
cat > "$WORK/feed.chain" <<CHAIN
fetch "feed" {
  sources = { "$D/rss2.rss", "$D/rss1.rdf", "$D/atom.atom", "$D/malformed.rss", "$D/xxe.rss",
              "$D/laughs.rss", "$D/not-a-feed.html", "$WORK/missing.rss", "$BASE/files/atom.atom",
              "$BASE/files/xxe.rss", "$BASE/files/none.rss" }
}
parse "text" { }
format "json" { output = "-" }
CHAIN
expect_status 2 "feeds with bad ones among them, -j 1" -- "$NEWSFLOW" -c "$WORK/feed.chain" -j 1
cp "$WORK/out" "$WORK/out1"
expect_grep "$WORK/err" "^read 16, written 11, dropped 0, failed 5$" "tally adds up: 16 = 11 written + 5 failed"
expect_grep "$WORK/err" "malformed.rss: fetch feed: not well-formed XML: line 3: Opening and ending tag mismatch: title line 3 and item$" "malformed XML names line and problem"
expect_grep "$WORK/err" "laughs.rss: fetch feed: not well-formed XML: .*entity" "entity expansion bomb refused"
expect_grep "$WORK/err" "not-a-feed.html: fetch feed: not an RSS 2.0, RSS 1.0 or Atom feed \(root element <html>\)$" "a page that is not a feed"
expect_grep "$WORK/err" "missing.rss: fetch feed: cannot open: No such file or directory$" "missing feed file"
expect_grep "$WORK/err" "$BASE/files/none.rss: fetch feed: $BASE/files/none.rss: HTTP 404 Not Found$" "feed URL that is not found"
if grep -q -e "root:" -e "SECRET-FROM-SERVER" "$WORK/out"; then fail "XXE: external entity content leaked"; else
  pass "XXE: neither /etc/passwd nor the server's file in the output"; fi
if grep -q "secret" "$WORK/server-log"; then fail "XXE: the parser fetched an external entity"; else
  pass "XXE: no request for the external entity reached the server"; fi
expect_grep "$WORK/server-log" "^GET /files/xxe.rss 200$" "the server log records requests"

expect_status 2 "same feeds, -j 2" -- "$NEWSFLOW" -c "$WORK/feed.chain" -j 2
if cmp -s "$WORK/out1" "$WORK/out"; then pass "output identical for -j 1 and -j 2"; else fail "output differs for -j 2"; fi

python3 - "$WORK/out1" "$D" "$BASE" <<'PY' && pass "RSS 2.0, RDF and Atom fields" || fail "feed fields"
import json, sys
d, base = sys.argv[2], sys.argv[3]
arts = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
by = {a["title"]: a for a in arts}
assert len(arts) == 11, [a["title"] for a in arts]

g = by["Grain corridor reopens"]  # RSS 2.0: escaped HTML description, RFC 822 date with zone
assert g["source"] == g["link"] == "https://news.example.org/2026/grain", g
assert g["id"] == g["guid"] == "urn:sample:grain", g
assert g["published"] == "2026-11-10T02:00:00Z", g["published"]
assert g["authors"] == ["Olena Petrenko"], g["authors"]
assert g["text"] == "Ships left Odesa at dawn.\n\nInsurers & traders welcomed it.", repr(g["text"])
assert g["summary"] == g["text"]
assert g["feed_title"] == "The Daily Sample" and g["feed_source"] == d + "/rss2.rss", g

r = by["Drought appeal launched"]  # content:encoded is the body, description the summary
assert r["link"] == "https://news.example.org/2026/drought", r["link"]  # relative to the channel link
assert r["authors"] == ["Amina Wanjiru", "Peter Otieno"], r["authors"]
assert r["published"] is None and r["published_text"] == "not a date at all", r
assert r["text"] == "The full story, first paragraph.\n\nSecond paragraph with a link.", repr(r["text"])
assert r["summary"] == "Short summary of the appeal.", r["summary"]

n = by["Item without a link"]
assert n["source"] == d + "/rss2.rss#item-3" and "link" not in n, n
assert n["text"] == "Plain text summary.\n\nSecond plain paragraph.", repr(n["text"])

b = by["Budget talks stall"]  # RSS 1.0: rdf:about is the guid, dc:date and dc:creator
assert b["guid"] == "https://rdf.example.org/a" and b["authors"] == ["Jean Dupont"], b
# published in UTC, published_local with the feed's own offset
assert b["published"] == "2026-11-20T08:30:00Z" and b["published_local"] == "2026-11-20T09:30:00+01:00", b
assert b["feed_title"] == "RDF Site Summary" and b["text"] == "Ministers failed to agree.", b
# a bare day stays a day: no instant made up
assert by["Housing plan approved"]["published"] is None and by["Housing plan approved"]["published_local"] == "2026-11-21"

atoms = [a for a in arts if a["title"] == "Heat wave grips Seville"]
assert len(atoms) == 2, "the Atom feed from a file and over HTTP"
s = atoms[0]
assert s["link"] == "https://atom.example.org/news/seville-heat", s["link"]  # xml:base
assert s["guid"] == "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a"
assert s["authors"] == ["María García", "Luis Romero"], s["authors"]
assert s["published_local"] == "2026-11-24T12:00:00-03:00" and s["published"] == "2026-11-24T15:00:00Z", s
assert s["text"] == "Seville recorded 44.5 degrees.\n\nHospitals were on alert.", repr(s["text"])
assert s["summary"] == "Temperatures passed 44 degrees."
assert s["feed_title"] == "Atom & Eve News"
assert atoms[1]["feed_source"] == base + "/files/atom.atom"
p = by["Pollution in the Rhône"]  # updated when there is no published; html content
assert p["published"] == "2026-11-23T08:00:00Z" and p["text"] == "Fish died near Lyon.", p
assert "summary" not in p

leaks = [a for a in arts if a["title"] == "Leak"]
assert len(leaks) == 2 and all(a["text"] == "Before after ." for a in leaks), leaks
assert leaks[0]["feed_title"] == "XXE attempt"
PY
finish
