#!/usr/bin/python3
"""Observes the C libvirt-gconfig (the reference) call by call and records what it does.

For every class with a `_new()` constructor this writes a C program that creates a fresh
object and calls each setter (strings, booleans, integers, every value of an enum, and
objects of the parameter's class), dumping `gvir_config_object_to_xml` and the matching
getters after every call. A second program then calls each setter of an attribute of a
child element once more, on an object parsed from XML whose child already carries an
attribute `probe="keep"` (records `@@ KEEP`): whether that survives tells a setter
that reuses the child (`add_child_with_attribute`) from one that replaces it by a new
element (`replace_child_with_attribute*`). It compiles the programs against the installed C library
(`pkg-config libvirt-gconfig-1.0`), runs it and stores the output in
capi/api/LibvirtGConfig.probe, from which capi/tools/gconfig-gen.py derives the
LibvirtGConfig table. Only a developer runs this; the build reads the stored output.

Usage: gconfig-probe.py
"""
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gconfig_gir import load  # noqa: E402
import gconfig_rules  # noqa: E402
import xml.etree.ElementTree as ET  # noqa: E402

cl,en=load()
def cname(cls): return cl[cls]['ctype']
def conc(g):
    if newfn(g): return newfn(g)
    for k,c in sorted(cl.items()):
        if c['parent']==g and newfn(k): return newfn(k)
    for k,c in sorted(cl.items()):
        if c['parent'] in cl and cl[c['parent']]['parent']==g and newfn(k): return newfn(k)
def newfn(cls):
    for m in cl[cls]['methods']:
        if m['kind']=='constructor' and not m['params'] and m['name'].endswith('_new'): return m['name']
INTS={'gint','guint','gint64','guint64','guint16','guint8','guchar','gulong','glong','gint16','gint32','guint32','int'}
out=['#include <libvirt-gconfig/libvirt-gconfig.h>','#include <stdio.h>',
 'static void dump(const char*k, gpointer o){ gchar*x=gvir_config_object_to_xml(GVIR_CONFIG_OBJECT(o)); printf("@@ %s\\n%s\\n",k,x); g_free(x);}',
 'static void pget_s(const char*k,const char*v){printf("@@ GET %s\\n%s\\n",k,v?v:"(NULL)");}',
 'static void pget_i(const char*k,long long v){printf("@@ GET %s\\n%lld\\n",k,v);}',
 'int main(void){']
def getters(cls):
    r=[]
    for m in cl[cls]['methods']:
        ps=[p for p in m['params'] if not p['inst']]
        if m['kind']!='method' or ps or '_get_' not in m['name']: continue
        g=m['ret']
        if g=='utf8': r.append((m['name'],'s', m['rctype']))
        elif g=='gboolean' or g in INTS or g in en: r.append((m['name'],'i',m['rctype']))
    return r
def gcalls(cls, tag):
    return ' '.join('pget_%s("%s %s", %s(o));'%(k, n, tag, n) if k=='i' else 'pget_s("%s %s", %s(o));'%(n,tag,n) for n,k,rt in getters(cls) if not rt.startswith('gchar') or k=='i') + ' '.join('{gchar*v=%s(o); pget_s("%s %s", v); g_free(v);}'%(n,n,tag) for n,k,rt in getters(cls) if k=='s' and rt.startswith('gchar'))
