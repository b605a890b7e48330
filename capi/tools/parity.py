#!/usr/bin/python3
"""Parity report: our GIRs against the C library's, item by item.

    parity.py OURS_GIR_DIR [REFERENCE_GIR_DIR=/usr/share/gir-1.0] [--min NS=PCT ...]

The reference is the C library's GIR with the additions of its later releases than
Debian's 4.0.0 merged in (capi/tools/<Namespace>-5.0.gir, see gir_additions.py); the
report counts them with the rest and lists them apart.

For each namespace (LibvirtGLib, LibvirtGConfig, LibvirtGObject) it compares
  callables   functions, constructors, methods (by C symbol): return type, transfer,
              nullability, every parameter (type, direction, caller-allocates, nullability,
              optional, transfer, scope, closure, destroy, array length), throws, and that an
              `_async` has its `_finish`
  classes     name, parent, abstract; their properties (type, readable, writable,
              construct, construct-only) and signals (parameter and return types)
  enums       enumerations and bitfields with every member's name and value
  records     boxed types (by GType getter)
and prints a percentage per namespace (matching items / the C library's items), each
missing or different item, and our extras (items the C library does not have).
With --min NS=PCT it exits 1 when a namespace is below PCT.
"""
import os
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gir_additions  # noqa: E402

CORE = "{http://www.gtk.org/introspection/core/1.0}"
C = "{http://www.gtk.org/introspection/c/1.0}"
GLIB = "{http://www.gtk.org/introspection/glib/1.0}"
NAMESPACES = ["LibvirtGLib", "LibvirtGObject", "LibvirtGConfig"]


def typ(el):
    """(name, c:type) of the type or array under el."""
    t = el.find(CORE + "type")
    a = el.find(CORE + "array")
    if a is not None:
        inner = a.find(CORE + "type")
        return ("array", a.get(C + "type"), inner.get("name") if inner is not None else None,
                a.get("zero-terminated"), a.get("fixed-size"))
    if t is None:
        return ("varargs",) if el.find(CORE + "varargs") is not None else (None,)
    inner = tuple(x.get("name") for x in t.findall(CORE + "type"))
    return (t.get("name"), norm_ctype(t.get(C + "type")), inner)


def norm_ctype(ct):
    if ct is None:
        return None
    ct = ct.replace(" ", "")
    return {"constchar*": "constgchar*", "char*": "gchar*", "unsignedint": "guint",
            "int": "gint", "unsignedlong": "gulong"}.get(ct, ct)


def nullable(el):
    return el.get("nullable") == "1" or el.get("allow-none") == "1"


def param_sig(p, names):
    arr = p.find(CORE + "array")
    length = None
    if arr is not None and arr.get("length") is not None:
        length = names[int(arr.get("length"))] if int(arr.get("length")) < len(names) else arr.get("length")

    def ref(attr):
        v = p.get(attr)
        if v is None:
            return None
        i = int(v)
        return names[i] if 0 <= i < len(names) else v
    return {
        "type": typ(p), "direction": p.get("direction", "in"),
        "caller-allocates": p.get("caller-allocates") == "1",
        "nullable": nullable(p), "optional": p.get("optional") == "1",
        "transfer": p.get("transfer-ownership"), "scope": p.get("scope"),
        "closure": ref("closure"), "destroy": ref("destroy"), "array-length": length,
    }


def callable_sig(el):
    ps = el.find(CORE + "parameters")
    params = []
    if ps is not None:
        plist = [p for p in ps if p.tag == CORE + "parameter"]
        names = [p.get("name") for p in plist]
        inst = ps.find(CORE + "instance-parameter")
        if inst is not None:
            params.append(("self", param_sig(inst, names)))
        for p in plist:
            params.append((p.get("name"), param_sig(p, names)))
    rv = el.find(CORE + "return-value")
    ret = {"type": typ(rv), "transfer": rv.get("transfer-ownership"), "nullable": nullable(rv)}
    return {"kind": el.tag[len(CORE):], "params": params, "return": ret,
            "throws": el.get("throws") == "1", "introspectable": el.get("introspectable", "1")}


