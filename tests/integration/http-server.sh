# http-server.sh: sourced by the http and feed tests after common.sh: starts the loopback
# test server (tests/data/http/server.py) on a free port, sets BASE to its URL, and stops it
# when the test exits.  Skips the test (exit 77) when python3 is missing.
# SERVER_ARGS, when set, are more arguments for the server (--tls CERT KEY, with
# SERVER_SCHEME=https).  Every request the server answers is logged in $WORK/server-log ("GET /path 200").
if ! command -v python3 >/dev/null; then
  echo "SKIP: python3 is needed for the loopback HTTP server"; exit 77
fi
SERVER_SCRIPT="$SOURCE/tests/data/http/server.py"
FEED_DATA="$SOURCE/tests/data/feed"
python3 "$SERVER_SCRIPT" --root "$FEED_DATA" --log "$WORK/server-log" ${SERVER_ARGS:-} >"$WORK/server-port" 2>"$WORK/server-err" &
SERVER_PID=$!
trap 'kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 100); do
  [ -s "$WORK/server-port" ] && break
  sleep 0.1
done
PORT=$(head -n 1 "$WORK/server-port")
if [ -z "$PORT" ]; then
  echo "FAIL: the test server did not start"; cat "$WORK/server-err"; exit 1
fi
BASE="${SERVER_SCHEME:-http}://127.0.0.1:$PORT"

# chain_string TEXT: TEXT as a chain-file string.
chain_string() { local s=${1//\\/\\\\}; printf '"%s"' "${s//\"/\\\"}"; }
