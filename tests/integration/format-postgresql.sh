#!/bin/bash
# format "postgresql" against a real server this test starts: initdb and pg_ctl in a
# temporary directory, as an unprivileged user (nobody, when run as root), listening on a
# free loopback port, stopped at the end.  Checks the schema, an answered full-text query
# (english stemming: "evacuate" finds "evacuation"), upsert by id on a second run, entities,
# quotes and keywords, and mode = replace.  Skips when the server is not installed.
. "$(dirname "$0")/common.sh"
[ -x "$BUILD/plugins/format/.libs/format_postgresql.so" ] || { echo "SKIP: format postgresql not built (libpq-dev missing)"; exit 77; }
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ] || ! command -v psql >/dev/null; then
  echo "SKIP: the PostgreSQL server is not installed (Debian package postgresql)"; exit 77
fi

# The server refuses to run as root: its directory belongs to an unprivileged user.
PGROOT=$(mktemp -d /tmp/newsflow-pg-XXXXXX)
chmod 755 "$PGROOT"
as_server() { "$@"; }
if [ "$(id -u)" = 0 ]; then
  chown nobody "$PGROOT"
  as_server() { runuser -u nobody -- "$@"; }
fi
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
trap 'as_server "$PGBIN/pg_ctl" -D "$PGROOT/data" -m immediate stop >/dev/null 2>&1; rm -rf "$PGROOT" "$WORK"' EXIT
as_server "$PGBIN/initdb" -D "$PGROOT/data" -U newsflow --auth=trust -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.log" 2>&1 \
  || { fail "initdb"; cat "$WORK/initdb.log"; finish; }
as_server "$PGBIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/server.log" -w -t 60 \
  -o "-p $PORT -k $PGROOT -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null \
  || { fail "pg_ctl start"; cat "$PGROOT/server.log"; finish; }
pass "server started on 127.0.0.1:$PORT"
CONN="host=127.0.0.1 port=$PORT user=newsflow dbname=postgres"
sql() { psql "$CONN" -X -A -t -q -c "$1"; }

cat > "$WORK/pg.chain" <<CHAIN
fetch "files" { }
parse "text" { }
extract "entities" { }
extract "quotes" { }
extract "keywords" { }
format "postgresql" { connection = "$CONN" batch = 4 }
CHAIN
expect_status 0 "samples into PostgreSQL" -- "$NEWSFLOW" -c "$WORK/pg.chain" -j 2 "$SAMPLES"
n=$(ls "$SAMPLES" | grep -c '\.txt$')
expect_grep "$WORK/err" "^read $n, written $n, dropped 0, failed 0$" "every sample written"
[ "$(sql 'SELECT count(*) FROM articles')" = "$n" ] && pass "$n rows in articles" || fail "articles: $(sql 'SELECT count(*) FROM articles'), wanted $n"
for table in entities mentions quotes keywords; do
  [ "$(sql "SELECT count(*) > 0 FROM $table")" = t ] && pass "$table filled" || fail "$table empty"
done
[ "$(sql "SELECT indexdef LIKE '%USING gin (search)%' FROM pg_indexes WHERE indexname = 'articles_search'")" = t ] \
  && pass "GIN index on the tsvector" || fail "no GIN index"

# A full-text query, with stemming: the typhoon sample says "evacuated"/"evacuation".
hits=$(sql "SELECT title FROM articles WHERE search @@ websearch_to_tsquery('english', 'evacuate') ORDER BY ts_rank(search, websearch_to_tsquery('english', 'evacuate')) DESC")
echo "$hits" | grep -qi "typhoon\|evacuat" && pass "full-text query answered: $(echo "$hits" | head -n 1)" || fail "full-text query: '$hits'"
[ "$(sql "SELECT count(*) FROM articles WHERE search @@ to_tsquery('english', 'zzzunknownword')")" = 0 ] && pass "no false hits" || fail "false hits"
sql "SELECT e.name FROM entities e JOIN mentions m ON m.entity_id = e.id WHERE lower(e.label) LIKE 'per%' LIMIT 1" > "$WORK/person"
[ -s "$WORK/person" ] && pass "entities joined to mentions: $(cat "$WORK/person")" || fail "no person entity"

