#!/bin/bash
# entities-train.sh: newsflow-train entities on tiny hand-written annotations (JSON Lines and
# CoNLL), deterministic, with a held-out evaluation; the model it writes used in a chain
# through extract "entities" { model = ... }; bad input gets one precise error.
. "$(dirname "$0")/common.sh"
TRAIN="$BUILD/newsflow-train"
# twenty short documents in each format: people, places and organisations in the usual frames
python3 - "$WORK" <<'PY'
import json, sys
work = sys.argv[1]
people = ["Anna Berg", "Tomas Ek", "Maria Lind", "Karl Holm", "Eva Strand", "Jonas Falk", "Sara Nyberg",
          "Olof Dahl", "Lena Wik", "Per Sund"]
places = ["Uppsala", "Lund", "Kiruna", "Visby", "Malmo"]
orgs = ["Nordic Rail Company", "Baltic Ferry Authority", "Lake Water Council", "Forest Timber Group", "City Bus Company"]
with open(f"{work}/train.jsonl", "w") as f:
    for i in range(20):
        p, q, l, o = people[i % 10], people[(i + 3) % 10], places[i % 5], orgs[(i + 2) % 5]
        text = f"{p} said on Monday that the {o} would open an office in {l}. The plan was welcomed by {q}, who lives near {l}."
        ents = []
        for name, t in ((p, "person"), (o, "organization"), (l, "place"), (q, "person")):
            start = 0
            while True:
                at = text.find(name, start)
                if at < 0:
                    break
                ents.append({"start": at, "end": at + len(name), "type": t})
                start = at + len(name)
        f.write(json.dumps({"text": text, "entities": ents}) + "\n")
with open(f"{work}/train.conll", "w") as f:
    for i in range(20):
        p, l, o = people[(i + 5) % 10], places[(i + 1) % 5], orgs[i % 5]
        f.write("-DOCSTART- O\n\n")
        words = [(w, "I-PER") for w in p.split()] + [("visited", "O"), ("the", "O")] + \
                [(w, "I-ORG") for w in o.split()] + [("in", "O"), (l, "I-LOC"), (".", "O")]
        for w, t in words:
            f.write(f"{w} {t}\n")
        f.write("\n")
PY
expect_status 0 "training on JSON Lines and CoNLL" -- "$TRAIN" entities -o "$WORK/a.model" --jsonl "$WORK/train.jsonl" \
  --conll "$WORK/train.conll" --held-out 5 --epochs 8
cp "$WORK/out" "$WORK/train.out"
expect_grep "$WORK/train.out" '^read 40 documents' "both inputs read"
expect_grep "$WORK/train.out" '^held-out evaluation: 8 documents' "a held-out evaluation printed"
expect_grep "$WORK/train.out" '^  PER  P [01]\.[0-9]+ R' "per-type figures"
expect_status 0 "training again" -- "$TRAIN" entities -o "$WORK/b.model" --jsonl "$WORK/train.jsonl" \
  --conll "$WORK/train.conll" --held-out 5 --epochs 8
if cmp -s "$WORK/a.model" "$WORK/b.model"; then pass "the same input gives the same model, byte for byte"; else
  fail "two trainings on the same input differ"; fi
expect_status 0 "another seed" -- "$TRAIN" entities -o "$WORK/c.model" --jsonl "$WORK/train.jsonl" \
  --conll "$WORK/train.conll" --held-out 5 --epochs 8 --seed 7
if cmp -s "$WORK/a.model" "$WORK/c.model"; then fail "the seed changes nothing"; else pass "the seed changes the order"; fi

# the model in a chain
printf 'Harbour plans\n\nIngrid Vik said on Monday that the Northern Bridge Company would open an office in Lund. The plan was welcomed by Anna Berg, who lives near Lund.\n' > "$WORK/article.txt"
cat > "$WORK/m.chain" <<CHAIN
fetch "files" { paths = { "-" } }
parse "text" { }
extract "entities" { model = "$WORK/a.model" }
format "json" { output = "-" }
CHAIN
expect_status 0 "a chain with the trained model" -- "$NEWSFLOW" -q -c "$WORK/m.chain" "$WORK/article.txt"
python3 -c '
import json, sys
for line in open(sys.argv[1]):
    for e in json.loads(line).get("entities", []):
        print(e["label"], e["name"], sep="\t")' "$WORK/out" > "$WORK/ents"
expect_grep "$WORK/ents" $'^PERSON\tIngrid Vik$' "an unseen person found by the model"
expect_grep "$WORK/ents" $'^PERSON\tAnna Berg$' "a person seen in training"
expect_grep "$WORK/ents" $'^LOCATION\tLund$' "a place"
expect_grep "$WORK/ents" $'^ORGANIZATION\tNorthern Bridge Company$' "an unseen organisation"

# errors
printf '{"text": "Anna Berg", "entities": [{"start": 0, "end": 99, "type": "person"}]}\n' > "$WORK/bad.jsonl"
expect_status 1 "an entity beyond its text" -- "$TRAIN" entities -o "$WORK/x.model" --jsonl "$WORK/bad.jsonl"
expect_grep "$WORK/err" 'bad\.jsonl:1: entity 0 has no valid start/end' "the error names file, line and entity"
printf 'not json\n' > "$WORK/bad2.jsonl"
expect_status 1 "a line that is not JSON" -- "$TRAIN" entities -o "$WORK/x.model" --jsonl "$WORK/bad2.jsonl"
expect_grep "$WORK/err" 'bad2\.jsonl:1: not a JSON object' "the error names file and line"
expect_status 2 "no task named" -- "$TRAIN" -o "$WORK/x.model" --jsonl "$WORK/train.jsonl"
printf 'NFPERCEPTRON 1\nkind ner-iob-3\nclasses O B-PER\nbits 16\nscale 0x1p-10\nrows 5\n' > "$WORK/broken.model"
cat > "$WORK/b.chain" <<CHAIN
fetch "files" { paths = { "-" } }
parse "text" { }
extract "entities" { model = "$WORK/broken.model" }
format "json" { output = "-" }
CHAIN
expect_status 1 "a damaged model stops the chain at start" -- "$NEWSFLOW" -q -c "$WORK/b.chain" "$WORK/article.txt"
expect_grep "$WORK/err" 'model: .*broken\.model: truncated or damaged' "the error names the model file"

# the shipped model, stacked on the rules: a service and rank before a person's name
# ("Navy Capt. Jeff Davis") are no name of their own (the model alone once made "Navy Capt" one)
printf 'Coalition mourns a soldier\n\nThe coalition sends condolences, said Army Lt. Gen. Stephen Townsend, the commander, on Monday. Navy Capt. Jeff Davis, a spokesman, said the soldier served in Iraq.\n' > "$WORK/ranks.txt"
cat > "$WORK/s.chain" <<CHAIN
fetch "files" { paths = { "-" } }
parse "text" { }
extract "entities" { model = "models/entities-en.model" }
format "json" { output = "-" }
CHAIN
expect_status 0 "the shipped model on ranks before names" -- "$NEWSFLOW" -q -c "$WORK/s.chain" "$WORK/ranks.txt"
python3 -c 'import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    for e in json.loads(line).get("entities", []):
        print(e["label"] + "\t" + e["name"])' "$WORK/out" > "$WORK/ranks"
expect_grep "$WORK/ranks" $'^PERSON\tJeff Davis$' "the person after the rank"
expect_grep "$WORK/ranks" $'^PERSON\tStephen Townsend$' "the person after a two-word rank"
expect_no_grep "$WORK/ranks" 'Capt|Gen$' "no service-and-rank name of the model alone"
finish
