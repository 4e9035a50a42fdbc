#!/usr/bin/env python3
"""Sums async-profiler collapsed stacks (with thread names) by where the CPU went, the way BENCHMARKS.md
reports a peer's profile. Usage: bench/profile-shares.py bench/target/swarm/profiles/peer-1-pair-1.collapsed"""
import collections
import sys

RULES = [  # first match on the whole stack wins, most specific first
    ("JIT compilers", lambda t, s: "CompileBroker::" in s or "C2Compiler::" in s or "Compiler::compile" in s),
    ("GC", lambda t, s: "GenCollectedHeap::" in s or "DefNewGeneration::" in s or "VM_GenCollect" in s),
    ("SHA-256", lambda t, s: "sun/security/provider/SHA2" in s or "DigestBase" in s),
    ("kernel: writes into the page cache (pwrite)", lambda t, s: "pwrite" in s or "generic_perform_write" in s or "ext4_buffered_write" in s),
    ("kernel: sendfile (serving pieces)", lambda t, s: "sendfile" in s or "do_splice" in s),
    ("kernel: socket reads", lambda t, s: "tcp_recvmsg" in s or "sock_read" in s or "__sys_recvfrom" in s),
    ("kernel: socket writes", lambda t, s: "tcp_sendmsg" in s),
    # Kernel frames only: every Netty event-loop stack has epoll in its Java frames (EpollIoHandler.run).
    ("kernel: epoll and scheduling", lambda t, s: any(f.endswith("_[k]") and ("epoll" in f or "schedule" in f or "futex" in f)
                                                      for f in s.split(";"))),
    ("JSON (Jackson)", lambda t, s: "tools/jackson" in s or "com/fasterxml" in s),
    ("Netty", lambda t, s: "io/netty" in s),
    ("Reactor", lambda t, s: "reactor/" in s),
    ("Spring", lambda t, s: "org/springframework" in s),
    ("Damselfly code", lambda t, s: "io/damselfly" in s),
    ("interpreter and other JVM", lambda t, s: True),
]

def main(path):
    shares = collections.Counter()
    total = 0
    for line in open(path):
        stack, _, count = line.rstrip().rpartition(" ")
        if not count.isdigit():
            continue
        n = int(count)
        thread = stack.split(";", 1)[0]
        total += n
        for name, rule in RULES:
            if rule(thread, stack):
                shares[name] += n
                break
    print(f"{path}: {total} samples (1 ms each)")
    print("| share | where |\n|---:|---|")
    for name, n in shares.most_common():
        print(f"| {100.0 * n / total:.1f}% | {name} |")

for p in sys.argv[1:]:
    main(p)
