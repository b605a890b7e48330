//! Parsing: a single-pass tokenizer that builds arena nodes referring to the
//! source by byte range.

use std::borrow::Cow;

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

/// Whether `c` may appear in an XML name after its first character.
fn is_name_char(c: char) -> bool {
    is_name_start(c)
        || matches!(c, '-' | '.' | '0'..='9' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
}

/// Whether `s` is an XML name.
#[cfg(test)]
fn is_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(is_name_start) && chars.all(is_name_char)
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

/// Byte classes of the tokenizer (see [`CLASS`]).
const WS: u8 = 1;
/// An ASCII character that may start a name.
const NAME_START: u8 = 2;
/// An ASCII character that may appear in a name.
const NAME: u8 = 4;
/// A byte that ends a run of character data: `<`, `&`, `>` or the end sentinel 0.
const TEXT_STOP: u8 = 8;
/// A byte that ends a run of an attribute value: `<`, `&`, quotes or 0.
const ATTR_STOP: u8 = 16;
/// A byte that may start a character not allowed in XML: a control character
/// other than tab and line breaks, or `EF` (U+FFFE and U+FFFF).
const SUSPECT: u8 = 32;

/// The class bits of every byte value.
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        let mut bits = 0;
        if matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
            bits |= WS;
        }
        if b.is_ascii_alphabetic() || b == b'_' || b == b':' {
            bits |= NAME_START | NAME;
        }
        if b.is_ascii_digit() || b == b'-' || b == b'.' {
            bits |= NAME;
        }
        if matches!(b, b'<' | b'&' | b'>' | 0) {
            bits |= TEXT_STOP;
        }
        if matches!(b, b'<' | b'&' | b'\'' | b'"' | 0) {
            bits |= ATTR_STOP;
        }
        if (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0xEF {
            bits |= SUSPECT | TEXT_STOP | ATTR_STOP;
        }
        t[c] = bits;
        c += 1;
    }
    t
};

#[inline]
fn class(b: u8) -> u8 {
    CLASS[b as usize]
}

/// A single-pass tokenizer over the (valid UTF-8) input that builds the arena.
///
/// Byte 0 serves as the end-of-input sentinel of [`Parser::at`]: a NUL byte in
/// the input stops every scan like the end does and is then reported by
/// [`Parser::suspect`], as are the other characters not allowed in XML.
/// Every byte of the input is looked at by a scan that checks them: character
/// data and attribute values stop on them, names and markup only accept
/// particular bytes, and the bodies of comments, CDATA sections, processing
/// instructions and the DOCTYPE are checked with [`first_invalid_char`].
struct Parser<'s> {
    src: &'s str,
    doc: Document,
    /// Open elements.
    stack: Vec<u32>,
    root_seen: bool,
    doctype_seen: bool,
}

impl<'s> Parser<'s> {
    /// The byte at `i`, or 0 past the end.
    #[inline]
    fn at(&self, i: usize) -> u8 {
        self.src.as_bytes().get(i).copied().unwrap_or(0)
    }

    #[inline]
    fn starts_with(&self, i: usize, s: &[u8]) -> bool {
        self.src
            .as_bytes()
            .get(i..)
            .is_some_and(|r| r.starts_with(s))
    }

    /// Position of the first `needle` at or after `from`.
    fn find(&self, from: usize, needle: &[u8]) -> Option<usize> {
        let bytes = self.src.as_bytes();
        let first = *needle.first()?;
        let mut i = from;
        loop {
            let rest = bytes.get(i..)?;
            let k = rest.iter().position(|&b| b == first)?;
            if rest.get(k..).is_some_and(|r| r.starts_with(needle)) {
                return Some(i + k);
            }
            i += k + 1;
        }
    }

    #[inline]
    fn skip_ws(&self, mut i: usize) -> usize {
        while class(self.at(i)) & WS != 0 {
            i += 1;
        }
        i
    }

