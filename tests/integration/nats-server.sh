# nats-server.sh: sourced by the NATS tests after common.sh: starts real `nats-server -js`
# processes on free loopback ports with their stores under $WORK, and stops every one when
# the test exits.  Skips the test (exit 77) when nats-server or the nats plugins are missing.
#
#   nats_start NAME [ARGS...]     start server NAME (its port stays its own across restarts);
#                                 sets NATS_URL to its client URL
#   nats_stop NAME [SIGNAL]       stop it (TERM by default; KILL for a crash) and wait
#   nats_restart NAME             stop and start it again on the same ports and store
#   nats_cluster_start N          N servers n1..nN forming one JetStream cluster;
#                                 sets NATS_URLS to a chain-file list of their URLs
#   nats_url NAME                 a started server's client URL
#   free_port                     a loopback TCP port nobody listens on
if ! command -v nats-server >/dev/null; then
  echo "SKIP: nats-server is not installed (Debian package nats-server)"; exit 77
fi
if [ ! -e "$BUILD/plugins/fetch/fetch_nats.la" ]; then
  echo "SKIP: fetch and format \"nats\" were not built (libnats-dev missing at configure time)"; exit 77
fi

NATS_NAMES=
trap 'for _n in $NATS_NAMES; do nats_stop "$_n" KILL; done; rm -rf "$WORK"' EXIT

