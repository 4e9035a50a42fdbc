#!/usr/bin/env bash
# Swarm benchmark (BENCHMARKS.md, "Swarm"): N peers of a local cluster download one file at once from an
# origin capped at CAP_MBPS, against the same N downloaders as a BitTorrent swarm (aria2c leechers, one
# aria2c seeder capped at the same rate, opentracker), one direct download alone and N direct downloads
# at once (curl) from the same capped origin, all in the same run. Damselfly and BitTorrent rounds
# alternate (PAIRS pairs), so both see the same machine. Builds what is missing, installs the BitTorrent
# tools with apt-get when they are missing, prints the tables, and stops every process it started
# (trap). Appends nothing anywhere.
#
#   bench/swarm-bench.sh                          # 512 MiB, 8 peers, 1 seed, 100 MB/s, 3 pairs
#   SIZE_MIB=128 PEERS=4 PAIRS=1 bench/swarm-bench.sh
#   BT=0 bench/swarm-bench.sh                     # Damselfly rounds only, no BitTorrent anchor
#   SMALL_WARMUPS=20 bench/swarm-bench.sh         # + every peer fetches 20 files of 1 MiB first (timed, untabled)
#   BT_PORT=31200 bench/swarm-bench.sh            # tracker port; aria2c listens on the next PEERS+1 ports
#   ASYNC_PROFILER=1 bench/swarm-bench.sh         # + async-profiler on peer-1 in every Damselfly round
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
PAIRS=${PAIRS:-${ROUNDS:-3}}
BT=${BT:-1}
BT_PORT=${BT_PORT:-31200}
PORT_OFFSET=${PORT_OFFSET:-23000}
WORK=${WORK:-$PWD/bench/target/swarm}
build_if_needed
[[ $BT == 1 ]] && need_bittorrent_tools
trap 'stop_leftovers "$WORK/run"; stop_listed "$WORK/bt/pids"; echo "load average after: $(cut -d" " -f1-3 /proc/loadavg)"' EXIT
machine
[[ $BT == 1 ]] && echo "BitTorrent: $(aria2c --version | head -1), opentracker $(dpkg-query -W -f='${Version}' opentracker 2>/dev/null || echo '?'), $(mktorrent -h 2>&1 | head -1 | cut -d' ' -f1-2)"
PROFILER_LIB=
if [[ -n ${ASYNC_PROFILER:-} ]]; then
  PROFILER_LIB=$PWD/bench/target/profiler/linux-x64/libasyncProfiler.so
  if [[ ! -f $PROFILER_LIB ]]; then
    echo "fetching async-profiler 4.1 from Maven Central (tools.profiler:async-profiler:4.1:jar:linux-x64)"
    ./mvnw -B -q dependency:copy -Dartifact=tools.profiler:async-profiler:4.1:jar:linux-x64 -DoutputDirectory=bench/target/profiler
    (cd bench/target/profiler && unzip -q -o async-profiler-4.1-linux-x64.jar 'linux-x64/*')
  fi
  sysctl -qw kernel.perf_event_paranoid=1 kernel.kptr_restrict=0 2>/dev/null || true
fi
if [[ -n ${PROFILE:-} ]]; then
  mkdir -p "$WORK/jfr"
  export DAMSELFLY_JAVA_OPTS="${DAMSELFLY_JAVA_OPTS:-} -XX:StartFlightRecording=filename=$WORK/jfr/,settings=profile,dumponexit=true"
  echo "JFR recordings: $WORK/jfr/"
fi
DAMSELFLY_HOME=$PWD java -Xmx512m -Dloader.main=io.damselfly.bench.swarm.SwarmBench -jar "$BENCH_JAR" \
  --size-mib "$SIZE_MIB" --peers "$PEERS" --seeds "$SEEDS" --schedulers "$SCHEDULERS" --cap-mbps "$CAP_MBPS" \
  --port-offset "$PORT_OFFSET" --work "$WORK" --warmup-mib "$WARMUP_MIB" --small-warmups "${SMALL_WARMUPS:-0}" --pairs "$PAIRS" --bittorrent "$([[ $BT == 1 ]] && echo true || echo false)" --bt-port "$BT_PORT" --async-profiler "$PROFILER_LIB" --set "${SET:-}" --keep "${KEEP:-false}"
