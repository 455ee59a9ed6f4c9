#!/bin/bash
# quotes-fixtures.sh: entities then quotes through the real binary on the gold articles of
# tests/data/quotes (written by the project for each attribution convention), scored with
# tests/data/quotes/score.py: quotes found and speakers right (full names), per fold.  The
# held-out fold was written before the rules it measures and never tuned on; its floor only
# guards against regressions (see tests/data/quotes/README.md for the figures).
. "$(dirname "$0")/common.sh"
DATA="$SOURCE/tests/data/quotes"
score() { python3 "$DATA/score.py" "$@"; }

# the scorer itself: perfect predictions pass, missing speakers and missing quotes fail
python3 - "$DATA/dev/gold.jsonl" "$WORK" <<'PY'
import json, sys
gold, work = sys.argv[1], sys.argv[2]
with open(f'{work}/perfect.jsonl', 'w') as p, open(f'{work}/nospeaker.jsonl', 'w') as n, \
     open(f'{work}/half.jsonl', 'w') as h:
    for line in open(gold, encoding='utf-8'):
        r = json.loads(line)
        src = f"x/{r['id']}.txt"
        qs = [{'text': q['text'], 'speaker': q['speaker']} for q in r['quotes']]
        p.write(json.dumps({'source': src, 'quotes': qs}) + '\n')
        n.write(json.dumps({'source': src, 'quotes': [dict(q, speaker=None) for q in qs]}) + '\n')
        h.write(json.dumps({'source': src, 'quotes': qs[::2]}) + '\n')
PY
expect_status 0 "scorer: gold as prediction scores 1" -- score "$DATA/dev" "$WORK/perfect.jsonl" --min-f1 1 --min-speaker 1
expect_status 1 "scorer: no speakers fails the speaker floor" -- score "$DATA/dev" "$WORK/nospeaker.jsonl" --min-speaker 0.5
expect_status 1 "scorer: half the quotes fails the F1 floor" -- score "$DATA/dev" "$WORK/half.jsonl" --min-f1 0.8

# the entity scorer (--entities): the gold's names as newsflow entity annotations score 1;
# everything labelled PERSON fails the floor (places and organisations go unfound)
python3 - "$DATA/news-heldout2/entities.jsonl" "$WORK" <<'PY'
import json, sys
gold, work = sys.argv[1], sys.argv[2]
labels = {'person': 'PERSON', 'place': 'LOCATION', 'organization': 'ORGANIZATION'}
with open(f'{work}/ents.jsonl', 'w') as p, open(f'{work}/ents-person.jsonl', 'w') as q:
    for line in open(gold, encoding='utf-8'):
        r = json.loads(line)
        text, annotations = '', []
        for e in r['entities']:
            for name in [e['name']] + e['mentions']:
                start = len(text.encode())
                text += name
                annotations.append({'type': 'entity', 'start': start, 'end': len(text.encode()),
                                    'attrs': {'label': labels[e['type']], 'canonical': e['name']}})
                text += '. '
        record = {'source': f"x/{r['id']}.txt", 'text': text, 'annotations': annotations}
        p.write(json.dumps(record) + '\n')
        record['annotations'] = [dict(a, attrs=dict(a['attrs'], label='PERSON')) for a in annotations]
        q.write(json.dumps(record) + '\n')
PY
expect_status 0 "scorer: gold entities as prediction score 1" -- \
  score "$DATA/news-heldout2" "$WORK/ents.jsonl" --entities --min-f1 1
expect_status 1 "scorer: every entity a person fails the entity floor" -- \
  score "$DATA/news-heldout2" "$WORK/ents-person.jsonl" --entities --min-f1 0.5

