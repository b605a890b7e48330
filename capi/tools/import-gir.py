#!/usr/bin/python3
"""Bootstraps entries of the capi/api/*.api table from the C library's GIR.

    import-gir.py NAMESPACE LIB INCLUDE_DIR [KEEP_FILE] > blocks.api

NAMESPACE is LibvirtGLib/LibvirtGConfig/LibvirtGObject, LIB glib/gconfig/gobject (the
version nodes come from /usr/lib/x86_64-linux-gnu/libvirt-LIB-1.0.so.0), INCLUDE_DIR the C
library's header directory (which header declares what), KEEP_FILE an optional list of
symbols (get_type functions for types) to import. The output (types, directives and
annotated prototypes, per header) is pasted into the table, which is the source of truth
from then on. Reads the reference only; nothing of it is linked into ours.
"""
import xml.etree.ElementTree as ET, re, sys, os, glob, subprocess
NS={'core':'http://www.gtk.org/introspection/core/1.0','c':'http://www.gtk.org/introspection/c/1.0','glib':'http://www.gtk.org/introspection/glib/1.0'}
C='{%s}'%NS['c']; G='{%s}'%NS['glib']; X='{%s}'%NS['core']
ns, lib, incdir, keep = sys.argv[1], sys.argv[2], sys.argv[3], (sys.argv[4] if len(sys.argv)>4 else None)
keep = set(open(keep).read().split()) if keep else None
root=ET.parse('/usr/share/gir-1.0/%s-1.0.gir'%ns).getroot()
# the additions of later releases than Debian's (capi/tools/<ns>-5.0.gir)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gir_additions
added=gir_additions.merge(root, ns)
nsel=root.find(X+'namespace')
syms={}
dump=subprocess.run(['objdump','-T','/usr/lib/x86_64-linux-gnu/libvirt-%s-1.0.so.0'%lib],capture_output=True,text=True).stdout
for l in dump.splitlines():
    f=l.split()
    if '*UND*' not in l and f and f[-1].startswith('gvir_'):
        syms[f[-1]]=f[-2]
# which header declares each identifier
hdr_of={}
for h in sorted(glob.glob(incdir+'/*.h')):
    txt=open(h).read()
    for m in re.finditer(r'\b(gvir_\w+)\s*\(', txt): hdr_of.setdefault(m.group(1), os.path.basename(h))
    for m in re.finditer(r'struct\s+_(GVir\w+)\s*\{', txt): hdr_of['T:'+m.group(1)]=os.path.basename(h)
    for m in re.finditer(r'\}\s*(GVir\w+)\s*;', txt): hdr_of['T:'+m.group(1)]=os.path.basename(h)
for h in sorted(glob.glob(incdir+'/*.h')):
    txt=open(h).read()
    for m in re.finditer(r'\b(_?GVir\w+)\b', txt): hdr_of.setdefault('T:'+m.group(1).lstrip('_'), os.path.basename(h))
# the additions: their version node and header (their GIR's source-position)
for ident,(rel,header) in added.items():
    if not ident.startswith('T:'): syms[ident]='LIBVIRT_%s_%s'%(lib.upper(), rel)
    hdr_of[ident]=header
def doc(el):
    d=el.find(X+'doc'); return (d.text or '').strip() if d is not None else ''
def ctype(t):
    # t: <type> or <array> element
    if t is None: return 'void'
    ct=t.get(C+'type')
    if ct is None and t.tag==X+'type':
        n=t.get('name'); ct={'gboolean':'gboolean','utf8':'gchar*','none':'void'}.get(n,n)
    return ct
def elemtype(t):
    if t is None: return None
    inner=t.find(X+'type')
    if inner is None: return None
    n=inner.get(C+'type') or inner.get('name')
    n=n.rstrip('*').strip() if n else n
    return {'utf8':'utf8','gchar':'utf8','char':'utf8'}.get(n,n)
