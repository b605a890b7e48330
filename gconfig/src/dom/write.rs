//! Serialization: raw bytes for untouched nodes, libvirt style for edited ones.

use std::borrow::Cow;

use super::{Data, Document, NodeId, NodeKind};

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

// ----- libxml2 style ---------------------------------------------------------
//
// What `xmlNodeDump(buf, doc, node, 0, 1)` writes for a document libxml2 parsed with
// default options (the C libvirt-gconfig's `gvir_config_object_to_xml`), measured
// against libxml2 2.9.14: double quotes; namespace declarations before the other
// attributes; an element without children as `<x/>`; two-space indentation, one child
// per line, except inside an element that has a text or CDATA child (there the
// children are written as they are); line ends normalized to `\n` by the parser.

/// Line-end normalization (`\r\n` and `\r` become `\n`) of raw text read from the
/// source, as the parser does it; text an edit stored is taken as it is.
fn line_ends(doc: &Document, s: super::Str) -> Cow<'_, str> {
    let raw = s.get(doc);
    match s {
        super::Str::Src(..) => normalize_line_ends(raw),
        super::Str::Own(..) => Cow::Borrowed(raw),
    }
}

fn normalize_line_ends(raw: &str) -> Cow<'_, str> {
    if !raw.contains('\r') {
        return Cow::Borrowed(raw);
    }
    Cow::Owned(raw.replace("\r\n", "\n").replace('\r', "\n"))
}

/// libxml2's escaping of character data: `&lt; &gt; &amp;`, `&#13;` for a carriage
/// return; other characters (non-ASCII included) as they are. Characters XML 1.0
/// cannot hold are dropped.
fn xml2_escape_text(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' => out.push(c),
            c if (c as u32) < 0x20 => {}
            c => out.push(c),
        }
    }
}

/// libxml2's escaping of an attribute value inside `"`: `&lt; &gt; &amp; &quot;`,
/// `&#10; &#13; &#9;`, and every non-ASCII character as a hexadecimal reference
/// (`&#xE9;`), as it does for a document without a declared encoding.
fn xml2_escape_attr(s: &str, out: &mut String) {
    use std::fmt::Write as _;
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 => {}
            c if (c as u32) >= 0x80 => {
                let _ = write!(out, "&#x{:X};", c as u32);
            }
            c => out.push(c),
        }
    }
}

fn xml2_indent(level: usize, out: &mut String) {
    // libxml2's indentation string is 60 characters long.
    for _ in 0..level.min(30) {
        out.push_str("  ");
    }
}

/// Writes node `id` as libxml2's `xmlNodeDump(.., level, format)` does.
pub(crate) fn write_node_libxml2(
    doc: &Document,
    id: NodeId,
    level: usize,
    format: bool,
    out: &mut String,
) {
    let Some(node) = doc.node(id) else { return };
    match &node.data {
        Data::Document => {
            if let Some(root) = doc.root() {
                write_node_libxml2(doc, root, level, format, out);
            }
        }
        Data::Other(kind, raw) => {
            let text = line_ends(doc, *raw);
            let raw = raw.get(doc);
            match kind {
                NodeKind::Text => {
                    xml2_escape_text(&super::parse::unescape_text(&text), out);
                }
                NodeKind::ProcessingInstruction => {
                    // `<?target   data?>`: libxml2 drops the blanks after the target.
                    let inner = raw
                        .strip_prefix("<?")
                        .and_then(|r| r.strip_suffix("?>"))
                        .unwrap_or("");
                    let end = inner
                        .find(|c: char| c.is_ascii_whitespace())
                        .unwrap_or(inner.len());
                    let (target, data) = inner.split_at(end);
                    let data = data.trim_start();
                    out.push_str("<?");
                    out.push_str(target);
                    if !data.is_empty() {
                        out.push(' ');
                        out.push_str(&normalize_line_ends(data));
                    }
                    out.push_str("?>");
                }
                NodeKind::Comment | NodeKind::CData => out.push_str(&normalize_line_ends(raw)),
                // Prolog nodes are not part of an element's dump.
                _ => {}
            }
        }
        Data::Element(e) => {
            let name = e.name.get(doc);
            out.push('<');
            out.push_str(name);
            let attrs = doc.attr_slice(id);
            let is_ns = |a: &super::Attr| {
                let n = a.name.get(doc);
                n == "xmlns" || n.starts_with("xmlns:")
            };
            // Namespace declarations first (libxml2 keeps them apart from attributes).
            for a in attrs
                .iter()
                .filter(|a| is_ns(a))
                .chain(attrs.iter().filter(|a| !is_ns(a)))
            {
                out.push(' ');
                out.push_str(a.name.get(doc));
                out.push_str("=\"");
                let raw = line_ends(doc, a.value);
                xml2_escape_attr(&super::parse::unescape_attr(&raw), out);
                out.push('"');
            }
            if node.first == super::NONE {
                out.push_str("/>");
                return;
            }
            out.push('>');
            let fmt = format
                && !doc
                    .children(id)
                    .any(|c| matches!(doc.kind(c), Some(NodeKind::Text) | Some(NodeKind::CData)));
            if fmt {
                out.push('\n');
            }
            for c in doc.children(id) {
                if fmt
                    && matches!(
                        doc.kind(c),
                        Some(NodeKind::Element)
                            | Some(NodeKind::Comment)
                            | Some(NodeKind::ProcessingInstruction)
                    )
                {
                    xml2_indent(level + 1, out);
                }
                write_node_libxml2(doc, c, level + 1, fmt, out);
                if fmt {
                    out.push('\n');
                }
            }
            if fmt {
                xml2_indent(level, out);
            }
            out.push_str("</");
            out.push_str(name);
            out.push('>');
        }
    }
}
