#!/bin/bash
# sdk-blocks.sh MARKDOWN [LANG]: prints the code blocks of a Markdown file, one record per
# block: a header line "@@ LANG TAG" then the block's lines.  Used by sdk-tutorial.sh and
# sdk-installcheck.sh to check docs/writing-plugins.md; not a test by itself.
awk -v only="${2:-}" '
  /^```/ {
    if (inside) { inside = 0; next }
    info = substr($0, 4); split(info, words, " ")
    lang = words[1]; tag = (length(info) > length(lang)) ? substr(info, length(lang) + 2) : ""
    inside = 1
    if (only == "" || only == lang) { print "@@ " lang " " tag; keep = 1 } else keep = 0
    next
  }
  inside && keep { print }
' "$1"