    /// End of the XML name starting at `i` (`i` itself when there is none).
    #[inline]
    fn name_end(&self, i: usize) -> usize {
        let first = self.at(i);
        let mut j = if first < 0x80 {
            if class(first) & NAME_START == 0 {
                return i;
            }
            i + 1
        } else {
            match self.src.get(i..).and_then(|r| r.chars().next()) {
                Some(c) if is_name_start(c) => i + c.len_utf8(),
                _ => return i,
            }
        };
        loop {
            j = self.run_while(j, NAME);
            if self.at(j) < 0x80 {
                return j;
            }
            match self.src.get(j..).and_then(|r| r.chars().next()) {
                Some(c) if is_name_char(c) => j += c.len_utf8(),
                _ => return j,
            }
        }
    }

    /// The first position at or after `i` whose byte has none of the `class` bits
    /// (the end of the input at the latest).
    #[inline]
    fn run_while(&self, i: usize, bits: u8) -> usize {
        let bytes = self.src.as_bytes();
        let rest = bytes.get(i..).unwrap_or(&[]);
        i + rest
            .iter()
            .position(|&b| class(b) & bits == 0)
            .unwrap_or(rest.len())
    }

    /// The first position at or after `i` whose byte has one of the `class` bits
    /// (the end of the input at the latest).
    #[inline]
    fn run(&self, i: usize, stop: u8) -> usize {
        let bytes = self.src.as_bytes();
        let rest = bytes.get(i..).unwrap_or(&[]);
        i + rest
            .iter()
            .position(|&b| class(b) & stop != 0)
            .unwrap_or(rest.len())
    }

    /// What a byte that stopped a scan of character data or of an attribute
    /// value is when it is no delimiter: the end of the input (`None`), a
    /// character not allowed in XML (`Some(Err(_))`), or an `EF` byte that
    /// starts an allowed character (`Some(Ok(()))`).
    #[cold]
    fn suspect(&self, i: usize) -> Option<Result<()>> {
        if i >= self.src.len() {
            return None;
        }
        let b = self.at(i);
        if b == 0xEF
            && !matches!(
                self.src.as_bytes().get(i + 1..i + 3),
                Some([0xBF, 0xBE | 0xBF])
            )
        {
            return Some(Ok(()));
        }
        Some(Err(syntax(i, "character not allowed in XML")))
    }

    /// Checks the bytes `from..to` (a comment, CDATA section, processing
    /// instruction or DOCTYPE) for characters not allowed in XML.
    fn check_chars(&self, from: usize, to: usize) -> Result<()> {
        match first_invalid_char(self.src.get(from..to).unwrap_or("")) {
            Some(k) => Err(syntax(from + k, "character not allowed in XML")),
            None => Ok(()),
        }
    }

    fn current(&self) -> u32 {
        self.stack.last().copied().unwrap_or(0)
    }

    /// Appends a node under the current element (the parser only ever appends).
    #[inline]
    fn add(&mut self, data: Data) -> u32 {
        let id = self.doc.nodes.len() as u32;
        let parent = self.current();
        let mut node = Node::new(data);
        node.parent = parent;
        let last = match self.doc.nodes.get_mut(parent as usize) {
            Some(p) => {
                let last = p.last;
                p.last = id;
                if last == NONE {
                    p.first = id;
                }
                last
            }
            None => NONE,
        };
        node.prev = last;
        if let Some(l) = self.doc.nodes.get_mut(last as usize) {
            l.next = id;
        }
        self.doc.nodes.push(node);
        id
    }

    /// Checks the reference whose `&` is at `i`; returns the position after its `;`.
    fn reference(&self, i: usize) -> Result<usize> {
        let mut j = i + 1;
        loop {
            match self.at(j) {
                b';' => break,
                b if class(b) & (WS | TEXT_STOP | ATTR_STOP) != 0 => {
                    return Err(syntax(i, "'&' without a terminating ';'"));
                }
                _ => j += 1,
            }
        }
        check_ref(self.src.get(i + 1..j).unwrap_or(""), i)?;
        Ok(j + 1)
    }

