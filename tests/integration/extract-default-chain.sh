#!/bin/bash
# The default chain (stats, language, keywords, summary, dates) over the 24 samples: every
# article written with its fields, the three non-English ones detected as de, es and fr.
. "$(dirname "$0")/common.sh"

expect_status 0 "default chain over the samples" -- "$NEWSFLOW" -j 2 "$SAMPLES"
expect_grep "$WORK/err" "^read 24, written 24, dropped 0, failed 0$" "tally: 24 written"
python3 - "$WORK/out" <<'PY' && pass "language, keywords, summary and dates as expected" || fail "default chain fields"
import json, sys
arts = {a["source"].rsplit("/", 1)[1]: a for a in map(json.loads, open(sys.argv[1], encoding="utf-8"))}
assert len(arts) == 24, len(arts)
langs = {name: a["language"] for name, a in arts.items()}
assert langs["04-berlin-wohnungsbau.txt"] == "de", langs
assert langs["05-sevilla-ola-de-calor.txt"] == "es", langs
assert langs["06-lyon-pollution-rhone.txt"] == "fr", langs
assert sum(1 for l in langs.values() if l == "en") == 21, langs
for name, a in arts.items():
    assert a["stats"]["words"] > 50, name
    # characters, not bytes: counted eight bytes at a time, the accented samples included
    assert a["stats"]["characters"] == len(a["text"]), (name, a["stats"], len(a["text"]))
    kw = a["keywords"]
    assert 1 <= len(kw) <= 10 and all(set(k) == {"phrase", "score"} for k in kw), (name, kw)
    assert any(" " in k["phrase"] for k in kw), (name, "no multi-word phrase", kw)
    assert a["summary"] and len(a["summary"]) < len(a["text"]), name
    sentences = [x for x in a["annotations"] if x["type"] == "summary-sentence"]
    assert 1 <= len(sentences) <= 3, name
    for x in a["annotations"]:
        if x["type"] == "date" and "value" in x["attrs"]:
            v = x["attrs"]["value"]
            assert v[:2] == "--" or v[:4].isdigit(), (name, v)
b = arts["03-brussels-budget-talks.txt"]
assert b["published_local"] == "2026-11-26", b  # the dateline's day
assert b["published_from"] == "dateline", b
dates = {b["text"].encode()[x["start"]:x["end"]].decode(): x["attrs"].get("value") for x in b["annotations"] if x["type"] == "date"}
assert dates["Thursday"] == "2026-11-26", dates
assert "Reuters" not in [k["phrase"] for k in b["keywords"]], b["keywords"]
PY
finish
