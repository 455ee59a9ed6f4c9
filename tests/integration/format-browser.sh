#!/bin/bash
# format "html" in a real browser: headless Chromium loads the report of the sample
# collection and the rendered DOM holds every article title, the six SVG charts, the index
# rows and the highlighted entities and quotes; a screenshot renders.  Skipped (exit 77)
# when /usr/bin/chromium is not installed (build-aux/quickstart test installs it).
. "$(dirname "$0")/common.sh"

CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM" ]; then
  echo "SKIP: $CHROMIUM not found: install the Debian package chromium to open the HTML report in a browser"
  exit 77
fi
# No network, no profile, no background services: the report must render on its own.
chromium() {
  profile=$(mktemp -d "$WORK/profile-XXXXXX")
  timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" "$@"
}

cat > "$WORK/report.chain" <<CHAIN
plugin-path = { "$TESTS_PLUGINS" }
fetch "files"   { paths = { "$SAMPLES" } }
parse "text"    { }
extract "stats" { }
extract "annotate" { }
format "html"   { output = "$WORK/report.html" title = "Sample collection" }
format "json"   { output = "$WORK/articles.jsonl" }
CHAIN
expect_status 0 "report of the sample collection" -- "$NEWSFLOW" -q -c "$WORK/report.chain"

chromium --dump-dom "file://$WORK/report.html" >"$WORK/dom.html" 2>"$WORK/chromium.log"
[ -s "$WORK/dom.html" ] && pass "Chromium rendered the report" || { fail "Chromium gave no DOM"; tail -5 "$WORK/chromium.log"; }
python3 - "$WORK" <<'PY' && pass "the rendered DOM shows every title, the charts, the index and the highlights" || fail "rendered DOM"
import html.parser, json, sys
work = sys.argv[1]
articles = [json.loads(l) for l in open(f"{work}/articles.jsonl", encoding="utf-8")]
class Dom(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(); self.tags = {}; self.classes = {}; self.headings = []; self.in_h2 = False
    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        for c in (dict(attrs).get("class") or "").split():
            self.classes[c] = self.classes.get(c, 0) + 1
        if tag == "h2": self.in_h2 = True; self.headings.append("")
    def handle_endtag(self, tag):
        if tag == "h2": self.in_h2 = False
    def handle_data(self, data):
        if self.in_h2: self.headings[-1] += data
dom = Dom(); dom.feed(open(f"{work}/dom.html", encoding="utf-8").read())
for a in articles:
    assert a["title"] in dom.headings, a["title"]
assert dom.tags.get("svg") == 6 and dom.tags.get("article") == 24, (dom.tags.get("svg"), dom.tags.get("article"))
assert dom.tags.get("tr") == 25, dom.tags.get("tr")
mentions = sum(1 for a in articles for x in a["annotations"] if x["type"] == "entity")
assert dom.classes.get("ent", 0) >= mentions > 0, (dom.classes.get("ent"), mentions)
assert dom.classes.get("q", 0) > 0 and dom.classes.get("who", 0) > 0
PY

chromium --hide-scrollbars --window-size=1280,1600 --screenshot="$WORK/report.png" "file://$WORK/report.html" >/dev/null 2>&1
python3 - "$WORK/report.png" <<'PY' && pass "a 1280x1600 screenshot renders" || fail "screenshot"
import struct, sys
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
width, height = struct.unpack(">II", data[16:24])
assert (width, height) == (1280, 1600), (width, height)
PY
finish
