"""fleet.py: a fleet of 50 virtplug-exporters on 127.0.0.1, each over its
own generated QEMU host tree (0 to 10,000 domains; a few with monitors
that never answer), one Prometheus scraping all 50 and a "global"
Prometheus federating from it (/federate, honor_labels); and the same
scrape configuration in a Prometheus agent (--enable-feature=agent) that
remote_writes to a central Prometheus (--web.enable-remote-write-receiver).
The global and the central domain counts must equal the sum over the
trees, no target may be down and
every scrape must finish within its timeout.  Everything started here is
stopped here.

With FLEET_REPORT=FILE (bench/), also writes the fleet's figures there."""
import os
import signal
import socket
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from promlib import (Fail, Procs, Prometheus, bound, env_paths,  # noqa: E402
                     launch_exporter, wait_for, workdir)

N_EXPORTERS = 50
HUNG = {7, 23, 41}              # trees with a QMP monitor that never answers
QMP_TIMEOUT_MS = 500
SCRAPE_TIMEOUT_S = 5


def sizes():
    # 0, 10,000, and 48 sizes spread over 1..100
    return [0, 10000] + [1 + (i * 37) % 100 for i in range(N_EXPORTERS - 2)]


def uuid_of(t, i):
    return "%08x-0000-4000-8000-%012x" % (t, i)


def make_tree(root, t, n, tpl):
    """n persistent domains; every tenth one running (a status file)."""
    etc = os.path.join(root, "etc", "libvirt", "qemu")
    run = os.path.join(root, "run", "libvirt", "qemu")
    os.makedirs(etc)
    os.makedirs(run)
    os.makedirs(os.path.join(root, "run", "virtplug", "qmp"))
    config, status = tpl
    for i in range(n):
        name = "f%d-d%d" % (t, i)
        u = uuid_of(t, i)
        with open(os.path.join(etc, name + ".xml"), "w") as f:
            f.write(config.replace("@NAME@", name).replace("@UUID@", u))
        if i % 10 == 0:
            with open(os.path.join(run, name + ".xml"), "w") as f:
                f.write(status.replace("@NAME@", name).replace("@UUID@", u)
                        .replace("@ID@", str(i + 1)).replace("@STATE@", "running")
                        .replace("@REASON@", "booted")
                        .replace("@PID@", str(100000 + i)))