for cls,c in sorted(cl.items()):
    # Abstract classes are observed through their first concrete subclass.
    nf=newfn(cls) or conc(cls)
    if not nf or cls=='Object': continue
    out.append('{ gpointer o=%s(); dump("NEW %s",o); %s g_object_unref(o);}'%(nf,cls,gcalls(cls,'fresh')))
    for m in c['methods']:
        if m['kind']!='method': continue
        ps=[p for p in m['params'] if not p['inst']]
        if len(ps)!=1 or m['throws']: continue
        p=ps[0]; g=p['gname']; n=m['name']
        calls=[]
        if g=='utf8':
            calls=[('"PROBE1"','s1'),('"PROBE2"','s2')]+([('NULL','null')] if p['nullable'] else [])
        elif g=='gboolean': calls=[('TRUE','t'),('FALSE','f')]
        elif g in INTS: calls=[('7','7'),('12','12')]
        elif g in en and g.split('.')[-1] in en:
            for ident,val in en[g][1]:
                out.append('{ gpointer o=%s(); %s(o,%d); dump("SET %s %s enum %d",o); %s g_object_unref(o);}'%(nf,n,val,cls,n,val,gcalls(cls,'after %s %d'%(n,val))))
            continue
        elif g in cl and conc(g):
            a=conc(g)
            out.append('{ gpointer o=%s(); gpointer a=%s(); gpointer b=%s(); %s(o,a); dump("SET %s %s obj 1 %s",o); %s(o,b); dump("SET %s %s obj 2 %s",o); %s g_object_unref(a); g_object_unref(b); g_object_unref(o);}'%(nf,a,a,n,cls,n,a,n,cls,n,a, ('%s(o,NULL); dump("SET %s %s obj null %s",o);'%(n,cls,n,a)) if p['nullable'] else ''))
            continue
        elif False:
            out.append('{ gpointer o=%s(); gpointer a=%s(); gpointer b=%s(); %s(o,a); dump("SET %s %s obj 1",o); %s(o,b); dump("SET %s %s obj 2",o); g_object_unref(a); g_object_unref(b); g_object_unref(o);}'%(nf,newfn(g),newfn(g),n,cls,n,n,cls,n))
            continue
        else: continue
        seq=' '.join('%s(o,%s); dump("SET %s %s %s %s",o); %s'%(n,v,cls,n,g,tag,gcalls(cls,'after %s %s'%(n,tag))) for v,tag in calls)
        out.append('{ gpointer o=%s(); %s g_object_unref(o);}'%(nf,seq))
out.append('return 0;}')
PROGRAM = '\n'.join(out) + '\n'


def c_str(s):
    return '"%s"' % s.replace("\\", "\\\\").replace('"', '\\"')


def keep_program(probe_path):
    """The second program: each child-attribute setter on a child that has probe="keep"."""
    base, rules, _ = gconfig_rules.analyze(probe_path)
    lines = ['#include <libvirt-gconfig/libvirt-gconfig.h>', '#include <stdio.h>',
             'static void dump(const char*k, gpointer o){ gchar*x=gvir_config_object_to_xml(GVIR_CONFIG_OBJECT(o)); printf("@@ %s\\n%s\\n",k,x); g_free(x);}',
             'int main(void){']
    for fn, r in sorted(rules.items()):
        cls = r["cls"]
        if not r["path"] or not r["attr"] or r["kind"] not in ("str", "int", "bool", "enum") \
                or cls not in base:
            continue
        # the class the first program made (an abstract one's first concrete subclass)
        gtype = (newfn(cls) or conc(cls))[:-len("_new")] + "_get_type"
        el = ET.fromstring(base[cls])
        cur = el
        for name in r["path"]:
            nxt = cur.find(name)
            cur = nxt if nxt is not None else ET.SubElement(cur, name)
        cur.set("probe", "keep")
        if r["kind"] == "str":
            v = '"PROBE1"'
        elif r["kind"] == "int":
            v = "7"
        elif r["kind"] == "bool":
            v = "TRUE"
        else:
            vals = [k for k, nick in r["map"] if nick is not None]
            if not vals:
                continue
            v = str(vals[0])
        lines.append('{ gpointer o=gvir_config_object_new_from_xml(%s(), %s, NULL, %s, NULL); '
                     'if (o) { %s(o, %s); dump("KEEP %s %s", o); g_object_unref(o); } }'
                     % (gtype, c_str(el.tag), c_str(ET.tostring(el, encoding="unicode")),
                        fn, v, cls, fn))
    lines.append('return 0;}')
    return '\n'.join(lines) + '\n'


def run(tmp, name, program):
    src = os.path.join(tmp, name + ".c")
    exe = os.path.join(tmp, name)
    open(src, "w").write(program)
    flags = subprocess.check_output(
        ["pkg-config", "--cflags", "--libs", "libvirt-gconfig-1.0"], text=True).split()
    subprocess.check_call(["cc", "-w", src, "-o", exe] + flags)
    return subprocess.run([exe], check=True, capture_output=True, text=True).stdout


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    with tempfile.TemporaryDirectory() as tmp:
        out = run(tmp, "probe", PROGRAM)
        first = os.path.join(tmp, "first.probe")
        open(first, "w").write(out)
        out += run(tmp, "keep", keep_program(first))
    open(os.environ.get("PROBE_OUT") or os.path.join(here, "..", "api", "LibvirtGConfig.probe"), "w").write(out)


if __name__ == "__main__":
    main()
