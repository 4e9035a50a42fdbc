# Shared by bench/swarm-bench.sh and bench/peer-bench.sh: builds what is missing, and stops on exit
# whatever a bench cluster left running (the bench stops its cluster itself; this is the safety net).
BENCH_JAR=bench/target/bench-0.1.0-SNAPSHOT.jar
SERVICES=(manager-service scheduler-service seed-peer-service gateway)

build_if_needed() {
  local missing=()
  for m in "${SERVICES[@]}"; do
    [[ -f $m/target/$m-0.1.0-SNAPSHOT.jar ]] || missing+=("$m")
  done
  if ((${#missing[@]})); then
    echo "building ${missing[*]}"
    ./mvnw -B -q -pl "$(IFS=,; echo "${missing[*]}")" package -DskipTests
  fi
  if [[ ! -f $BENCH_JAR ]] || [[ -n $(find bench/src bench/pom.xml cli/src -newer "$BENCH_JAR" -type f 2>/dev/null | head -1) ]]; then
    echo "building the bench (reactor build of bench and what it needs; installs nothing)"
    ./mvnw -B -q -pl bench -am package -DskipTests
  fi
  command -v curl >/dev/null || { echo "curl is not on the PATH" >&2; exit 1; }
  command -v redis-server >/dev/null || { echo "redis-server is not on the PATH" >&2; exit 1; }
}

# Kills the processes listed in a run directory's cluster.json, if the bench did not stop them.
stop_leftovers() {
  local state=$1/cluster.json
  [[ -f $state ]] || return 0
  python3 - "$state" <<'PY'
import json, os, signal, sys
for node in json.load(open(sys.argv[1])).get("nodes", []):
    pid = node.get("pid") or 0
    if pid > 0:
        try:
            os.kill(pid, signal.SIGTERM)
            print("stopped leftover", node.get("name"), pid)
        except ProcessLookupError:
            pass
PY
}

# The BitTorrent anchor of the swarm bench needs Debian's aria2, opentracker and mktorrent.
need_bittorrent_tools() {
  local missing=()
  command -v aria2c >/dev/null || missing+=(aria2)
  command -v opentracker >/dev/null || missing+=(opentracker)
  command -v mktorrent >/dev/null || missing+=(mktorrent)
  ((${#missing[@]})) || return 0
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    echo "installing ${missing[*]} for the BitTorrent anchor: apt-get install -y --no-install-recommends ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  else
    echo "the BitTorrent anchor needs ${missing[*]}: sudo apt-get install ${missing[*]} (or run with BT=0)" >&2
    exit 1
  fi
}

# Kills the processes listed as "<pid> <command name>" in a file, if still running under that name.
stop_listed() {
  [[ -f $1 ]] || return 0
  local pid name
  while read -r pid name; do
    if [[ -n $pid && $(cat "/proc/$pid/comm" 2>/dev/null) == "$name" ]]; then
      kill "$pid" 2>/dev/null && echo "stopped leftover $name $pid"
    fi
  done <"$1"
  rm -f "$1"
}

machine() {
  echo "machine: $(nproc) cores, $(lscpu | grep 'Model name' | sed 's/Model name: *//'), $(free -g | awk '/Mem:/ {print $2}') GB RAM, $(java -version 2>&1 | head -1)"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
}