    /// Character data from `i` up to the next `<` or the end; returns its end.
    fn text(&self, mut i: usize) -> Result<usize> {
        loop {
            i = self.run(i, TEXT_STOP);
            let b = self.at(i);
            if class(b) & SUSPECT != 0 {
                match self.suspect(i) {
                    None => return Ok(i),
                    Some(Ok(())) => {
                        i += 1;
                        continue;
                    }
                    Some(Err(e)) => return Err(e),
                }
            }
            match b {
                b'&' => i = self.reference(i)?,
                b'>' => {
                    if i >= 2 && self.starts_with(i - 2, b"]]>") {
                        return Err(syntax(i - 2, "']]>' in character data"));
                    }
                    i += 1;
                }
                _ => return Ok(i),
            }
        }
    }

    /// A start tag at `s` (`<` followed by a name start); returns its end.
    fn start_tag(&mut self, s: usize) -> Result<usize> {
        if self.stack.is_empty() && self.root_seen {
            return Err(syntax(s, "more than one root element"));
        }
        self.root_seen = true;
        if self.stack.len() >= MAX_DEPTH {
            return Err(Error::TooDeep {
                position: s,
                limit: MAX_DEPTH,
            });
        }
        let name_start = s + 1;
        let name_end = self.name_end(name_start);
        if name_end == name_start {
            return Err(syntax(name_start, "invalid element name"));
        }
        let attr_start = self.doc.attrs.len();
        let mut i = name_end;
        let mut c = self.at(i);
        if c != 0 && class(c) & WS == 0 && c != b'/' && c != b'>' {
            return Err(syntax(name_start, "invalid element name"));
        }
        let empty = loop {
            let j = self.skip_ws(i);
            let spaced = j > i;
            i = j;
            c = self.at(i);
            match c {
                b'>' => break false,
                b'/' => {
                    if self.at(i + 1) != b'>' {
                        return Err(syntax(i, "expected '>' after '/'"));
                    }
                    i += 1;
                    break true;
                }
                0 => return Err(syntax(s, "unterminated start tag")),
                _ => {}
            }
            if !spaced {
                return Err(syntax(i, "missing whitespace before attribute"));
            }
            // An attribute.
            let key = i;
            let key_end = self.name_end(key);
            let after = self.at(key_end);
            if key_end == key || (after != b'=' && class(after) & WS == 0) {
                return Err(syntax(key, "invalid attribute name"));
            }
            let key_bytes = self.src.as_bytes().get(key..key_end).unwrap_or(&[]);
            let earlier = self.doc.attrs.get(attr_start..).unwrap_or(&[]);
            if earlier.iter().any(|a| match a.name {
                Str::Src(a0, a1) => {
                    self.src.as_bytes().get(a0 as usize..a1 as usize) == Some(key_bytes)
                }
                Str::Own(..) => false,
            }) {
                return Err(syntax(key, "duplicated attribute"));
            }
            i = self.skip_ws(key_end);
            if self.at(i) != b'=' {
                return Err(syntax(i, "expected '=' after an attribute name"));
            }
            i = self.skip_ws(i + 1);
            let quote = self.at(i);
            if quote != b'\'' && quote != b'"' {
                return Err(syntax(i, "attribute value without quotes"));
            }
            let value = i + 1;
            let mut j = value;
            loop {
                j = self.run(j, ATTR_STOP);
                let b = self.at(j);
                if class(b) & SUSPECT != 0 {
                    match self.suspect(j) {
                        None => return Err(syntax(i, "unterminated attribute value")),
                        Some(Ok(())) => {
                            j += 1;
                            continue;
                        }
                        Some(Err(e)) => return Err(e),
                    }
                }
                match b {
                    q if q == quote => break,
                    b'<' => return Err(syntax(j, "'<' in attribute value")),
                    b'&' => j = self.reference(j)?,
                    0 => return Err(syntax(i, "unterminated attribute value")),
                    _ => j += 1,
                }
            }
            self.doc.attrs.push(Attr {
                name: Str::Src(key as u32, key_end as u32),
                value: Str::Src(value as u32, j as u32),
                quote,
            });
            i = j + 1;
        };
        let end = i + 1;
        let id = self.add(Data::Element(Element {
            name: Str::Src(name_start as u32, name_end as u32),
            start: Str::Src(s as u32, end as u32),
            end: None,
            attr_start: attr_start as u32,
            attr_len: (self.doc.attrs.len() - attr_start) as u32,
            dirty: false,
        }));
        if !empty {
            self.stack.push(id);
        }
        Ok(end)
    }

