#!/usr/bin/env python3
"""Where a process allocates, from a JFR recording's allocation samples.

    java -XX:StartFlightRecording=filename=/tmp/x.jfr,settings=profile -jar node-runtime/target/qec-node.jar \
        simulate --duration 60s
    scripts/jfr-allocations.py /tmp/x.jfr --skip 20

Sums the weight of every jdk.ObjectAllocationSample (JFR's estimate of the bytes its thread allocated since the
previous sample) after the first --skip seconds of samples, and prints the rate per thread and per allocation site:
the first frame outside java.*, jdk.*, sun.* and com.sun.* (the code that asked), the frame that allocated and the
class allocated. Needs the JDK's `jfr` tool on the PATH.
"""
import argparse
import collections
import datetime
import json
import subprocess
import sys

JDK_PREFIXES = ("java.", "jdk.", "sun.", "com.sun.")


def frame_name(frame):
    method = frame["method"]
    return "%s.%s:%s" % (class_name(frame), method["name"], frame.get("lineNumber", "?"))


def class_name(frame):
    return frame["method"]["type"]["name"].replace("/", ".")


def timestamp(value):
    return datetime.datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("recording")
    parser.add_argument("--skip", type=float, default=0, help="seconds of samples left out first (warm-up)")
    parser.add_argument("--until", type=float, default=None, help="seconds of samples after which to stop")
    parser.add_argument("--top", type=int, default=25, help="allocation sites listed")
    parser.add_argument("--stack", type=int, default=0, help="frames printed under each site")
    args = parser.parse_args()

    printed = subprocess.run(["jfr", "print", "--json", "--stack-depth", "16", "--events",
                              "jdk.ObjectAllocationSample", args.recording],
                             check=True, capture_output=True, text=True).stdout
    events = json.loads(printed)["recording"]["events"]
    if not events:
        sys.exit("no allocation samples in " + args.recording)
    times = [timestamp(event["values"]["startTime"]) for event in events]
    start = min(times) + args.skip
    end = max(times) if args.until is None else min(times) + args.until
    seconds = max(end - start, 1e-9)

    by_thread = collections.Counter()
    by_site = collections.Counter()
    stacks = {}
    total = 0
    for event, time in zip(events, times):
        if time < start or time > end:
            continue
        values = event["values"]
        weight = values["weight"]
        thread = (values.get("eventThread") or {}).get("javaName") or "?"
        frames = (values.get("stackTrace") or {}).get("frames") or []
        top = frame_name(frames[0]) if frames else "?"
        caller = next((frame_name(f) for f in frames if not class_name(f).startswith(JDK_PREFIXES)),
                      top)
        by_thread[thread] += weight
        site = (thread, caller, top, values["objectClass"]["name"])
        by_site[site] += weight
        stacks.setdefault(site, [frame_name(f) for f in frames[:args.stack]])
        total += weight

    print("%.1f KB/s over %.1f s of samples (%d bytes)" % (total / seconds / 1024, seconds, total))
    print("\nper thread:")
    for thread, weight in by_thread.most_common():
        print("  %10.1f KB/s  %s" % (weight / seconds / 1024, thread))
    print("\nper site (thread | first frame outside the JDK | allocating frame | class):")
    for (thread, caller, top, cls), weight in by_site.most_common(args.top):
        print("  %10.1f KB/s  %s | %s | %s | %s" % (weight / seconds / 1024, thread, caller, top, cls))
        for frame in stacks[(thread, caller, top, cls)]:
            print("                   at " + frame)


if __name__ == "__main__":
    main()
