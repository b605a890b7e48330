import xml.etree.ElementTree as ET
X='{http://www.gtk.org/introspection/core/1.0}'; C='{http://www.gtk.org/introspection/c/1.0}'; G='{http://www.gtk.org/introspection/glib/1.0}'
def load(path='/usr/share/gir-1.0/LibvirtGConfig-1.0.gir', root=None):
    """Classes and enumerations of a GIR (`root`: already parsed)."""
    root=root if root is not None else ET.parse(path).getroot(); ns=root.find(X+'namespace')
    enums={}
    for e in ns.findall(X+'enumeration')+ns.findall(X+'bitfield'):
        enums[e.get('name')]=(e.get(C+'type'),[(m.get(C+'identifier'),int(m.get('value'))) for m in e.findall(X+'member')])
    classes={}
    for cl in ns.findall(X+'class'):
        ms=[]
        for m in cl.findall(X+'constructor')+cl.findall(X+'method')+cl.findall(X+'function'):
            ps=[]
            for p in (m.find(X+'parameters') if m.find(X+'parameters') is not None else []):
                ty=p.find(X+'type'); ar=p.find(X+'array')
                ps.append(dict(name=p.get('name'), inst=p.tag==X+'instance-parameter', gname=(ty.get('name') if ty is not None else 'array'), ctype=(ty.get(C+'type') if ty is not None else ar.get(C+'type')), nullable=p.get('nullable')=='1' or p.get('allow-none')=='1', dir=p.get('direction')))
            rv=m.find(X+'return-value'); rt=rv.find(X+'type'); ra=rv.find(X+'array')
            ms.append(dict(name=m.get(C+'identifier'), kind=m.tag[len(X):], params=ps, ret=(rt.get('name') if rt is not None else 'array'), rctype=(rt.get(C+'type') if rt is not None else ra.get(C+'type')), throws=m.get('throws')=='1'))
        classes[cl.get('name')]=dict(ctype=cl.get(C+'type'), parent=cl.get('parent'), get_type=cl.get(G+'get-type'), abstract=cl.get('abstract')=='1', methods=ms)
    return classes, enums
