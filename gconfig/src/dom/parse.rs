//! Parsing: quick-xml tokenizes the borrowed input; the byte spans of what it
//! reads become arena nodes that refer to the source by byte range.
//!
//! - Start, empty and end tags are found by quick-xml's [`ElementParser`], the
//!   parser its [`Reader`] runs on them: from the `<`, it finds the `>` outside
//!   quoted attribute values (and reports a tag or value not closed).
//! - Everything that starts with `<!` or `<?` (comments, CDATA sections, the
//!   DOCTYPE, the XML declaration, processing instructions) is one event of a
//!   [`Reader`] over the input from there ([`Builder::markup`]), configured as
//!   in [`reader`]: it checks comments for `--`, finds the end of a DOCTYPE's
//!   internal subset and tells the declaration from other instructions.
//! - Character data is what lies between markup: the next `<` is found with
//!   `memchr`, the search quick-xml uses for it.
//!
//! The tags are not read through the [`Reader`]'s own event loop because it
//! takes most of a parse's budget: on the `vs_c` documents, the loop alone
//! (with no check of ours and no tree) reaches only about 15 times the C
//! library's throughput, two thirds of the time a parse may take to reach 10
//! with all its checks and its tree; parsing through it reached 8.3. The loop
//! validates the UTF-8 of every event's bytes again although the input is a
//! `str` (its own comment on `XmlSource for &[u8]` in `reader/slice_reader.rs`
//! notes it), copies every open element's name into a buffer of its own to
//! match end tags, and makes an event and a `Cow` of every piece of text. Read
//! with [`ElementParser`] directly the same documents parse at about 12 times
//! the C library's throughput.
//!
//! quick-xml is a tokenizer: it finds where markup ends (quotes included),
//! checks comments for `--` and reports truncated markup, but it does not check
//! most of XML's well-formedness rules; its [`Reader`] would also match end tags
//! with start tags and split references out of text, which is done here (with
//! its error messages). What it lets through and XML forbids is checked here, on
//! the raw bytes (each check has a test in `tests/errors.rs`, which also shows
//! that quick-xml's [`Reader`] alone accepts the input):
//!
//! - characters not allowed in XML (control characters, U+FFFE, U+FFFF): one
//!   scan of the whole input ([`scan`]);
//! - element names and processing instruction targets must be XML names
//!   ([`is_name`]; quick-xml takes anything up to white space);
//! - attributes are split from the raw start tag with XML's grammar
//!   ([`Builder::attributes`], where the reason is given): names, white space
//!   between attributes, `=`, quotes, duplicates, no `<` and only valid
//!   references in values;
//! - references in character data: only the five predefined entities and
//!   character references of allowed characters; nothing is ever expanded;
//! - `]]>` in character data;
//! - text other than white space, and CDATA sections, outside the root element;
//!   one root element; a root element at all;
//! - the DOCTYPE: upper case `<!DOCTYPE` followed by white space (quick-xml also
//!   takes `<!doctype` and `<!DOCTYPEa`), at most one, before the root element,
//!   and no entity declarations in it;
//! - the XML declaration only at the start, `xml` (in any case) reserved as a
//!   processing instruction target (quick-xml reads `<?xml?>` as a declaration);
//! - a byte order mark: quick-xml's [`Reader`] drops one at the start; it is
//!   kept as a node, and a second one is text outside the root element;
//! - the depth limit ([`MAX_DEPTH`]), the size limit ([`MAX_SIZE`]) and elements
//!   still open at the end of the input.
//!
//! Speed: what is done here on top of quick-xml (the pre-pass, the checks,
//! the nodes) costs about as much as quick-xml's own scanning, most of it in
//! the attributes. Hence the word-at-a-time scans ([`find_first`]), the
//! one-bit-per-name set that spares comparing attribute names ([`name_bit`])
//! and the pre-pass vectorized in `u8` lanes ([`scan`]).

use std::borrow::Cow;

use quick_xml::errors::IllFormedError;
use quick_xml::events::Event;
use quick_xml::parser::{ElementParser, Parser};
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

/// XML white space.
const fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
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

/// Class bit of an ASCII byte that may start an XML name (see [`CLASS`]).
const NAME_START: u8 = 1;
/// Class bit of an ASCII byte that may appear in an XML name after its start.
const NAME_REST: u8 = 2;
/// Class bit of XML white space.
const WS: u8 = 4;