free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    # Nobody answers a connection: free (a port a server of this test took is in a file).
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null \
       && ! cat "$WORK"/nats-*/*port 2>/dev/null | grep -qx "$port"; then
      echo "$port"; return
    fi
  done
}

# nats_try_launch NAME: (re)starts NAME from the arguments saved by nats_start; fails
# (status 1) when it does not get ready, status 2 when its port was taken meanwhile.
nats_try_launch() {
  local name=$1 dir="$WORK/nats-$1" before
  before=$(cat "$dir/log" 2>/dev/null | wc -l)
  # shellcheck disable=SC2046
  nats-server -a 127.0.0.1 -p "$(cat "$dir/port")" -js -sd "$dir/store" -n "$name" \
    $(cat "$dir/args") >>"$dir/log" 2>&1 &
  echo $! >"$dir/pid"
  for _ in $(seq 100); do
    if tail -n "+$((before + 1))" "$dir/log" 2>/dev/null | grep -q "Server is ready"; then return 0; fi
    if ! kill -0 "$(cat "$dir/pid")" 2>/dev/null; then break; fi
    sleep 0.1
  done
  tail -n "+$((before + 1))" "$dir/log" 2>/dev/null | grep -q "address already in use" && return 2
  return 1
}

nats_launch() {
  nats_try_launch "$1" && return 0
  echo "FAIL: nats-server $1 did not start"; sed 's/^/  | /' "$WORK/nats-$1/log" | tail -20
  exit 1
}

nats_start() {
  local name=$1; shift
  local dir="$WORK/nats-$name" status
  mkdir -p "$dir/store"
  echo "$*" >"$dir/args"
  NATS_NAMES="$NATS_NAMES $name"
  # A port free when picked can be taken before the server binds it (tests run in
  # parallel): a new one then, a few times.
  for attempt in 1 2 3 4 5; do
    [ -s "$dir/port" ] || free_port >"$dir/port"
    status=0; nats_try_launch "$name" || status=$?
    [ "$status" = 2 ] && [ "$attempt" -lt 5 ] || break
    echo "nats-server $name: port $(cat "$dir/port") was taken, trying another" >&2
    : >"$dir/port"
  done
  if [ "$status" != 0 ]; then
    echo "FAIL: nats-server $name did not start"; sed 's/^/  | /' "$dir/log" | tail -20
    exit 1
  fi
  NATS_URL=$(nats_url "$name")
}

nats_url() { echo "nats://127.0.0.1:$(cat "$WORK/nats-$1/port")"; }

nats_stop() {
  local name=$1 signal=${2:-TERM} pidfile="$WORK/nats-$1/pid"
  [ -s "$pidfile" ] || return 0
  local pid; pid=$(cat "$pidfile")
  kill "-$signal" "$pid" 2>/dev/null
  # Cluster nodes are not this shell's children: wait by polling.
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  wait "$pid" 2>/dev/null
  : >"$pidfile"
}

nats_restart() {
  nats_stop "$1"
  nats_launch "$1"
}

nats_cluster_start() {
  local n=$1 i attempt taken
  for i in $(seq "$n"); do NATS_NAMES="$NATS_NAMES n$i"; done
  # As in nats_start, a port free when picked can be taken before a node binds it; then
  # every node starts again on new ports (the routes name them all).
  for attempt in 1 2 3; do
    nats_cluster_launch "$n"
    taken=
    for i in $(seq "$n"); do
      [ "$(cat "$WORK/nats-n$i/launch-status")" = 2 ] && taken="$taken n$i"
    done
    [ -n "$taken" ] && [ "$attempt" -lt 3 ] || break
    echo "nats cluster: a port of$taken was taken, starting all nodes on new ports" >&2
    for i in $(seq "$n"); do nats_stop "n$i" KILL; rm -rf "$WORK/nats-n$i/store"; done
  done
  for i in $(seq "$n"); do
    if [ "$(cat "$WORK/nats-n$i/launch-status")" != 0 ]; then
      echo "FAIL: nats-server n$i did not start"; sed 's/^/  | /' "$WORK/nats-n$i/log" | tail -20
      exit 1
    fi
  done
  wait_for_cluster "$n"
  local urls=
  for i in $(seq "$n"); do urls="$urls${urls:+, }\"$(nats_url "n$i")\""; done
  NATS_URLS="{ $urls }"
}

# nats_cluster_launch N: picks new ports for n1..nN and starts them together (each waits for
# the others' routes before JetStream is ready); leaves each launch's status in its directory.
nats_cluster_launch() {
  local n=$1 i routes= launchers=
  for i in $(seq "$n"); do
    mkdir -p "$WORK/nats-n$i/store"
    free_port >"$WORK/nats-n$i/port"
    free_port >"$WORK/nats-n$i/cluster-port"
    free_port >"$WORK/nats-n$i/monitor-port"
  done
  for i in $(seq "$n"); do
    routes="$routes${routes:+,}nats://127.0.0.1:$(cat "$WORK/nats-n$i/cluster-port")"
  done
  for i in $(seq "$n"); do
    local dir="$WORK/nats-n$i"
    echo "--cluster_name newsflow --cluster nats://127.0.0.1:$(cat "$dir/cluster-port") --routes $routes -m $(cat "$dir/monitor-port")" >"$dir/args"
    ( status=0; nats_try_launch "n$i" || status=$?; echo "$status" >"$dir/launch-status" ) &
    launchers="$launchers $!"
  done
  # shellcheck disable=SC2086
  wait $launchers
}

# Waits until the JetStream meta leader sees every other node as a current peer: a stream
# of N replicas can be placed only then (before, the leader answers "no suitable peers for
# placement", which on a loaded machine can last seconds after the election).
wait_for_cluster() {
  local n=$1 i
  for _ in $(seq 300); do
    for i in $(seq "$n"); do
      if python3 - "$(cat "$WORK/nats-n$i/monitor-port")" "$n" <<'PY' 2>/dev/null
import json, sys, urllib.request
direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback: no proxy
with direct.open("http://127.0.0.1:%s/jsz" % sys.argv[1], timeout=2) as reply:
    meta = json.load(reply).get("meta_cluster", {})
peers = meta.get("replicas") or []
sys.exit(0 if len(peers) == int(sys.argv[2]) - 1 and all(p.get("current") for p in peers) else 1)
PY
      then
        return 0
      fi
    done
    sleep 0.1
  done
  echo "FAIL: the NATS cluster's JetStream leader did not see all $n nodes"; tail -n 5 "$WORK"/nats-n*/log
  exit 1
}
