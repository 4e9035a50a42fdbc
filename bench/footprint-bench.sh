#!/usr/bin/env bash
# Footprint benchmark (BENCHMARKS.md, "Start-up and footprint"): a peer's memory while it downloads 1 GiB.
# Starts the default cluster with `./damselfly up`, then `./damselfly get` of a fresh 1 GiB file through
# peer-1 (a seed fetches it from a local origin, peer-1 from the seed), and reads peer-1's VmHWM (peak
# resident memory) and VmRSS before and after, and every other peer's and seed's VmHWM. Each round runs the
# default set-up and, when COMPARE_OPTS is given, a second set-up with those options added to every node
# (DAMSELFLY_JAVA_OPTS), in turn; it ends with the median peak of each and their ratio. Before the download,
# each round also reads every node's CPU time over IDLE_SECONDS (30; 0 skips it) of an idle cluster, starting
# SETTLE_SECONDS (20) after `up`: what the daemons cost a machine when no one downloads.
#
#   bench/footprint-bench.sh                                   # 2 rounds of the default
#   COMPARE_OPTS="-XX:NewSize=10m -XX:MaxNewSize=170m -XX:MinHeapFreeRatio=40 -XX:MaxHeapFreeRatio=70" \
#     ROUNDS=3 bench/footprint-bench.sh                         # alternating with the heap sizing before
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

ROUNDS=${ROUNDS:-2}
IDLE_SECONDS=${IDLE_SECONDS:-30}
SETTLE_SECONDS=${SETTLE_SECONDS:-20}
SIZE_MIB=${SIZE_MIB:-1024}
PORT_OFFSET=${PORT_OFFSET:-23000}
WORK=${WORK:-$PWD/bench/target/footprint}
RUN=$WORK/run
ORIGIN_PORT=$((18999 + PORT_OFFSET % 1000))
build_if_needed
[[ -f cli/target/cli-0.1.0-SNAPSHOT-exec.jar ]] || ./mvnw -B -q -pl cli -am package -DskipTests
mkdir -p "$WORK/origin"
origin_pid=
cleanup() {
  stop_leftovers "$RUN"
  [[ -n $origin_pid ]] && kill "$origin_pid" 2>/dev/null || true
  rm -f "$WORK/copy.bin"
  echo "load average after: $(cut -d" " -f1-3 /proc/loadavg)"
}
trap cleanup EXIT
machine
export DAMSELFLY_SKIP_BUILD=1

file=$WORK/origin/file-$SIZE_MIB.bin
[[ -f $file ]] || head -c $((SIZE_MIB * 1024 * 1024)) /dev/urandom >"$file"
expected=$(sha256sum "$file" | cut -d' ' -f1)
python3 -m http.server "$ORIGIN_PORT" --bind 127.0.0.1 --directory "$WORK/origin" >/dev/null 2>&1 &
origin_pid=$!

# kB of one line of /proc/<pid>/status
status_kb() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status"; }
node_pid() {
  python3 -c 'import json,sys; print(next(n["pid"] for n in json.load(open(sys.argv[1]))["nodes"] if n["name"] == sys.argv[2]))' \
    "$RUN/cluster.json" "$1"
}

