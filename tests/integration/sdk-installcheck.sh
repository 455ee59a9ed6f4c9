#!/bin/bash
# sdk-installcheck.sh SRCDIR: what a plugin author does, against the INSTALLED newsflow (run
# by `make installcheck` and so by `make distcheck`).  In a copy of
# docs/examples/plugin-hello, the shell blocks of docs/writing-plugins.md are run in order:
# build with pkg-config, run the cmocka test, install into a plugin directory of one's own,
# list, describe and use the plugin from a chain.
# Environment from the make rule: NF_BINDIR NF_LIBDIR NF_INCLUDEDIR NF_PLUGINDIR (with
# $(DESTDIR) in front), NF_DESTDIR and NF_EXTRA_CFLAGS (sanitizer flags of this build).
set -u
SRCDIR=$(cd "${1:?usage: sdk-installcheck.sh SRCDIR}" && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/newsflow-sdk-XXXXXX")
trap 'rm -rf "$WORK"' EXIT

cp -r "$SRCDIR/docs/examples/plugin-hello" "$WORK/hello"
chmod -R u+w "$WORK/hello" # distcheck's source tree is read-only
rm -f "$WORK/hello/extract_hello.so" "$WORK/hello/test-hello"
mkdir "$WORK/home"
bash "$SRCDIR/tests/integration/sdk-blocks.sh" "$SRCDIR/docs/writing-plugins.md" sh \
  | sed 's/^@@ sh.*$/# ---- next block of writing-plugins.md/' > "$WORK/tutorial.sh"

# The installed tree is all this sees: its binary, its pkg-config files, its headers and
# libraries.  CPATH and LIBRARY_PATH matter only for a staged install (DESTDIR), whose .pc
# files name the final paths; NEWSFLOW_PLUGIN_PATH likewise lets the staged binary find the
# bundled plugins.
# The tutorial's `make` is the author's own, not a sub-make of ours (DESTDIR=... given to our
# make would otherwise reach it through MAKEFLAGS).
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES DESTDIR
export PATH="$NF_BINDIR:$PATH"
export PKG_CONFIG_PATH="$NF_LIBDIR/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
export CPATH="$NF_INCLUDEDIR" LIBRARY_PATH="$NF_LIBDIR" LD_LIBRARY_PATH="$NF_LIBDIR"
export NEWSFLOW_PLUGIN_PATH="$NF_PLUGINDIR"
export CFLAGS="-g -O2 -Wall -Wextra -Werror ${NF_EXTRA_CFLAGS:-}"
export HOME="$WORK/home"
command -v newsflow | grep -q "^$NF_BINDIR/newsflow$" || { echo "FAIL: not the installed newsflow"; exit 1; }

echo "== running the shell blocks of docs/writing-plugins.md in a copy of plugin-hello"
(cd "$WORK/hello" && bash -euo pipefail -x "$WORK/tutorial.sh") > "$WORK/log" 2>&1
status=$?
sed 's/^/  | /' "$WORK/log"
if [ $status -ne 0 ]; then echo "FAIL: a tutorial step failed (exit $status)"; exit 1; fi

failures=0
check() { if eval "$2"; then echo "ok: $1"; else echo "FAIL: $1"; failures=$((failures + 1)); fi; }
installed="$HOME/.local/lib/newsflow/plugins/extract_hello.so"
check "plugin installed where the tutorial says" "test -f '$installed'"
check "--list-plugins names the installed file" \
  "newsflow --plugin-path '$HOME/.local/lib/newsflow/plugins' --list-plugins | grep -q 'from $installed\$'"
check "the unit test ran" "grep -q 'PASSED  \] [0-9]* test' '$WORK/log'"
check "every article of the sample greeted" "grep -c '\"greeting\"' '$WORK/hello/hello.jsonl' | grep -qx 1"
# The installed Lua examples are found by bare name (not in a staged install: the module
# looks in the final $(sysconfdir)/newsflow/lua).
if [ -z "${NF_DESTDIR:-}" ]; then
  cat > "$WORK/lua.chain" <<'CHAIN'
fetch "files" { }
parse "text" { }
extract "lua" { script = "keywords.lua"  args = { "ships=ferry,harbour" } }
format "json" { output = "-" }
CHAIN
  check "installed keywords.lua found by name" \
    "newsflow -c '$WORK/lua.chain' '$WORK/hello/sample.txt' 2>/dev/null | grep -q '\"tags\":\\[\"ships\"\\]'"
fi
[ $failures -eq 0 ] && echo "installcheck: plugin-hello built, tested, installed and used against the installed newsflow: ok"
exit $failures
