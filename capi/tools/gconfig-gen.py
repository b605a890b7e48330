#!/usr/bin/python3
"""Writes the LibvirtGConfig table from the C library's GIR and its observed behaviour.

Inputs: /usr/share/gir-1.0/LibvirtGConfig-1.0.gir (names, signatures, annotations) with
the 5.0.0 additions of capi/tools/LibvirtGConfig-5.0.gir merged in, and
capi/api/LibvirtGConfig.probe (what each setter does, from gconfig-probe.py; for the
5.0.0 additions, which Debian's 4.0 library cannot show, RULES_5_0 and BASE_5_0 below).
Outputs:
    capi/src/config/generated.rs   classes, enums and one line per C function
    capi/api/LibvirtGConfig.api    their declarations (through import-gir.py), from
                                   which gen.py writes the header, symbols and map
A function is declared only when it is implemented: the hand-written ones listed in
HAND (capi/src/config/object.rs, fns.rs, read.rs) and those a rule covers.

Usage: gconfig-gen.py
"""
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from gconfig_gir import load, X, C  # noqa: E402
import gconfig_rules  # noqa: E402
import gir_additions  # noqa: E402

GIR = "/usr/share/gir-1.0/LibvirtGConfig-1.0.gir"
LIB = "/usr/lib/x86_64-linux-gnu/libvirt-gconfig-1.0.so.0"
API = os.path.join(HERE, "..", "api")
SRC = os.path.join(HERE, "..", "src", "config")

# Written by hand (capi/src/config/object.rs, fns.rs).
HAND = {
    "gvir_config_init", "gvir_config_init_check", "gvir_config_object_error_quark",
    "gvir_config_object_to_xml", "gvir_config_object_get_schema",
    "gvir_config_domain_get_devices",
    "gvir_config_domain_os_set_arch", "gvir_config_domain_os_get_arch",
    "gvir_config_domain_os_set_machine", "gvir_config_domain_os_get_machine",
    "gvir_config_domain_set_lifecycle",
}
# ... and every function of capi/src/config/read.rs (getters of classes without a
# `_new()` to probe, gvir_config_object_new), lists.rs, edit.rs, validate.rs and v5.rs.
for _f in ("read.rs", "lists.rs", "edit.rs", "validate.rs", "v5.rs"):
    HAND |= set(re.findall(r"(?:\bfn |^\w+!\(\s*)(gvir_config_\w+)",
                           open(os.path.join(HERE, "..", "src", "config", _f)).read(), re.M))
# Element names of classes without a `_new()` to observe.
ELEMENTS = {
    "Capabilities": "capabilities", "CapabilitiesHost": "host", "CapabilitiesGuest": "guest",
    "CapabilitiesGuestArch": "arch", "CapabilitiesGuestDomain": "domain",
    "CapabilitiesGuestFeature": "feature", "CapabilitiesCpu": "cpu",
    "CapabilitiesCpuFeature": "feature", "CapabilitiesHostSecModel": "secmodel",
    "DomainCapabilitiesOs": "os",
}
# The 5.0.0 additions, as their C code writes (the 4.0 library to probe lacks them):
# the element a `_new()` makes (its `type` is what get_devices dispatches on) ...
BASE_5_0 = {"DomainGraphicsDBus": '<graphics type="dbus"/>'}
# ... (<audio> is no device get_devices knows in 5.0: an element only)
ELEMENTS["DomainAudio"] = "audio"
# ... and the accessors that are plain rules (the others are in edit.rs).
RULES_5_0 = {
    # gvir_config_object_set_attribute: NULL removes the attribute.
    "gvir_config_domain_graphics_dbus_set_address": dict(
        kind="str", path=[], attr="address", fmt="str", extras=[], null="attr"),
    # replace_child_with_attribute_enum(G_TYPE_BOOLEAN): a new <gl enable="yes|no"/>.
    "gvir_config_domain_graphics_dbus_set_gl": dict(
        kind="bool", path=["gl"], attr="enable", fmt="bool:yes:no", extras=[], null=None,
        replace=True),
}
# Classes with GObject properties (capi/src/config/props.rs).
PROPS = {"Domain": "super::props::DomainProps"}
# Elements the C library's get_devices leaves out when they lack this attribute.
DISPATCH_REQUIRED = {"disk": "type", "filesystem": "type"}
INTS = {"guint64": "u64", "guint": "u32", "gint": "i32", "guint16": "u16", "guint8": "u8",
        "guchar": "u8", "gint64": "i64", "gulong": "std::ffi::c_ulong", "gint32": "i32",
        "guint32": "u32", "glong": "std::ffi::c_long", "gint16": "i16"}


