#!/bin/bash
# The example scripts shipped in etc/newsflow/lua: keywords.lua tags articles by keyword
# lists (and can drop the untagged), byline.lua normalises wire-copy bylines.
. "$(dirname "$0")/common.sh"
LUA="$SOURCE/etc/newsflow/lua"

cat > "$WORK/tags.chain" <<CHAIN
fetch "files" { }
parse "text" { }
extract "lua" {
  script = "$LUA/keywords.lua"
  args = { "agriculture=grain,harvest,farmers", "weather=drought,typhoon,monsoon", "drop-untagged" }
}
extract "lua:byline" { script = "$LUA/byline.lua" }
format "json" { output = "-" }
CHAIN
expect_status 0 "keywords and byline scripts run" -- "$NEWSFLOW" -j 3 -c "$WORK/tags.chain" "$SAMPLES"
python3 - "$WORK/out" > "$WORK/summary" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    a = json.loads(line)
    name = a["source"].rsplit("/", 1)[-1]
    kws = sorted({x["attrs"]["keyword"] for x in a["annotations"] if x["type"] == "keyword"})
    print(name, ",".join(a["tags"]), "|".join(kws), json.dumps(a["byline"], ensure_ascii=False, sort_keys=True))
PY
expect_grep "$WORK/summary" '^01-kyiv-grain-corridor.txt agriculture [^ ]*grain' "grain article tagged agriculture"
expect_grep "$WORK/summary" '^09-manila-typhoon-evacuation.txt weather [^ ]*typhoon' "typhoon article tagged weather"
expect_grep "$WORK/summary" '^17-mumbai-monsoon-drains.txt weather monsoon ' "monsoon article tagged weather"
[ "$(wc -l < "$WORK/summary")" -lt 24 ] && pass "untagged articles were dropped" || fail "drop-untagged dropped nothing"
expect_grep "$WORK/err" "dropped [1-9][0-9]* \(no keyword of the list: [1-9][0-9]*\), failed 0" "tally counts the dropped, with their reason"
expect_grep "$WORK/summary" '^01-kyiv.*\{"authors": \["Oleksandr Hnatiuk"\], "dateline": "KYIV, Ukraine", "outlet": "Reuters"\}$' \
  "byline: author, dateline and outlet"
expect_grep "$WORK/summary" '^09-manila.*\{"authors": \[\], "dateline": "MANILA, Philippines", "outlet": "Associated Press"\}$' \
  "byline: AP expanded, no author"

# Capitals, roles, "&" and an outlet of one's own.
cat > "$WORK/wire.txt" <<'TEXT'
Port strike ends
By JANE O'NEILL & John Roe, Staff Writers

HAMBURG, Germany, May 4 (DPA) — Dock workers returned on Monday.
TEXT
cat > "$WORK/byline.chain" <<CHAIN
fetch "files" { }
parse "text" { }
extract "lua" { script = "$LUA/byline.lua"  args = { "DPA=Deutsche Presse-Agentur" } }
format "json" { output = "-" }
CHAIN
expect_status 0 "byline with a custom outlet" -- "$NEWSFLOW" -c "$WORK/byline.chain" "$WORK/wire.txt"
expect_grep "$WORK/out" '"byline":\{"authors":\["Jane O'"'"'Neill","John Roe"\],"dateline":"HAMBURG, Germany","outlet":"Deutsche Presse-Agentur"\}' \
  "byline normalised: capitals, '&', role removed, custom outlet"

# After an ordered extractor, stages run on the in-order thread, which has a Lua state of
# its own (the worker contract).
cat > "$WORK/ordered.chain" <<CHAIN
fetch "files" { }
parse "text" { }
extract "ordered" { }
extract "lua" { script = "$LUA/keywords.lua"  args = { "weather=drought,typhoon,monsoon" } }
format "json" { output = "-" }
CHAIN
expect_status 0 "lua after an ordered extractor" -- env NEWSFLOW_PLUGIN_PATH="$TESTS_PLUGINS" "$NEWSFLOW" -j4 -c "$WORK/ordered.chain" "$SAMPLES"
[ "$(grep -c '"tags":\["weather"\]' "$WORK/out")" -ge 3 ] && pass "tags added on the ordering thread" || fail "no tags after ordered"

# keywords.lua refuses a configuration without keywords, at start-up.
sed 's/args = .*/args = { }/' "$WORK/tags.chain" > "$WORK/nokw.chain"
expect_status 1 "keywords.lua without keywords" -- "$NEWSFLOW" -c "$WORK/nokw.chain" "$SAMPLES"
expect_grep "$WORK/err" "keywords\.lua:[0-9]+: no keywords" "the script's own error is shown with its line"
# The tutorial's script and chain (docs/writing-plugins.md shows both in full); the script
# is found next to the chain file.
expect_status 0 "tutorial chain" -- "$NEWSFLOW" -c "$SOURCE/tests/data/lua/tutorial.chain" "$SAMPLES"
python3 - "$WORK/out" > "$WORK/tutorial" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    a = json.loads(line)
    nums = [x for x in a["annotations"] if x["type"] == "number"]
    assert all(x["text"] == x["attrs"]["value"] and x["text"][-1].isdigit() for x in nums), nums
    print(a["source"].rsplit("/", 1)[-1], a["words"], len(nums), nums[0]["text"] if nums else "-")
PY
expect_grep "$WORK/tutorial" "^01-kyiv-grain-corridor.txt [0-9]+ [1-9][0-9]* 5\.2$" "numbers marked, trailing period left out"
expect_grep "$WORK/err" "^read 24, written [0-9]+, dropped ([1-9][0-9]*) \(only N words: \1\), failed 0$" "short articles dropped, their reasons grouped"
finish
