#!/usr/bin/env bash
# Start-up benchmark (BENCHMARKS.md, "Start-up and footprint"): times `./damselfly up` of the default
# cluster (3 schedulers, 2 seeds, 3 peers, manager, gateway, Redis) until it says ready, in three set-ups
# taken in turn: as before issue 14 (no class-data sharing, no ahead-of-time bean definitions, the JVM's
# default initial heap), class-data sharing with -Xms32m and the peers' and seeds' JIT thresholds scaled
# four times but no ahead-of-time bean definitions (DAMSELFLY_AOT=0), and all of them (today's default);
# and reads every node's CPU and resident memory once it is ready and after IDLE_S seconds of idling. The first `up` with sharing on after a build trains the archives; it is
# reported on its own. Stops every cluster it started.
#
#   bench/startup-bench.sh                 # 2 rounds each way, port offset 23000
#   ROUNDS=3 PORT_OFFSET=-3000 bench/startup-bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

ROUNDS=${ROUNDS:-2}
IDLE_S=${IDLE_S:-20}
PORT_OFFSET=${PORT_OFFSET:-23000}
WORK=${WORK:-$PWD/bench/target/startup}
RUN=$WORK/run
build_if_needed
[[ -f cli/target/cli-0.1.0-SNAPSHOT-exec.jar ]] || ./mvnw -B -q -pl cli -am package -DskipTests
trap 'stop_leftovers "$RUN"; echo "load average after: $(cut -d" " -f1-3 /proc/loadavg)"' EXIT
machine
export DAMSELFLY_SKIP_BUILD=1

# Prints one table row for one up: label, seconds to ready, CPU of all nodes, RSS per kind at ready and idle.
one_up() {
  local label=$1 cds=$2 aot=$3 opts=${4:-} start end
  rm -rf "$RUN"
  start=$(date +%s.%N)
  DAMSELFLY_CDS=$cds DAMSELFLY_AOT=$aot DAMSELFLY_JAVA_OPTS=$opts ./damselfly --run-dir "$RUN" up --port-offset "$PORT_OFFSET" >"$WORK/$label.log" 2>&1 || {
    echo "up failed ($label), see $WORK/$label.log" >&2; tail -5 "$WORK/$label.log" >&2; ./damselfly --run-dir "$RUN" down >/dev/null 2>&1 || true; return 1; }
  end=$(date +%s.%N)
  local ready; ready=$(python3 "$WORK/read.py" "$RUN/cluster.json")
  sleep "$IDLE_S"
  local idle; idle=$(python3 "$WORK/read.py" "$RUN/cluster.json")
  ./damselfly --run-dir "$RUN" down >/dev/null 2>&1
  printf '| %s | %.1f s | %s s | %s | %s |\n' "$label" "$(echo "$end - $start" | bc)" "$(cut -d' ' -f1 <<<"$ready")" \
    "$(cut -d' ' -f2- <<<"$ready")" "$(cut -d' ' -f2- <<<"$idle")"
}

mkdir -p "$WORK"
cat >"$WORK/read.py" <<'PY'
import json, sys, statistics
nodes = json.load(open(sys.argv[1]))["nodes"]
cpu = 0.0
rss = {}
for n in nodes:
    if n["kind"] == "REDIS" or n["pid"] <= 0:
        continue
    stat = open(f"/proc/{n['pid']}/stat").read()
    f = stat[stat.rindex(")") + 2:].split()
    cpu += (int(f[11]) + int(f[12])) / 100
    kb = next(int(l.split()[1]) for l in open(f"/proc/{n['pid']}/status") if l.startswith("VmRSS:"))
    rss.setdefault(n["kind"], []).append(kb / 1024)
def fmt(kind):
    v = rss.get(kind, [])
    return f"{statistics.mean(v):.0f}" if v else "-"
print(f"{cpu:.1f}", f"peer {fmt('PEER')} / seed {fmt('SEED')} / scheduler {fmt('SCHEDULER')} / manager {fmt('MANAGER')} / gateway {fmt('GATEWAY')} MiB")
PY

echo "default cluster: 3 schedulers, 2 seeds, 3 peers, manager, gateway, Redis; port offset $PORT_OFFSET; mean RSS per kind"
echo "| run | up to ready | CPU of all nodes at ready | RSS at ready | RSS after ${IDLE_S} s idle |"
echo "|---|---:|---:|---|---|"
if ! ls */target/cds/app.jsa >/dev/null 2>&1 || [[ -n ${RETRAIN:-} ]]; then
  rm -rf */target/cds
  one_up "CDS on, first up after a build (trains)" 1 1
fi
for ((r = 1; r <= ROUNDS; r++)); do
  # -XX:InitialHeapSize=0 gives back the JVM's own choice of initial heap (it overrides the launcher's -Xms32m).
  # -XX:CompileThresholdScaling=1 gives the peers and seeds the JVM's default JIT thresholds again.
  one_up "before: no CDS, no AOT, default initial heap and JIT thresholds, round $r" 0 0 \
    "-XX:InitialHeapSize=0 -XX:CompileThresholdScaling=1"
  # The archive was trained with AOT on, so this row loads a few classes the archive lacks (BENCHMARKS.md).
  one_up "CDS, -Xms32m, peers' JIT thresholds x4, no AOT, round $r" 1 0
  one_up "CDS, -Xms32m, peers' JIT thresholds x4 and AOT (now), round $r" 1 1
done
