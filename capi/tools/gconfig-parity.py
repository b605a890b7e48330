#!/usr/bin/python3
"""LibvirtGConfig parity: our GIR (scripts/build-capi.sh output) against the C library's,
callable by callable (name, parameter types, directions, nullability, transfer, return
type, throws), plus classes and enumerations. Prints the percentage and what differs.

Usage: gconfig-parity.py [OUR_GIR]   (default target/capi/gir-1.0/LibvirtGConfig-1.0.gir)
"""
import os
import sys
import xml.etree.ElementTree as ET

X = "{http://www.gtk.org/introspection/core/1.0}"
C = "{http://www.gtk.org/introspection/c/1.0}"


def callables(path):
    ns = ET.parse(path).getroot().find(X + "namespace")
    out, classes, enums = {}, set(), set()
    for el in ns.iter():
        tag = el.tag[len(X):] if el.tag.startswith(X) else ""
        if tag in ("method", "constructor", "function"):
            sig = []
            ps = el.find(X + "parameters")
            for p in (ps if ps is not None else []):
                t = p.find(X + "type")
                a = p.find(X + "array")
                ty = t.get("name") if t is not None else "array:" + str(a.get(C + "type"))
                sig.append((ty, p.get("direction", "in"), p.get("nullable") or p.get("allow-none") or "0",
                            p.get("transfer-ownership", "none")))
            rv = el.find(X + "return-value")
            t = rv.find(X + "type")
            a = rv.find(X + "array")
            ret = (t.get("name") if t is not None else "array", rv.get("transfer-ownership"),
                   rv.get("nullable", "0"))
            out[el.get(C + "identifier")] = (tuple(sig), ret, el.get("throws", "0"))
        elif tag == "class":
            classes.add(el.get("name"))
        elif tag in ("enumeration", "bitfield"):
            enums.add(el.get("name"))
    return out, classes, enums


def main():
    ours_path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", "target", "capi", "gir-1.0",
        "LibvirtGConfig-1.0.gir")
    ref, rcl, ren = callables("/usr/share/gir-1.0/LibvirtGConfig-1.0.gir")
    ours, ocl, oen = callables(ours_path)
    same = [n for n in ref if n in ours and ours[n] == ref[n]]
    differ = [n for n in ref if n in ours and ours[n] != ref[n]]
    missing = [n for n in ref if n not in ours]
    extra = [n for n in ours if n not in ref]
    print("LibvirtGConfig callables: %d of %d identical (%.1f%%), %d differ, %d missing, %d extra"
          % (len(same), len(ref), 100.0 * len(same) / len(ref), len(differ), len(missing), len(extra)))
    print("classes: %d of %d; enumerations/flags: %d of %d"
          % (len(rcl & ocl), len(rcl), len(ren & oen), len(ren)))
    for n in sorted(differ):
        print("differs: %s\n   C:    %s\n   ours: %s" % (n, ref[n], ours[n]))
    for n in sorted(missing):
        print("missing: " + n)
    for n in sorted(extra):
        print("extra: " + n)


if __name__ == "__main__":
    main()