    /// An end tag at `s` (`</`); returns its end.
    fn end_tag(&mut self, s: usize) -> Result<usize> {
        let Some(&open) = self.stack.last() else {
            return Err(syntax(s, "end tag without start tag"));
        };
        let Some(Node {
            data: Data::Element(el),
            ..
        }) = self.doc.nodes.get(open as usize)
        else {
            return Err(syntax(s, "end tag without start tag"));
        };
        let name = el.name.get(&self.doc);
        let after_name = s + 2 + name.len();
        if !self.starts_with(s + 2, name.as_bytes())
            || (self.at(after_name) != b'>' && class(self.at(after_name)) & WS == 0)
        {
            return Err(syntax(
                s,
                format!("end tag does not match the start tag <{name}>"),
            ));
        }
        let i = self.skip_ws(after_name);
        if self.at(i) != b'>' {
            return Err(syntax(i, "expected '>' in an end tag"));
        }
        let end = i + 1;
        self.stack.pop();
        if let Some(Node {
            data: Data::Element(el),
            ..
        }) = self.doc.nodes.get_mut(open as usize)
        {
            el.end = Some(Str::Src(s as u32, end as u32));
        }
        Ok(end)
    }

    /// `<!--`, `<![CDATA[` or `<!DOCTYPE` at `s`; returns its end.
    fn bang(&mut self, s: usize) -> Result<usize> {
        if self.starts_with(s, b"<!--") {
            let Some(dashes) = self.find(s + 4, b"--") else {
                return Err(syntax(s, "unterminated comment"));
            };
            if self.at(dashes + 2) != b'>' {
                return Err(syntax(dashes, "'--' in a comment"));
            }
            let end = dashes + 3;
            self.check_chars(s, end)?;
            self.add(Data::Other(
                NodeKind::Comment,
                Str::Src(s as u32, end as u32),
            ));
            return Ok(end);
        }
        if self.starts_with(s, b"<![CDATA[") {
            if self.stack.is_empty() {
                return Err(syntax(s, "CDATA outside the root element"));
            }
            let Some(close) = self.find(s + 9, b"]]>") else {
                return Err(syntax(s, "unterminated CDATA section"));
            };
            let end = close + 3;
            self.check_chars(s, end)?;
            self.add(Data::Other(NodeKind::CData, Str::Src(s as u32, end as u32)));
            return Ok(end);
        }
        if self.starts_with(s, b"<!DOCTYPE") {
            if self.root_seen {
                return Err(syntax(s, "DOCTYPE after the root element"));
            }
            if self.doctype_seen {
                return Err(syntax(s, "more than one DOCTYPE"));
            }
            if class(self.at(s + 9)) & WS == 0 {
                return Err(syntax(s + 9, "expected whitespace after '<!DOCTYPE'"));
            }
            self.doctype_seen = true;
            let mut i = s + 9;
            let mut subset = false;
            let end = loop {
                match self.at(i) {
                    0 => return Err(syntax(s, "unterminated DOCTYPE")),
                    q @ (b'\'' | b'"') => match self.find(i + 1, &[q]) {
                        Some(k) => i = k,
                        None => return Err(syntax(i, "unterminated literal in DOCTYPE")),
                    },
                    // Comments and processing instructions of the internal
                    // subset may hold quotes and brackets.
                    b'<' if subset && self.starts_with(i, b"<!--") => {
                        match self.find(i + 4, b"-->") {
                            Some(k) => i = k + 2,
                            None => return Err(syntax(i, "unterminated comment in DOCTYPE")),
                        }
                    }
                    b'<' if subset && self.starts_with(i, b"<?") => match self.find(i + 2, b"?>") {
                        Some(k) => i = k + 1,
                        None => {
                            return Err(syntax(i, "unterminated processing instruction in DOCTYPE"))
                        }
                    },
                    b'[' if !subset => subset = true,
                    b']' if subset => subset = false,
                    b'>' if !subset => break i + 1,
                    _ => {}
                }
                i += 1;
            };
            self.check_chars(s, end)?;
            let body = self.src.get(s..end).unwrap_or("");
            if body.contains("<!ENTITY") {
                return Err(Error::EntityDeclaration { position: s });
            }
            self.add(Data::Other(
                NodeKind::DocType,
                Str::Src(s as u32, end as u32),
            ));
            return Ok(end);
        }
        Err(syntax(s, "unexpected '<!'"))
    }

