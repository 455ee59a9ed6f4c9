#!/bin/bash
# parse "html"'s main text on the hand-written pages of tests/data/html-content, one page per
# behaviour of the extractor: a data table wrapped in a <figure> (as WordPress writes every
# table block) is kept row by row, while an image's <figure> and caption are still dropped,
# and keep-tables = false drops the table with its figure; the comments of highlighted code
# (<span class="hljs-comment">) are code, not a comment section, which is still dropped;
# credit and date labels as paragraphs of their own ("Reviewed by", "Last updated") go; a
# feed of other stories after the article (cards of a linked headline and a teaser) goes,
# while an article whose own items have linked titles stays; a section of the article whose
# bulk is a list of links that a sentence announces ("Several patches were sent for review:"),
# even wrapped in a <div>, is kept with the list; the parts React streams after the footer
# (<div hidden id="S:N">) are read where their placeholders (<template id="P:N">, "B:N")
# stand; parts of the content that a class calls unlikely ("listicle-header",
# "pane-header-alignment") but that are running text stay, while comments and a site footer
# of testimonials still go; a sentence half of which is a link is text, a line that is all
# link ("Read our guide to ...") is not; the page's own <footer> (in no article, section or
# main) goes even when its addresses and disclaimers outweigh a short article; a line that
# opens with an invitation to read on and ends in a colon ("You may be interested in the
# following topics as well:") closes the article, while a sentence of the article that merely
# holds such words stays; a credit line that runs on with names and titles ("Reviewed by ...,
# MD, Editor in Chief, ...; Contributor") goes, a sentence that opens with "Written by" stays;
# a labelled notice of the site's earnings or liability ("Disclosure: This post contains
# affiliate links", "Disclaimer: ... for informational purposes only") goes, while a line of
# the article that wears the label in jest stays; with block-model = the shipped
# models/html-blocks.model, a shouted promotion line the rules keep at the body's end goes
# and the article's paragraphs stay (without it the line stays).
. "$(dirname "$0")/common.sh"

DATA="$SOURCE/tests/data/html-content"
cat > "$WORK/tables.chain" <<'CHAIN'
fetch "files" { }
parse "html" { }
format "json" { output = "-" }
CHAIN
sed 's/parse "html" { }/parse "html" { keep-tables = false }/' "$WORK/tables.chain" > "$WORK/no-tables.chain"

expect_status 0 "a table in a figure" -- "$NEWSFLOW" -c "$WORK/tables.chain" "$DATA/figure-table.html"
python3 - "$WORK/out" <<'PY' && pass "a table inside <figure> kept row by row" || fail "table inside <figure>"
import json, sys
text = json.loads(open(sys.argv[1], encoding="utf-8").readline())["text"]
rows = ["Day | First boat | Last boat", "Monday to Friday | 06:10 | 22:40", "Saturday | 07:00 | 23:10",
        "Sunday | 08:00 | 21:00"]
assert "\n\n".join(rows) in text, text
assert text.index("The new departures") < text.index(rows[0]) < text.index("Season tickets"), text
assert "morning ferry" not in text and "Photo:" not in text, text
PY
expect_status 0 "keep-tables = false" -- "$NEWSFLOW" -c "$WORK/no-tables.chain" "$DATA/figure-table.html"
python3 - "$WORK/out" <<'PY' && pass "keep-tables = false drops the table's figure" || fail "keep-tables = false"
import json, sys
text = json.loads(open(sys.argv[1], encoding="utf-8").readline())["text"]
assert "Saturday" not in text and "06:10" not in text, text
assert "Season tickets bought" in text, text
PY
expect_status 0 "highlighted code" -- "$NEWSFLOW" -c "$WORK/tables.chain" "$DATA/code-comments.html"
python3 - "$WORK/out" <<'PY' && pass "the comments and tokens of highlighted code kept" || fail "highlighted code"
import json, sys
text = json.loads(open(sys.argv[1], encoding="utf-8").readline())["text"]
for kept in ("# initialise a repository in this folder", "# show the state of the working tree",
             "# stage every modified file for the next commit", '$ git commit -m "first commit"'):
    assert kept in text, (kept, text)