def main():
    bound("fleet", 600)
    tool, exporter, src, build = env_paths()
    # the trees are many small files: memory is much faster than a disk
    shm = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None
    work = workdir("fleet", shm)
    procs = Procs()
    held = []
    report = os.environ.get("FLEET_REPORT")
    t0 = time.monotonic()
    tdir = os.path.join(src, "tests", "backends", "qemu", "templates")
    tpl = (open(os.path.join(tdir, "config.xml")).read(),
           open(os.path.join(tdir, "status.xml")).read())
    try:
        total = 0
        waits = []
        for t, n in enumerate(sizes()):
            root = os.path.join(work, "t%d" % t)
            make_tree(root, t, n, tpl)
            if t in HUNG:
                # a monitor that never accepts: a domain in "no state"
                s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                s.bind(os.path.join(root, "run", "virtplug", "qmp", "hung.qmp"))
                s.listen(8)
                held.append(s)
                n += 1
            total += n
            uri = "qemu:///system?root=%s&qmp_timeout=%d" % (root, QMP_TIMEOUT_MS)
            waits.append(launch_exporter(procs, exporter, [uri], work,
                                         "exp%d" % t))
        targets = [w()[1].split("//")[1] for w in waits]
        print("[%5.1f s] %d exporters up, %d domains" %
              (time.monotonic() - t0, len(targets), total))

        site = """
global:
  scrape_interval: %ds
  scrape_timeout: %ds
scrape_configs:
  - job_name: virtplug
    static_configs:
      - targets: [%s]
""" % (SCRAPE_TIMEOUT_S, SCRAPE_TIMEOUT_S, ", ".join("'%s'" % t for t in targets))
        fleet = Prometheus(procs, work, "fleet", site)

        glob = Prometheus(procs, work, "global", """
global:
  scrape_interval: 1s
  scrape_timeout: 1s
scrape_configs:
  - job_name: federate
    honor_labels: true
    metrics_path: /federate
    params:
      'match[]':
        - '{__name__=~"virtplug_domains|up"}'
    static_configs:
      - targets: ['127.0.0.1:%d']
""" % fleet.port)

        def counted():
            r = glob.query("sum(virtplug_domains)")
            return r and int(float(r[0]["value"][1])) == total
        wait_for("the global count to reach %d" % total, counted, limit=90,
                 step=0.5)
        # every target scraped at least 3 times, all of them up
        wait_for("3 scrapes of every target", lambda: len(fleet.query(
            'count_over_time(up{job="virtplug"}[5m]) >= 3')) == N_EXPORTERS,
            limit=60, step=0.5)
        down = fleet.query('min_over_time(up{job="virtplug"}[5m]) < 1')
        up_global = glob.query('count(up{job="virtplug"} == 1)')
        # Prometheus fails (up 0) every scrape that misses its timeout, so
        # "no target ever down" is "every scrape in time".  Its own
        # scrape_duration_seconds also counts storing the samples (90,000
        # new series on the first scrape of the largest tree), which is
        # Prometheus's cost, not the exporter's: reported, not judged.  The
        # exporter's side is judged: its listings must fit the timeout.
        slow = fleet.query('max_over_time(virtplug_listing_duration_seconds'
                           '[5m]) >= %d' % SCRAPE_TIMEOUT_S)
        worst = fleet.query('max(max_over_time(scrape_duration_seconds'
                            '{job="virtplug"}[5m]))')
        sumdur = fleet.query('sum(scrape_duration_seconds{job="virtplug"})')
        fails = []
        if down:
            fails.append("targets down: %s" % [d["metric"]["instance"] for d in down])
        if not up_global or int(float(up_global[0]["value"][1])) != N_EXPORTERS:
            fails.append("global sees %s targets up" % up_global)
        if slow:
            fails.append("listings over the timeout: %s" % slow)
        w = float(worst[0]["value"][1])
        s = float(sumdur[0]["value"][1])
        print("[%5.1f s] global count %d = sum over %d trees; slowest scrape "
              "%.3f s; one round of scrapes %.3f s in total" %
              (time.monotonic() - t0, total, N_EXPORTERS, w, s))
        if report:
            with open(report, "w") as f:
                f.write("fleet_exporters %d\nfleet_domains %d\n"
                        "fleet_slowest_scrape_s %.3f\nfleet_round_total_s %.3f\n"
                        % (N_EXPORTERS, total, w, s))

        # Agent mode: the same scrape_configs, every sample sent with
        # remote_write to a central server (docs/monitoring.md).  Started
        # once the site server's figures are taken, so that its scrapes do
        # not add to theirs.
        central = Prometheus(procs, work, "central", "global: {}\n",
                             receiver=True)
        Prometheus(procs, work, "agent", site + """
remote_write:
  - url: %s/api/v1/write
""" % central.url, agent=True)

        def written():
            r = central.query("sum(virtplug_domains)")
            u = central.query('count(up{job="virtplug"} == 1)')
            return (r and int(float(r[0]["value"][1])) == total and
                    u and int(float(u[0]["value"][1])) == N_EXPORTERS)
        try:
            wait_for("the central (remote_write) count to reach %d from %d "
                     "targets" % (total, N_EXPORTERS), written, limit=90, step=0.5)
            print("[%5.1f s] agent mode: central count %d over remote_write" %
                  (time.monotonic() - t0, total))
        except Fail as e:
            fails.append(str(e))
        for f in fails:
            print("FAIL: " + f)
        return 1 if fails else 0
    except Fail as e:
        print("FAIL: %s" % e)
        return 1
    finally:
        signal.alarm(0)
        procs.stop()
        for s in held:
            s.close()
        import shutil
        shutil.rmtree(work, ignore_errors=True)


sys.exit(main())
