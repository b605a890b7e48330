#!/usr/bin/python3
"""Generates everything that lists the C API from the one table in capi/api/*.api.

The table (one file per GObject-introspection namespace) is C declarations with their
gtk-doc/GI annotation blocks, grouped by header, plus one-line directives:

    %header libvirt-gobject-domain.h              following blocks go into this header
    %class GVirDomain GObject gvir_domain 0.0.8    instance/class structs, type macros, get_type
    %boxed GVirDomainInfo gvir_domain_info 0.0.8   GVIR_TYPE_DOMAIN_INFO + get_type
    %enum / %flags GVirDomainState gvir_domain_state 0.0.8   idem for an enum/flags typedef
    %gtype gvir_connection_handle 0.0.8            a type macro + get_type only
    %version 0.1.5                                  a version node of the C library that
                                                    no function here uses yet (users of
                                                    the library check that it exists)

Every function block ends with its prototype and carries `Since: X.Y.Z`, which names its
ELF version node (LIBVIRT_GOBJECT_X.Y.Z). From this the generator writes, under OUT:

    include/<dir>/*.h             the installed headers (input of g-ir-scanner)
    symbols.txt                   "<symbol> <version node>" for every exported function
    libvirt-glib-1.0.map          version script of the real library (all three namespaces)
    libvirt-gconfig-1.0.map,      version scripts of the two thin libraries (the version
    libvirt-gobject-1.0.map       nodes their users need, no symbols of their own)

Usage: gen.py OUT
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
API = os.path.join(HERE, "..", "api")

NAMESPACES = [
    # (api file, include dir, macro prefix, lower prefix, version prefix, includes)
    ("LibvirtGLib", "libvirt-glib", "GVIR", "gvir", "LIBVIRT_GLIB",
     ["<stdarg.h>", "<glib-object.h>"]),
    ("LibvirtGConfig", "libvirt-gconfig", "GVIR_CONFIG", "gvir_config", "LIBVIRT_GCONFIG",
     ["<glib-object.h>"]),
    ("LibvirtGObject", "libvirt-gobject", "GVIR", "gvir", "LIBVIRT_GOBJECT",
     ["<gio/gio.h>", "<libvirt/libvirt.h>", "<libvirt-glib/libvirt-glib.h>",
      "<libvirt-gconfig/libvirt-gconfig.h>"]),
]

PROTO = re.compile(r"^(?:G_DEPRECATED\s+)?[A-Za-z_][\w\s\*]*?\b(gvir_\w+)\s*\(", re.M)


def type_rank(t):
    """Forward struct typedefs, then enums, then structs, then callbacks."""
    if t.startswith("typedef struct") and "{" not in t:
        return 0
    if "typedef enum" in t:
        return 1
    if "(*" in t:
        return 3
    return 2


def vkey(v):
    return tuple(int(x) for x in v.split("."))


class Namespace:
    def __init__(self, spec):
        (self.name, self.dir, self.macro, self.lower, self.vprefix, self.includes) = spec
        self.headers = {}  # header -> list of blocks
        self.order = []
        self.types = []  # forward typedefs, enums, records, callbacks (types header)
        self.symbols = []  # (name, version)
        self.classes = []  # (ctype, macros + struct definitions), parents first
        self.parent = {}
        self.extra_nodes = set()
        self.parse(os.path.join(API, self.name + ".api"))

    def parse(self, path):
        text = open(path).read()
        header = None
        for block in re.split(r"\n\s*\n", text):
            block = block.strip("\n")
            if not block.strip() or block.lstrip().startswith("//"):
                continue
            lines = block.split("\n")
            rest = []
            for line in lines:
                if line.startswith("%header "):
                    header = line.split()[1]
                    if header not in self.headers:
                        self.headers[header] = []
                        self.order.append(header)
                elif line.startswith("%"):
                    self.directive(header, line)
                else:
                    rest.append(line)
            if not rest:
                continue
            body = "\n".join(rest)
            if header is None:
                sys.exit("%s: a declaration before any %%header" % path)
            is_type = re.search(r"^typedef\b", body, re.M) is not None
            if is_type:
                self.types.append(body)
                continue
            m = PROTO.search(body)
            if not m:
                sys.exit("%s: no prototype in block:\n%s" % (path, body))
            since = re.search(r"^\s\*\s+Since:\s*([\d.]+)", body, re.M)
            if not since:
                sys.exit("%s: %s has no 'Since:'" % (path, m.group(1)))
            self.symbols.append((m.group(1), "%s_%s" % (self.vprefix, since.group(1))))
            self.headers[header].append(body)

    def depth(self, ctype):
        return 1 + self.depth(self.parent[ctype]) if ctype in self.parent else 0

    def short(self, prefix):
        assert prefix.startswith(self.lower + "_"), prefix
        return prefix[len(self.lower) + 1:].upper()

    def directive(self, header, line):
        parts = line.split()
        kind = parts[0][1:]
        if kind == "version":
            self.extra_nodes.add("%s_%s" % (self.vprefix, parts[1]))
        elif kind == "class":
            ctype, parent, prefix, since = parts[1:5]
            s = self.short(prefix)
            tm = "%s_TYPE_%s" % (self.macro, s)
            cast = "%s_%s" % (self.macro, s)
            isa = "%s_IS_%s" % (self.macro, s)
            self.types.append(
                "typedef struct _%s %s;\ntypedef struct _%sPrivate %sPrivate;\n"
                "typedef struct _%sClass %sClass;" % ((ctype,) * 6))
            parent_class = {"GObject": "GObjectClass", "GIOStream": "GIOStreamClass",
                            "GInitiallyUnowned": "GInitiallyUnownedClass"}.get(parent, parent + "Class")
            self.parent[ctype] = parent
            self.classes.append((ctype,
                "#define %(tm)s (%(p)s_get_type ())\n"
                "#define %(cast)s(obj) (G_TYPE_CHECK_INSTANCE_CAST ((obj), %(tm)s, %(c)s))\n"
                "#define %(cast)s_CLASS(klass) (G_TYPE_CHECK_CLASS_CAST ((klass), %(tm)s, %(c)sClass))\n"
                "#define %(isa)s(obj) (G_TYPE_CHECK_INSTANCE_TYPE ((obj), %(tm)s))\n"
                "#define %(isa)s_CLASS(klass) (G_TYPE_CHECK_CLASS_TYPE ((klass), %(tm)s))\n"
                "#define %(cast)s_GET_CLASS(obj) (G_TYPE_INSTANCE_GET_CLASS ((obj), %(tm)s, %(c)sClass))\n\n"
                "struct _%(c)s\n{\n    %(parent)s parent;\n\n    %(c)sPrivate *priv;\n};\n\n"
                "struct _%(c)sClass\n{\n    %(pc)s parent_class;\n\n    gpointer padding[20];\n};"
                % dict(tm=tm, p=prefix, cast=cast, c=ctype, isa=isa, parent=parent, pc=parent_class)))
            self.get_type(header, prefix, since, ctype)
        elif kind in ("boxed", "enum", "flags", "gtype"):
            if kind == "gtype":
                prefix, since = parts[1:3]
                ctype = None
            else:
                ctype, prefix, since = parts[1:4]
            self.headers[header].append("#define %s_TYPE_%s (%s_get_type ())"
                                        % (self.macro, self.short(prefix), prefix))
            self.get_type(header, prefix, since, ctype)
        else:
            sys.exit("unknown directive: " + line)

    def get_type(self, header, prefix, since, ctype):
        name = prefix + "_get_type"
        doc = "/**\n * %s:\n *\n * Returns: the #GType of %s\n * Since: %s\n */\nGType %s(void);" % (
            name, ctype or prefix, since, name)
        self.headers[header].append(doc)
        self.symbols.append((name, "%s_%s" % (self.vprefix, since)))

    def write(self, out):
        inc = os.path.join(out, "include", self.dir)
        os.makedirs(inc, exist_ok=True)
        guard_top = "__%s_H__" % self.dir.upper().replace("-", "_")
        types_h = "%s-types.h" % self.dir
        with open(os.path.join(inc, types_h), "w") as f:
            f.write(self.preamble(types_h, guard_top))
            for inc_ in self.includes:
                f.write("#include %s\n" % inc_)
            f.write("\nG_BEGIN_DECLS\n\n")
            for t in sorted(self.types, key=type_rank):
                f.write(t + "\n\n")
            for c, t in sorted(self.classes, key=lambda c: self.depth(c[0])):
                f.write(t + "\n\n")
            f.write("G_END_DECLS\n\n#endif\n")
        for h in self.order:
            with open(os.path.join(inc, h), "w") as f:
                f.write(self.preamble(h, guard_top))
                f.write("#include <%s/%s>\n\nG_BEGIN_DECLS\n\n" % (self.dir, types_h))
                for b in self.headers[h]:
                    f.write(b + "\n\n")
                f.write("G_END_DECLS\n\n#endif\n")
        with open(os.path.join(inc, self.dir + ".h"), "w") as f:
            f.write("/* %s.h: generated by capi/tools/gen.py from capi/api/%s.api */\n\n"
                    % (self.dir, self.name))
            f.write("#ifndef %s\n#define %s\n\n" % (guard_top, guard_top))
            f.write("#include <%s/%s>\n" % (self.dir, types_h))
            for h in self.order:
                f.write("#include <%s/%s>\n" % (self.dir, h))
            f.write("\n#endif\n")

    def preamble(self, h, guard_top):
        g = "__%s_%s__" % (self.dir.upper().replace("-", "_"), re.sub(r"\W", "_", h.upper()))
        return ("/* %s: generated by capi/tools/gen.py from capi/api/%s.api */\n\n"
                "#if !defined(%s) && !defined(%s_BUILD)\n"
                "#error \"Only <%s/%s.h> can be included directly.\"\n#endif\n\n"
                "#ifndef %s\n#define %s\n\n" % (h, self.name, guard_top, self.vprefix,
                                                self.dir, self.dir, g, g))

    def nodes(self):
        by = {v: [] for v in self.extra_nodes}
        for sym, v in self.symbols:
            by.setdefault(v, []).append(sym)
        return sorted(by.items(), key=lambda kv: vkey(kv[0][len(self.vprefix) + 1:]))


def version_script(nss, with_symbols):
    out = []
    for ns in nss:
        prev = None
        for i, (node, syms) in enumerate(ns.nodes()):
            body = ""
            if with_symbols and syms:
                body = "  global:\n" + "".join("    %s;\n" % s for s in sorted(syms))
            if i == 0 and ns is nss[0]:
                body += "  local:\n    *;\n"
            out.append("%s {\n%s}%s;\n" % (node, body, " " + prev if prev else ""))
            prev = node
    return "\n".join(out)


def main():
    out = sys.argv[1]
    nss = [Namespace(s) for s in NAMESPACES]
    seen = {}
    for ns in nss:
        for sym, v in ns.symbols:
            if sym in seen:
                sys.exit("%s declared twice" % sym)
            seen[sym] = v
        ns.write(out)
    with open(os.path.join(out, "symbols.txt"), "w") as f:
        for sym in sorted(seen):
            f.write("%s %s\n" % (sym, seen[sym]))
    with open(os.path.join(out, "libvirt-glib-1.0.map"), "w") as f:
        f.write(version_script(nss, True))
    for ns in nss[1:]:
        with open(os.path.join(out, "%s-1.0.map" % ns.dir), "w") as f:
            f.write(version_script([ns], False))


if __name__ == "__main__":
    main()