assert "Great post" not in text and "3 comments" not in text, text
PY
expect_status 0 "credit and date labels" -- "$NEWSFLOW" -c "$WORK/tables.chain" "$DATA/byline-labels.html"
python3 - "$WORK/out" <<'PY' && pass "credit and date labels dropped" || fail "credit and date labels"
import json, sys
text = json.loads(open(sys.argv[1], encoding="utf-8").readline())["text"]
assert text.startswith("A rain jacket has one job"), text
assert text.endswith("pull the drawcords tight in the wind."), text
PY
expect_status 0 "a feed of story cards" -- "$NEWSFLOW" -c "$WORK/tables.chain" "$DATA/story-feed.html"
python3 - "$WORK/out" <<'PY' && pass "a feed of linked headlines and teasers after the article dropped" || fail "story feed"
import json, sys
text = json.loads(open(sys.argv[1], encoding="utf-8").readline())["text"]
assert text.endswith("so that the day shifts do not get longer."), text
assert "Bridge repairs" not in text and "Single tickets" not in text, text
PY
expect_status 0 "a list of linked items" -- "$NEWSFLOW" -c "$WORK/tables.chain" "$DATA/linked-list.html"
python3 - "$WORK/out" <<'PY' && pass "an article whose items' titles are links kept" || fail "linked list"
import json, sys
text = json.loads(open(sys.argv[1], encoding="utf-8").readline())["text"]
for kept in ("The Rye House", "Crumb and Co", "Dough Street", "a small garden behind the shop"):
    assert kept in text, (kept, text)
PY
expect_status 0 "a section around an announced link list" -- "$NEWSFLOW" -c "$WORK/tables.chain" "$DATA/announced-section.html"
python3 - "$WORK/out" <<'PY' && pass "a section whose bulk is an announced list of links kept, list and all" || fail "announced section"
import json, sys
text = json.loads(open(sys.argv[1], encoding="utf-8").readline())["text"]
for kept in ("There has been good progress", "Several patches were sent for review:",
             "codegen: allow casts between integers and pointers", "codegen: fix volatile loads and stores"):
    assert kept in text, (kept, text)
assert text.index("codegen: fix volatile") < text.index("Next month the focus"), text
PY
expect_status 0 "React's streamed parts" -- "$NEWSFLOW" -c "$WORK/tables.chain" "$DATA/react-parts.html"
python3 - "$WORK/out" <<'PY' && pass "React's streamed parts read at their placeholders" || fail "React parts"
import json, sys
text = json.loads(open(sys.argv[1], encoding="utf-8").readline())["text"]
order = ["Heat pumps have become", "1. Insulation comes first", "2. Radiators may need to grow",
         "3. Noise is a question of placement", "Whatever you choose"]
assert all(o in text for o in order), text
assert [text.index(o) for o in order] == sorted(text.index(o) for o in order), text
assert "Homes Weekly Media Group" not in text, text
PY
expect_status 0 "prose in unlikely-named parts" -- "$NEWSFLOW" -c "$WORK/tables.chain" "$DATA/unlikely-prose.html"
python3 - "$WORK/out" <<'PY' && pass "running text in parts of the content named header kept" || fail "unlikely prose"
import json, sys
text = json.loads(open(sys.argv[1], encoding="utf-8").readline())["text"]
for kept in ("A small team does not need the software", "We scored each tool on the same rubric",
             "Each tool was used for real work"):
    assert kept in text, (kept, text)