def rust_fmt(r):
    f = r["fmt"]
    if f == "str":
        return "Fmt::Str"
    if f == "dec":
        return "Fmt::Dec"
    if f.startswith("hex"):
        return "Fmt::Hex(%s)" % f[3:]
    if f == "flag":
        return "Fmt::Flag"
    if f.startswith("bool:"):
        _, t, fl = f.split(":")
        return "Fmt::Bool(%s, %s)" % (q(t), q(fl))
    if f == "enum":
        return "Fmt::Enum(&[%s])" % ", ".join(
            "(%d, %s)" % (k, "Some(%s)" % q(v) if v is not None else "None") for k, v in r["map"])
    return "Fmt::Str"


def q(s):
    return '"%s"' % s.replace("\\", "\\\\").replace('"', '\\"')


def rule_rs(name, r):
    return ("static %s: Rule = Rule { path: &[%s], attr: %s, fmt: %s, extras: &[%s], null: Null::%s, replace: %s };"
            % (name, ", ".join(q(p) for p in r["path"]),
               "Some(%s)" % q(r["attr"]) if r["attr"] else "None", rust_fmt(r),
               ", ".join("(%d, %s, %s)" % (d, q(k), q(v)) for d, k, v in r["extras"]),
               {None: "Keep", "element": "Element", "attr": "Attr"}[r["null"]],
               "true" if r.get("replace") else "false"))


