#!/bin/bash
# entities-samples.sh: the entities extractor through the real binary on the sample
# articles: people with titles left out, short mentions resolved, organisations, places.
. "$(dirname "$0")/common.sh"
cat > "$WORK/e.chain" <<CHAIN
fetch "files" { paths = { "-" } }
parse "text" { }
extract "language" { }   # as in the default chain: the rules read capitals by language
extract "entities" { }
format "json" { output = "-" }
CHAIN
expect_status 0 "entities on the samples" -- "$NEWSFLOW" -q -c "$WORK/e.chain" "$SAMPLES"
cp "$WORK/out" "$WORK/all.jsonl"
python3 - "$WORK/all.jsonl" > "$WORK/ents" <<'PY'
import json, sys
for line in open(sys.argv[1], encoding='utf-8'):
    r = json.loads(line)
    name = r['source'].rsplit('/', 1)[-1]
    for e in r.get('entities', []):
        print(f"{name}\t{e['label']}\t{e['name']}\t{e['mentions']}")
    for a in r['annotations']:
        if a['type'] == 'entity':
            print(f"{name}\tspan\t{a['text']}\t{a['attrs'].get('canonical')}\t{a['attrs'].get('title', '')}")
PY
expect_grep "$WORK/ents" $'^01-kyiv-grain-corridor.txt\tPERSON\tIryna Savchuk\t3$' "Savchuk and her title-less short mentions counted as one person"
expect_grep "$WORK/ents" $'^01-kyiv-grain-corridor.txt\tspan\tIryna Savchuk\tIryna Savchuk\tDeputy Minister$' "title kept out of the span, in the title attribute"
expect_grep "$WORK/ents" $'^01-kyiv-grain-corridor.txt\tORGANIZATION\tMinistry of Agrarian Policy and Food\t' "organisation name with of/and"
expect_grep "$WORK/ents" $'^01-kyiv-grain-corridor.txt\tLOCATION\tBlack Sea\t' "place from a gazetteer"
expect_grep "$WORK/ents" $'^01-kyiv-grain-corridor.txt\tNATIONALITY\tTurkish\t' "nationality"
expect_grep "$WORK/ents" $'^24-auckland-film-festival.txt\tPERSON\tTama Rewiti\t' "film director found"
if grep -qE $'^24-auckland-film-festival.txt\t[A-Z]+\t(Salt|Cinder|Salt and Cinder)\t' "$WORK/ents"; then
  fail "a film title taken for an entity"; else pass "film title not an entity"; fi
if grep -qE $'^[^\t]+\t[A-Z]+\t(The|However|Meanwhile|Exports|Details)\t' "$WORK/ents"; then
  fail "sentence-initial common word taken for an entity"; else pass "no sentence-initial common words"; fi
# Spanish, French and German samples: their organisations and places are not people
for bad in "Métropole de Lyon" "Paseo de la Reforma" "Las Tres Mil Viviendas" "Salud" "Bienestar Social" "Jaén y Granada" "Cerro Alto" "Antarctic Survey"; do
  if grep -qF "$(printf '\tPERSON\t%s\t' "$bad")" "$WORK/ents"; then fail "$bad taken for a person"; else pass "$bad is no person"; fi
done
if grep -qE $'^0[456]-[^\t]+\tPERSON\t' "$WORK/ents"; then
  grep -E $'^0[456]-[^\t]+\tPERSON\t' "$WORK/ents" | grep -vE $'\t(Inmaculada Torralba Ruiz|Fernando Gálvez Ortega|Carmen Heredia Montoya|Lucía Benjumea|Camille Darrieux|Bertrand Morel-Aubry|Olivier Sautereau|Sylvie Chaumette|Antoine Lefebvre-Caradec|Katrin Wehmeyer|Jörg Brandstätter|Annette Kühnel|Thomas Achterberg)\t' > "$WORK/odd" || true
  if [ -s "$WORK/odd" ]; then fail "es/fr/de samples: something else taken for a person: $(cat "$WORK/odd")"; else pass "es/fr/de samples: only people are people"; fi
fi

# convention: re3d (the default) makes acting countries, peoples in the plural and forces
# named by a people organisations; conll keeps them a place and nationalities
mkdir -p "$WORK/conv"
printf 'Talks\n\nThe U.S. said Syrians and Iraqi security forces fought near Mosul.\n' > "$WORK/conv/a.txt"
for convention in re3d conll; do
  cat > "$WORK/$convention.chain" <<CHAIN
fetch "files" { paths = { "$WORK/conv" } }
parse "text" { }
extract "entities" { convention = "$convention" }
format "json" { output = "-" }
CHAIN
  expect_status 0 "entities with convention $convention" -- "$NEWSFLOW" -q -c "$WORK/$convention.chain"
  python3 -c 'import json, sys
for e in json.loads(open(sys.argv[1]).readline())["entities"]: print(e["label"], e["name"])' "$WORK/out" > "$WORK/$convention.ents"
done
expect_grep "$WORK/re3d.ents" '^ORGANIZATION United States$' "re3d: a country that acts is an organisation"
expect_grep "$WORK/re3d.ents" '^ORGANIZATION Iraqi security forces$' "re3d: forces named by a people are an organisation"
expect_grep "$WORK/conll.ents" '^LOCATION United States$' "conll: a country is a place"
expect_grep "$WORK/conll.ents" '^NATIONALITY Syrians$' "conll: a people in the plural is a nationality"
if grep -q '^ORGANIZATION' "$WORK/conll.ents"; then fail "conll: no organisation in the sentence"; else pass "conll: no organisation named"; fi
sed -i 's/convention = "conll"/convention = "CoNLL-2003"/' "$WORK/conll.chain"
expect_status 1 "an unknown convention is refused" -- "$NEWSFLOW" -q -c "$WORK/conll.chain"
expect_grep "$WORK/err" 'conll.chain:3: extract "entities": unknown convention .CoNLL-2003.' "the error names the chain line and the value"
finish