/// The class bits of every byte value (no name bits for bytes of non-ASCII
/// characters, which [`name_end`] decodes).
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        if b.is_ascii_alphabetic() || b == b'_' || b == b':' {
            t[c] = NAME_START | NAME_REST;
        } else if b.is_ascii_digit() || b == b'-' || b == b'.' {
            t[c] = NAME_REST;
        } else if is_ws(b) {
            t[c] = WS;
        }
        c += 1;
    }
    t
};

/// The first position at or after `from` whose byte is not of class `class`
/// (`bytes.len()` at the latest).
#[inline(always)]
fn skip_class(bytes: &[u8], from: usize, class: u8) -> usize {
    let rest = bytes.get(from..).unwrap_or(&[]);
    from + rest
        .iter()
        .position(|&b| CLASS[b as usize] & class == 0)
        .unwrap_or(rest.len())
}

/// Every byte 0x01.
const LO: u64 = 0x0101_0101_0101_0101;
/// Every byte 0x80.
const HI: u64 = 0x8080_8080_8080_8080;

/// Bit 7 of every zero byte of `x`, and no other bit: no carry crosses a
/// byte, so every byte is told exactly.
#[inline(always)]
const fn zero_bytes(x: u64) -> u64 {
    !(((x & !HI) + !HI) | x) & HI
}

/// Bit 7 of every byte of `w` that is `b`, and no other bit.
#[inline(always)]
const fn eq_bytes(w: u64, b: u8) -> u64 {
    zero_bytes(w ^ (LO * b as u64))
}

