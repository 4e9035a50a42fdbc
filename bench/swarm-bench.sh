#!/usr/bin/env bash
# Swarm benchmark (BENCHMARKS.md, "Swarm"): N peers of a local cluster download one file at once from an
# origin capped at CAP_MBPS, against one direct download alone and N direct downloads at once (curl)
# from the same capped origin, in the same run. Builds what is missing, prints the tables, and stops
# every process it started. Appends nothing anywhere.
#
#   bench/swarm-bench.sh                          # 512 MiB, 8 peers, 1 seed, origin capped at 100 MB/s
#   SIZE_MIB=128 PEERS=4 bench/swarm-bench.sh
#   ROUNDS=3 bench/swarm-bench.sh                 # three measured swarms in one cluster, a new task each
#   PROFILE=1 bench/swarm-bench.sh                # + a JFR recording of every service JVM (in the run dir)
#   SET="peers:damselfly.peer.concurrent-pieces=8" bench/swarm-bench.sh   # --set overrides, comma separated
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

SIZE_MIB=${SIZE_MIB:-512}
PEERS=${PEERS:-8}
SEEDS=${SEEDS:-1}
SCHEDULERS=${SCHEDULERS:-1}
CAP_MBPS=${CAP_MBPS:-100}
WARMUP_MIB=${WARMUP_MIB:-64}
ROUNDS=${ROUNDS:-1}
PORT_OFFSET=${PORT_OFFSET:-23000}
WORK=${WORK:-$PWD/bench/target/swarm}
build_if_needed
trap 'stop_leftovers "$WORK/run"' EXIT
machine
if [[ -n ${PROFILE:-} ]]; then
  mkdir -p "$WORK/jfr"
  export DAMSELFLY_JAVA_OPTS="${DAMSELFLY_JAVA_OPTS:-} -XX:StartFlightRecording=filename=$WORK/jfr/,settings=profile,dumponexit=true"
  echo "JFR recordings: $WORK/jfr/"
fi
DAMSELFLY_HOME=$PWD java -Xmx512m -Dloader.main=io.damselfly.bench.swarm.SwarmBench -jar "$BENCH_JAR" \
  --size-mib "$SIZE_MIB" --peers "$PEERS" --seeds "$SEEDS" --schedulers "$SCHEDULERS" --cap-mbps "$CAP_MBPS" \
  --port-offset "$PORT_OFFSET" --work "$WORK" --warmup-mib "$WARMUP_MIB" --rounds "$ROUNDS" --set "${SET:-}" --keep "${KEEP:-false}"
