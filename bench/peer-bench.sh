#!/usr/bin/env bash
# Single-peer benchmark (BENCHMARKS.md, "Single peer", "Piece serving", "Memory"): one download through a
# peer daemon from an uncapped loopback origin against curl -o of the same file to the same disk; then
# CHILDREN readers at once fetch every piece of the finished task from that peer; the peer's RSS is read
# from /proc for each file size (a fresh JVM per size). Before the rounds the fresh peer is warmed with one
# 64 MiB download and WARMUPS downloads of 1 MiB, each a new task (200 by default: a daemon that has done
# a few hundred downloads, as a long-running one has; WARMUPS=0 measures a daemon fresh from one download).
# Builds what is missing, prints the tables, and stops every process it started. Appends nothing anywhere.
#
#   bench/peer-bench.sh                           # 128 MiB and 1 GiB, 3 rounds, 4 children, 200 warm-ups
#   WARMUPS=0 bench/peer-bench.sh                 # the same with a peer fresh from its first download
#   SIZES_MIB=128,512,1024 ROUNDS=5 bench/peer-bench.sh
#   PROFILE=1 bench/peer-bench.sh                 # + a JFR recording of the peer's download rounds (jcmd)
#   SET="seeds:damselfly.peer.concurrent-pieces=8" bench/peer-bench.sh   # --set overrides, comma separated
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

SIZES_MIB=${SIZES_MIB:-128,1024}
ROUNDS=${ROUNDS:-3}
CHILDREN=${CHILDREN:-4}
WARMUPS=${WARMUPS:-200}
PORT_OFFSET=${PORT_OFFSET:-23000}
WORK=${WORK:-$PWD/bench/target/peer}
build_if_needed
trap 'stop_leftovers "$WORK/run"' EXIT
machine
DAMSELFLY_HOME=$PWD java -Xmx256m -Dloader.main=io.damselfly.bench.peer.PeerBench -jar "$BENCH_JAR" \
  --sizes-mib "$SIZES_MIB" --rounds "$ROUNDS" --warmups "$WARMUPS" --children "$CHILDREN" --port-offset "$PORT_OFFSET" --work "$WORK" \
  --set "${SET:-}" --jfr "${PROFILE:+$WORK/jfr}"