# Upsert: the same articles again change nothing in the counts.
before=$(sql 'SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM mentions), (SELECT count(*) FROM quotes)')
expect_status 0 "second run into the same database" -- "$NEWSFLOW" -c "$WORK/pg.chain" -j 2 "$SAMPLES"
after=$(sql 'SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM mentions), (SELECT count(*) FROM quotes)')
[ "$before" = "$after" ] && pass "upsert by id: no duplicates ($after)" || fail "upsert: $before then $after"

# The same id twice in one batch keeps the last version.
printf '{"id":"dup","title":"First","text":"First version of the story."}\n{"id":"dup","title":"Second","text":"Second version of the story."}\n' > "$WORK/dup.jsonl"
printf 'fetch "jsonl" { }\nformat "postgresql" { connection = "%s" }\n' "$CONN" > "$WORK/dup.chain"
expect_status 0 "an id twice in a batch" -- "$NEWSFLOW" -c "$WORK/dup.chain" "$WORK/dup.jsonl"
[ "$(sql "SELECT title FROM articles WHERE id = 'dup'")" = Second ] && pass "last version kept" || fail "dup: $(sql "SELECT title FROM articles WHERE id = 'dup'")"

# Dates: the instant in timestamptz, the article's own offset kept.
printf '{"id":"dated","title":"Dated","text":"A dated story.","date":"2024-03-04T09:00:00+02:00"}\n' > "$WORK/dated.jsonl"
expect_status 0 "a dated article" -- "$NEWSFLOW" -c "$WORK/dup.chain" "$WORK/dated.jsonl"
[ "$(sql "SELECT to_char(published AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') || ' ' || published_local FROM articles WHERE id = 'dated'")" = "2024-03-04 07:00 2024-03-04T09:00:00+02:00" ] \
  && pass "published in UTC, published_local with its offset" || fail "dates: $(sql "SELECT published, published_local FROM articles WHERE id = 'dated'")"

# Resume: the first 5 samples are in; --resume skips them and writes the rest.
sql "TRUNCATE articles, mentions, quotes, keywords, sources, annotations, entities" >/dev/null
expect_status 0 "first 5 articles" -- "$NEWSFLOW" -c "$WORK/pg.chain" $(ls "$SAMPLES"/*.txt | head -n 5)
expect_status 0 "--resume over all of them" -- "$NEWSFLOW" -c "$WORK/pg.chain" --resume "$SAMPLES"
expect_grep "$WORK/err" "^read $n, written $((n - 5)), dropped 5 \(already in output \(resume\): 5\), failed 0$" "the 5 already there skipped"
[ "$(sql 'SELECT count(*) FROM articles')" = "$n" ] && pass "no duplicates after resume" || fail "after resume: $(sql 'SELECT count(*) FROM articles')"

# mode = replace empties the tables first.
printf 'fetch "jsonl" { }\nformat "postgresql" { connection = "%s" mode = "replace" }\n' "$CONN" > "$WORK/replace.chain"
expect_status 0 "mode = replace" -- "$NEWSFLOW" -c "$WORK/replace.chain" "$WORK/dated.jsonl"
[ "$(sql 'SELECT count(*) FROM articles')" = 1 ] && pass "replace: only the new run's article" || fail "replace: $(sql 'SELECT count(*) FROM articles') rows"

# Mistakes: a bad text-search name at --check time of init, a server that is not there.
printf 'fetch "files" { }\nparse "text" { }\nformat "postgresql" { connection = "%s" text-search = "x; DROP" }\n' "$CONN" > "$WORK/bad.chain"
expect_status 1 "text-search checked" -- "$NEWSFLOW" -c "$WORK/bad.chain" "$SAMPLES"
expect_grep "$WORK/err" "text-search: 'x; DROP' is not a text search configuration name" "says which option"
printf 'fetch "files" { }\nparse "text" { }\nformat "postgresql" { connection = "host=127.0.0.1 port=1 user=x connect_timeout=5" }\n' > "$WORK/down.chain"
expect_status 1 "no server" -- "$NEWSFLOW" -c "$WORK/down.chain" "$SAMPLES"
expect_grep "$WORK/err" "cannot connect" "says it cannot connect"
finish
