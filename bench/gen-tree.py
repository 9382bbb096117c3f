#!/usr/bin/env python3
"""gen-tree.py: write a libvirt QEMU-driver host tree for benchmarks.

    bench/gen-tree.py ROOT N

Creates N persistent domains in the system layout under ROOT, usable as
qemu:///system?root=ROOT:
  etc/libvirt/qemu/NAME.xml          every domain (3-6 KB, disks and NICs)
  etc/libvirt/qemu/autostart/NAME.xml  symlink, every 10th domain
  run/libvirt/qemu/NAME.xml          every other domain is running: a
                                     <domstatus> of 15-25 KB
  var/lib/libvirt/qemu/save/NAME.save  every 20th inactive domain
  var/lib/libvirt/qemu/snapshot/NAME/  every 25th domain, one snapshot
The file shapes follow what libvirt 9.0 writes (qemuCaps flags, device
aliases, seclabels); sizes vary per domain, deterministically.
"""
import os
import random
import sys

HEADER = """<!--
WARNING: THIS IS AN AUTO-GENERATED FILE. CHANGES TO IT ARE LIKELY TO BE
OVERWRITTEN AND LOST. Changes to this xml configuration should be made using:
  virsh edit {name}
or other application using the libvirt API.
-->

"""


def uuid_of(i):
    h = "%032x" % ((i * 0x9E3779B97F4A7C15 + 0x1234567) % (1 << 128))
    return "%s-%s-4%s-8%s-%s" % (h[0:8], h[8:12], h[13:16], h[17:20], h[20:32])


def disk(i, k, live, ind):
    alias = "\n%s  <alias name='virtio-disk%d'/>" % (ind, k) if live else ""
    return (
        "%s<disk type='file' device='disk'>\n"
        "%s  <driver name='qemu' type='qcow2' discard='unmap'/>\n"
        "%s  <source file='/var/lib/libvirt/images/bench-%06d-disk%d.qcow2'%s/>\n"
        "%s  <target dev='vd%s' bus='virtio'/>%s\n"
        "%s  <address type='pci' domain='0x0000' bus='0x%02x' slot='0x00' function='0x0'/>\n"
        "%s</disk>\n"
        % (ind, ind, ind, i, k, " index='%d'" % (k + 1) if live else "",
           ind, chr(ord('a') + k), alias, ind, 4 + k, ind))


def nic(i, k, live, ind):
    mac = "52:54:00:%02x:%02x:%02x" % ((i >> 16) & 0xff, (i >> 8) & 0xff, (i + k) & 0xff)
    extra = ("\n%s  <target dev='vnet%d'/>\n%s  <alias name='net%d'/>" % (ind, i * 4 + k, ind, k)
             if live else "")
    return (
        "%s<interface type='network'>\n"
        "%s  <mac address='%s'/>\n"
        "%s  <source network='default'%s/>%s\n"
        "%s  <model type='virtio'/>\n"
        "%s  <address type='pci' domain='0x0000' bus='0x%02x' slot='0x00' function='0x0'/>\n"
        "%s</interface>\n"
        % (ind, ind, mac, ind, " portid='%s' bridge='virbr0'" % uuid_of(i + 7 * k) if live else "",
           extra, ind, ind, 0x10 + k, ind))


def domain_xml(i, name, rnd, live, dom_id, ind):
    ndisk = rnd.randint(3, 6)
    nnic = rnd.randint(1, 4)
    p = ind
    out = ["%s<domain type='kvm'%s>\n" % (p, " id='%d'" % dom_id if live else ""),
           "%s  <name>%s</name>\n" % (p, name),
           "%s  <uuid>%s</uuid>\n" % (p, uuid_of(i)),
           "%s  <memory unit='KiB'>%d</memory>\n" % (p, 1048576 * (1 + i % 8)),
           "%s  <currentMemory unit='KiB'>%d</currentMemory>\n" % (p, 1048576 * (1 + i % 8)),
           "%s  <vcpu placement='static'>%d</vcpu>\n" % (p, 1 + i % 4),
           "%s  <os>\n%s    <type arch='x86_64' machine='pc-q35-7.2'>hvm</type>\n"
           "%s    <boot dev='hd'/>\n%s  </os>\n" % (p, p, p, p),
           "%s  <features>\n%s    <acpi/>\n%s    <apic/>\n%s  </features>\n" % (p, p, p, p),
           "%s  <cpu mode='host-passthrough' check='none' migratable='on'/>\n" % p,
           "%s  <clock offset='utc'>\n%s    <timer name='rtc' tickpolicy='catchup'/>\n"
           "%s    <timer name='pit' tickpolicy='delay'/>\n%s  </clock>\n" % (p, p, p, p),
           "%s  <on_poweroff>destroy</on_poweroff>\n%s  <on_reboot>restart</on_reboot>\n"
           "%s  <on_crash>destroy</on_crash>\n" % (p, p, p),
           "%s  <devices>\n" % p,
           "%s    <emulator>/usr/bin/qemu-system-x86_64</emulator>\n" % p]
    out += [disk(i, k, live, p + "    ") for k in range(ndisk)]
    out += [nic(i, k, live, p + "    ") for k in range(nnic)]
    for k in range(rnd.randint(4, 9)):
        out.append("%s    <controller type='pci' index='%d' model='pcie-root-port'>\n"
                   "%s      <model name='pcie-root-port'/>\n"
                   "%s      <target chassis='%d' port='0x%x'/>\n"
                   "%s    </controller>\n" % (p, k + 1, p, p, k + 1, 0x10 + k, p))
    out += ["%s    <serial type='pty'>\n%s      <target type='isa-serial' port='0'/>\n"
            "%s    </serial>\n" % (p, p, p),
            "%s    <channel type='unix'>\n%s      <target type='virtio' name='org.qemu.guest_agent.0'/>\n"
            "%s    </channel>\n" % (p, p, p),
            "%s    <graphics type='vnc' port='-1' autoport='yes' listen='127.0.0.1'/>\n" % p,
            "%s    <memballoon model='virtio'/>\n" % p,
            "%s    <rng model='virtio'>\n%s      <backend model='random'>/dev/urandom</backend>\n"
            "%s    </rng>\n" % (p, p, p),
            "%s  </devices>\n" % p]
    if live:
        out.append("%s  <seclabel type='dynamic' model='dac' relabel='yes'>\n"
                   "%s    <label>+64055:+64055</label>\n"
                   "%s    <imagelabel>+64055:+64055</imagelabel>\n"
                   "%s  </seclabel>\n" % (p, p, p, p))
    out.append("%s</domain>\n" % p)
    return "".join(out)