    /// A processing instruction or the XML declaration at `s` (`<?`); returns its end.
    fn pi(&mut self, s: usize, bom: usize) -> Result<usize> {
        let target = s + 2;
        let target_end = self.name_end(target);
        if target_end == target {
            return Err(syntax(target, "invalid processing instruction target"));
        }
        let after = self.at(target_end);
        let closes = after == b'?' && self.at(target_end + 1) == b'>';
        if class(after) & WS == 0 && !closes {
            return Err(syntax(target, "invalid processing instruction target"));
        }
        let Some(close) = self.find(target_end, b"?>") else {
            return Err(syntax(s, "unterminated processing instruction"));
        };
        let end = close + 2;
        self.check_chars(s, end)?;
        let name = self.src.get(target..target_end).unwrap_or("");
        let kind = if name == "xml" && !closes {
            if s != bom {
                return Err(syntax(s, "XML declaration not at the start"));
            }
            NodeKind::Declaration
        } else if name.eq_ignore_ascii_case("xml") {
            return Err(syntax(target, "reserved processing instruction target"));
        } else {
            NodeKind::ProcessingInstruction
        };
        self.add(Data::Other(kind, Str::Src(s as u32, end as u32)));
        Ok(end)
    }
}

pub(crate) fn parse(xml: &str) -> Result<Document> {
    if xml.len() > MAX_SIZE {
        return Err(Error::TooLarge {
            size: xml.len(),
            limit: MAX_SIZE,
        });
    }
    let mut p = Parser {
        src: xml,
        doc: Document {
            src: xml.to_owned(),
            owned: String::new(),
            edited: false,
            // About two nodes (an element and the text after it) per tag, and
            // at most one attribute per `=`: growing these vectors cost more
            // than counting.
            nodes: Vec::with_capacity(2 * count_byte(xml, b'<') + 4),
            attrs: Vec::with_capacity(count_byte(xml, b'=') + 4),
        },
        stack: Vec::with_capacity(16),
        root_seen: false,
        doctype_seen: false,
    };
    p.doc.nodes.push(Node::new(Data::Document));
    // A byte order mark is kept as a raw node.
    let bom = if xml.starts_with('\u{FEFF}') { 3 } else { 0 };
    if bom > 0 {
        p.add(Data::Other(NodeKind::Raw, Str::Src(0, 3)));
    }
    let mut i = bom;
    loop {
        let text_end = p.text(i)?;
        if text_end > i {
            if p.stack.is_empty() {
                let raw = xml.as_bytes().get(i..text_end).unwrap_or(&[]);
                if !raw.iter().all(|&b| class(b) & WS != 0) {
                    return Err(syntax(i, "text outside the root element"));
                }
            }
            p.add(Data::Other(
                NodeKind::Text,
                Str::Src(i as u32, text_end as u32),
            ));
        }
        i = text_end;
        if i >= xml.len() {
            break;
        }
        i = match p.at(i + 1) {
            b'/' => p.end_tag(i)?,
            b'!' => p.bang(i)?,
            b'?' => p.pi(i, bom)?,
            _ => p.start_tag(i)?,
        };
    }
    if let Some(&open) = p.stack.last() {
        return Err(Error::UnexpectedEof {
            position: xml.len(),
            open: p.doc.name(NodeId(open)).to_owned(),
        });
    }
    if !p.root_seen {
        return Err(syntax(xml.len(), "no root element"));
    }
    Ok(p.doc)
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
