#!/bin/bash
# architecture.sh: the layering that docs/architecture.md promises, and the worker contract
# of plugin.h, checked on the sources.
# A plugin includes only the public headers (<newsflow/...>), library headers and headers of
# its own folder; no plugin family includes another; the public headers include only each
# other; the core names no plugin source.  Fails with the offending file and line.
. "$(dirname "$0")/common.sh"
cd "$SOURCE" || exit 1
SOURCE=$(pwd -P)  # canonical, so that resolved include paths compare as prefixes

# Core headers that carry no ABI promise and must stay out of plugins.
private='build-tree\.h|sink-private\.h|chain\.h|registry\.h|runner\.h|outputs\.h|stage-private\.h|article-private\.h|suggest\.h|describe\.h|config\.h'

violations="$WORK/violations"
: > "$violations"
while IFS= read -r file; do
  dir=$(dirname "$file")
  family=$(echo "$file" | cut -d/ -f2)   # fetch, parse, extract, format
  grep -n '^[[:space:]]*#[[:space:]]*include' "$file" | while IFS= read -r line; do
    target=$(echo "$line" | sed -E 's/.*#[[:space:]]*include[[:space:]]*[<"]([^>"]+)[>"].*/\1/')
    case "$line" in
      *'"'*)
        # A quoted include must resolve inside the plugin family's own folder.
        resolved=$(realpath -m "$dir/$target")
        case "$resolved" in
          "$SOURCE/plugins/$family/"*) ;;
          *) echo "$file:${line%%:*}: includes \"$target\" from outside plugins/$family/" ;;
        esac ;;
    esac
    if echo "$target" | grep -qE "(^|/)($private)$" && ! echo "$target" | grep -q '^newsflow/'; then
      echo "$file:${line%%:*}: includes the core's private header $target"
    fi
    if echo "$target" | grep -qE '(^|/)plugins/'; then
      echo "$file:${line%%:*}: includes another plugin's file $target"
    fi
  done >> "$violations"
done < <(find plugins -name '*.[ch]' | sort)

# Public headers: only each other, GLib/libconfuse and the C library.
for header in core/newsflow/*.h core/newsflow/*.h.in; do
  [ -f "$header" ] || continue
  grep -n '^#include' "$header" | grep -vE '<(newsflow/[a-z-]+\.h|glib\.h|glib/[a-z-]+\.h|gio/gio\.h|json-glib/json-glib\.h|confuse\.h|std[a-z]+\.h|sys/types\.h|time\.h)>' \
    | sed "s|^|$header:|; s|\$| (a public header may include only public headers and its libraries)|" >> "$violations"
done

# The core knows no plugin by name: no plugin source or header is referenced.
grep -nE '#include.*plugins/' core/*.c core/*.h core/newsflow/*.h 2>/dev/null \
  | sed 's|$| (the core includes a plugin)|' >> "$violations"

if [ -s "$violations" ]; then
  fail "layering violations:"; sed 's/^/  /' "$violations"
else
  pass "plugins include only public headers and their own folder; public headers only public ones"
fi

# The worker contract (plugin.h): process always gets the calling thread's own worker data,
# the in-order thread's included; no plugin, example or guide codes for a NULL worker.
# Only the process callbacks are read (a signal handler may meet no worker at all).
for file in $(find plugins docs/examples -name '*.c') docs/writing-plugins.md; do
  awk -v f="$file" '/^[a-z_]+_process \(/ { inside = 1 } inside && /^}/ { inside = 0 }
       inside && /(^|[^a-z_])worker *(==|!=) *NULL|(^|[^a-z_])worker *\?|!worker([^a-z_]|$)/ { print f ":" FNR ": " $0 }' "$file"
done > "$WORK/null-worker"
grep -nE 'NULL worker|worker == NULL|no worker data' docs/writing-plugins.md core/newsflow/plugin.h \
  core/newsflow/testing.h >> "$WORK/null-worker"
if [ -s "$WORK/null-worker" ]; then
  fail "code or docs assume a NULL worker (the in-order thread has its own):"; sed 's/^/  /' "$WORK/null-worker"
else
  pass "no plugin, example or guide assumes a NULL worker"
fi

# The check itself must be able to fail: a plugin including a private header is caught.
mkdir -p "$WORK/plugins/extract"
printf '#include "../../core/runner.h"\n' > "$WORK/plugins/extract/bad.c"
target=$(sed -E 's/.*#[[:space:]]*include[[:space:]]*[<"]([^>"]+)[>"].*/\1/' "$WORK/plugins/extract/bad.c")
resolved=$(realpath -m "$WORK/plugins/extract/$target")
case "$resolved" in
  "$WORK/plugins/extract/"*) fail "the include check accepted $target" ;;
  *) pass "the include check rejects a plugin reaching into core/ ($target)" ;;
esac
finish
