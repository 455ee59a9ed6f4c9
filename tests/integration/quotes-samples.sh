#!/bin/bash
# quotes-samples.sh: entities then quotes through the real binary on the sample articles:
# speakers resolved to full names, pronouns, multi-paragraph quotes, no titles of works.
. "$(dirname "$0")/common.sh"
cat > "$WORK/q.chain" <<CHAIN
fetch "files" { paths = { "-" } }
parse "text" { }
extract "entities" { }
extract "quotes" { }
format "json" { output = "-" }
CHAIN
expect_status 0 "entities and quotes on the samples" -- "$NEWSFLOW" -q -c "$WORK/q.chain" "$SAMPLES"
cp "$WORK/out" "$WORK/all.jsonl"
python3 - "$WORK/all.jsonl" > "$WORK/quotes" <<'PY'
import json, sys
for line in open(sys.argv[1], encoding='utf-8'):
    r = json.loads(line)
    name = r['source'].rsplit('/', 1)[-1]
    for q in r.get('quotes', []):
        print(f"{name}\t{q['speaker']}\t{q['cue']}\t{q['text']}")
PY
expect_grep "$WORK/quotes" $'^01-kyiv-grain-corridor.txt\tIryna Savchuk\tsaid\tEvery extra hour' "\"She said\" resolved to Iryna Savchuk"
expect_grep "$WORK/quotes" $'^01-kyiv-grain-corridor.txt\tMarko Lysenko\tsaid\tPremiums were the real bottleneck' "first paragraph of a two-paragraph quote attributed"
expect_grep "$WORK/quotes" $'^01-kyiv-grain-corridor.txt\tAndriy Melnychenko\tadded\tbecause there is nothing else' "second piece of a split quote"
expect_grep "$WORK/quotes" $'^24-auckland-film-festival.txt\tTama Rewiti\tsaid\tWe made this film' "surname resolved to the full name"
if grep -qE $'\t(Salt and Cinder,|The Quiet Year,|Eleven Tides.)$' "$WORK/quotes"; then
  fail "a title of a work reported as a quote"; else pass "titles of works left out"; fi
if grep -qE $'\tchip war$' "$WORK/quotes"; then
  fail "a passive naming (what is often called the \"chip war\") reported as a quote"; else pass "passive naming left out"; fi
# quotes alone (no entities): its own name rules still give full names
cat > "$WORK/q2.chain" <<CHAIN
fetch "files" { paths = { "-" } }
parse "text" { }
extract "quotes" { }
format "json" { output = "-" }
CHAIN
expect_status 0 "quotes alone" -- "$NEWSFLOW" -q -c "$WORK/q2.chain" "$SAMPLES/24-auckland-film-festival.txt"
expect_grep "$WORK/out" '"speaker":"Tama Rewiti"' "without entities, surname resolved by the fallback rules"
finish
