"""promlib.py: helpers the exporter tests share: temporary directories,
free ports, processes that always stop, waiting for a condition with an
upper bound, Prometheus and node_exporter as plain processes, HTTP."""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

SKIP = 77


class Fail(Exception):
    pass


def bound(what, default):
    """Fails the test (as Fail, so that its finally blocks stop everything
    it started) once it has run VIRTPLUG_EXPORTER_TEST_BOUND seconds
    (default DEFAULT): a stuck step cannot hold CI.  SIGTERM (the harness
    or a user giving up) also runs the finally blocks."""
    limit = int(os.environ.get("VIRTPLUG_EXPORTER_TEST_BOUND", default))

    def expire(signum, frame):
        raise Fail("%s: over its time bound of %d s" % (what, limit))

    def terminate(signum, frame):
        raise Fail("%s: terminated" % what)

    signal.signal(signal.SIGALRM, expire)
    signal.signal(signal.SIGTERM, terminate)
    signal.alarm(limit)


def skip(why):
    print("SKIP: " + why)
    sys.exit(SKIP)


def env_paths():
    tool = os.environ.get("VIRTPLUG_TOOL", "")
    build = os.environ.get("VIRTPLUG_BUILDDIR", "")
    src = os.environ.get("VIRTPLUG_SRCDIR", ".")
    if not tool or not os.access(tool, os.X_OK):
        skip("VIRTPLUG_TOOL is not set to the virtplug command")
    exporter = os.path.join(build, "exporter", "virtplug-exporter")
    if not os.access(exporter, os.X_OK):
        skip("virtplug-exporter not built (libmicrohttpd missing?)")
    return tool, exporter, src, build


def need(*commands):
    for c in commands:
        if not shutil.which(c):
            skip("%s not installed" % c)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(what, cond, limit=30.0, step=0.05):
    """Polls cond() until it returns a true value; fails after limit s."""
    end = time.monotonic() + limit
    while True:
        v = cond()
        if v:
            return v
        if time.monotonic() > end:
            raise Fail("timed out after %.0f s waiting for %s" % (limit, what))
        time.sleep(step)


class Procs:
    """Starts processes in their own process group; stop() ends them all
    (only those started here)."""

    def __init__(self):
        self.procs = []

    def start(self, argv, **kw):
        kw.setdefault("stdout", subprocess.DEVNULL)
        kw.setdefault("stderr", subprocess.DEVNULL)
        p = subprocess.Popen(argv, start_new_session=True, **kw)
        self.procs.append(p)
        return p

    def stop(self):
        for p in self.procs:
            if p.poll() is None:
                try:
                    os.killpg(p.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        for p in self.procs:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()


def http_get(url, timeout=10):
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return r.status, r.headers, r.read()


def http_status(url, method="GET", timeout=10):
    req = urllib.request.Request(url, method=method)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


def launch_exporter(procs, exporter, uris, work, name="exporter", extra=(),
                    wrapper=()):
    """Starts virtplug-exporter on an ephemeral 127.0.0.1 port (through
    WRAPPER, e.g. libtool --mode=execute valgrind); returns a function that
    waits until it listens and gives (process, base URL)."""
    err = os.path.join(work, name + ".err")
    argv = list(wrapper) + [exporter, "--web.listen-address=127.0.0.1:0"] + list(extra)
    for u in uris:
        argv += ["-c", u]
    p = procs.start(argv, stderr=open(err, "w"))

    def port():
        if p.poll() is not None:
            raise Fail("%s exited: %s" % (name, open(err).read()))
        for line in open(err):
            if "listening on port" in line:
                return int(line.split("port ")[1].split(",")[0])
        return None
    return lambda: (p, "http://127.0.0.1:%d" %
                    wait_for(name + " to listen", port, limit=60))


def start_exporter(procs, exporter, uris, work, name="exporter", extra=(),
                   wrapper=()):
    """launch_exporter, then wait for it."""
    return launch_exporter(procs, exporter, uris, work, name, extra, wrapper)()


class Prometheus:
    """A Prometheus server on 127.0.0.1; agent=True: agent mode (no TSDB,
    no queries; it scrapes and remote_writes); receiver=True: it accepts
    remote_write on /api/v1/write."""

    def __init__(self, procs, work, name, config, agent=False, receiver=False):
        self.dir = os.path.join(work, name)
        os.makedirs(self.dir)
        self.port = free_port()
        self.url = "http://127.0.0.1:%d" % self.port
        cfg = os.path.join(self.dir, "prometheus.yml")
        with open(cfg, "w") as f:
            f.write(config)
        if agent:
            mode = ["--enable-feature=agent",
                    "--storage.agent.path=" + os.path.join(self.dir, "wal")]
        else:
            mode = ["--storage.tsdb.path=" + os.path.join(self.dir, "data")]
        if receiver:
            mode.append("--web.enable-remote-write-receiver")
        self.proc = procs.start([
            "prometheus", "--config.file=" + cfg] + mode + [
            "--web.listen-address=127.0.0.1:%d" % self.port,
            "--log.level=warn"],
            stderr=open(os.path.join(self.dir, "log"), "w"))
        wait_for(name + " ready", self.ready, limit=60)

    def ready(self):
        if self.proc.poll() is not None:
            raise Fail("prometheus exited: " +
                       open(os.path.join(self.dir, "log")).read()[-2000:])
        try:
            return http_status(self.url + "/-/ready", timeout=2) == 200
        except (OSError, urllib.error.URLError):
            return False

    def query(self, expr):
        q = urllib.parse.urlencode({"query": expr})
        _, _, body = http_get(self.url + "/api/v1/query?" + q)
        data = json.loads(body)
        if data.get("status") != "success":
            raise Fail("query %s: %s" % (expr, data))
        return data["data"]["result"]


def workdir(tag, where=None):
    return tempfile.mkdtemp(prefix="virtplug-%s." % tag,
                            dir=where or os.environ.get("TMPDIR", "/tmp"))
