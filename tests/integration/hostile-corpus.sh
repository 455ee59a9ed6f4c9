#!/bin/bash
# The hostile-input corpus (tests/data/hostile/ plus large cases made here): empty and binary
# files, overlong UTF-8, an entity bomb, 100,000-deep HTML, a gzip bomb, a self-including
# chain. Each must end as a clear failed item or error: no crash, no hang, memory bounded
# (ulimit -v), and the tally adds up.
. "$(dirname "$0")/common.sh"
DATA="$SOURCE/tests/data/hostile"

mkdir -p "$WORK/c"
cp "$DATA"/*.txt "$DATA"/*.html "$WORK/c/"
python3 - "$WORK/c" <<'PY'
import sys, zlib
d = sys.argv[1]
# 100,000 nested elements around one paragraph.
with open(f"{d}/deep.html", "w") as f:
    f.write("<html><head><title>Deep</title></head><body>" + "<div>" * 100000
            + "<p>Deep paragraph text that should be found or failed cleanly.</p>" + "</div>" * 100000 + "</body></html>")
# 1 GiB of zeros in a ~1 MiB gzip file.
z = zlib.compressobj(9, zlib.DEFLATED, 31)
with open(f"{d}/bomb.txt.gz", "wb") as f:
    chunk = b"\0" * (1 << 20)
    for _ in range(1024):
        f.write(z.compress(chunk))
    f.write(z.flush())
PY

# Not more than 2 GiB of address space however hostile the input (ASan builds reserve far
# more virtual memory, so the limit only applies without it).
limit=""
if ! ldd "$BUILD/.libs/newsflow" 2>/dev/null | grep -q libasan; then limit="ulimit -v 2097152;"; fi
cat > "$WORK/corpus.chain" <<'CHAIN'
fetch "files" { }
parse "text" { }
parse "html" { }
format "json" { output = "-" }
CHAIN
expect_status_in() {
  got=$1; what=$2
  case $got in 0|2) pass "$what (exit $got)";; *) fail "$what: exit $got (a crash or a hang?)"; sed 's/^/  stderr: /' "$WORK/err" | tail -5;; esac
}
bash -c "$limit exec timeout 120 \"\$@\"" _ "$NEWSFLOW" -c "$WORK/corpus.chain" --errors "$WORK/errors.jsonl" "$WORK/c" \
  > "$WORK/out" 2> "$WORK/err"
expect_status_in $? "the corpus run ends"
python3 - "$WORK/err" "$WORK/out" "$WORK/errors.jsonl" "$WORK/c" <<'PY' && pass "every file accounted for, the tally adds up" || fail "corpus tally"
import json, os, re, sys
err = open(sys.argv[1], encoding="utf-8", errors="replace").read()
m = re.search(r"^read (\d+), written (\d+), dropped (\d+), failed (\d+)$", err, re.M)
assert m, err[-2000:]
read, written, dropped, failed = map(int, m.groups())
assert read == written + dropped + failed, m.group(0)
files = len(os.listdir(sys.argv[4]))
assert read == files, (read, files)
out = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
errors = [json.loads(l) for l in open(sys.argv[3], encoding="utf-8")]
assert len(out) == written and len(errors) == failed, (len(out), len(errors))
bomb = [e for e in errors if e["source"].endswith("bomb.txt.gz")]
assert bomb and "max-size" in bomb[0]["message"], errors
PY

# A chain that includes itself is an error naming the file, not a hang or a crash.
cp "$DATA/self-include.chain" "$WORK/"
(cd "$WORK" && timeout 60 "$NEWSFLOW" -c self-include.chain "$WORK/c" > "$WORK/out" 2> "$WORK/err")
status=$?
[ "$status" = 1 ] && pass "a self-including chain is refused (exit 1)" || fail "self-including chain: exit $status"
expect_grep "$WORK/err" "self-include\.chain" "the error names the chain file"
finish
