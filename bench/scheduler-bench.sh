#!/usr/bin/env bash
# Register+schedule benchmark of the scheduler (BENCHMARKS.md, "Scheduler").
# Starts redis-server and one scheduler on free loopback ports, with no manager (the cluster
# defaults apply), runs the load generator, prints its table, and stops what it started.
#
#   ./mvnw -B -q -pl scheduler-service package -DskipTests && ./mvnw -B -q -pl bench -am package -DskipTests
#   bench/scheduler-bench.sh                       # 20,000 requests, concurrency 16, 1,000 peers
#   REQUESTS=5000 CONCURRENCY=8 bench/scheduler-bench.sh
#   PROFILE=1 bench/scheduler-bench.sh             # also records a JFR profile of the scheduler
#                                                  # (JFR_SETTINGS=/path/to.jfc for denser sampling)
#   SCHEDULER_ARGS="--logging.level.io.damselfly.scheduler.scheduling.SchedulingService=WARN" bench/scheduler-bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."

REQUESTS=${REQUESTS:-20000}
WARMUP=${WARMUP:-3000}
CONCURRENCY=${CONCURRENCY:-16}
PEERS=${PEERS:-1000}
HOLDERS=${HOLDERS:-300}
HOSTS=${HOSTS:-250}
PIECES=${PIECES:-16}
SCHEDULER_JAR=scheduler-service/target/scheduler-service-0.1.0-SNAPSHOT.jar
BENCH_JAR=bench/target/bench-0.1.0-SNAPSHOT.jar
for jar in "$SCHEDULER_JAR" "$BENCH_JAR"; do
  [[ -f $jar ]] || { echo "missing $jar: build it first (see the top of this script)" >&2; exit 1; }
done
command -v redis-server >/dev/null || { echo "redis-server is not on the PATH" >&2; exit 1; }

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
WORK=$(mktemp -d /tmp/scheduler-bench.XXXXXX)
REDIS_PORT=$(free_port)
APP_PORT=$(free_port)
NO_MANAGER_PORT=$(free_port)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "machine: $(nproc) cores, $(lscpu | grep 'Model name' | sed 's/Model name: *//'), $(java -version 2>&1 | head -1)"
echo "work dir: $WORK (scheduler.log, redis.log${PROFILE:+, scheduler.jfr})"

redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no >"$WORK/redis.log" 2>&1 &
REDIS_PID=$!
PIDS+=($REDIS_PID)

JAVA_OPTS=(-Xms512m -Xmx512m "-Xlog:gc:file=$WORK/gc.log" ${SCHEDULER_JAVA_OPTS:-})
if [[ -n ${PROFILE:-} ]]; then
  JAVA_OPTS+=("-XX:FlightRecorderOptions=stackdepth=256"
    "-XX:StartFlightRecording=filename=$WORK/scheduler.jfr,settings=${JFR_SETTINGS:-profile},dumponexit=true")
fi
# shellcheck disable=SC2086
java "${JAVA_OPTS[@]}" -jar "$SCHEDULER_JAR" --server.port="$APP_PORT" \
  --spring.data.redis.url="redis://127.0.0.1:$REDIS_PORT" \
  --damselfly.manager.url="http://127.0.0.1:$NO_MANAGER_PORT" --damselfly.manager.timeout=500ms \
  ${SCHEDULER_ARGS:-} >"$WORK/scheduler.log" 2>&1 &
APP_PID=$!
PIDS+=($APP_PID)

for _ in $(seq 1 120); do
  if curl -sf "http://127.0.0.1:$APP_PORT/actuator/health/readiness" >/dev/null; then break; fi
  kill -0 "$APP_PID" 2>/dev/null || { echo "scheduler exited; see $WORK/scheduler.log" >&2; exit 1; }
  sleep 0.5
done
curl -sf "http://127.0.0.1:$APP_PORT/actuator/health/readiness" >/dev/null || { echo "scheduler not ready" >&2; exit 1; }

java -Xms256m -Xmx256m -jar "$BENCH_JAR" --scheduler "http://127.0.0.1:$APP_PORT" --requests "$REQUESTS" \
  --warmup "$WARMUP" --concurrency "$CONCURRENCY" --peers "$PEERS" --holders "$HOLDERS" --hosts "$HOSTS" \
  --pieces "$PIECES" --pids "scheduler=$APP_PID,redis=$REDIS_PID"

echo
echo "scheduler-side histogram (damselfly_scheduler_schedule_seconds, whole run incl. setup):"
curl -s "http://127.0.0.1:$APP_PORT/actuator/prometheus" | grep -E '^damselfly_scheduler_schedule_(total|seconds_(count|sum|max))' || true
echo "redis: $(redis-cli -p "$REDIS_PORT" info commandstats | grep -E 'cmdstat_(evalsha|mget|set):' | tr '\r\n' '  ')"
if [[ -n ${PROFILE:-} ]]; then
  kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true
  echo "JFR profile: $WORK/scheduler.jfr"
fi
