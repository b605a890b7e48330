"""Derives the LibvirtGConfig accessor rules from the C library's observed behaviour
(capi/api/LibvirtGConfig.probe, written by gconfig-probe.py)."""
import re
import xml.etree.ElementTree as ET


def records(path):
    """[(header words, body text)] of the probe output."""
    out = []
    cur = None
    for line in open(path).read().split("\n"):
        if line.startswith("@@ "):
            cur = [line[3:].split(" "), []]
            out.append(cur)
        elif cur is not None:
            cur[1].append(line)
    return [(h, "\n".join(b).strip("\n")) for h, b in out]


def tree(xml):
    try:
        return ET.fromstring(xml)
    except ET.ParseError:
        return None


def find(el, pred, path=()):
    """(path of element names below el, element, attr or None) of the first match."""
    for k, v in el.attrib.items():
        if pred(v):
            return (list(path), el, k)
    if el.text is not None and pred(el.text) and len(el) == 0:
        return (list(path), el, None)
    for c in el:
        r = find(c, pred, path + (c.tag,))
        if r:
            return r
    return None


def at(el, path):
    for p in path:
        el = el.find(p) if el is not None else None
    return el


def extras(base, after, path, attr):
    """Constant attributes the setter adds besides its value: [(depth, name, value)]."""
    out = []
    b, a = base, after
    for depth in range(len(path) + 1):
        if a is None:
            break
        for k, v in a.attrib.items():
            if depth == len(path) and k == attr:
                continue
            if b is None or b.get(k) != v:
                out.append((depth, k, v))
        if depth < len(path):
            a = a.find(path[depth])
            b = b.find(path[depth]) if b is not None else None
    return out


def value_of(el, attr):
    if el is None:
        return None
    return el.get(attr) if attr else (el.text or "")


def analyze(path):
    recs = records(path)
    base = {}
    sets = {}
    gets = {}
    for h, body in recs:
        if h[0] == "NEW":
            base[h[1]] = body
        elif h[0] == "SET":
            sets.setdefault((h[1], h[2]), []).append((h[3:], body))
        elif h[0] == "GET":
            gets.setdefault(h[1], []).append((" ".join(h[2:]), body))
    keep = {}
    for h, body in recs:
        if h[0] == "KEEP":
            keep[h[2]] = body
    rules = {}
    for (cls, fn), obs in sets.items():
        if "_set_" not in fn and "_add_" not in fn and "_enable_" not in fn:
            continue
        b = tree(base[cls])
        kind = obs[0][0][0]
        r = None
        if kind == "utf8":
            t1 = dict((o[0][1], tree(o[1])) for o in obs)
            hit = find(t1["s1"], lambda v: v == "PROBE1")
            if hit:
                p, el, attr = hit
                null = None
                if "null" in t1:
                    tn = t1["null"]
                    if at(tn, p) is None:
                        null = "element"
                    elif attr and at(tn, p).get(attr) is None:
                        null = "attr"
                r = dict(kind="str", path=p, attr=attr, fmt="str",
                         extras=extras(b, t1["s1"], p, attr), null=null)
        elif kind in ("gint", "guint", "guint64", "guint16", "guint8", "gint64"):
            t1 = dict((o[0][1], tree(o[1])) for o in obs)
            hit = find(t1["7"], lambda v: re.fullmatch(r"0x0*7|7", v) is not None)
            if hit:
                p, el, attr = hit
                v = value_of(el, attr)
                fmt = "dec" if v == "7" else "hex%d" % (len(v) - 2)
                r = dict(kind="int", path=p, attr=attr, fmt=fmt,
                         extras=extras(b, t1["7"], p, attr), null=None)
        elif kind == "gboolean":
            t1 = dict((o[0][1], tree(o[1])) for o in obs)
            tt, tf = t1["t"], t1["f"]
            hit = find(tt, lambda v: v in ("yes", "on", "1", "true"))
            if hit:
                p, el, attr = hit
                fv = value_of(at(tf, p), attr)
                r = dict(kind="bool", path=p, attr=attr,
                         fmt="bool:%s:%s" % (value_of(el, attr), fv if fv is not None else ""),
                         extras=extras(b, tt, p, attr), null=None)
            else:
                # Presence of an element: the deepest element TRUE has and FALSE lacks.
                def walk(e, path=()):
                    for c in e:
                        if at(tf, path + (c.tag,)) is None:
                            return list(path + (c.tag,))
                        w = walk(c, path + (c.tag,))
                        if w:
                            return w
                p = walk(tt)
                if p:
                    r = dict(kind="bool", path=p, attr=None, fmt="flag",
                             extras=extras(b, tt, p, "\0"), null=None)
        elif kind == "enum":
            m = {}
            loc = None
            for o in obs:
                val = int(o[0][1])
                t = tree(o[1])
                # what differs from the fresh object
                diff = None
                for cand in _leaves(t):
                    p, el, attr = cand
                    bv = value_of(at(b, p), attr)
                    if bv != value_of(el, attr):
                        diff = cand
                        break
                if diff is None:
                    m[val] = None
                    continue
                p, el, attr = diff
                if loc is None:
                    loc = (p, attr, extras(b, t, p, attr))
                if (p, attr) != loc[:2]:
                    loc = "mixed"
                    break
                m[val] = value_of(el, attr)
            if loc and loc != "mixed":
                r = dict(kind="enum", path=loc[0], attr=loc[1], fmt="enum",
                         map=sorted(m.items()), extras=loc[2], null=None)
        elif kind == "obj":
            o1 = [o for o in obs if o[0][1] == "1"]
            o2 = [o for o in obs if o[0][1] == "2"]
            t1, t2 = tree(o1[0][1]), tree(o2[0][1])
            new = [c for c in _leaves_el(t1) if at(b, c) is None]
            if new:
                p = max(new, key=len)
                n1 = len(at(t1, p[:-1]).findall(p[-1]))
                n2 = len(at(t2, p[:-1]).findall(p[-1]))
                r = dict(kind="obj", path=p, attr=None, fmt="replace" if n2 == n1 else "add",
                         extras=extras(b, t1, p[:-1], "\0"), null=None)
        if r:
            r["cls"] = cls
            # Whether the C setter replaced the child element that already had
            # probe="keep" by a new one (replace_child_with_attribute*).
            if fn in keep and r["path"]:
                el = at(tree(keep[fn]), r["path"])
                r["replace"] = el is not None and el.get("probe") is None
            rules[fn] = r
    return base, rules, gets


def _leaves(t, path=()):
    out = []
    for k in t.attrib:
        out.append((list(path), t, k))
    if len(t) == 0:
        out.append((list(path), t, None))
    for c in t:
        out.extend(_leaves(c, path + (c.tag,)))
    return out


def _leaves_el(t, path=()):
    out = []
    for c in t:
        out.append(list(path + (c.tag,)))
        out.extend(_leaves_el(c, path + (c.tag,)))
    return out