run_fold() {
  local dir=${2:-$DATA/$1}
  cat > "$WORK/$1.chain" <<CHAIN
fetch "files" { paths = { "$dir" } pattern = { "*.txt" } }
parse "text" { }
extract "entities" { }
extract "quotes" { }
format "json" { output = "$WORK/$1.jsonl" }
CHAIN
  expect_status 0 "entities and quotes on the $1 fold" -- "$NEWSFLOW" -q -c "$WORK/$1.chain"
}
run_fold dev
expect_status 0 "development fold: quotes F1 >= 0.95, speakers >= 0.90" -- \
  score "$DATA/dev" "$WORK/dev.jsonl" --min-f1 0.95 --min-speaker 0.90
cat "$WORK/out"
run_fold heldout
expect_status 0 "held-out fold: quotes F1 >= 0.90, speakers >= 0.80" -- \
  score "$DATA/heldout" "$WORK/heldout.jsonl" --min-f1 0.90 --min-speaker 0.80
cat "$WORK/out"
# the second pair of folds, in the shapes of real outlets' copy (see the README): news-dev
# was tuned on; news-heldout was written first and only scored
run_fold news-dev
expect_status 0 "news development fold: quotes F1 >= 0.95, speakers >= 0.95" -- \
  score "$DATA/news-dev" "$WORK/news-dev.jsonl" --min-f1 0.95 --min-speaker 0.95
cat "$WORK/out"
run_fold news-heldout
expect_status 0 "news held-out fold: quotes F1 >= 0.95, speakers >= 0.80" -- \
  score "$DATA/news-heldout" "$WORK/news-heldout.jsonl" --min-f1 0.95 --min-speaker 0.80
cat "$WORK/out"
# the third news fold (16 articles, 83 quotes), written before the third round's rules were
# scored on it (0.878 then); the floor holds what the demonym, lower-case role modifier and
# vowelless-title and "spokesperson for the board" rules gained on it
run_fold news-dev2
expect_status 0 "third news fold: quotes F1 >= 0.95, speakers >= 0.93" -- \
  score "$DATA/news-dev2" "$WORK/news-dev2.jsonl" --min-f1 0.95 --min-speaker 0.93
cat "$WORK/out"
# the fourth news fold (14 articles, 98 quotes in two batches: wire results, a Senate vote,
# BBC-style health and court copy, sports, science, a police appeal, profiles, an AFP strike,
# a drug trial, a council budget, layoffs, a flood rescue, tennis), each batch written and
# scored once before the fifth round's rules (0.947, 0.829); the floor holds what the
# described demonym ("the 24-year-old Swede"), "the Unite union", the unnamed spokesperson's
# organisation for "he" and particle names ("Pieter van Dam told AFP") gained
run_fold news-dev3
expect_status 0 "fourth news fold: quotes F1 >= 0.95, speakers >= 0.93" -- \
  score "$DATA/news-dev3" "$WORK/news-dev3.jsonl" --min-f1 0.95 --min-speaker 0.93
cat "$WORK/out"
# the fifth news fold (12 articles, 107 quotes, and the first entity gold on news: 194
# referents), written and committed before anything was run on it and scored once (quotes F1
# 0.995, speakers 0.990, entities F1 0.854); never read for misses, so its floors are loose
run_fold news-heldout2
expect_status 0 "second news held-out fold: quotes F1 >= 0.95, speakers >= 0.90" -- \
  score "$DATA/news-heldout2" "$WORK/news-heldout2.jsonl" --min-f1 0.95 --min-speaker 0.90
cat "$WORK/out"
expect_status 0 "second news held-out fold: entities F1 >= 0.75" -- \
  score "$DATA/news-heldout2" "$WORK/news-heldout2.jsonl" --entities --min-f1 0.75
cat "$WORK/out"
# the same in British style (‘single marks’, quotations over paragraphs in them): none lost
python3 "$DATA/british.py" "$DATA/news-dev" "$WORK/british"
run_fold british "$WORK/british"
expect_status 0 "news development fold in single marks: quotes F1 >= 0.95, speakers >= 0.90" -- \
  score "$WORK/british" "$WORK/british.jsonl" --min-f1 0.95 --min-speaker 0.90
cat "$WORK/out"
finish
