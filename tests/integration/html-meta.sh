#!/bin/bash
# parse "html" run by the real binary on the pages of tests/data/meta: the publication date
# from JSON-LD, from visible text in the page's language and from the URL alone, never from
# an embedded tweet, comments or related lists, and none on a page without one; bylines
# split and cleaned, the site's name refused as author; titles without the site's name; an
# instant in UTC on the day after the page's own keeps the page's day as published_local; a
# page updated and republished has the day its header shows when dateModified confirms it;
# an <aside class="meta"> holds the article's date, read day first on a British page
# (og:locale en_GB); a date element filled by script from data-timestamp.
. "$(dirname "$0")/common.sh"

DATA="$SOURCE/tests/data/meta"
cat > "$WORK/meta.chain" <<'CHAIN'
fetch "files" { }
parse "html" { min-length = 0 }
format "json" { output = "-" }
CHAIN

expect_status 0 "pages with dates in markup, text and URL parse" -- "$NEWSFLOW" -j 2 -c "$WORK/meta.chain" "$DATA"
python3 - "$WORK/out" <<'PY' && pass "dates, bylines and titles as the pages give them" || fail "metadata"
import json, sys
arts = {a["source"].rsplit("/", 1)[1]: a for a in map(json.loads, open(sys.argv[1], encoding="utf-8"))}
assert len(arts) == 10, sorted(arts)

a = arts["jsonld-and-tweet.html"]
# The page's own day and offset; the instant in UTC is the next day.  Not the tweet's date.
assert a["published_local"] == "2024-03-10T23:30:00+01:00", a
assert a["published"] == "2024-03-10T22:30:00Z", a["published"]
assert a["published_from"] == "json-ld", a
assert a["authors"] == ["Maria Okafor", "Tom Lindqvist"], a["authors"]
assert a["title"] == "Harbour ferry gets a new timetable", a["title"]

a = arts["german-text-date.html"]
assert a["published_local"] == "2012-05-31T15:06:00", a      # 31. Mai 2012, no zone given
assert a["published_from"] == "text", a
assert a["authors"] == ["Jana Muster", "Max Beispiel"], a["authors"]   # not the commenter
assert a["title"] == "Neue Radwege am Fluss", a["title"]

a = arts["url-only.html"]
assert a["published_local"] == "2019-08-16" and a.get("published") is None, a   # a day, never midnight UTC
assert a["published_from"] == "url", a
assert a["title"] == "Library opens on Sundays", a["title"]

a = arts["utc-next-day.html"]
# The instant in UTC is the next day; the page's day is the URL's.  The author by @id (the page
# shows the name at its end: a name only the metadata gives is no byline).
assert a["published"] == "2020-02-25T02:25:54Z", a
assert a["published_local"] == "2020-02-24", a
assert a["authors"] == ["Rosa Delgado"], a["authors"]

a = arts["no-date.html"]
assert a.get("published") is None and "published_local" not in a, a
assert not a.get("authors"), a

a = arts["us-numeric.html"]
assert a["published_local"] == "2020-06-07T15:06:00-05:00", a
assert a["authors"] == ["Ann Lee", "Bo Kim"], a["authors"]

a = arts["asctime-date.html"]
# The time between the day and the year (asctime, date(1)), split over two spans; not the
# comment's later date in the same form.
assert a["published_local"] == "2021-01-04T09:34:00", a
assert a["published_from"] == "text", a

a = arts["updated-header.html"]
# The metadata keeps the first publication (16 March); the header shows the update's day,
# which article:modified_time names too: the day the page states.
assert a["published_local"] == "2021-03-20T15:00:00", a
assert a["published_from"] == "text", a

a = arts["aside-meta-british.html"]
# The date in the article's facts box beside the text, day first (og:locale en_GB); not the
# bare meta date (a later change), not the sidebar's.
assert a["published_local"] == "2020-07-06", a
assert a["published_from"] == "text", a

a = arts["data-timestamp.html"]
# The byline's date element keeps the instant in data-timestamp; not the menu's or the
# sharing widget's stamps.
assert a["published"] == "2020-06-07T15:06:00Z", a
assert a["published_from"] == "time", a
PY
finish