# Every node's CPU time (user + system, from /proc/<pid>/stat) over IDLE_SECONDS of an idle cluster.
idle_cpu() {
  python3 - "$RUN/cluster.json" "$IDLE_SECONDS" "$1" <<'PY'
import json, os, sys, time
nodes = [(n["name"], n["pid"]) for n in json.load(open(sys.argv[1]))["nodes"]]
window, label = float(sys.argv[2]), sys.argv[3]
tick = os.sysconf("SC_CLK_TCK")
def cpu(name, pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        sys.exit(f"{name} (pid {pid}) is gone: it stopped while the cluster was idle; see its log in the run dir")
    return (int(fields[11]) + int(fields[12])) / tick
before = {name: cpu(name, pid) for name, pid in nodes}
time.sleep(window)
used = {name: cpu(name, pid) - before[name] for name, pid in nodes}
total = sum(used.values())
parts = ", ".join(f"{name} {100 * s / window:.1f}%" for name, s in used.items())
print(f"| {label} | {window:.0f} s | {total:.2f} s | {100 * total / window:.1f}% | {parts} |")
PY
}

declare -A peaks
idle_rows=""
one_round() {
  local label=$1 opts=$2
  rm -rf "$RUN"
  DAMSELFLY_JAVA_OPTS=$opts ./damselfly --run-dir "$RUN" up --port-offset "$PORT_OFFSET" >"$WORK/up.log" 2>&1 || {
    echo "up failed ($label), see $WORK/up.log" >&2; tail -5 "$WORK/up.log" >&2
    ./damselfly --run-dir "$RUN" down >/dev/null 2>&1 || true; return 1; }
  if ((IDLE_SECONDS > 0)); then
    sleep "$SETTLE_SECONDS"
    idle_rows+="$(idle_cpu "$label")"$'\n'
  fi
  local peer; peer=$(node_pid peer-1)
  local idle_hwm; idle_hwm=$(status_kb "$peer" VmHWM)
  ./damselfly --run-dir "$RUN" get --peer peer-1 \
    "http://127.0.0.1:$ORIGIN_PORT/$(basename "$file")?fresh=$RANDOM$RANDOM" -O "$WORK/copy.bin" >"$WORK/get.log" 2>&1 || {
    echo "get failed ($label), see $WORK/get.log" >&2; ./damselfly --run-dir "$RUN" down >/dev/null 2>&1 || true; return 1; }
  local copy; copy=$(sha256sum "$WORK/copy.bin" | cut -d' ' -f1)
  local hwm; hwm=$(status_kb "$peer" VmHWM)
  local rss; rss=$(status_kb "$peer" VmRSS)
  local others=""
  for n in seed-1 seed-2 peer-2 peer-3; do others+="$n $(($(status_kb "$(node_pid $n)" VmHWM) / 1024)), "; done
  ./damselfly --run-dir "$RUN" down >/dev/null 2>&1
  rm -f "$WORK/copy.bin"
  peaks[$label]+="$((hwm / 1024)) "
  printf '| %s | %d MiB | %d MiB | %d MiB | %s | %s |\n' "$label" $((idle_hwm / 1024)) $((hwm / 1024)) \
    $((rss / 1024)) "${others%, }" "$([[ $copy == "$expected" ]] && echo ok || echo "MISMATCH $copy")"
}

echo "peer-1 downloads a fresh ${SIZE_MIB} MiB file from a seed; VmHWM = peak resident memory; port offset $PORT_OFFSET"
echo "| set-up | peer-1 VmHWM idle | peer-1 VmHWM after | peer-1 VmRSS after | VmHWM of the others after | copy's sha256 |"
echo "|---|---:|---:|---:|---|---|"
for ((r = 1; r <= ROUNDS; r++)); do
  one_round "default" ""
  [[ -n ${COMPARE_OPTS:-} ]] && one_round "with $COMPARE_OPTS" "$COMPARE_OPTS"
done
median() { tr ' ' '\n' <<<"$1" | grep . | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
default_median=$(median "${peaks[default]}")
echo "peer-1 peak while downloading, median: default $default_median MiB"
if [[ -n ${COMPARE_OPTS:-} ]]; then
  other_median=$(median "${peaks[with $COMPARE_OPTS]}")
  echo "peer-1 peak while downloading, median: with $COMPARE_OPTS $other_median MiB ($(python3 -c "print(f'{$other_median / $default_median:.2f}')")× the default)"
fi
if [[ -n $idle_rows ]]; then
  echo
  echo "CPU of the idle cluster, ${SETTLE_SECONDS} s after up (share of one core per node)"
  echo "| set-up | window | CPU of all nodes | share of one core | per node |"
  echo "|---|---:|---:|---:|---|"
  printf '%s' "$idle_rows"
fi