def load(path, additions=None):
    """Items of a GIR; `additions`: a namespace whose later additions are merged in."""
    root = ET.parse(path).getroot()
    if additions:
        gir_additions.merge(root, additions)
    ns = root.find(CORE + "namespace")
    items = {}
    for el in ns:
        tag = el.tag[len(CORE):] if el.tag.startswith(CORE) else el.tag
        if tag in ("function",):
            items["callable " + el.get(C + "identifier")] = callable_sig(el)
        elif tag in ("class", "record", "interface"):
            if tag == "record" and el.get(GLIB + "is-gtype-struct-for"):
                continue
            if tag == "class":
                items["class " + el.get("name")] = {
                    "parent": el.get("parent"), "abstract": el.get("abstract") == "1",
                    "ctype": el.get(C + "type"), "get-type": el.get(GLIB + "get-type")}
                for prop in el.findall(CORE + "property"):
                    items["property %s:%s" % (el.get("name"), prop.get("name"))] = {
                        "type": typ(prop),
                        "readable": prop.get("readable", "1"), "writable": prop.get("writable", "0"),
                        "construct": prop.get("construct", "0"),
                        "construct-only": prop.get("construct-only", "0")}
                for sig in el.findall(GLIB + "signal"):
                    s = callable_sig(sig)
                    items["signal %s::%s" % (el.get("name"), sig.get("name"))] = {
                        "params": [(n, p["type"]) for n, p in s["params"]],
                        "return": s["return"]["type"]}
            elif el.get(GLIB + "get-type"):
                items["record " + el.get("name")] = {"get-type": el.get(GLIB + "get-type")}
            for m in el.findall(CORE + "method") + el.findall(CORE + "constructor") + \
                    el.findall(CORE + "function"):
                items["callable " + m.get(C + "identifier")] = callable_sig(m)
        elif tag in ("enumeration", "bitfield"):
            items["enum " + el.get("name")] = {
                "kind": tag, "get-type": el.get(GLIB + "get-type"),
                "members": sorted((m.get(C + "identifier"), m.get("value"))
                                  for m in el.findall(CORE + "member"))}
    return items


def diff(a, b, path=""):
    """Human-readable differences between two signatures."""
    out = []
    if isinstance(a, dict) and isinstance(b, dict):
        for k in a:
            out += diff(a[k], b.get(k), path + "." + k if path else k)
    elif isinstance(a, list) and isinstance(b, list) and a and isinstance(a[0], tuple) \
            and len(a[0]) == 2 and isinstance(a[0][1], dict):
        if [n for n, _ in a] != [n for n, _ in b]:
            out.append("%s: parameters %s vs ours %s" % (path, [n for n, _ in a], [n for n, _ in b]))
        for (n, pa), (_, pb) in zip(a, b):
            out += diff(pa, pb, "%s[%s]" % (path, n))
    elif a != b:
        out.append("%s: C %r, ours %r" % (path, a, b))
    return out


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    mins = {}
    argv = sys.argv[1:]
    for i, a in enumerate(argv):
        if a == "--min":
            ns, pct = argv[i + 1].split("=")
            mins[ns] = float(pct)
    ours_dir = args[0]
    ref_dir = args[1] if len(args) > 1 and not args[1].count("=") else "/usr/share/gir-1.0"
    failed = False
    summary = []
    for ns in NAMESPACES:
        ref = load(os.path.join(ref_dir, ns + "-1.0.gir"), ns)
        base = load(os.path.join(ref_dir, ns + "-1.0.gir"))
        ours_path = os.path.join(ours_dir, ns + "-1.0.gir")
        ours = load(ours_path) if os.path.exists(ours_path) else {}
        ok, missing, different = 0, [], []
        per_kind = {}
        for key, sig in sorted(ref.items()):
            kind = key.split()[0]
            tot = per_kind.setdefault(kind, [0, 0])
            tot[1] += 1
            if key not in ours:
                missing.append(key)
                continue
            d = diff(sig, ours[key])
            if d:
                different.append((key, d))
            else:
                ok += 1
                tot[0] += 1
        extras = sorted(k for k in ours if k not in ref)
        pct = 100.0 * ok / len(ref) if ref else 100.0
        later = sorted(k for k in ref if k not in base)
        later_ok = sum(1 for k in later if k in ours and not diff(ref[k], ours[k]))
        print("== %s: %.1f%% (%d of %d items match)" % (ns, pct, ok, len(ref)))
        if later:
            print("   of them later than 4.0.0 (%s): %d of %d match" % (
                ", ".join(r for r, _ in gir_additions.fragments(ns)), later_ok, len(later)))
        for kind, (good, total) in sorted(per_kind.items()):
            print("   %-9s %4d / %4d" % (kind, good, total))
        for key in missing:
            print("   missing:   " + key)
        for key, d in different:
            print("   different: %s\n      %s" % (key, "\n      ".join(d)))
        print("   our extras: %d%s" % (len(extras), (" (" + ", ".join(extras[:40]) +
                                                      (", ..." if len(extras) > 40 else "") + ")") if extras else ""))
        summary.append("%s %.1f%%" % (ns, pct))
        if ns in mins and pct < mins[ns]:
            failed = True
    print("parity: " + ", ".join(summary))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