def annots(p, is_ret, params_by_idx, direction=None):
    a=[]
    t=p.find(X+'type'); arr=p.find(X+'array')
    d=p.get('direction')
    if d in ('out','inout'):
        a.append('(%s%s)'%(d, ' caller-allocates' if p.get('caller-allocates')=='1' else ''))
    if p.get('nullable')=='1' or p.get('allow-none')=='1':
        a.append('(optional)' if (d=='out' and p.get('optional')=='1' and p.get('nullable')!='1') else '(nullable)')
    if p.get('optional')=='1' and d in ('out','inout') and '(optional)' not in a: a.append('(optional)')
    # an enumeration the C declaration spells as a plain int
    if t is not None and ctype(t) in ('int','gint','guint') and t.get('name') not in ('gint','guint','gint32','guint32'):
        a.append('(type %s.%s)'%(ns, t.get('name')))
    tr=p.get('transfer-ownership')
    if tr and (is_ret or d in ('out','inout') or tr!='none'): a.append('(transfer %s)'%tr)
    if p.get('scope'): a.append('(scope %s)'%p.get('scope'))
    if p.get('closure') is not None and params_by_idx: a.append('(closure %s)'%params_by_idx[int(p.get('closure'))])
    if p.get('destroy') is not None and params_by_idx: a.append('(destroy %s)'%params_by_idx[int(p.get('destroy'))])
    if arr is not None:
        bits=[]
        if arr.get('length') is not None and params_by_idx: bits.append('length=%s'%params_by_idx[int(arr.get('length'))])
        if arr.get('zero-terminated')=='1': bits.append('zero-terminated=1')
        if arr.get('fixed-size'): bits.append('fixed-size=%s'%arr.get('fixed-size'))
        # a bare (array) would make the scanner write zero-terminated="0"; without
        # annotation it reads a GStrv as the C library's GIR has it
        if bits:
            a.append('(array %s)'%' '.join(bits))
        et=elemtype(arr)
        if et and (bits or arr.get(C+'type') not in ('GStrv','const GStrv','gchar**','char**')):
            a.append('(element-type %s)'%et)
    elif t is not None and t.find(X+'type') is not None:
        inner=[x for x in t.findall(X+'type')]
        names=[ (x.get(C+'type') or x.get('name')).rstrip('*').strip() for x in inner]
        names=['utf8' if n in ('gchar','utf8') else n for n in names]
        # a bare GIR name of this namespace (no C type given) is qualified for the scanner
        names=[ns+'.'+n if n[:1].isupper() and '.' not in n and not n.startswith('GVir') else n for n in names]
        a.append('(element-type %s)'%' '.join(names))
    return ' '.join(a)
def fmt_doc(text, indent=' * '):
    lines=[]
    for para in text.split('\n'):
        lines.append((indent+para).rstrip())
    return '\n'.join(lines)
def callable_block(el):
    name=el.get(C+'identifier') or el.get(C+'type')
    ps=el.find(X+'parameters')
    plist=[]
    if ps is not None:
        for p in ps:
            if p.tag in (X+'instance-parameter', X+'parameter'): plist.append(p)
    # GIR closure/destroy/length indexes count only <parameter>, not instance
    nonself=[p for p in plist if p.tag==X+'parameter']
    idxnames=[p.get('name') for p in nonself]
    out=['/**',' * %s:'%name]
    cargs=[]
    for p in plist:
        pn=p.get('name')
        if p.find(X+'varargs') is not None:
            cargs.append('...'); continue
        t=p.find(X+'type'); arr=p.find(X+'array')
        ct=ctype(arr if arr is not None else t)
        an=annots(p, False, idxnames)
        pd=doc(p).replace('\n',' ')
        out.append(' * @%s: %s%s'%(pn, an+': ' if an else '', pd))
        cargs.append(fmtarg(ct,pn))
    if el.get('throws')=='1':
        out.append(' * @err: return location for a #GError, or %NULL')
        cargs.append('GError **err')
    out.append(' *')
    d=doc(el)
    if d: out.append(fmt_doc(d)); out.append(' *')
    rv=el.find(X+'return-value')
    rt=rv.find(X+'type'); ra=rv.find(X+'array')
    rct=ctype(ra if ra is not None else rt)
    ran=annots(rv, True, idxnames)
    if rct!='void':
        out.append(' * Returns: %s%s'%(ran+': ' if ran else '', doc(rv).replace('\n',' ')))
    # A _new_from_xml the C library declares but does not export (the two cpu_model ones
    # in 4.0) takes the version node of its class's _new.
    v=syms.get(name) or syms.get(re.sub(r'_new_from_xml$', '_new', name))
    if v: out.append(' * Since: %s'%v.split('_')[-1])
    out.append(' */')
    if not cargs: cargs=['void']
    decl='%s%s(%s);'%(fmtret(rct), name, ', '.join(cargs))
    if el.get('deprecated')=='1': decl='G_DEPRECATED '+decl
    out.append(decl)
    return name,'\n'.join(out)
def fmtarg(ct,pn):
    ct=re.sub(r'\s*\*','*',ct.strip()) if ct else 'gpointer'
    ct=re.sub(r'(\w)\*',r'\1 *',ct)
    return (ct+pn) if ct.endswith('*') else ct+' '+pn
def fmtret(ct):
    ct=re.sub(r'\s*\*','*',ct.strip())
    ct=re.sub(r'(\w)\*',r'\1 *',ct)
    return ct if ct.endswith('*') else ct+' '
