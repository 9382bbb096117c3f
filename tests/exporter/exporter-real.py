"""exporter-real.py: virtplug metrics and virtplug-exporter against the
real consumers: promtool checks every exposition; Prometheus scrapes the
exporter and holds the same (name, state) pairs as `virtplug list --all
--json`; node_exporter serves the textfile; headless Chromium renders the
landing page, whose table must equal the listing.  Hosts: the qemu and xen
example trees, a test-driver node whose names hold quotes, backslashes and
newlines, a QMP directory with a real QEMU whose monitor another client
holds (busy) and silent monitors (one with a non-UTF-8 name), and the
machine's own qemu:///system (libvirtd's domains, under the shared lock).
Also: 404/405, 200 concurrent scrapes, idle and slow clients."""
import html
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from promlib import (Fail, Procs, Prometheus, bound, env_paths, free_port,  # noqa
                     http_get, http_status, need, start_exporter, wait_for,
                     workdir)

QMP_TIMEOUT_MS = 500
STATES = ["no state", "running", "idle", "paused", "in shutdown", "shut off",
          "crashed", "pmsuspended"]

TOOL, EXPORTER, SRC, BUILD = env_paths()
need("prometheus", "promtool", "prometheus-node-exporter")
WORK = workdir("exporter")
procs = Procs()
failures = []


def check(cond, msg):
    if not cond:
        failures.append(msg)
        print("FAIL: " + msg)


def promtool(text, what):
    r = subprocess.run(["promtool", "check", "metrics"], input=text,
                       capture_output=True)
    check(r.returncode == 0, "promtool rejects %s: %s" %
          (what, (r.stdout + r.stderr).decode(errors="replace")[:500]))


def listing(uri):
    """(name, state) pairs of `virtplug list --all --json`."""
    r = subprocess.run([TOOL, "-q", "-c", uri, "list", "--all", "--json"],
                       capture_output=True)
    if r.returncode != 0:
        raise Fail("list %s: %s" % (uri, r.stderr.decode(errors="replace")))
    return sorted((d["name"], d["state"]) for d in json.loads(r.stdout))


def odd_names_node():
    path = os.path.join(WORK, "odd.xml")
    body = ("<memory unit='MiB'>32</memory><vcpu>1</vcpu>"
            "<os><type arch='i686'>hvm</type></os>")
    names = ['q"uote', 'back\\slash', 'new&#10;line', 'all "\\&#10;3',
             'caf\u00e9 &lt;b&gt;']
    with open(path, "w", encoding="utf-8") as f:
        f.write("<node xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>\n")
        for i, n in enumerate(names):
            f.write("<domain type='test'><name>%s</name><uuid>d0000000-0000-4000"
                    "-8000-%012d</uuid>%s<test:runstate>%d</test:runstate>"
                    "</domain>\n" % (n, i, body, 1 + 2 * (i % 3)))
        f.write("</node>\n")
    return "test://" + path


def silent_server(path, accept):
    """A monitor that never greets: accepts and stays silent, or never
    accepts at all (its queue fills, as behind a busy QEMU)."""
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.bind(path)
    s.listen(64)
    held = []

    def loop():
        while True:
            try:
                held.append(s.accept()[0])
            except OSError:
                return
    if accept:
        threading.Thread(target=loop, daemon=True).start()
    return s, held


def qmp_host():
    """A QMP directory: a real QEMU held busy by another client when QEMU
    is installed, and two silent monitors, one named with bytes that are
    not UTF-8."""
    root = os.path.join(WORK, "qmproot")
    qmp = os.path.join(root, "run", "virtplug", "qmp")
    os.makedirs(qmp)
    keep = [silent_server(os.path.join(qmp, "silent.qmp"), True),
            silent_server(os.fsencode(qmp) + b"/bad\xff\xfename.qmp", True)]
    if shutil.which("qemu-system-x86_64"):
        sock = os.path.join(qmp, "busy.qmp")
        pidfile = os.path.join(WORK, "qemu.pid")
        r = subprocess.run(["qemu-system-x86_64", "-machine", "none",
                            "-nodefaults", "-display", "none", "-name",
                            "guest=vm-busy", "-qmp",
                            "unix:%s,server=on,wait=off" % sock,
                            "-daemonize", "-pidfile", pidfile],
                           capture_output=True)
        if r.returncode == 0:
            QEMU_PIDFILES.append(pidfile)
            holder = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            holder.settimeout(10)
            holder.connect(sock)
            holder.recv(4096)           # the greeting: we now hold it
            keep.append(holder)
        else:
            print("note: QEMU did not start: %s" % r.stderr.decode()[:300])
    KEEP.extend(keep)
    return "qemu:///system?root=%s&qmp_timeout=%d" % (root, QMP_TIMEOUT_MS)


KEEP = []
QEMU_PIDFILES = []


def stop_qemus():
    for pf in QEMU_PIDFILES:
        try:
            os.kill(int(open(pf).read()), 9)
        except (OSError, ValueError):
            pass


