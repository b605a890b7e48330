//! Parsing: quick-xml events to arena nodes that refer to the source by byte range.

use std::borrow::Cow;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::{
    Attr, Data, Document, Element, Node, NodeId, NodeKind, Str, MAX_DEPTH, MAX_SIZE, NONE,
};
use crate::error::{Error, Result};

fn syntax(position: usize, message: impl Into<String>) -> Error {
    Error::Syntax {
        position,
        message: message.into(),
    }
}

/// Whether `c` may appear in an XML 1.0 document.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Whether `c` may start an XML name (XML 1.0, fifth edition, `NameStartChar`).
fn is_name_start(c: char) -> bool {
    matches!(c,
        ':' | 'A'..='Z' | '_' | 'a'..='z' | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}'
        | '\u{F8}'..='\u{2FF}' | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}'
        | '\u{200C}'..='\u{200D}' | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}'
        | '\u{3001}'..='\u{D7FF}' | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}'
        | '\u{10000}'..='\u{EFFFF}')
}

/// Whether `s` is an XML name (quick-xml accepts any run of bytes up to
/// whitespace, `/` or `>`, such as `a='b` or `od/Dd`, which could then not be
/// written back as a well-formed tag).
fn is_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(is_name_start)
        && chars.all(|c| {
            is_name_start(c)
                || matches!(c, '-' | '.' | '0'..='9' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
        })
}

/// Number of occurrences of `byte` in `s` (in blocks the compiler vectorizes).
fn count_byte(s: &str, byte: u8) -> usize {
    let bytes = s.as_bytes();
    let mut blocks = bytes.chunks_exact(128);
    let mut n: usize = 0;
    for block in &mut blocks {
        n += block.iter().map(|b| u8::from(*b == byte)).sum::<u8>() as usize;
    }
    n + blocks.remainder().iter().filter(|b| **b == byte).count()
}

/// Byte offset of the first character of `xml` that may not appear in an XML
/// 1.0 document ([`is_xml_char`]).
///
/// A `str` holds no surrogates, so only control characters (single bytes below
/// 0x20) and U+FFFE/U+FFFF (`EF BF BE`/`EF BF BF`) can be invalid: the text is
/// scanned in blocks for those bytes, and only a block that has one is looked at
/// closely.
fn first_invalid_char(xml: &str) -> Option<usize> {
    const BLOCK: usize = 64;
    let bytes = xml.as_bytes();
    let suspicious = |b: u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0xEF;
    for (n, block) in bytes.chunks(BLOCK).enumerate() {
        if !block.iter().fold(false, |acc, &b| acc | suspicious(b)) {
            continue;
        }
        for (j, &b) in block.iter().enumerate() {
            let i = n * BLOCK + j;
            if b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r') {
                return Some(i);
            }
            if b == 0xEF && matches!(bytes.get(i + 1..i + 3), Some([0xBF, 0xBE | 0xBF])) {
                return Some(i);
            }
        }
    }
    None
}

/// Checks the entity and character references in raw text or an attribute
/// value starting at byte `base` of the input.
fn check_refs(raw: &str, base: usize) -> Result<()> {
    let mut rest = raw;
    let mut off = 0;
    while let Some(i) = rest.find('&') {
        let pos = base + off + i;
        let after = rest.get(i + 1..).unwrap_or("");
        let Some(end) = after.find(';') else {
            return Err(syntax(pos, "'&' without a terminating ';'"));
        };
        let name = after.get(..end).unwrap_or("");
        check_ref(name, pos)?;
        let consumed = i + 1 + end + 1;
        off += consumed;
        rest = rest.get(consumed..).unwrap_or("");
    }
    Ok(())
}

fn check_ref(name: &str, pos: usize) -> Result<()> {
    if let Some(num) = name.strip_prefix('#') {
        if char_ref(num).is_none() {
            return Err(Error::InvalidCharRef {
                position: pos,
                reference: name.to_owned(),
            });
        }
        return Ok(());
    }
    match name {
        "amp" | "lt" | "gt" | "quot" | "apos" => Ok(()),
        _ => Err(Error::UnknownEntity {
            position: pos,
            name: name.to_owned(),
        }),
    }
}

