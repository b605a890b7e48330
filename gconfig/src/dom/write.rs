//! Serialization: raw bytes for untouched nodes, libvirt style for edited ones.

use std::borrow::Cow;

use super::{Data, Document, NodeId};

fn escape_with(s: &str, attr: bool) -> Cow<'_, str> {
    let needs = s.bytes().any(|b| {
        matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'')
            || (b < 0x20 && (attr || !matches!(b, b'\t' | b'\n' | b'\r')))
    });
    if !needs {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' if attr => out.push_str("&#9;"),
            '\n' if attr => out.push_str("&#10;"),
            '\r' if attr => out.push_str("&#13;"),
            '\t' | '\n' | '\r' => out.push(c),
            // Not representable in XML 1.0; libvirt drops them too.
            c if (c as u32) < 0x20 => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Escapes an attribute value the way libvirt writes it inside `'` quotes:
/// `&amp; &lt; &gt; &quot; &apos;`, plus character references for tab and line
/// breaks (which attribute-value normalization would otherwise turn into
/// spaces). Other control characters cannot appear in XML and are dropped.
pub fn escape(s: &str) -> Cow<'_, str> {
    escape_with(s, true)
}

/// Escapes character data the way libvirt does.
pub(crate) fn escape_text(s: &str) -> Cow<'_, str> {
    escape_with(s, false)
}

pub(crate) fn write_node(doc: &Document, id: NodeId, out: &mut String) {
    let Some(node) = doc.node(id) else { return };
    match &node.data {
        Data::Document => {
            for c in doc.children(id) {
                write_node(doc, c, out);
            }
        }
        Data::Other(_, raw) => out.push_str(raw.get(doc)),
        Data::Element(e) => {
            if !e.dirty {
                out.push_str(e.start.get(doc));
                for c in doc.children(id) {
                    write_node(doc, c, out);
                }
                if let Some(end) = &e.end {
                    out.push_str(end.get(doc));
                }
                return;
            }
            let name = e.name.get(doc);
            out.push('<');
            out.push_str(name);
            for a in doc.attr_slice(id) {
                let q = if a.quote == b'"' { '"' } else { '\'' };
                out.push(' ');
                out.push_str(a.name.get(doc));
                out.push('=');
                out.push(q);
                out.push_str(a.value.get(doc));
                out.push(q);
            }
            if node.first == super::NONE {
                out.push_str("/>");
                return;
            }
            out.push('>');
            for c in doc.children(id) {
                write_node(doc, c, out);
            }
            out.push_str("</");
            out.push_str(name);
            out.push('>');
        }
    }
}