assert text.index("A small team") < text.index("1. Boardly") < text.index("We scored each tool"), text
assert "rehearsal" not in text and "saved our studio" not in text and "affiliate fluff" not in text, text
PY
expect_status 0 "a sentence half linked" -- "$NEWSFLOW" -c "$WORK/tables.chain" "$DATA/linked-sentence.html"
python3 - "$WORK/out" <<'PY' && pass "a sentence that ends in a long link kept, a link line dropped" || fail "linked sentence"
import json, sys
text = json.loads(open(sys.argv[1], encoding="utf-8").readline())["text"]
assert text.startswith("For first-time dog owners, knowing when to start training can be confusing - though"), text
assert "crate training" not in text, text
PY
expect_status 0 "the page's footer" -- "$NEWSFLOW" -c "$WORK/tables.chain" "$DATA/page-footer.html"
python3 - "$WORK/out" <<'PY' && pass "the page's footer dropped after a short article" || fail "page footer"
import json, sys
text = json.loads(open(sys.argv[1], encoding="utf-8").readline())["text"]
assert text.startswith("Screening renters well"), text
assert text.endswith("Renting vehicles fitted with hand controls"), text
assert "Harbour Road" not in text and "qualified adviser" not in text, text
PY
expect_status 0 "an invitation to read on" -- "$NEWSFLOW" -c "$WORK/tables.chain" "$DATA/reading-invitation.html"
python3 - "$WORK/out" <<'PY' && pass "a long invitation to other pages closes the article" || fail "reading invitation"
import json, sys
text = json.loads(open(sys.argv[1], encoding="utf-8").readline())["text"]
assert text.startswith("Evening courses suit people"), text
assert text.endswith("when work or family gets in the way."), text
assert "interested" not in text and "part-time schools" not in text, text
assert "that you might enjoy most once you have started:" in text and "A demo night at the end" in text, text
PY
expect_status 0 "a long credit line" -- "$NEWSFLOW" -c "$WORK/tables.chain" "$DATA/credit-line.html"
python3 - "$WORK/out" <<'PY' && pass "a credit line of names and titles dropped, a sentence opening with its words kept" || fail "credit line"
import json, sys
text = json.loads(open(sys.argv[1], encoding="utf-8").readline())["text"]
assert text.startswith("Regular walking can ease"), text
assert "Written by a team of sports scientists" in text, text
assert "Kowalska" not in text, text
PY
expect_status 0 "disclosures" -- "$NEWSFLOW" -c "$WORK/tables.chain" "$DATA/disclosure.html"
python3 - "$WORK/out" <<'PY' && pass "a site's disclosure and disclaimer dropped, the article's own disclaimer kept" || fail "disclosure"
import json, sys
text = json.loads(open(sys.argv[1], encoding="utf-8").readline())["text"]
assert text.startswith("We wore each of these jackets"), text
assert "Disclaimer: do not trust any jacket" in text, text
assert "affiliate" not in text and "informational purposes" not in text, text
PY
sed 's|parse "html" { }|parse "html" { block-model = "models/html-blocks.model" }|' "$WORK/tables.chain" > "$WORK/model.chain"
expect_status 0 "no block model" -- "$NEWSFLOW" -c "$WORK/tables.chain" "$DATA/block-model.html"
python3 - "$WORK/out" <<'PY' && pass "without block-model the rules keep the promotion line" || fail "no block model"
import json, sys
text = json.loads(open(sys.argv[1], encoding="utf-8").readline())["text"]
assert "YOUR WEEKEND, SORTED" in text, text
PY
expect_status 0 "block model" -- "$NEWSFLOW" -c "$WORK/model.chain" "$DATA/block-model.html"
python3 - "$WORK/out" <<'PY' && pass "the block model drops the promotion line and keeps the article" || fail "block model"
import json, sys
text = json.loads(open(sys.argv[1], encoding="utf-8").readline())["text"]
assert "YOUR WEEKEND, SORTED" not in text, text
assert text.startswith("The city council voted on Tuesday"), text
for kept in ("Supporters said the plan", "Work starts in March", "The park was first opened in 1962",
             "goes to the council for approval in February."):
    assert kept in text, (kept, text)
PY
sed 's|parse "html" { }|parse "html" { block-model = "no/such.model" }|' "$WORK/tables.chain" > "$WORK/bad-model.chain"
expect_status 1 "a missing block model" -- "$NEWSFLOW" -c "$WORK/bad-model.chain" "$DATA/block-model.html"
finish