T0 = time.monotonic()


def phase(what):
    print("[%5.1f s] %s" % (time.monotonic() - T0, what))


def main():
    ex_q = os.path.join(SRC, "examples", "hosts", "qemu")
    ex_x = os.path.join(SRC, "examples", "hosts", "xen")
    backends = os.environ.get("VIRTPLUG_BACKEND_DIR", "")
    uris = []
    if os.path.exists(os.path.join(backends, "qemu.so")):
        uris.append("qemu:///system?root=" + os.path.abspath(ex_q))
        uris.append(qmp_host())
        if os.path.isdir("/etc/libvirt/qemu"):
            uris.append("qemu:///system")   # the live libvirtd's domains
    if os.path.exists(os.path.join(backends, "xen.so")):
        uris.append("xen:///system?root=" + os.path.abspath(ex_x))
    if os.path.exists(os.path.join(backends, "test.so")):
        uris.append(odd_names_node())
    if not uris:
        raise Fail("no backend built")

    # 1. virtplug metrics: every URI alone and all together pass promtool
    for u in uris:
        r = subprocess.run([TOOL, "metrics", "-c", u], capture_output=True)
        check(r.returncode == 0, "metrics -c %s exited %d" % (u, r.returncode))
        promtool(r.stdout, "metrics -c " + u)
    argv = [TOOL, "metrics"]
    for u in uris:
        argv += ["-c", u]
    allout = subprocess.run(argv, capture_output=True).stdout
    promtool(allout, "metrics over all URIs")
    check(b"\\\"" in allout and b"\\\\" in allout and b"\\n" in allout and
          "\ufffd".encode() in allout, "escapes or U+FFFD missing")

    phase('2. --textfile')
    # 2. --textfile and node_exporter's textfile collector
    tdir = os.path.join(WORK, "textfile")
    os.makedirs(tdir)
    tfile = os.path.join(tdir, "virtplug.prom")
    r = subprocess.run(argv[:2] + ["--textfile", tfile] + argv[2:],
                       capture_output=True)
    check(r.returncode == 0, "metrics --textfile failed: %s" % r.stderr)
    check(oct(os.stat(tfile).st_mode & 0o777) == "0o644", "textfile mode")
    check(os.listdir(tdir) == ["virtplug.prom"], "temporary file left behind")
    nport = free_port()
    procs.start(["prometheus-node-exporter", "--collector.disable-defaults",
                 "--collector.textfile",
                 "--collector.textfile.directory=" + tdir,
                 "--web.listen-address=127.0.0.1:%d" % nport])

    def node_metrics():
        try:
            return http_get("http://127.0.0.1:%d/metrics" % nport, 2)[2]
        except OSError:
            return None
    body = wait_for("node_exporter", node_metrics)
    want = len(re.findall(rb"^virtplug_domain_info\{", open(tfile, "rb").read(), re.M))
    have = len(re.findall(rb"^virtplug_domain_info\{", body, re.M))
    check(want > 0 and have == want,
          "node_exporter serves %d domain_info series, textfile has %d" % (have, want))
    check(b"node_textfile_scrape_error 0" in body, "node_exporter textfile error")

    phase('3. the exporter')
    # 3. the exporter: paths, methods
    _, base = start_exporter(procs, EXPORTER, uris, WORK)
    status, headers, body = http_get(base + "/metrics", 20)
    check(status == 200 and headers["Content-Type"].startswith(
        "text/plain; version=0.0.4"), "metrics status/type")
    promtool(body, "exporter /metrics")
    check(http_status(base + "/nope") == 404, "unknown path is not 404")
    check(http_status(base + "/metrics/x") == 404, "/metrics/x is not 404")
    check(http_status(base + "/metrics", "POST") == 405, "POST is not 405")
    check(http_status(base + "/", "HEAD") == 200, "HEAD / is not 200")

    phase('4. idle')
    # 4. idle and slow clients hold nothing: 50 connections that never
    # send and 50 that send half a request; a scrape still answers within
    # the QMP deadline plus a margin
    port = int(base.rsplit(":", 1)[1])
    idle = []
    for i in range(100):
        s = socket.create_connection(("127.0.0.1", port))
        if i % 2:
            s.sendall(b"GET /metrics HTTP/1.1\r\nHost: x\r\n")
        idle.append(s)
    t0 = time.monotonic()
    status, _, _ = http_get(base + "/metrics", 20)
    took = time.monotonic() - t0
    check(status == 200 and took < QMP_TIMEOUT_MS / 1000 * 2 + 1.5,
          "scrape beside 100 idle/slow clients took %.2f s" % took)

    phase('5. 200')
    # 5. 200 concurrent scrapes: every one answered, complete
    results = []

    def scrape():
        try:
            st, _, b = http_get(base + "/metrics", 30)
            results.append(st == 200 and b.endswith(b"\n") and
                           b"virtplug_up{" in b)
        except Exception as e:    # noqa: any failure is a failed scrape
            results.append(False)
            print("scrape failed: %r" % e)
    threads = [threading.Thread(target=scrape) for _ in range(200)]
    t0 = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    took = time.monotonic() - t0
    check(len(results) == 200 and all(results),
          "concurrent scrapes: %d ok of 200 (%d done) in %.1f s" %
          (sum(results), len(results), took))
    # Every listing waits out the silent monitors' deadline: 200 listings
    # one after the other would take 200 deadlines.  Shared, a few do.
    check(took < 50 * QMP_TIMEOUT_MS / 1000,
          "200 concurrent scrapes took %.1f s: listings not shared" % took)
    print("ok: 200 concurrent scrapes in %.1f s" % took)
    for s in idle:
        s.close()

    phase('6. Prometheus')
    # 6. Prometheus scrapes the exporter
    target = base.split("//")[1]
    prom = Prometheus(procs, WORK, "prometheus", """
global:
  scrape_interval: 1s
  scrape_timeout: 1s
scrape_configs:
  - job_name: virtplug
    static_configs:
      - targets: ['%s']
""" % target)
    nexp = sum(len(listing(u)) for u in uris)

    def scraped():
        up = prom.query('up{job="virtplug"}')
        if not up or up[0]["value"][1] != "1":
            return None
        res = prom.query("virtplug_domain_state")
        return res if len(res) >= nexp else None
    wait_for("Prometheus to hold every domain", scraped, limit=30)

    # The live libvirtd's domains may change meanwhile: compare until
    # Prometheus's latest scrape and a fresh listing agree (bounded).
    def agree():
        have = {}
        for s in prom.query("virtplug_domain_state"):
            m = s["metric"]
            have.setdefault(m["uri"], []).append(
                (m["name"], STATES[int(float(s["value"][1]))]))
        diff = [(u, sorted(have.get(u, [])), listing(u)) for u in uris
                if sorted(have.get(u, [])) != listing(u)]
        LAST_DIFF[:] = diff
        return not diff
    LAST_DIFF = []
    try:
        wait_for("Prometheus and the listing to agree", agree, limit=20,
                 step=0.5)
    except Fail:
        for u, have, want in LAST_DIFF:
            check(False, "Prometheus pairs for %s differ:\n  have %s\n"
                  "  want %s" % (u, have, want))
    # wait for a few more scrapes, then the slowest one must be in time
    wait_for("5 scrapes", lambda: prom.query(
        'count_over_time(up{job="virtplug"}[1m]) >= 5'), limit=30)
    worst = float(prom.query(
        'max_over_time(scrape_duration_seconds{job="virtplug"}[1m])')[0]["value"][1])
    check(worst < QMP_TIMEOUT_MS / 1000 + 0.5,
          "slowest scrape %.3f s, deadline %.1f s + 0.5 s" %
          (worst, QMP_TIMEOUT_MS / 1000))
    down = prom.query('min_over_time(up{job="virtplug"}[1m]) < 1')
    check(not down, "a scrape failed: %s" % down)
    print("ok: Prometheus holds %d domains of %d URIs; slowest scrape %.3f s"
          % (nexp, len(uris), worst))

    phase('7. the landing')
    # 7. the landing page in headless Chromium
    chrome = shutil.which("chromium")
    if chrome:
        flags = [chrome, "--headless", "--no-sandbox", "--disable-gpu",
                 "--user-data-dir=" + os.path.join(WORK, "chromium")]
        for attempt in range(3):   # the live domains may change meanwhile
            r = subprocess.run(flags + ["--dump-dom", base + "/"],
                               capture_output=True, timeout=120)
            rows = re.findall(
                r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>",
                r.stdout.decode(), re.S)
            shown = sorted((html.unescape(n), html.unescape(s))
                           for n, s, _ in rows)
            want = sorted(p for u in uris for p in listing(u))
            if shown == want:
                break
        check(shown == want, "landing page rows differ:\n  have %s\n  want %s"
              % (shown, want))
        shot = os.path.join(BUILD, "exporter-landing.png")
        subprocess.run(flags + ["--window-size=1024,1400",
                                "--screenshot=" + shot, base + "/"],
                       capture_output=True, timeout=120)
        check(os.path.getsize(shot) > 0 if os.path.exists(shot) else False,
              "no screenshot")
        print("ok: landing page shows %d rows; screenshot %s" % (len(rows), shot))
    else:
        print("note: chromium not installed, landing page not checked")


try:
    bound("exporter-real", 600)
    main()
except Fail as e:
    failures.append(str(e))
    print("FAIL: %s" % e)
finally:
    signal.alarm(0)
    procs.stop()
    stop_qemus()
    for k in KEEP:
        (k[0] if isinstance(k, tuple) else k).close()
    shutil.rmtree(WORK, ignore_errors=True)
sys.exit(1 if failures else 0)
