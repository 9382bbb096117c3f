#!/usr/bin/env python3
"""exporter-valgrind.py: virtplug-exporter under valgrind's memcheck.

The exporter serves the example qemu and xen hosts and test:///default
while it takes sequential scrapes, the landing page, an unknown path (404),
20 concurrent scrapes and a client that connects and never sends; then
SIGTERM.  It must exit 0 with no memcheck error and no definite leak
(--error-exitcode), having answered every request rightly.

The other exporter tests cannot run under the valgrind step's wrapper
(it stands in for the tool, not for a server); this is the exporter's
valgrind run, in the plain (gcc) build only."""
import os
import signal
import socket
import subprocess
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from promlib import (Fail, Procs, bound, env_paths, http_get,  # noqa: E402
                     http_status, need, skip, start_exporter, workdir)

CONCURRENT = 20


def main():
    bound("exporter-valgrind", 600)
    if os.environ.get("VIRTPLUG_UNDER_VALGRIND"):
        skip("the valgrind step's wrapper runs the tool; this runs in the gcc step")
    if "-fsanitize" in os.environ.get("CFLAGS", "") or \
            os.environ.get("VIRTPLUG_CI_STEP") == "asan":
        skip("a sanitizer build cannot run under valgrind")
    need("valgrind")
    tool, exporter, src, build = env_paths()
    libtool = os.path.join(build, "libtool")
    if not os.access(libtool, os.R_OK):
        skip("no libtool script in the build tree")
    hosts = os.path.join(src, "examples", "hosts")
    uris = ["qemu:///system?root=" + os.path.join(hosts, "qemu"),
            "xen:///system?root=" + os.path.join(hosts, "xen"),
            "test:///default"]
    work = workdir("exporter-vg")
    vglog = os.path.join(work, "valgrind.log")
    wrapper = ["/bin/sh", libtool, "--mode=execute", "valgrind", "-q",
               "--error-exitcode=99", "--leak-check=full",
               "--errors-for-leak-kinds=definite", "--track-fds=no",
               "--log-file=" + vglog]
    procs = Procs()
    fails = []
    try:
        p, url = start_exporter(procs, exporter, uris, work, wrapper=wrapper)

        for _ in range(3):
            status, _, body = http_get(url + "/metrics", timeout=120)
            up = [ln for ln in body.decode("utf-8", "replace").splitlines()
                  if ln.startswith("virtplug_up{") and ln.endswith(" 1")]
            if status != 200 or len(up) != len(uris):
                fails.append("/metrics: status %d, %d URIs up, want %d" %
                             (status, len(up), len(uris)))
        status, _, body = http_get(url + "/", timeout=120)
        if status != 200 or b"<table" not in body:
            fails.append("landing page: status %d, no table" % status)
        status = http_status(url + "/no-such-path", timeout=120)
        if status != 404:
            fails.append("unknown path: status %d, want 404" % status)

        # A client that connects and never sends holds its own connection
        # only: the concurrent scrapes below are served meanwhile.
        host, port = url[len("http://"):].split(":")
        idle = socket.create_connection((host, int(port)))
        results = []

        def one():
            try:
                results.append(http_get(url + "/metrics", timeout=120)[0])
            except OSError as e:
                results.append(str(e))
        threads = [threading.Thread(target=one) for _ in range(CONCURRENT)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        idle.close()
        bad = [r for r in results if r != 200]
        if bad or len(results) != CONCURRENT:
            fails.append("concurrent scrapes: %d answers, failures %s" % (len(results), bad))
        else:
            print("ok: %d concurrent scrapes with an idle client connected" % CONCURRENT)

        os.killpg(p.pid, signal.SIGTERM)
        try:
            rc = p.wait(timeout=120)
        except subprocess.TimeoutExpired:
            raise Fail("the exporter did not exit on SIGTERM")
        report = open(vglog).read() if os.path.exists(vglog) else ""
        if rc != 0:
            fails.append("exit status %d under valgrind:\n%s" % (rc, report[-4000:]))
        else:
            print("ok: exit 0 under valgrind, no memcheck error or definite leak")
        for f in fails:
            print("FAIL: " + f)
        return 1 if fails else 0
    except Fail as e:
        print("FAIL: %s" % e)
        return 1
    finally:
        signal.alarm(0)
        procs.stop()
        import shutil
        shutil.rmtree(work, ignore_errors=True)


sys.exit(main())
