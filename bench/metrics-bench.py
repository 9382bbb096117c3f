#!/usr/bin/env python3
"""metrics-bench.py: the cost of Prometheus scrapes (make bench-metrics).

    bench/metrics-bench.py

1. Generates (once, like run.sh) a QEMU host tree of 10,000 domains with
   gen-tree.py under $BENCH_DIR (default /var/tmp/virtplug-bench).
2. Times `virtplug list --all` and one scrape of virtplug-exporter's
   /metrics on that tree, BENCH_REPEAT times each (default 5), and
   compares the medians: the target is at most 1.5x.
3. Scrapes BENCH_SCRAPES times (default 1,000) and reports the exporter's
   RSS after the first 10 scrapes and at the end: the target is no growth
   beyond 10 %.
4. Runs the fleet test (tests/exporter/fleet.py) and reports its figures.

Environment: VIRTPLUG_TOOL, VIRTPLUG_EXPORTER, VIRTPLUG_BACKEND_DIR,
VIRTPLUG_SRCDIR, VIRTPLUG_BUILDDIR (set by make bench-metrics).
Exits 1 if a target is missed."""
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

SRC = os.environ.get("VIRTPLUG_SRCDIR", ".")
sys.path.insert(0, os.path.join(SRC, "tests", "exporter"))
from promlib import Procs, start_exporter  # noqa: E402

N = 10000
REPEAT = int(os.environ.get("BENCH_REPEAT", "5"))
SCRAPES = int(os.environ.get("BENCH_SCRAPES", "1000"))
TOOL = os.environ["VIRTPLUG_TOOL"]
EXPORTER = os.environ["VIRTPLUG_EXPORTER"]


def rss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def scrape(url):
    t = time.monotonic()
    with urllib.request.urlopen(url, timeout=60) as r:
        body = r.read()
    return time.monotonic() - t, len(body)


def main():
    bench = os.environ.get("BENCH_DIR", "/var/tmp/virtplug-bench")
    root = os.path.join(bench, str(N))
    if not os.path.isdir(os.path.join(root, "etc")):
        subprocess.run([sys.executable, os.path.join(SRC, "bench", "gen-tree.py"),
                        root, str(N)], check=True)
    uri = "qemu:///system?root=" + root
    # warm the page cache
    subprocess.run([TOOL, "-c", uri, "list", "--all"], stdout=subprocess.DEVNULL)

    lists = []
    for _ in range(REPEAT):
        t = time.monotonic()
        subprocess.run([TOOL, "-q", "-c", uri, "list", "--all"],
                       stdout=subprocess.DEVNULL, check=True)
        lists.append(time.monotonic() - t)

    work = tempfile.mkdtemp(prefix="virtplug-bench-metrics.")
    procs = Procs()
    failed = []
    try:
        p, base = start_exporter(procs, EXPORTER, [uri], work)
        url = base + "/metrics"
        scrape(url)
        scrapes = [scrape(url)[0] for _ in range(REPEAT)]
        size = scrape(url)[1]
        ml, ms = statistics.median(lists), statistics.median(scrapes)
        print("| domains | list --all (s) | scrape (s) | ratio | exposition (MB) |")
        print("|---:|---:|---:|---:|---:|")
        print("| %d | %.3f | %.3f | %.2f | %.1f |" % (N, ml, ms, ms / ml, size / 1e6))
        if ms > 1.5 * ml:
            failed.append("scrape %.3f s > 1.5 x list %.3f s" % (ms, ml))

        for _ in range(10):
            scrape(url)
        early = rss_kb(p.pid)
        t0 = time.monotonic()
        for _ in range(SCRAPES - 10 - REPEAT - 2):
            scrape(url)
        late = rss_kb(p.pid)
        print("\nexporter RSS after 10 scrapes: %.1f MiB; after %d scrapes: "
              "%.1f MiB (%.0f s)" % (early / 1024, SCRAPES, late / 1024,
                                     time.monotonic() - t0))
        if late > early * 1.10:
            failed.append("RSS grew from %d to %d KiB" % (early, late))
    finally:
        procs.stop()

    report = os.path.join(work, "fleet.txt")
    env = dict(os.environ, FLEET_REPORT=report)
    rc = subprocess.run([sys.executable, os.path.join(SRC, "tests", "exporter",
                                                      "fleet.py")], env=env).returncode
    if rc == 0 and os.path.exists(report):
        print("\nfleet:\n" + open(report).read())
    else:
        failed.append("fleet run failed")
    for f in failed:
        print("MISSED: " + f)
    return 1 if failed else 0


sys.exit(main())
