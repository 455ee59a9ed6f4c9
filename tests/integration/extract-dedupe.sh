#!/bin/bash
# extract "dedupe" over the samples plus planted near-duplicates (a word changed, a paragraph
# dropped): the same fingerprints, duplicate_of and drops with -j 1 and -j 4, and the tally
# counts the dropped copies.
. "$(dirname "$0")/common.sh"

mkdir "$WORK/in"
cp "$SAMPLES"/*.txt "$WORK/in/"
# z-*.txt sort after the originals, so the copies come later in the input.
sed 's/Thursday/Friday/' "$SAMPLES/03-brussels-budget-talks.txt" > "$WORK/in/z-1-brussels-copy.txt"
sed '5d' "$SAMPLES/13-ottawa-supreme-court-privacy.txt" > "$WORK/in/z-2-ottawa-trimmed.txt"
cp "$SAMPLES/20-london-nhs-waiting-lists.txt" "$WORK/in/z-3-london-exact.txt"

for drop in false true; do
  cat > "$WORK/dedupe.chain" <<CHAIN
fetch "files" { paths = { "$WORK/in" } }
parse "text" { }
extract "stats" { }
extract "dedupe" { drop = $drop }
extract "summary" { }
format "json" { output = "-" }
CHAIN
  for j in 1 4; do
    expect_status 0 "dedupe drop=$drop -j $j" -- "$NEWSFLOW" -c "$WORK/dedupe.chain" -j $j
    cp "$WORK/out" "$WORK/out-$drop-$j"; cp "$WORK/err" "$WORK/err-$drop-$j"
  done
  if cmp -s "$WORK/out-$drop-1" "$WORK/out-$drop-4"; then pass "drop=$drop: -j 1 and -j 4 identical"; else fail "drop=$drop: -j 1 and -j 4 differ"; fi
done
expect_grep "$WORK/err-false-4" "^read 27, written 27, dropped 0, failed 0$" "marking keeps all 27"
expect_grep "$WORK/err-true-1" "^read 27, written 24, dropped 3 \(duplicate: 3\), failed 0$" "drop=true -j 1 drops the 3 copies"
expect_grep "$WORK/err-true-4" "^read 27, written 24, dropped 3 \(duplicate: 3\), failed 0$" "drop=true -j 4 drops the 3 copies"
python3 - "$WORK/out-false-1" <<'PY' && pass "each copy names its original" || fail "duplicate_of"
import json, sys
arts = {a["source"].rsplit("/", 1)[1]: a for a in map(json.loads, open(sys.argv[1], encoding="utf-8"))}
ids = {name: a["id"] for name, a in arts.items()}
want = {"z-1-brussels-copy.txt": "03-brussels-budget-talks.txt", "z-2-ottawa-trimmed.txt": "13-ottawa-supreme-court-privacy.txt",
        "z-3-london-exact.txt": "20-london-nhs-waiting-lists.txt"}
for name, a in arts.items():
    assert len(a["fingerprint"]) == 16, name
    if name in want:
        assert a.get("duplicate_of") == ids[want[name]], (name, a.get("duplicate_of"))
    else:
        assert "duplicate_of" not in a, (name, a.get("duplicate_of"))
PY
finish
