"""The C library's API beyond Debian's GIRs: the additions of later releases.

Debian 12 ships libvirt-glib 4.0.0; capi/tools/<Namespace>-5.0.gir holds what 5.0.0
added to a namespace (version node <PREFIX>_5.0.0), in GIR form. merge() adds it to a
parsed GIR: parity.py to the reference, gconfig-gen.py and import-gir.py to the table's
input. A <class> of a name the namespace already has adds its callables to that class.
"""
import os
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
CORE = "{http://www.gtk.org/introspection/core/1.0}"
C = "{http://www.gtk.org/introspection/c/1.0}"
GLIB = "{http://www.gtk.org/introspection/glib/1.0}"
RELEASES = ["5.0.0"]
CALLABLES = (CORE + "constructor", CORE + "method", CORE + "function")


def fragments(ns):
    """[(release, path)] of the additions to namespace `ns`."""
    out = []
    for rel in RELEASES:
        path = os.path.join(HERE, "%s-%s.gir" % (ns, rel.rsplit(".", 1)[0]))
        if os.path.exists(path):
            out.append((rel, path))
    return out


def merge(root, ns):
    """Adds the additions of `ns` to `root` (a parsed <repository>).

    Returns {C identifier: (release, header)} of what was added: callables, get-type
    functions and ("T:" + C type) of the types."""
    nsel = root.find(CORE + "namespace")
    added = {}
    for rel, path in fragments(ns):
        for el in ET.parse(path).getroot().find(CORE + "namespace"):
            pos = el.find(CORE + "source-position")
            header = os.path.basename(pos.get("filename")) if pos is not None else None
            same = [e for e in nsel if e.tag == el.tag and e.get("name") == el.get("name")]
            if same:
                target = same[0]
                for m in el:
                    if m.tag in CALLABLES:
                        target.append(m)
                        added[m.get(C + "identifier")] = (rel, header)
                continue
            nsel.append(el)
            if el.get(GLIB + "get-type"):
                added[el.get(GLIB + "get-type")] = (rel, header)
            if el.get(C + "type"):
                added["T:" + el.get(C + "type")] = (rel, header)
            for m in el:
                if m.tag in CALLABLES:
                    added[m.get(C + "identifier")] = (rel, header)
    return added