items={}  # header -> list of (order,text)
def add(h, text):
    items.setdefault(h, []).append(text)
def header_for(key):
    return hdr_of.get(key, 'MISSING.h')
done=set()
for el in nsel:
    tag=el.tag.split('}')[1]
    if tag in ('enumeration','bitfield'):
        ct=el.get(C+'type'); gt=el.get(G+'get-type')
        if keep is not None and gt not in keep: continue
        mem=[]
        for m in el.findall(X+'member'):
            mem.append('    %s = %s,'%(m.get(C+'identifier'), m.get('value')))
        d=doc(el)
        txt='/**\n * %s:\n'%ct
        for m in el.findall(X+'member'):
            txt+=' * @%s: %s\n'%(m.get(C+'identifier'), doc(m).replace('\n',' '))
        if d: txt+=' *\n'+fmt_doc(d)+'\n'
        txt+=' */\ntypedef enum {\n%s\n} %s;\n'%('\n'.join(mem), ct)
        if gt:
            txt+='%%%s %s %s %s'%('flags' if tag=='bitfield' else 'enum', ct, gt[:-len('_get_type')], syms.get(gt,'?').split('_')[-1])
            done.add(gt)
        add(header_for('T:'+ct), txt)
    elif tag=='record':
        ct=el.get(C+'type'); gt=el.get(G+'get-type')
        if el.get(G+'is-gtype-struct-for') or ct.endswith('Private'): continue
        if keep is not None and gt not in keep: continue
        fields=el.findall(X+'field')
        txt=''
        if fields:
            d=doc(el)
            txt='/**\n * %s:\n'%ct
            for f in fields: txt+=' * @%s: %s\n'%(f.get('name'), doc(f).replace('\n',' '))
            if d: txt+=' *\n'+fmt_doc(d)+'\n'
            txt+=' */\ntypedef struct _%s %s;\nstruct _%s {\n'%(ct,ct,ct)
            for f in fields:
                t=f.find(X+'type'); a=f.find(X+'array')
                if a is not None:
                    et=a.find(X+'type').get(C+'type') or a.find(X+'type').get('name')
                    txt+='    %s %s[%s];\n'%(et, f.get('name'), a.get('fixed-size'))
                else:
                    txt+='    %s;\n'%fmtarg(ctype(t), f.get('name'))
            txt+='};\n'
        else:
            txt='typedef struct _%s %s;\n'%(ct,ct)
        if gt:
            txt+='%%boxed %s %s %s'%(ct, gt[:-len('_get_type')], syms.get(gt,'?').split('_')[-1]); done.add(gt)
        add(header_for('T:'+ct), txt)
        for m in el.findall(X+'method')+el.findall(X+'constructor')+el.findall(X+'function'):
            n,b=callable_block(m)
            if keep is not None and n not in keep: continue
            add(header_for(n), b); done.add(n)
    elif tag=='class':
        ct=el.get(C+'type'); gt=el.get(G+'get-type')
        if keep is not None and gt not in keep: continue
        parent=el.get('parent')
        pel=None
        for c2 in nsel.findall(X+'class'):
            if c2.get('name')==parent: pel=c2.get(C+'type')
        if pel is None: pel={'GObject.Object':'GObject','Gio.IOStream':'GIOStream','GObject.InitiallyUnowned':'GInitiallyUnowned'}.get(parent,parent)
        add(header_for('T:'+ct), '%%class %s %s %s %s%s'%(ct, pel, gt[:-len('_get_type')], syms.get(gt,'?').split('_')[-1], ' abstract' if el.get('abstract')=='1' else ''))
        done.add(gt)
        for m in el.findall(X+'constructor')+el.findall(X+'method')+el.findall(X+'function'):
            n,b=callable_block(m)
            if keep is not None and n not in keep: continue
            add(header_for(n), b); done.add(n)
    elif tag=='function':
        n,b=callable_block(el)
        if keep is not None and n not in keep: continue
        add(header_for(n), b); done.add(n)
    elif tag=='callback':
        n,b=callable_block(el)
        ct=el.get(C+'type')
        b=re.sub(r'\n(\S.*?)(\b'+ct+r')\(', lambda m: '\ntypedef '+m.group(1)+'(*'+m.group(2)+')(', b)
        b=b.replace(' * None:',' * %s:'%ct)
        add(header_for('T:'+ct), b)
    elif tag in ('constant',):
        print('CONST', el.get('name'), file=sys.stderr)
for h in sorted(items):
    print('%%header %s\n'%h)
    for t in items[h]:
        print(t+'\n')
missing=set(syms)-done
if keep is not None: missing&=keep
print('MISSING', sorted(missing), file=sys.stderr)
