#!/bin/bash
# entities-model.sh: the shipped model (etc/newsflow/models/entities-en.model) is what the
# command in docs/training.md writes from ../shared/bench/ner-train and ../shared/bench/text
# with the gazetteers of this tree, byte for byte.  Skipped without that data.  When the
# gazetteers or the tagger's features change, retrain with that command.
. "$(dirname "$0")/common.sh"
shared=${NER_SHARED_DIR:-$SOURCE/../shared/bench}
[ -f "$shared/ner-train/gold/entities.jsonl" ] || shared=/work/shared/bench
if [ ! -f "$shared/ner-train/gold/entities.jsonl" ] || [ ! -f "$shared/text/gold/entities.jsonl" ]; then
  echo "no ../shared/bench/ner-train or text: skipped"
  exit 77
fi
expect_status 0 "the documented training command" -- "$BUILD/newsflow-train" entities -o "$WORK/entities-en.model" \
  --corpus "$shared/ner-train" --conll "$shared/ner-train/wikigold/wikigold.conll.txt" --corpus "$shared/text"
if cmp -s "$WORK/entities-en.model" "$SOURCE/etc/newsflow/models/entities-en.model"; then
  pass "the shipped model is reproduced byte for byte"
else
  fail "the shipped model differs from a retraining (gazetteers or features changed? see docs/training.md)"
fi
finish