/// Resolves the part after `&#` of a character reference.
fn char_ref(num: &str) -> Option<char> {
    let code = match num.strip_prefix('x') {
        Some(hex) => {
            if hex.is_empty() || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            u32::from_str_radix(hex, 16).ok()?
        }
        None => {
            if num.is_empty() || !num.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            num.parse::<u32>().ok()?
        }
    };
    char::from_u32(code).filter(|c| is_xml_char(*c))
}

fn unescape(raw: &str, attr: bool) -> Cow<'_, str> {
    let needs = raw
        .bytes()
        .any(|b| b == b'&' || (attr && matches!(b, b'\t' | b'\n' | b'\r')));
    if !needs {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find(|c: char| c == '&' || (attr && matches!(c, '\t' | '\n' | '\r'))) {
        out.push_str(rest.get(..i).unwrap_or(""));
        let tail = rest.get(i..).unwrap_or("");
        if !tail.starts_with('&') {
            // Attribute-value normalization, as every XML parser does.
            out.push(' ');
            rest = tail.get(1..).unwrap_or("");
            continue;
        }
        let Some(end) = tail.find(';') else {
            out.push_str(tail);
            return Cow::Owned(out);
        };
        let name = tail.get(1..end).unwrap_or("");
        match name {
            "amp" => out.push('&'),
            "lt" => out.push('<'),
            "gt" => out.push('>'),
            "quot" => out.push('"'),
            "apos" => out.push('\''),
            _ => match name.strip_prefix('#').and_then(char_ref) {
                Some(c) => out.push(c),
                None => out.push_str(tail.get(..=end).unwrap_or("")),
            },
        }
        rest = tail.get(end + 1..).unwrap_or("");
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Unescapes raw character data.
pub(crate) fn unescape_text(raw: &str) -> Cow<'_, str> {
    unescape(raw, false)
}

/// Unescapes a raw attribute value (with whitespace normalization).
pub(crate) fn unescape_attr(raw: &str) -> Cow<'_, str> {
    unescape(raw, true)
}

struct Builder<'s> {
    src: &'s str,
    doc: Document,
    /// Open elements.
    stack: Vec<NodeId>,
    root_seen: bool,
}

impl Builder<'_> {
    fn current(&self) -> NodeId {
        self.stack.last().copied().unwrap_or(NodeId(0))
    }

    fn add(&mut self, data: Data) -> NodeId {
        let id = NodeId(self.doc.nodes.len() as u32);
        self.doc.nodes.push(Node::new(data));
        let parent = self.current();
        // Plain linking: the parser only ever appends.
        let last = self.doc.nodes.get(parent.index()).map_or(NONE, |n| n.last);
        if let Some(n) = self.doc.nodes.get_mut(id.index()) {
            n.parent = parent.0;
            n.prev = last;
        }
        if last == NONE {
            if let Some(p) = self.doc.nodes.get_mut(parent.index()) {
                p.first = id.0;
            }
        } else if let Some(l) = self.doc.nodes.get_mut(last as usize) {
            l.next = id.0;
        }
        if let Some(p) = self.doc.nodes.get_mut(parent.index()) {
            p.last = id.0;
        }
        id
    }

    fn offset_of(&self, s: &str) -> Option<usize> {
        let base = self.src.as_ptr() as usize;
        let p = s.as_ptr() as usize;
        (p >= base && p + s.len() <= base + self.src.len()).then(|| p - base)
    }

    fn element(
        &mut self,
        e: &BytesStart<'_>,
        start: usize,
        end: usize,
        empty: bool,
    ) -> Result<NodeId> {
        if !self.stack.is_empty() || !self.root_seen {
            self.root_seen = true;
        } else {
            return Err(syntax(start, "more than one root element"));
        }
        if self.stack.len() >= MAX_DEPTH {
            return Err(Error::TooDeep {
                position: start,
                limit: MAX_DEPTH,
            });
        }
        let name_q = e.name();
        let name = name_q.0;
        let name_off = self
            .offset_of(name)
            .ok_or_else(|| syntax(start, "element name not in input"))?;
        if name.is_empty() {
            return Err(syntax(start, "element without a name"));
        }
        if !is_name(name) {
            return Err(syntax(name_off, "invalid element name"));
        }
        let attr_start = self.doc.attrs.len() as u32;
        let mut count = 0u32;
        // Duplicates are checked below without quick-xml's per-element allocation.
        let mut attributes = e.attributes();
        attributes.with_checks(false);
        for a in attributes {
            let a = a.map_err(|err| syntax(start, err.to_string()))?;
            let key = a.key.0;
            let key_off = self
                .offset_of(key)
                .ok_or_else(|| syntax(start, "attribute name not in input"))?;
            if !is_name(key) {
                return Err(syntax(key_off, "invalid attribute name"));
            }
            let earlier = self.doc.attrs.get(attr_start as usize..).unwrap_or(&[]);
            if earlier.iter().any(|b| b.name.get(self.src) == key) {
                return Err(syntax(key_off, "duplicated attribute"));
            }
            let (val_off, val_len) = match &a.value {
                Cow::Borrowed(v) => (
                    self.offset_of(v)
                        .ok_or_else(|| syntax(key_off, "attribute value not in input"))?,
                    v.len(),
                ),
                Cow::Owned(_) => return Err(syntax(key_off, "unexpected attribute form")),
            };
            let quote = val_off
                .checked_sub(1)
                .and_then(|q| self.src.as_bytes().get(q))
                .copied()
                .filter(|q| *q == b'\'' || *q == b'"')
                .ok_or_else(|| syntax(key_off, "attribute value without quotes"))?;
            let raw = self.src.get(val_off..val_off + val_len).unwrap_or("");
            if let Some(i) = raw.find('<') {
                return Err(syntax(val_off + i, "'<' in attribute value"));
            }
            check_refs(raw, val_off)?;
            self.doc.attrs.push(Attr {
                name: Str::Src(key_off as u32, (key_off + key.len()) as u32),
                value: Str::Src(val_off as u32, (val_off + val_len) as u32),
                quote,
            });
            count += 1;
        }
        let id = self.add(Data::Element(Element {
            name: Str::Src(name_off as u32, (name_off + name.len()) as u32),
            start: Str::Src(start as u32, end as u32),
            end: None,
            attr_start,
            attr_len: count,
            dirty: false,
        }));
        if !empty {
            self.stack.push(id);
        }
        Ok(id)
    }
}