def main():
    gir = ET.parse(GIR).getroot()
    added = gir_additions.merge(gir, "LibvirtGConfig")
    classes, enums = load(root=gir)
    base, rules, gets = gconfig_rules.analyze(os.path.join(API, "LibvirtGConfig.probe"))
    base.update(BASE_5_0)
    rules.update(RULES_5_0)
    root = gir.find(X + "namespace")
    elements = dict(ELEMENTS)
    for cls, xml in base.items():
        elements[cls] = ET.fromstring(xml).tag
    rs = ["// Generated by capi/tools/gconfig-gen.py from the C library's GIR and",
          "// capi/api/LibvirtGConfig.probe. Do not edit.", "",
          "use super::fns::*;", "use super::object::ConfigObject;",
          "use super::rules::{Fmt, Null, Rule};", "@USES@", ""]
    keep = set(HAND)
    # Classes, parents first.
    order = []

    def visit(n):
        if n in order or n not in classes:
            return
        visit(classes[n]["parent"])
        order.append(n)
    for n in sorted(classes):
        visit(n)

    def ancestors(n):
        out = []
        p = classes[n]["parent"]
        while p in classes:
            out.append(p)
            p = classes[p]["parent"]
        return out
    rname = lambda n: "ConfigObject" if n == "Object" else n  # noqa: E731
    for n in order:
        if n == "Object":
            continue
        c = classes[n]
        anc = [rname(a) for a in ancestors(n)]
        props = "; props = %s" % PROPS[n] if n in PROPS else ""
        rs.append("config_class!(/// `%s`.\n    %s%s, %sImp = %s, %s; [%s]%s);" % (
            c["ctype"], "@abstract " if c["abstract"] else "", n, n, q(c["ctype"]),
            anc[0], ", ".join(anc), props))
    rs.append("")
    rs.append("/// Registers every GType of LibvirtGConfig (types register lazily otherwise).")
    rs.append("pub fn register_types() {")
    rs.append("    use glib::prelude::StaticType;")
    for n in order:
        rs.append("    let _ = %s::static_type();" % rname(n))
    for en in sorted(enums):
        gt = enum_gettype(root, en)
        if gt:
            rs.append("    let _ = %s();" % gt)
    rs.append("}")
    rs.append("")
    for n in order:
        c = classes[n]
        rs.append("get_type!(%s, %s);" % (c["get_type"], rname(n)))
        keep.add(c["get_type"])
    # Enumerations.
    for e in root.findall(X + "enumeration") + root.findall(X + "bitfield"):
        gt = e.get("{http://www.gtk.org/introspection/glib/1.0}get-type")
        if not gt:
            continue
        vals = ", ".join("(%s, %s, %s)" % (m.get("value"), q(m.get(C + "identifier")),
                                           q(m.get("{http://www.gtk.org/introspection/glib/1.0}nick") or m.get("name")))
                         for m in e.findall(X + "member"))
        rs.append("%s!(%s, %s, [%s]);" % ("flags_type" if e.tag == X + "bitfield" else "enum_type",
                                          gt, q(e.get(C + "type")), vals))
        keep.add(gt)
    rs.append("")
    # Functions: only those the C library exports (its headers declare a few it lacks).
    exported = set(line.split()[-1] for line in subprocess.check_output(
        ["objdump", "-T", LIB], text=True).splitlines() if line.split() and line.split()[-1].startswith("gvir"))
    exported |= set(k for k in added if not k.startswith("T:"))
    fresh = {}
    for key, vals in gets.items():
        for tag, v in vals:
            if tag == "fresh":
                fresh[key] = v
    for n in order:
        c = classes[n]
        for m in c["methods"]:
            fn = m["name"]
            if fn in HAND or fn not in exported:
                continue
            ps = [p for p in m["params"] if not p["inst"]]
            line = None
            if n == "Object":
                continue
            if m["kind"] == "constructor" and fn.endswith("_new") and not ps and n in elements:
                attrs = ET.fromstring(base[n]).attrib.items() if n in base else []
                line = "new_fn!(%s, %s, %s, [%s]);" % (fn, n, q(elements[n]), ", ".join(
                    "(%s, %s)" % (q(k), q(v)) for k, v in attrs))
            elif m["kind"] == "constructor" and fn.endswith("_new_from_xml") and len(ps) == 1 and n in elements:
                line = "new_from_xml_fn!(%s, %s, %s);" % (fn, n, q(elements[n]))
            elif m["kind"] == "method":
                line = method(fn, n, m, ps, rules, classes, elements, fresh, rs, gets)
            if line:
                rs.append(line)
                keep.add(fn)
    # Which class views an element (get_devices and the like pick the most specific).
    rs.append("")
    rs.append("/// Classes by element: (name, attribute, value, class).")
    rs.append("type ClassEntry = (&'static str, Option<(&'static str, &'static str)>, fn() -> glib::Type);")
    rs.append("static CLASSES: &[ClassEntry] = &[")
    for cls, xml in sorted(base.items()):
        if classes[cls]["abstract"]:
            continue
        el = ET.fromstring(xml)
        # The attribute the C library dispatches on (`type`, `mode` for <smartcard>);
        # "*": any value, but the attribute must be there (DISPATCH_REQUIRED).
        a = "None"
        for k in ("type", "mode"):
            if el.get(k):
                a = "Some((%s, %s))" % (q(k), q(el.get(k)))
                break
        else:
            if el.tag in DISPATCH_REQUIRED:
                a = "Some((%s, %s))" % (q(DISPATCH_REQUIRED[el.tag]), q("*"))
        rs.append("    (%s, %s, <%s as glib::prelude::StaticType>::static_type)," % (q(el.tag), a, rname(cls)))
    rs.append("];")
    rs.append(CLASS_OF)
    text = "\n".join(rs) + "\n"
    used = sorted(set(re.findall(r"^(\w+)!\(", text, re.M)))
    text = text.replace("@USES@", "use crate::{%s};" % ", ".join(used))
    out = os.path.join(SRC, "generated.rs")
    open(out, "w").write(text)
    subprocess.call(["rustfmt", "--edition", "2021", out])
    # Declarations: the C library's own blocks for what is implemented.
    os.makedirs("/tmp/capiw", exist_ok=True)
    syms = subprocess.check_output(["objdump", "-T", LIB], text=True)
    with open("/tmp/capiw/libvirt-gconfig-1.0.syms", "w") as f:
        for line in syms.splitlines():
            w = line.split()
            if w and w[-1].startswith("gvir"):
                f.write("%s %s\n" % (w[-2], w[-1]))
    keepf = "/tmp/capiw/gconfig.keep"
    open(keepf, "w").write("\n".join(sorted(keep)) + "\n")
    api = subprocess.check_output(
        ["/usr/bin/python3", os.path.join(HERE, "import-gir.py"), "LibvirtGConfig",
         "gconfig", "/usr/include/libvirt-gconfig-1.0/libvirt-gconfig", keepf],
        text=True, stderr=subprocess.DEVNULL)
    open(os.path.join(API, "LibvirtGConfig.api"), "w").write(
        "// Generated by capi/tools/gconfig-gen.py (declarations of the implemented functions,\n"
        "// annotations as in the C library's GIR). Do not edit.\n\n" + api)
    total = sum(len(c["methods"]) for c in classes.values()) + len(root.findall(X + "function"))
    print("gconfig-gen: %d of %d callables, %d rules" % (
        len([k for k in keep if not k.endswith("_get_type")]), total, len(rules)))
    if skipped:
        print("gconfig-gen: getters left out (the C library returned something else): "
              + " ".join(sorted(skipped)))


def enum_gettype(root, name):
    for e in root.findall(X + "enumeration") + root.findall(X + "bitfield"):
        if e.get("name") == name:
            return e.get("{http://www.gtk.org/introspection/glib/1.0}get-type")


