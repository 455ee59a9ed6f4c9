#!/bin/bash
# Introspection for plugin authors and tools: --describe NAME --json and --list-plugins --json
# print machine-readable schemas; --graph -c CHAIN prints the chain as Graphviz DOT.
. "$(dirname "$0")/common.sh"
export NEWSFLOW_PLUGIN_PATH="$TESTS_PLUGINS"

# One schema, checked field by field (python3 reads the JSON, so it must be valid).
expect_status 0 "--describe tagger --json" -- "$NEWSFLOW" --describe extract/tagger --json
python3 - "$WORK/out" > "$WORK/checked" 2>&1 <<'PY'
import json, sys
schemas = json.load(open(sys.argv[1]))
assert isinstance(schemas, list) and len(schemas) == 1, schemas
s = schemas[0]
assert s["kind"] == "extract" and s["name"] == "tagger", s
assert s["summary"] == "Test plugin with a required option and a choice"
assert s["file"].endswith("extract_tagger.la") or s["file"].endswith("extract_tagger.so"), s["file"]
assert s["content_types"] == [] and s["flags"] == [] and s["abi_version"] >= 1
opts = {o["name"]: o for o in s["options"]}
assert [o["name"] for o in s["options"]] == ["tag", "mode", "weight", "also"], "option order"
assert opts["tag"] == {"name": "tag", "type": "string", "list": False, "required": True,
                       "default": None, "choices": None,
                       "description": "The tag to add to every article."}, opts["tag"]
assert opts["mode"]["choices"] == ["append", "replace"] and opts["mode"]["default"] == "append"
assert opts["weight"]["type"] == "integer" and opts["weight"]["default"] == 1
assert opts["also"]["list"] is True and opts["also"]["default"] == []
print("schema ok")
PY
expect_grep "$WORK/checked" "^schema ok$" "tagger schema has every field"

expect_status 0 "--describe text --json" -- "$NEWSFLOW" --describe parse/text --json
python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))[0]; assert s["content_types"]==["text/plain"]; assert all(o["type"]=="boolean" for o in s["options"] if o["name"] in ("bylines","datelines")); print("ok")' \
  "$WORK/out" > "$WORK/checked" 2>&1
expect_grep "$WORK/checked" "^ok$" "parser schema lists content types and typed booleans"
expect_status 0 "--describe ordered --json" -- "$NEWSFLOW" --describe ordered --json
python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))[0]["flags"]==["ordered"]; print("ok")' "$WORK/out" > "$WORK/checked" 2>&1
expect_grep "$WORK/checked" "^ok$" "ordered flag in the schema"
expect_status 0 "--describe lua --json" -- "$NEWSFLOW" --describe lua --json
python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))[0]; o={x["name"]:x for x in s["options"]}; assert o["max-instructions"]["default"]==10000000 and o["script"]["required"]; print("ok")' \
  "$WORK/out" > "$WORK/checked" 2>&1
expect_grep "$WORK/checked" "^ok$" "lua schema: integer default, required script"
expect_status 1 "--describe unknown --json" -- "$NEWSFLOW" --describe no-such-plugin --json
expect_status 1 "--json alone is a usage error" -- "$NEWSFLOW" --json

# Every plugin at once, each with the file it came from.
expect_status 0 "--list-plugins --json" -- "$NEWSFLOW" --list-plugins --json
python3 -c '
import json, sys
names = {(s["kind"], s["name"]): s["file"] for s in json.load(open(sys.argv[1]))}
for want in [("fetch","files"), ("parse","text"), ("extract","stats"), ("extract","lua"), ("format","json"), ("extract","tagger")]:
    assert want in names, want
assert "/tests/plugins/" in names[("extract","tagger")]
print("ok")' "$WORK/out" > "$WORK/checked" 2>&1
expect_grep "$WORK/checked" "^ok$" "list as JSON names every plugin and its file"
expect_status 0 "--list-plugins" -- "$NEWSFLOW" --list-plugins
expect_grep "$WORK/out" "from .*/extract_lua\.(la|so)$" "text list shows where lua was loaded from"

# --graph: stages in order, options set to other than their defaults, edges as articles flow.
cat > "$WORK/graph.chain" <<'CHAIN'
fetch "files" { paths = { "/data/news" } }
parse "text" { bylines = false }
extract "stats" { }
extract "tagger" { tag = "say \"hi\""  mode = "append"  weight = 5 }
extract "ordered" { }
format "json" { output = "out.jsonl" }
format "json:copy" { }
CHAIN
expect_status 0 "--graph" -- "$NEWSFLOW" --graph -c "$WORK/graph.chain"
cp "$WORK/out" "$WORK/graph.dot"
expect_grep "$WORK/graph.dot" '^digraph newsflow \{$' "DOT digraph"
expect_grep "$WORK/graph.dot" 'fetch_0 \[label="fetch \\"files\\"\\npaths = \{\\"/data/news\\"\}"\];' "fetcher with its paths"
expect_grep "$WORK/graph.dot" 'parse_0 \[label="parse \\"text\\"\\nbylines = false"\];' "parser with the option set"
expect_grep "$WORK/graph.dot" 'extract_0 \[label="extract \\"stats\\""\];' "defaults are not shown"
expect_grep "$WORK/graph.dot" 'extract_1 \[label="extract \\"tagger\\"\\ntag = \\"say \\\\\\"hi\\\\\\"\\"\\nweight = 5"\];' \
  "quotes escaped, default-valued mode left out"
expect_grep "$WORK/graph.dot" 'extract_2 \[label="extract \\"ordered\\"\\n\(ordered\)"\];' "ordered stage marked"
expect_grep "$WORK/graph.dot" 'format_1 \[label="format \\"json:copy\\""\];' "labelled stage"
for edge in 'fetch_0 -> parse_0 \[label="text/plain"\];' 'parse_0 -> extract_0;' 'extract_0 -> extract_1;' \
            'extract_1 -> extract_2;' 'extract_2 -> format_0;' 'extract_2 -> format_1;'; do
  expect_grep "$WORK/graph.dot" "^  $edge\$" "edge $edge"
done
if command -v dot > /dev/null; then
  expect_status 0 "Graphviz reads the graph" -- dot -Tsvg -o "$WORK/graph.svg" "$WORK/graph.dot"
else
  echo "skip: Graphviz (dot) not installed; DOT not rendered"
fi
expect_status 0 "--graph of the default chain" -- "$NEWSFLOW" --graph
expect_grep "$WORK/out" 'format_0 \[label="format \\"json\\""\];' "default chain graphed"
printf 'fetch "files" { }\nformat "json" { outptu = "x" }\n' > "$WORK/bad.chain"
expect_status 1 "--graph of a bad chain" -- "$NEWSFLOW" --graph -c "$WORK/bad.chain"
expect_grep "$WORK/err" "bad\.chain:2: .*outptu" "the chain error is reported"
finish