/// The first position at or after `i` of a byte for which `stop` holds
/// (`bytes.len()` when there is none), eight bytes at a time: `hits` gives the
/// same answer for the eight bytes of a word read as a little endian `u64`,
/// as bit 7 of each byte (see [`eq_bytes`]).
#[inline(always)]
fn find_first(
    bytes: &[u8],
    mut i: usize,
    hits: impl Fn(u64) -> u64,
    stop: impl Fn(u8) -> bool,
) -> usize {
    while let Some(word) = bytes.get(i..).and_then(|s| s.first_chunk::<8>()) {
        let found = hits(u64::from_le_bytes(*word));
        if found != 0 {
            // Little endian: the lowest bit set is the first byte found.
            return i + (found.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    let rest = bytes.get(i..).unwrap_or(&[]);
    i + rest.iter().position(|&b| stop(b)).unwrap_or(rest.len())
}

/// The first position at or after `i` of `quote`, `<` or `&` (`bytes.len()`
/// when there is none).
#[inline(always)]
fn value_stop(bytes: &[u8], i: usize, quote: u8) -> usize {
    find_first(
        bytes,
        i,
        |w| eq_bytes(w, quote) | eq_bytes(w, b'<') | eq_bytes(w, b'&'),
        |b| b == quote || b == b'<' || b == b'&',
    )
}

/// The bit of a 64-bit set for the name at `from..to` of `bytes`: equal names
/// have the same bit.
#[inline(always)]
fn name_bit(bytes: &[u8], from: usize, to: usize) -> u64 {
    let first = bytes.get(from).copied().unwrap_or(0);
    let last = bytes.get(to.wrapping_sub(1)).copied().unwrap_or(0);
    let h = (to.wrapping_sub(from) as u32)
        .wrapping_mul(7)
        .wrapping_add(u32::from(first))
        .wrapping_add(u32::from(last).wrapping_mul(3));
    1u64 << (h % 64)
}

/// Attribute names of a start tag up to which duplicates are looked for pair
/// by pair (names of other lengths are told apart without reading them); a
/// tag with more uses a hash set.
const PAIRWISE_ATTRS: usize = 32;

/// The position of the first attribute of `attrs` (names in `src`) whose name
/// an earlier one has.
#[cold]
fn first_duplicate(src: &[u8], attrs: &[Attr]) -> Option<usize> {
    let span = |a: &Attr| match a.name {
        Str::Src(start, end) => (start as usize, end as usize),
        Str::Own(..) => (0, 0),
    };
    if attrs.len() > PAIRWISE_ATTRS {
        return first_duplicate_hashed(src, attrs);
    }
    for (j, later) in attrs.iter().enumerate().skip(1) {
        let (b0, b1) = span(later);
        let len = b1.wrapping_sub(b0);
        for earlier in attrs.get(..j).unwrap_or(&[]) {
            let (a0, a1) = span(earlier);
            if a1.wrapping_sub(a0) == len && src.get(a0..a1) == src.get(b0..b1) {
                return Some(b0);
            }
        }
    }
    None
}

/// [`first_duplicate`] for many attributes.
#[cold]
fn first_duplicate_hashed(src: &[u8], attrs: &[Attr]) -> Option<usize> {
    let mut seen = std::collections::HashSet::with_capacity(attrs.len());
    attrs.iter().find_map(|a| match a.name {
        Str::Src(start, end) => {
            let (start, end) = (start as usize, end as usize);
            (!seen.insert(src.get(start..end))).then_some(start)
        }
        Str::Own(..) => None,
    })
}

/// End of the XML name that starts at byte `i` of `s` (`i` itself when no name
/// starts there). ASCII bytes are looked up in [`CLASS`]; from the first
/// other byte on, characters are decoded.
#[inline(always)]
fn name_end(s: &str, i: usize) -> usize {
    let bytes = s.as_bytes();
    match bytes.get(i) {
        Some(&b) if CLASS[b as usize] & NAME_START != 0 => {
            let j = skip_class(bytes, i + 1, NAME_REST);
            match bytes.get(j) {
                Some(b) if !b.is_ascii() => name_end_decoded(s, i, j),
                _ => j,
            }
        }
        Some(b) if !b.is_ascii() => name_end_decoded(s, i, i),
        _ => i,
    }
}

/// [`name_end`] from byte `j` on, where a non-ASCII character starts, for the
/// name that starts at `i`.
#[cold]
fn name_end_decoded(s: &str, i: usize, mut j: usize) -> usize {
    for c in s.get(j..).unwrap_or("").chars() {
        let ok = if j == i {
            is_name_start(c)
        } else {
            is_name_char(c)
        };
        if !ok {
            break;
        }
        j += c.len_utf8();
    }
    j
}

/// Whether `s` is an XML name. quick-xml takes anything up to white space as the
/// name of an element or a processing instruction target (`a='b`, `od/Dd`); such a
/// name could not be written back as a well-formed tag.
fn is_name(s: &str) -> bool {
    !s.is_empty() && name_end(s, 0) == s.len()
}

/// What one pass over the input, before tokenizing, finds.
struct Scan {
    /// Number of `<`: about two nodes (an element and the text after it) per tag.
    lt: usize,
    /// Number of `=`: at most one attribute per `=`.
    eq: usize,
}

/// Bytes tested at once by [`scan`], one per lane of a `u8` vector, so that
/// the compiler vectorizes the test.
const LANES: usize = 16;
/// Bytes [`scan`] counts in `u8` lanes before it adds the lanes up: no lane can
/// overflow.
const ROUND: usize = 255 * LANES;
/// Block size of the closer look of [`first_invalid`].
const BLOCK: usize = 64;

/// Whether a block holds a byte that may start a character not allowed in
/// XML: a control character other than tab, line feed and carriage return, or
/// 0xEF (U+FFFE and U+FFFF start with it, and so do other characters).
#[inline(always)]
fn may_start_invalid(block: &[u8]) -> bool {
    block.iter().fold(0u8, |bad, &b| {
        bad | u8::from((b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r'))
            | u8::from(b == 0xEF)
    }) != 0
}

/// The offset of the first character not allowed in XML that starts in
/// `bytes[from..to]`, looked for block by block.
#[cold]
fn first_invalid(bytes: &[u8], from: usize, to: usize) -> Option<usize> {
    let mut at = from;
    for block in bytes.get(from..to).unwrap_or(&[]).chunks(BLOCK) {
        if may_start_invalid(block) {
            for (j, &b) in block.iter().enumerate() {
                let i = at + j;
                if b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r') {
                    return Some(i);
                }
                if b == 0xEF && matches!(bytes.get(i + 1..i + 3), Some([0xBF, 0xBE | 0xBF])) {
                    return Some(i);
                }
            }
        }
        at += block.len();
    }
    None
}

/// Counts `<` and `=` in the input ([`Scan`]); fails with the byte offset of
/// the first character that may not appear in an XML 1.0 document
/// ([`is_xml_char`]).
///
/// A `str` holds no surrogates, so only control characters (single bytes below
/// 0x20) and U+FFFE/U+FFFF (`EF BF BE`/`EF BF BF`) can be invalid. The count
/// also notes bytes below 0x20 other than the line feed and bytes 0xEF (two
/// comparisons fewer than the exact test: tabs and carriage returns are rare
/// in libvirt's XML); only then is the part looked at closer.
fn scan(xml: &str) -> std::result::Result<Scan, usize> {
    let bytes = xml.as_bytes();
    let mut stats = Scan { lt: 0, eq: 0 };
    let mut at = 0;
    for round in bytes.chunks(ROUND) {
        let (mut lt, mut eq, mut odd) = ([0u8; LANES], [0u8; LANES], [0u8; LANES]);
        let (chunks, tail) = round.as_chunks::<LANES>();
        for chunk in chunks {
            for k in 0..LANES {
                let b = chunk[k];
                lt[k] += u8::from(b == b'<');
                eq[k] += u8::from(b == b'=');
                odd[k] |= u8::from((b < 0x20) & (b != b'\n')) | u8::from(b == 0xEF);
            }
        }
        for &b in tail {
            stats.lt += usize::from(b == b'<');
            stats.eq += usize::from(b == b'=');
            odd[0] |= u8::from((b < 0x20) & (b != b'\n')) | u8::from(b == 0xEF);
        }
        stats.lt += lt.iter().map(|&n| usize::from(n)).sum::<usize>();
        stats.eq += eq.iter().map(|&n| usize::from(n)).sum::<usize>();
        if odd.iter().any(|&o| o != 0) {
            if let Some(i) = first_invalid(bytes, at, at + round.len()) {
                return Err(i);
            }
        }
        at += round.len();
    }
    Ok(stats)
}

/// Byte offset of the first character of `xml` that may not appear in an XML
/// 1.0 document ([`is_xml_char`]).
#[cfg(test)]
fn first_invalid_char(xml: &str) -> Option<usize> {
    scan(xml).err()
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

/// Checks the references in the raw text or attribute value `raw`, which starts
/// at byte `base` of the input.
fn check_refs(raw: &str, base: usize) -> Result<()> {
    let mut rest = raw;
    let mut off = 0;
    while let Some(i) = rest.find('&') {
        let pos = base + off + i;
        let after = rest.get(i + 1..).unwrap_or("");
        let Some(end) = after.find(';') else {
            return Err(syntax(pos, "'&' without a terminating ';'"));
        };
        check_ref(after.get(..end).unwrap_or(""), pos)?;
        let consumed = i + 1 + end + 1;
        off += consumed;
        rest = rest.get(consumed..).unwrap_or("");
    }
    Ok(())
}

/// Checks a raw attribute value that starts at byte `base` of the input.
fn check_attr_value(raw: &str, base: usize) -> Result<()> {
    if let Some(i) = raw.find('<') {
        return Err(syntax(base + i, "'<' in attribute value"));
    }
    check_refs(raw, base)
}

/// Position of the first `]]>` in character data.
fn find_cdata_end(text: &[u8]) -> Option<usize> {
    let mut from = 0;
    loop {
        let gt = find_first(text, from, |w| eq_bytes(w, b'>'), |b| b == b'>');
        if gt >= text.len() {
            return None;
        }
        if gt >= 2 && text.get(gt - 2..gt) == Some(b"]]") {
            return Some(gt - 2);
        }
        from = gt + 1;
    }
}

/// Builds the arena from quick-xml's events.
struct Builder<'s> {
    src: &'s str,
    doc: Document,
    /// Open elements.
    stack: Vec<u32>,
    root_seen: bool,
    doctype_seen: bool,
    /// Length of the byte order mark at the start of the input (0 or 3).
    bom: usize,
}

impl Builder<'_> {
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

    /// An end tag spanning `start..end` (from its `<` to after its `>`): its
    /// name, with white space after it, must be the open element's.
    fn end_tag(&mut self, start: usize, end: usize) -> Result<()> {
        let content = self.src.get(start + 2..end - 1).unwrap_or("");
        let name = content.trim_end_matches([' ', '\t', '\n', '\r']);
        let Some(open) = self.stack.pop() else {
            return Err(quick_xml_error(
                start,
                IllFormedError::UnmatchedEndTag(name.to_owned()),
            ));
        };
        let expected = self.doc.name(NodeId(open));
        if name != expected {
            return Err(quick_xml_error(
                start,
                IllFormedError::MismatchedEndTag {
                    expected: expected.to_owned(),
                    found: name.to_owned(),
                },
            ));
        }
        if let Some(Data::Element(el)) = self.doc.nodes.get_mut(open as usize).map(|n| &mut n.data)
        {
            el.end = Some(Str::Src(start as u32, end as u32));
        }
        Ok(())
    }

    /// A start tag (`<name ...>` or `<name .../>`) spanning `start..end`, from
    /// its `<` to after its `>`.
    fn element(&mut self, start: usize, end: usize) -> Result<()> {
        if self.stack.is_empty() && self.root_seen {
            return Err(syntax(start, "more than one root element"));
        }
        self.root_seen = true;
        if self.stack.len() >= MAX_DEPTH {
            return Err(Error::TooDeep {
                position: start,
                limit: MAX_DEPTH,
            });
        }
        let bytes = self.src.as_bytes();
        // As in quick-xml, a tag whose last byte before the `>` is `/` is empty.
        let empty = end >= start + 3 && bytes.get(end - 2) == Some(&b'/');
        let attrs_end = end - 1 - usize::from(empty);
        // The name, followed by white space or the end of the tag's content.
        let name_off = start + 1;
        let name_end = name_end(self.src, name_off);
        if name_end == name_off
            || !(name_end == attrs_end || bytes.get(name_end).is_some_and(|&b| is_ws(b)))
        {
            return Err(syntax(name_off, "invalid element name"));
        }
        let attr_start = self.doc.attrs.len();
        self.attributes(name_end, attrs_end)?;
        let id = self.add(Data::Element(Element {
            name: Str::Src(name_off as u32, name_end as u32),
            start: Str::Src(start as u32, end as u32),
            end: None,
            attr_start: attr_start as u32,
            attr_len: (self.doc.attrs.len() - attr_start) as u32,
            dirty: false,
        }));
        if !empty {
            self.stack.push(id);
        }
        Ok(())
    }

    /// The markup starting with `<!` or `<?` at `start` (a comment, a CDATA
    /// section, the DOCTYPE, the XML declaration, a processing instruction),
    /// read by quick-xml's [`Reader`]; returns where it ends.
    #[cold]
    fn markup(&mut self, start: usize) -> Result<usize> {
        let mut reader = reader(self.src.get(start..).unwrap_or(""));
        let event = reader
            .read_event()
            .map_err(|e| syntax(start + reader.error_position() as usize, e.to_string()))?;
        let end = start + reader.buffer_position() as usize;
        let span = Str::Src(start as u32, end as u32);
        match event {
            Event::CData(_) => {
                if self.stack.is_empty() {
                    return Err(syntax(start, "CDATA outside the root element"));
                }
                self.add(Data::Other(NodeKind::CData, span));
            }
            Event::Comment(_) => {
                self.add(Data::Other(NodeKind::Comment, span));
            }
            Event::Decl(_) => {
                if self.src.get(start..end) == Some("<?xml?>") {
                    return Err(syntax(start + 2, "reserved processing instruction target"));
                }
                if start != self.bom {
                    return Err(syntax(start, "XML declaration not at the start"));
                }
                self.add(Data::Other(NodeKind::Declaration, span));
            }
            Event::PI(pi) => {
                let target = pi.target();
                if !is_name(target) {
                    return Err(syntax(start + 2, "invalid processing instruction target"));
                }
                if target.eq_ignore_ascii_case("xml") {
                    return Err(syntax(start + 2, "reserved processing instruction target"));
                }
                self.add(Data::Other(NodeKind::ProcessingInstruction, span));
            }
            Event::DocType(_) => self.doctype(start, end)?,
            // The input starts with `<!` or `<?`: quick-xml reads nothing else there.
            _ => return Err(syntax(start, "unexpected markup")),
        }
        Ok(end)
    }

    /// The attributes of a start tag: the bytes `from..to` of the input, after
    /// the element name and up to the tag's `>` or `/>` (quick-xml's
    /// `attributes_raw`).
    ///
    /// Split here rather than by quick-xml's `Attributes` iterator, which cannot do
    /// what is needed: it takes attributes without white space between them
    /// (`<a b='1'c='2'/>`) and any bytes up to `=` as a name (`<a x;y='1'/>`), so
    /// every attribute it returns would need our checks anyway, and it is slow: on
    /// the `vs_c` bench documents it alone took about 230 instructions per
    /// attribute, and parsing with it (and the checks on top) took 17% more
    /// instructions than with this function.
    fn attributes(&mut self, from: usize, to: usize) -> Result<()> {
        let src = self.src.as_bytes();
        let tag = self.src.get(..to).unwrap_or("");
        let bytes = tag.as_bytes();
        let first = self.doc.attrs.len();
        // One bit per name, chosen by its length and its first and last bytes:
        // names are compared only when a bit is taken twice.
        let mut names = 0u64;
        let mut maybe_duplicate = false;
        let mut i = from;
        loop {
            // Most attributes follow a single space.
            let key = if bytes.get(i) == Some(&b' ')
                && bytes
                    .get(i + 1)
                    .is_some_and(|&b| CLASS[b as usize] & (NAME_START | WS) == NAME_START)
            {
                i + 1
            } else {
                let key = skip_class(bytes, i, WS);
                if key == bytes.len() {
                    break;
                }
                if key == i {
                    return Err(syntax(i, "missing whitespace before attribute"));
                }
                key
            };
            let key_end = name_end(tag, key);
            // Most attributes are `name='value'`: `=` and the quote right
            // after the name.
            i = key_end;
            match bytes.get(i) {
                Some(b'=') if key_end > key => {}
                Some(&b) if key_end > key && is_ws(b) => {
                    i = skip_class(bytes, i, WS);
                    if bytes.get(i) != Some(&b'=') {
                        return Err(syntax(i, "expected '=' after an attribute name"));
                    }
                }
                Some(_) => return Err(syntax(key, "invalid attribute name")),
                None if key_end == key => return Err(syntax(key, "invalid attribute name")),
                None => return Err(syntax(i, "expected '=' after an attribute name")),
            }
            i += 1;
            let quote = match bytes.get(i) {
                Some(&q @ (b'\'' | b'"')) => q,
                _ => {
                    i = skip_class(bytes, i, WS);
                    match bytes.get(i) {
                        Some(&q @ (b'\'' | b'"')) => q,
                        _ => return Err(syntax(i, "attribute value without quotes")),
                    }
                }
            };
            let value = i + 1;
            // The scan stops at the quote, `<` and `&`; it notes whether the
            // value has a `<` or a reference (most values have neither).
            let mut special = false;
            let mut end = value;
            loop {
                end = value_stop(src, end, quote);
                match bytes.get(end) {
                    Some(&b) if b == quote => break,
                    Some(_) => special = true,
                    None => return Err(syntax(i, "unterminated attribute value")),
                }
                end += 1;
            }
            if special {
                check_attr_value(tag.get(value..end).unwrap_or(""), value)?;
            }
            let bit = name_bit(bytes, key, key_end);
            maybe_duplicate |= names & bit != 0;
            names |= bit;
            self.doc.attrs.push(Attr {
                name: Str::Src(key as u32, key_end as u32),
                value: Str::Src(value as u32, end as u32),
                quote,
            });
            i = end + 1;
        }
        if maybe_duplicate {
            let attrs = self.doc.attrs.get(first..).unwrap_or(&[]);
            if let Some(at) = first_duplicate(src, attrs) {
                return Err(syntax(at, "duplicated attribute"));
            }
        }
        Ok(())
    }

    /// Character data (text and references) spanning `start..end`.
    fn text(&mut self, start: usize, end: usize) -> Result<()> {
        let raw = self.src.as_bytes().get(start..end).unwrap_or(&[]);
        if self.stack.is_empty() && !raw.iter().all(|&b| is_ws(b)) {
            return Err(syntax(start, "text outside the root element"));
        }
        // Most text has neither a reference nor a `>`.
        let special = find_first(
            raw,
            0,
            |w| eq_bytes(w, b'&') | eq_bytes(w, b'>'),
            |b| b == b'&' || b == b'>',
        );
        if special < raw.len() {
            // Of a `]]>` and a bad reference, the first one is reported.
            let refs = check_refs(self.src.get(start..end).unwrap_or(""), start);
            match (refs, find_cdata_end(raw).map(|i| start + i)) {
                (Err(e), Some(at)) if e.position().is_some_and(|p| p < at) => return Err(e),
                (_, Some(at)) => return Err(syntax(at, "']]>' in character data")),
                (refs, None) => refs?,
            }
        }
        self.add(Data::Other(
            NodeKind::Text,
            Str::Src(start as u32, end as u32),
        ));
        Ok(())
    }

    /// A `<!DOCTYPE ...>` spanning `start..end`; it is kept, never interpreted.
    fn doctype(&mut self, start: usize, end: usize) -> Result<()> {
        if self.root_seen {
            return Err(syntax(start, "DOCTYPE after the root element"));
        }
        if self.doctype_seen {
            return Err(syntax(start, "more than one DOCTYPE"));
        }
        self.doctype_seen = true;
        let raw = self.src.get(start..end).unwrap_or("");
        if !raw.starts_with("<!DOCTYPE") || !raw.as_bytes().get(9).is_some_and(|&b| is_ws(b)) {
            return Err(syntax(start, "expected '<!DOCTYPE' and whitespace"));
        }
        if raw.contains("<!ENTITY") {
            return Err(Error::EntityDeclaration { position: start });
        }
        self.add(Data::Other(
            NodeKind::DocType,
            Str::Src(start as u32, end as u32),
        ));
        Ok(())
    }
}

/// quick-xml's reader over `xml`, configured for [`Builder::markup`].
fn reader(xml: &str) -> Reader<&[u8]> {
    let mut reader = Reader::from_str(xml);
    let config = reader.config_mut();
    config.check_comments = true;
    config.check_end_names = true;
    config.allow_unmatched_ends = false;
    config.allow_dangling_amp = false;
    config.expand_empty_elements = false;
    config.trim_markup_names_in_closing_tags = true;
    // No event for the white space before markup (most text of a libvirt
    // document is indentation): [`tokenize_only`] reads as few events as it can.
    config.trim_text_start = true;
    config.trim_text_end = false;
    reader
}

/// Reads every event of `xml` through quick-xml's [`Reader`], configured as
/// [`reader`] does, and does nothing else: no check of ours, no tree. Returns
/// the number of events. (The cost of the reader's own event loop, which
/// [`parse`] does not run on tags and text: see the module's documentation.)
pub(crate) fn tokenize_only(xml: &str) -> Result<usize> {
    let mut reader = reader(xml);
    let mut events = 0;
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => return Ok(events),
            Ok(_) => events += 1,
            Err(e) => return Err(syntax(reader.error_position() as usize, e.to_string())),
        }
    }
}

/// A syntax error quick-xml defines, at byte `position` of the input.
fn quick_xml_error(position: usize, e: impl Into<quick_xml::Error>) -> Error {
    syntax(position, e.into().to_string())
}

pub(crate) fn parse(xml: &str) -> Result<Document> {
    if xml.len() > MAX_SIZE {
        return Err(Error::TooLarge {
            size: xml.len(),
            limit: MAX_SIZE,
        });
    }
    let counts = scan(xml).map_err(|i| syntax(i, "character not allowed in XML"))?;
    let bom = if xml.starts_with('\u{FEFF}') { 3 } else { 0 };
    let mut b = Builder {
        src: xml,
        doc: Document {
            src: xml.to_owned(),
            owned: String::new(),
            edited: false,
            // Growing these vectors cost more than counting (see [`Scan`]).
            nodes: Vec::with_capacity(2 * counts.lt + 4),
            attrs: Vec::with_capacity(counts.eq + 4),
        },
        stack: Vec::with_capacity(16),
        root_seen: false,
        doctype_seen: false,
        bom,
    };
    b.doc.nodes.push(Node::new(Data::Document));
    if bom > 0 {
        b.add(Data::Other(NodeKind::Raw, Str::Src(0, 3)));
    }
    let bytes = xml.as_bytes();
    let mut i = bom;
    loop {
        // Character data up to the next markup.
        let lt = memchr::memchr(b'<', bytes.get(i..).unwrap_or(&[])).map_or(bytes.len(), |k| i + k);
        if lt > i {
            b.text(i, lt)?;
        }
        if lt == bytes.len() {
            break;
        }
        i = match bytes.get(lt + 1) {
            Some(b'!' | b'?') => b.markup(lt)?,
            // A start, empty or end tag: quick-xml's parser finds its `>`
            // outside quoted values, as its `Reader` does.
            _ => {
                let mut tag = ElementParser::Outside;
                let Some(k) = tag.feed(bytes.get(lt + 1..).unwrap_or(&[])) else {
                    return Err(quick_xml_error(lt, tag.eof_error(&[])));
                };
                let end = lt + k + 2;
                if bytes.get(lt + 1) == Some(&b'/') {
                    b.end_tag(lt, end)?;
                } else {
                    b.element(lt, end)?;
                }
                end
            }
        };
    }
    if let Some(&open) = b.stack.last() {
        return Err(Error::UnexpectedEof {
            position: xml.len(),
            open: b.doc.name(NodeId(open)).to_owned(),
        });
    }
    if !b.root_seen {
        return Err(syntax(xml.len(), "no root element"));
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
        for ok in [
            "a",
            "qemu:arg",
            "_x-1.2",
            "é",
            "a\u{B7}b",
            "aé1",
            "é1",
            "od\u{FEFF}",
        ] {
            assert!(is_name(ok), "{ok}");
        }
        for bad in [
            "", "1a", "-a", "a='b", "od/Dd", "a b", "a&b", "a\"", "a;", "\u{B7}a", "a\u{D7}",
            "é\u{D7}",
        ] {
            assert!(!is_name(bad), "{bad}");
        }
    }

    #[test]
    fn scan_counts_and_finds_across_rounds() {
        // Tabs and carriage returns make a round looked at closer, and pass.
        let mut xml = "<a b='1'>\t\r\n".repeat(3 * ROUND / 12);
        xml.push_str("<c d='2'/>");
        let counts = scan(&xml).expect("only allowed characters");
        assert_eq!(counts.lt, xml.matches('<').count());
        assert_eq!(counts.eq, xml.matches('=').count());
        for at in [0, ROUND - 1, ROUND, ROUND + 5, xml.len()] {
            let mut bad = xml.clone();
            bad.insert(at, '\u{1}');
            assert_eq!(first_invalid_char(&bad), Some(at), "at {at}");
        }
    }

    #[test]
    fn words_find_bytes() {
        let text = b"abcdefgh>ijklmnopq]]>r";
        assert_eq!(find_first(text, 0, |w| eq_bytes(w, b'>'), |b| b == b'>'), 8);
        assert_eq!(
            find_first(text, 9, |w| eq_bytes(w, b'>'), |b| b == b'>'),
            20
        );
        assert_eq!(
            find_first(text, 21, |w| eq_bytes(w, b'>'), |b| b == b'>'),
            22
        );
        assert_eq!(find_cdata_end(text), Some(18));
        assert_eq!(find_cdata_end(b"]>]]x>"), None);
        // Every byte value is told apart from its neighbours.
        for b in 0..=255u8 {
            let bytes = [b.wrapping_sub(1), b, b.wrapping_add(1), 0, 0, 0, 0, b];
            let expected = bytes
                .iter()
                .enumerate()
                .filter(|(_, &x)| x == b)
                .fold(0u64, |m, (i, _)| m | 0x80 << (8 * i));
            assert_eq!(eq_bytes(u64::from_le_bytes(bytes), b), expected, "{b}");
        }
    }

    #[test]
    fn duplicate_attributes() {
        // Other names, some of them with the same bit.
        let names: Vec<String> = (0..40).map(|i| format!("n{i}")).collect();
        let tag = |names: &[String]| {
            let attrs: String = names.iter().map(|n| format!(" {n}='v'")).collect();
            format!("<a{attrs}/>")
        };
        for n in [2, 5, 32, 33, 40] {
            let xml = tag(&names[..n]);
            assert!(parse(&xml).is_ok(), "{xml}");
            // The last name again, as the first duplicate.
            let mut dup = names[..n].to_vec();
            dup.push(names[n - 1].clone());
            dup.push(names[0].clone());
            let xml = tag(&dup);
            let at = xml.rfind(&format!(" {}=", names[n - 1])).expect("the name") + 1;
            match parse(&xml) {
                Err(Error::Syntax { position, message }) => {
                    assert_eq!(
                        (position, message.as_str()),
                        (at, "duplicated attribute"),
                        "{xml}"
                    );
                }
                other => panic!("{xml}: {other:?}"),
            }
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