def method(fn, cls, m, ps, rules, classes, elements, fresh, rs, gets):
    rid = "R_" + fn[len("gvir_config_"):].upper()
    if "_get_" in fn and not ps and not m["throws"]:
        sfn = fn.replace("_get_", "_set_", 1)
        r = rules.get(sfn)
        if r is None:
            return None
        ret, rct = m["ret"], m["rctype"] or ""
        if r["kind"] == "obj":
            rc = ret.split(".")[-1]
            if rc in classes and not classes[rc]["abstract"]:
                return "get_obj!(%s, %s, %s, &[%s]);" % (fn, cls, rc, ", ".join(q(p) for p in r["path"]))
            return None
        if not agrees(fn, sfn, r, gets, fresh):
            skipped.append(fn)
            return None
        if rid not in rule_ids:
            rs.append(rule_rs(rid.replace("_GET_", "_SET_", 1), r))
            rule_ids.add(rid.replace("_GET_", "_SET_", 1))
        rid = rid.replace("_GET_", "_SET_", 1)
        if ret == "utf8" and r["kind"] == "str":
            return ("get_str_none!(%s, %s, %s);" if rct.startswith("const") else
                    "get_str_full!(%s, %s, %s);") % (fn, cls, rid)
        if ret == "gboolean" and r["kind"] == "bool":
            return "get_bool!(%s, %s, %s);" % (fn, cls, rid)
        if ret in INTS and r["kind"] == "int":
            return "get_int!(%s, %s, %s, %s);" % (fn, cls, rid, INTS[ret])
        if r["kind"] == "enum" and ret not in INTS and ret not in ("utf8", "gboolean"):
            d = fresh.get(fn, "0")
            return "get_enum!(%s, %s, %s, %s);" % (fn, cls, rid, d)
        return None
    r = rules.get(fn)
    if r is None or len(ps) != 1:
        return None
    g = ps[0]["gname"]
    if rid not in rule_ids and r["kind"] != "obj":
        rs.append(rule_rs(rid, r))
        rule_ids.add(rid)
    if r["kind"] == "str" and g == "utf8":
        return "set_str!(%s, %s, %s);" % (fn, cls, rid)
    if r["kind"] == "int" and g in INTS:
        return "set_int!(%s, %s, %s, %s);" % (fn, cls, rid, INTS[g])
    if r["kind"] == "bool" and g == "gboolean":
        return "set_bool!(%s, %s, %s);" % (fn, cls, rid)
    if r["kind"] == "enum":
        return "set_enum!(%s, %s, %s);" % (fn, cls, rid)
    if r["kind"] == "obj":
        pc = g.split(".")[-1]
        pc = "ConfigObject" if pc == "Object" else pc
        return "set_obj!(%s, %s, %s, &[%s], %s, %s, %s);" % (
            fn, cls, pc, ", ".join(q(p) for p in r["path"][:-1]), q(r["path"][-1]),
            "true" if r["fmt"] == "replace" else "false",
            "true" if ps[0]["nullable"] else "false")
    return None


rule_ids = set()
skipped = []


def agrees(fn, sfn, r, gets, fresh):
    """Whether the C getter returned, after each observed set, what the rule reads."""
    for tag, got in gets.get(fn, []):
        w = tag.split(" ")
        if len(w) < 3 or w[0] != "after" or w[1] != sfn:
            continue
        v = w[2]
        if r["kind"] == "str":
            want = {"s1": "PROBE1", "s2": "PROBE2", "null": "(NULL)"}.get(v)
        elif r["kind"] == "int":
            want = v
        elif r["kind"] == "bool":
            want = {"t": "1", "f": "0"}.get(v)
        elif r["kind"] == "enum":
            nick = dict(r["map"]).get(int(v))
            want = v if nick is not None else fresh.get(fn, "0")
        else:
            want = got
        if want != got:
            return False
    return True

CLASS_OF = """
/// The most specific class of element `node` that is a `base` (`None`: no class).
pub fn class_of(
    d: &libvirt_gconfig::dom::Document,
    node: libvirt_gconfig::dom::NodeId,
    base: glib::Type,
) -> Option<glib::Type> {
    let mut generic = None;
    let mut known = false;
    for (tag, attr, ty) in CLASSES {
        if d.name(node) != *tag || !ty().is_a(base) {
            continue;
        }
        known = true;
        match attr {
            Some((a, "*")) if d.attribute(node, a).is_some() => generic = Some(ty()),
            Some((a, v)) if d.attribute(node, a).as_deref() == Some(*v) => return Some(ty()),
            Some(_) => {}
            None => generic = Some(ty()),
        }
    }
    if known {
        // An element of a known kind whose type no class handles: none, as the C library.
        return generic;
    }
    generic.or_else(|| {
        // SAFETY: g_type_test_flags only reads the type.
        let abstract_ = unsafe {
            glib::gobject_ffi::g_type_test_flags(glib::translate::IntoGlib::into_glib(base), glib::gobject_ffi::G_TYPE_FLAG_ABSTRACT)
        };
        (abstract_ == 0).then_some(base)
    })
}"""

if __name__ == "__main__":
    main()
