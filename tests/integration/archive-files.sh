#!/bin/bash
# fetch "files" on .zip, .tar, .tar.gz and .tgz collections: each regular member an item
# named ARCHIVE!MEMBER, in archive order; hidden members and name patterns as in folders;
# an oversize member and a damaged archive are failed items; archives = false reads the
# archive as one item.
. "$(dirname "$0")/common.sh"

python3 - "$WORK" <<'PY' || { fail "making the archives"; finish; }
import io, sys, tarfile, zipfile
work = sys.argv[1]
members = [
    ("news/one.txt", b"Zip headline one\n\nBody one.\n"),
    ("news/sub/two.txt", b"Headline two\n\nBody two.\n"),
    ("news/.hidden.txt", b"Hidden\n\nNot read.\n"),
    ("__MACOSX/news/._one.txt", b"resource fork"),
    ("news/README", b"Excluded\n\nNot read.\n"),
    ("news/big.txt", b"Big headline\n\n" + b"word " * 400 + b"\n"),
    ("news/three.txt", b"Headline three\n\nBody three.\n"),
]
with zipfile.ZipFile(f"{work}/c.zip", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("news/", b"")
    for name, data in members:
        z.writestr(name, data)
for mode, name in (("w", "c.tar"), ("w:gz", "c.tar.gz"), ("w:gz", "c.tgz")):
    with tarfile.open(f"{work}/{name}", mode) as t:
        for member, data in members:
            info = tarfile.TarInfo(member)
            info.size = len(data)
            t.addfile(info, io.BytesIO(data))
        link = tarfile.TarInfo("news/link.txt")
        link.type = tarfile.SYMTYPE
        link.linkname = "one.txt"
        t.addfile(link)
# A zip cut in half: its central directory is gone.
data = open(f"{work}/c.zip", "rb").read()
open(f"{work}/cut.zip", "wb").write(data[: len(data) // 2])
# A tar.gz whose gzip stream breaks after the first members (random letters, so gzip
# cannot shrink them into the first block libarchive reads).
import random
rng = random.Random(1)
with tarfile.open(f"{work}/long.tar.gz", "w:gz") as t:
    for i in range(100):
        body = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz ") for _ in range(3000))
        data = f"Headline {i}\n\n{body}\n".encode()
        info = tarfile.TarInfo(f"long/{i:02d}.txt")
        info.size = len(data)
        t.addfile(info, io.BytesIO(data))
data = open(f"{work}/long.tar.gz", "rb").read()
open(f"{work}/cut.tar.gz", "wb").write(data[: len(data) * 2 // 3])
PY

cat > "$WORK/arc.chain" <<CHAIN
fetch "files" { max-size = 1000 }
parse "text" { }
format "json" { output = "-" }
CHAIN
for archive in c.zip c.tar c.tar.gz c.tgz; do
  expect_status 2 "$archive" -- "$NEWSFLOW" -c "$WORK/arc.chain" -j 2 "$WORK/$archive"
  expect_grep "$WORK/err" "^read 4, written 3, dropped 0, failed 1$" "$archive: 4 members read (hidden, README, links and folders skipped)"
  expect_grep "$WORK/err" "$archive!news/big.txt: fetch files: 2015 bytes, larger than max-size \(1000 bytes\)" "$archive: oversize member is a failed item"
  python3 - "$WORK/out" "$archive" <<'PY' && pass "$archive: members as items in archive order" || fail "$archive: members"
import json, sys
arts = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
names = [a["source"].rsplit("/", 1)[-1] if "!" not in a["source"] else a["source"].split("!", 1)[1] for a in arts]
assert names == ["news/one.txt", "news/sub/two.txt", "news/three.txt"], names
assert all(a["source"].endswith(sys.argv[2] + "!" + n) for a, n in zip(arts, names)), arts
assert arts[0]["title"] == "Zip headline one" and arts[0]["content_type"] == "text/plain", arts[0]
assert len({a["id"] for a in arts}) == 3
PY
done

# Archives inside a folder are opened too; name patterns apply to their members.
mkdir "$WORK/dir" && cp "$WORK/c.zip" "$WORK/c.tgz" "$WORK/dir/"
cat > "$WORK/pattern.chain" <<CHAIN
fetch "files" { pattern = { "*.zip", "*.tgz", "t*.txt" } }
parse "text" { }
format "json" { output = "-" }
CHAIN
expect_status 0 "patterns inside archives" -- "$NEWSFLOW" -c "$WORK/pattern.chain" "$WORK/dir"
expect_grep "$WORK/err" "^read 4, written 4, dropped 0, failed 0$" "t*.txt picks two members of each archive"

# Damage: whatever was read before it is kept, the damage is one failed item.
expect_status 2 "zip cut in half" -- "$NEWSFLOW" -c "$WORK/arc.chain" "$WORK/cut.zip"
expect_grep "$WORK/err" "cut.zip: fetch files: " "a cut zip is a failed item"
expect_grep "$WORK/err" "failed [1-9]" "the cut zip is counted as failed"
printf 'fetch "files" { }\nparse "text" { }\nformat "json" { output = "-" }\n' > "$WORK/plain.chain"
expect_status 2 "tar.gz cut short" -- "$NEWSFLOW" -c "$WORK/plain.chain" "$WORK/cut.tar.gz"
expect_grep "$WORK/err" "cut.tar.gz: fetch files: damaged archive after [0-9]+ members: " "a cut tar.gz names the damage"
python3 - "$WORK/err" <<'PY' && pass "cut tar.gz: tally adds up" || fail "cut tar.gz tally"
import re, sys
line = [l for l in open(sys.argv[1]) if l.startswith("read ")][-1]
r, w, d, f = map(int, re.findall(r"\d+", line))
assert r == w + d + f and f >= 1 and w >= 1, line
PY

# archives = false: the archive is one item, as any other file.
printf 'fetch "files" { archives = false }\nparse "text" { }\nformat "json" { output = "-" }\n' > "$WORK/off.chain"
expect_status 2 "archives = false" -- "$NEWSFLOW" -c "$WORK/off.chain" "$WORK/c.zip"
expect_grep "$WORK/err" "^read 1, written 0, dropped 0, failed 1$" "the zip is one (unparsable) item"
finish