pub(crate) fn parse(xml: &str) -> Result<Document> {
    if xml.len() > MAX_SIZE {
        return Err(Error::TooLarge {
            size: xml.len(),
            limit: MAX_SIZE,
        });
    }
    if let Some(i) = first_invalid_char(xml) {
        return Err(syntax(i, "character not allowed in XML"));
    }
    let mut b = Builder {
        src: xml,
        doc: Document {
            src: xml.to_owned(),
            // About two nodes (an element and the text after it) per tag, and
            // at most one attribute per `=`: growing these vectors cost more
            // than counting.
            nodes: Vec::with_capacity(2 * count_byte(xml, b'<') + 4),
            attrs: Vec::with_capacity(count_byte(xml, b'=') + 4),
        },
        stack: Vec::new(),
        root_seen: false,
    };
    b.doc.nodes.push(Node::new(Data::Document));
    // quick-xml skips a byte order mark and then counts positions from after it:
    // skip it here, so that every position below is `bom` + the reader's.
    let bom = if xml.starts_with('\u{FEFF}') { 3 } else { 0 };
    if xml
        .get(bom..)
        .is_some_and(|rest| rest.starts_with('\u{FEFF}'))
    {
        // quick-xml would skip this one too; as text before the root it is an error.
        return Err(syntax(
            bom,
            "byte order mark after the start of the document",
        ));
    }
    let mut reader = Reader::from_str(xml.get(bom..).unwrap_or(""));
    {
        let c = reader.config_mut();
        c.check_comments = true;
        c.check_end_names = true;
        c.expand_empty_elements = false;
        c.trim_text(false);
    }
    let mut prev_end = 0usize;
    // A text node being accumulated (text and references arrive as several events).
    let mut text_start: Option<usize> = None;
    loop {
        let before = bom + reader.buffer_position() as usize;
        let ev = reader.read_event().map_err(|e| {
            let pos = bom + reader.error_position() as usize;
            syntax(pos, e.to_string())
        })?;
        let after = bom + reader.buffer_position() as usize;
        let is_text = matches!(ev, Event::Text(_) | Event::GeneralRef(_));
        if !is_text {
            if let Some(ts) = text_start.take() {
                let raw = xml.get(ts..before).unwrap_or("");
                if b.stack.is_empty() && !raw.bytes().all(|c| c.is_ascii_whitespace()) {
                    return Err(syntax(ts, "text outside the root element"));
                }
                b.add(Data::Other(
                    NodeKind::Text,
                    Str::Src(ts as u32, before as u32),
                ));
                prev_end = before;
            }
        }
        if before > prev_end && text_start.is_none() {
            // Bytes the reader skipped (a byte order mark).
            b.add(Data::Other(
                NodeKind::Raw,
                Str::Src(prev_end as u32, before as u32),
            ));
        }
        let span = Str::Src(before as u32, after as u32);
        match ev {
            Event::Eof => break,
            Event::Text(_) => {
                text_start.get_or_insert(before);
            }
            Event::GeneralRef(r) => {
                text_start.get_or_insert(before);
                let name: &str = &r;
                check_ref(name, before)?;
            }
            Event::Start(e) => {
                b.element(&e, before, after, false)?;
            }
            Event::Empty(e) => {
                b.element(&e, before, after, true)?;
            }
            Event::End(_) => {
                let Some(open) = b.stack.pop() else {
                    return Err(syntax(before, "end tag without start tag"));
                };
                if let Some(Data::Element(el)) =
                    b.doc.nodes.get_mut(open.index()).map(|n| &mut n.data)
                {
                    el.end = Some(span);
                }
            }
            Event::CData(_) => {
                if b.stack.is_empty() {
                    return Err(syntax(before, "CDATA outside the root element"));
                }
                b.add(Data::Other(NodeKind::CData, span));
            }
            Event::Comment(_) => {
                b.add(Data::Other(NodeKind::Comment, span));
            }
            Event::Decl(_) => {
                if before != 0 && xml.get(..before) != Some("\u{FEFF}") {
                    return Err(syntax(before, "XML declaration not at the start"));
                }
                b.add(Data::Other(NodeKind::Declaration, span));
            }
            Event::PI(_) => {
                b.add(Data::Other(NodeKind::ProcessingInstruction, span));
            }
            Event::DocType(d) => {
                if b.root_seen {
                    return Err(syntax(before, "DOCTYPE after the root element"));
                }
                let body: &str = &d;
                if body.contains("<!ENTITY") {
                    return Err(Error::EntityDeclaration { position: before });
                }
                b.add(Data::Other(NodeKind::DocType, span));
            }
        }
        if text_start.is_none() {
            prev_end = after;
        }
    }
    if let Some(open) = b.stack.last() {
        return Err(Error::UnexpectedEof {
            position: xml.len(),
            open: b.doc.name(*open).to_owned(),
        });
    }
    if !b.root_seen {
        return Err(syntax(xml.len(), "no root element"));
    }
    if prev_end < xml.len() {
        b.doc.nodes.push(Node::new(Data::Other(
            NodeKind::Raw,
            Str::Src(prev_end as u32, xml.len() as u32),
        )));
        let id = NodeId((b.doc.nodes.len() - 1) as u32);
        b.doc.append(NodeId(0), id);
    }
    Ok(b.doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unescapes() {
        assert_eq!(unescape_text("a&amp;b&#39;&#x41;"), "a&b'A");
        assert_eq!(unescape_attr("a\nb"), "a b");
    }

    #[test]
    fn invalid_chars() {
        let slow = |s: &str| {
            s.char_indices()
                .find(|(_, c)| !is_xml_char(*c))
                .map(|(i, _)| i)
        };
        let mut long = "é€<a>".repeat(30);
        long.push('\u{FFFF}');
        for s in [
            "",
            "<a/>",
            "a\u{1}b",
            "\u{FEFF}<a/>",
            "x\u{FFFE}",
            "\u{FFFD}\u{FFFF}",
            "\t\r\n\u{1F}",
            long.as_str(),
            "\u{EFFF}\u{10FFFF}",
        ] {
            assert_eq!(first_invalid_char(s), slow(s), "{s:?}");
        }
    }

    #[test]
    fn names() {
        for ok in ["a", "qemu:arg", "_x-1.2", "é", "a\u{B7}b"] {
            assert!(is_name(ok), "{ok}");
        }
        for bad in ["", "1a", "-a", "a='b", "od/Dd", "a b", "a&b", "a\"", "a;"] {
            assert!(!is_name(bad), "{bad}");
        }
    }

    #[test]
    fn char_refs() {
        assert_eq!(char_ref("65"), Some('A'));
        assert_eq!(char_ref("0"), None);
        assert_eq!(char_ref("x"), None);
        assert_eq!(char_ref("99999999999"), None);
    }
}
