"""readme-calls.py README SYMS: the README's table of implemented libvirt
calls names exactly the libvirt functions libvirtplug exports.

In the table, a call written without its prefix ("`GetURI`" after
"`virConnectGetType`") continues the last full name: the longest leading
part of that name, cut before a capital, that makes an exported name."""
import re
import sys


def exported(path):
    names = set()
    in_global = False
    for line in open(path, encoding="utf-8"):
        line = line.split("#", 1)[0].strip()
        if line == "global:":
            in_global = True
        elif line == "local:":
            in_global = False
        elif in_global and line.endswith(";"):
            names.add(line[:-1].strip())
    return {n for n in names
            if n.startswith("vir") and not n.startswith("virtplug")}


def table_calls(path, syms):
    text = open(path, encoding="utf-8").read()
    section = text.split("## libvirt compatibility", 1)[1].split("\n## ", 1)[0]
    calls, bad = set(), []
    for row in section.splitlines():
        if not row.startswith("| `vir"):
            continue
        cell = row.split("|")[1]
        last = None
        for tok in re.findall(r"`([A-Za-z0-9_]+)`", cell):
            if tok.startswith("vir"):
                last = tok
                calls.add(tok)
                continue
            cuts = [m.start() for m in re.finditer(r"[A-Z]", last or "")]
            found = None
            for cut in sorted(cuts, reverse=True):
                if last[:cut] + tok in syms:
                    found = last[:cut] + tok
                    break
            if found:
                calls.add(found)
            else:
                bad.append(tok)
    return calls, bad


def main(readme, syms_path):
    syms = exported(syms_path)
    calls, bad = table_calls(readme, syms)
    fail = False
    for tok in bad:
        print("FAIL: the README names %s, which libvirtplug does not export" % tok)
        fail = True
    for name in sorted(calls - syms):
        print("FAIL: the README names %s, which libvirtplug does not export" % name)
        fail = True
    for name in sorted(syms - calls):
        print("FAIL: libvirtplug exports %s, which the README's table does not name" % name)
        fail = True
    if not fail:
        print("ok: the README's table names the %d libvirt calls libvirtplug exports"
              % len(calls))
    sys.exit(1 if fail else 0)


main(sys.argv[1], sys.argv[2])
