#!/bin/bash
# format "elasticsearch" posting to _bulk, against a loopback stand-in that checks requests as
# Elasticsearch does (tests/data/http/bulk-server.py: no Elasticsearch server is packaged in
# Debian): batches by count and by bytes, a 429 on the whole request retried, per-document
# 429s resent, a document the server rejects failing its own article only, API key and basic auth, the NDJSON file
# still written when asked.
. "$(dirname "$0")/common.sh"
command -v python3 >/dev/null || { echo "SKIP: python3 is needed for the loopback server"; exit 77; }
PIDS=
trap 'for p in $PIDS; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; rm -rf "$WORK"' EXIT
# start_server NAME ARGS...: sets URL_NAME.
start_server() {
  name=$1; shift
  python3 "$SOURCE/tests/data/http/bulk-server.py" "$@" >"$WORK/port-$name" 2>"$WORK/server-$name.err" &
  PIDS="$PIDS $!"
  for _ in $(seq 100); do [ -s "$WORK/port-$name" ] && break; sleep 0.1; done
  [ -s "$WORK/port-$name" ] || { echo "FAIL: server $name did not start"; cat "$WORK/server-$name.err"; exit 1; }
  eval "URL_$name=http://127.0.0.1:$(head -n 1 "$WORK/port-$name")"
}
dump() { python3 -c 'import json, sys, urllib.request; print(json.dumps(json.load(urllib.request.urlopen(sys.argv[1] + "/_dump"))))' "$1"; }
start_server plain
start_server key --api-key "c2VjcmV0OmtleQ==" --busy-first
start_server basic --basic "elastic:pa ss"

n=$(ls "$SAMPLES" | grep -c '\.txt$')
cat > "$WORK/post.chain" <<CHAIN
fetch "files" { }
parse "text" { }
format "elasticsearch" { url = "$URL_plain" index = "news" batch = 10 retry-delay = 0.05 }
CHAIN
expect_status 0 "samples posted" -- "$NEWSFLOW" -c "$WORK/post.chain" "$SAMPLES"
[ ! -s "$WORK/out" ] && pass "no NDJSON on stdout when posting" || fail "posting also wrote stdout"
dump "$URL_plain" > "$WORK/dump"
python3 - "$WORK/dump" "$n" <<'PY' && pass "every document indexed under its id, batches of 10" || fail "indexed documents"
import json, sys
d = json.load(open(sys.argv[1])); n = int(sys.argv[2])
assert len(d["docs"]) == n, len(d["docs"])
assert all(k.startswith("news/") for k in d["docs"]), list(d["docs"])[:3]
assert [r[1] for r in d["requests"]] == [10, 10, n - 20], d["requests"]
assert all(r[0] == 200 for r in d["requests"])
PY

# Batches by bytes: each article is a few KiB, so 4000 bytes means one or two per request.
sed 's/batch = 10/batch = 100 batch-bytes = 4000/' "$WORK/post.chain" > "$WORK/bytes.chain"
start_server bytes
sed -i "s|$URL_plain|$URL_bytes|" "$WORK/bytes.chain"
expect_status 0 "batches by bytes" -- "$NEWSFLOW" -c "$WORK/bytes.chain" "$SAMPLES"
dump "$URL_bytes" > "$WORK/dump"
python3 - "$WORK/dump" "$n" <<'PY' && pass "no request over batch-bytes unless one document alone" || fail "batch-bytes"
import json, sys
d = json.load(open(sys.argv[1])); n = int(sys.argv[2])
assert len(d["docs"]) == n
assert len(d["requests"]) > 5, d["requests"]
assert all(r[2] <= 4000 or r[1] == 1 for r in d["requests"]), d["requests"]
PY

# API key; the first request refused with 429 is retried; the NDJSON file written too.
cat > "$WORK/key.chain" <<CHAIN
fetch "files" { }
parse "text" { }
format "elasticsearch" { url = "$URL_key/" api-key = "\${ES_KEY}" output = "$WORK/bulk.ndjson" retry-delay = 0.05 }
CHAIN
ES_KEY=c2VjcmV0OmtleQ== expect_status 0 "API key, 429 retried" -- "$NEWSFLOW" -c "$WORK/key.chain" "$SAMPLES"
dump "$URL_key" > "$WORK/dump"
python3 - "$WORK/dump" "$n" "$WORK/bulk.ndjson" <<'PY' && pass "retried after 429; bulk file kept" || fail "api key / retry / file"
import json, sys
d = json.load(open(sys.argv[1])); n = int(sys.argv[2])
assert [r[0] for r in d["requests"]] == [429, 200], d["requests"]
assert len(d["docs"]) == n
lines = open(sys.argv[3]).read().splitlines()
assert len(lines) == 2 * n and "index" in json.loads(lines[0])
PY
ES_KEY=wrong expect_status 1 "a wrong API key fails the run" -- "$NEWSFLOW" -c "$WORK/key.chain" "$SAMPLES"
expect_grep "$WORK/err" "documents not indexed.*401|401.*security_exception" "says the server refused (401)"

# Basic auth; per-document 429 resent; a per-document 400 fails that article alone.
cat > "$WORK/docs.jsonl" <<'JSONL'
{"id": "a", "title": "Fine story", "text": "Body a."}
{"id": "b", "title": "BUSY story", "text": "Body b."}
{"id": "c", "title": "REJECT this", "text": "Body c."}
{"id": "d", "title": "Another fine story", "text": "Body d."}
JSONL
cat > "$WORK/basic.chain" <<CHAIN
fetch "jsonl" { }
format "elasticsearch" { url = "$URL_basic" user = "elastic" password = "pa ss" retry-delay = 0.05 }
CHAIN
expect_status 2 "a rejected document fails its article, not the run" -- "$NEWSFLOW" --errors "$WORK/failed.jsonl" -c "$WORK/basic.chain" "$WORK/docs.jsonl"
expect_grep "$WORK/err" "^read 4, written 3, dropped 0, failed 1$" "the tally: three indexed, one failed"
expect_grep "$WORK/err" "docs.jsonl:3: format elasticsearch: not indexed by .*: id c: 400 mapper_parsing_exception: failed to parse field \[title\]" "names the rejected document and why"
expect_grep "$WORK/failed.jsonl" '"source":"[^"]*docs.jsonl:3","stage":"format elasticsearch","message":"not indexed by' "the error file records it"
dump "$URL_basic" > "$WORK/dump"
python3 - "$WORK/dump" <<'PY' && pass "basic auth; the per-document 429 resent alone" || fail "basic / per-document retry"
import json, sys
d = json.load(open(sys.argv[1]))
assert sorted(d["docs"]) == ["newsflow/a", "newsflow/b", "newsflow/d"], sorted(d["docs"])
assert [r[1] for r in d["requests"]] == [4, 1], d["requests"]
PY

# Mistakes caught before the run.
printf 'fetch "files" { }\nparse "text" { }\nformat "elasticsearch" { url = "ftp://x" }\n' > "$WORK/bad.chain"
expect_status 1 "a non-http url" -- "$NEWSFLOW" -c "$WORK/bad.chain" "$SAMPLES"
expect_grep "$WORK/err" "url: 'ftp://x' is not an http or https URL" "names the option"
printf 'fetch "files" { }\nparse "text" { }\nformat "elasticsearch" { url = "http://127.0.0.1:1" retries = 0 }\n' > "$WORK/down.chain"
expect_status 1 "no server" -- "$NEWSFLOW" -c "$WORK/down.chain" "$SAMPLES"
expect_grep "$WORK/err" "documents not indexed" "says the documents were not indexed"
finish
