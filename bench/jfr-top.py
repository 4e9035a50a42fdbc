#!/usr/bin/env python3
"""Summarises `jfr print --events jdk.ExecutionSample` output: self and inclusive time per frame.

    jfr print --events jdk.ExecutionSample scheduler.jfr > samples.txt
    bench/jfr-top.py samples.txt [filter-substring ...]
"""
import collections
import re
import sys

text = open(sys.argv[1]).read()
wanted = sys.argv[2:]
self_time = collections.Counter()
inclusive = collections.Counter()
total = 0
for event in text.split('jdk.ExecutionSample')[1:]:
    frames = re.findall(r'^\s+([\w$.<>]+)\(', event, re.M)
    if not frames:
        continue
    total += 1
    self_time[frames[0]] += 1
    for frame in set(frames):
        inclusive[frame] += 1
print(f"samples: {total}")
print("-- self")
for frame, count in self_time.most_common(20):
    print(f"{100 * count / total:5.1f}%  {frame}")
print("-- inclusive")
for frame, count in inclusive.most_common(400):
    if not wanted or any(w in frame for w in wanted):
        print(f"{100 * count / total:5.1f}%  {frame}")