def status_xml(i, name, rnd, dom_id):
    out = [HEADER.format(name=name),
           "<domstatus state='running' reason='booted' pid='%d'>\n" % (100000 + i),
           "  <taint flag='high-privileges'/>\n",
           "  <monitor path='/var/lib/libvirt/qemu/domain-%d-%s/monitor.sock' type='unix'/>\n"
           % (dom_id, name),
           "  <namespaces>\n    <mount/>\n  </namespaces>\n  <vcpus>\n"]
    out += ["    <vcpu id='%d' pid='%d'/>\n" % (k, 200000 + i * 4 + k) for k in range(1 + i % 4)]
    out.append("  </vcpus>\n  <qemuCaps>\n")
    # libvirt records every QEMU capability flag it probed: hundreds.
    out += ["    <flag name='cap-%03d-%s'/>\n" % (k, "x" * (k % 13))
            for k in range(rnd.randint(330, 520))]
    out.append("  </qemuCaps>\n  <devices>\n")
    out += ["    <device alias='ua-dev%d'/>\n" % k for k in range(rnd.randint(8, 20))]
    out += ["  </devices>\n",
            "  <libDir path='/var/lib/libvirt/qemu/domain-%d-%s'/>\n" % (dom_id, name),
            "  <channelTargetDir path='/var/lib/libvirt/qemu/channel/target/domain-%d-%s'/>\n"
            % (dom_id, name),
            "  <chardevStdioLogd/>\n  <rememberOwner/>\n  <nodename index='%d'/>\n"
            "  <fdset index='0'/>\n  <blockjobs active='no'/>\n  <agentTimeout>-2</agentTimeout>\n"
            % (4 + i % 5),
            domain_xml(i, name, rnd, True, dom_id, "  "),
            "</domstatus>\n"]
    return "".join(out)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: gen-tree.py ROOT N")
    root, n = sys.argv[1], int(sys.argv[2])
    etc = os.path.join(root, "etc/libvirt/qemu")
    run = os.path.join(root, "run/libvirt/qemu")
    lib = os.path.join(root, "var/lib/libvirt/qemu")
    for d in (os.path.join(etc, "autostart"), run, os.path.join(lib, "save"),
              os.path.join(lib, "snapshot"), os.path.join(lib, "checkpoint")):
        os.makedirs(d, exist_ok=True)
    dom_id = 0
    for i in range(n):
        rnd = random.Random(i)
        name = "bench-%06d" % i
        with open(os.path.join(etc, name + ".xml"), "w") as f:
            f.write(HEADER.format(name=name) + domain_xml(i, name, rnd, False, 0, ""))
        if i % 10 == 0:
            os.symlink(os.path.join("/etc/libvirt/qemu", name + ".xml"),
                       os.path.join(etc, "autostart", name + ".xml"))
        if i % 2 == 0:
            dom_id += 1
            with open(os.path.join(run, name + ".xml"), "w") as f:
                f.write(status_xml(i, name, rnd, dom_id))
        elif i % 20 == 1:
            open(os.path.join(lib, "save", name + ".save"), "w").close()
        if i % 25 == 0:
            snapdir = os.path.join(lib, "snapshot", name)
            os.makedirs(snapdir, exist_ok=True)
            with open(os.path.join(snapdir, "s1.xml"), "w") as f:
                f.write("<domainsnapshot>\n  <name>s1</name>\n  <state>shutoff</state>\n"
                        "  <creationTime>1700000000</creationTime>\n</domainsnapshot>\n")


if __name__ == "__main__":
    main()
