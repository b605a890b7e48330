//! The accessor rules behind the generated LibvirtGConfig functions, and the DOM edits
//! they make — the C libvirt-gconfig's own primitives, so a document edited through the
//! C ABI comes out as the C library writes it:
//!
//! - a text setter replaces the first child element of that name in place with a new
//!   one (`xmlReplaceNode`), or appends it — attributes of the old element are gone;
//! - elements on the way to an attribute are reused (the first of that name) or
//!   appended as the last child — but for the setters built on
//!   `replace_child_with_attribute*`, whose last element is a new one in place of the old;
//! - an attribute setter removes the attribute and adds it again at the end
//!   (`xmlUnsetProp` + `xmlNewProp`);
//! - objects are attached by moving their element to the end of the parent (after
//!   removing every element of that name when the setter replaces).
//!
//! A [`Rule`] says where a value lives below an object's element and how it is written;
//! `capi/tools/gconfig-gen.py` derives one per C function from the C library's observed
//! behaviour (`capi/api/LibvirtGConfig.probe`).

use libvirt_gconfig::dom::{Document, NodeId};

use super::object::ConfigObject;

/// How a value is spelled in the XML.
#[derive(Debug, Clone, Copy)]
pub enum Fmt {
    /// A string, as it is.
    Str,
    /// An integer in decimal.
    Dec,
    /// An integer as `0x` and this many hexadecimal digits at least.
    Hex(usize),
    /// A boolean as these two words (an empty second word: FALSE removes the attribute).
    Bool(&'static str, &'static str),
    /// A boolean as the presence of the element.
    Flag,
    /// An enumeration: value and nick (`None`: the value removes the attribute).
    Enum(&'static [(i32, Option<&'static str>)]),
}

/// What setting NULL does.
#[derive(Debug, Clone, Copy)]
pub enum Null {
    /// Nothing (the C function does not accept NULL).
    Keep,
    /// Removes the element the value lives in.
    Element,
    /// Removes the attribute.
    Attr,
}

/// Where one value lives below an object's element.
#[derive(Debug)]
pub struct Rule {
    /// Child element names from the object's element down.
    pub path: &'static [&'static str],
    /// The attribute holding the value, or `None` for the element's text.
    pub attr: Option<&'static str>,
    /// The spelling.
    pub fmt: Fmt,
    /// Constant attributes written with the value: (depth on the path, name, value).
    pub extras: &'static [(usize, &'static str, &'static str)],
    /// What NULL does.
    pub null: Null,
    /// Whether the last element on the path is a new one in place of the first of that
    /// name (the C library's `replace_child_with_attribute*`: its other attributes are
    /// gone) rather than that one reused (`add_child_with_attribute`).
    pub replace: bool,
}

/// The first child element `name` of `node`, or a new last child.
pub fn add_child(doc: &mut Document, node: NodeId, name: &str) -> NodeId {
    match doc.first_child_named(node, name) {
        Some(c) => c,
        None => doc.append_element_plain(node, name),
    }
}

/// A new empty element `name` in place of the first child of that name, or appended.
pub fn replace_child(doc: &mut Document, node: NodeId, name: &str) -> NodeId {
    let new = doc.append_element_plain(node, name);
    if let Some(old) = doc.first_child_named(node, name).filter(|o| *o != new) {
        doc.unlink(new);
        doc.replace_node(old, new);
    }
    new
}

/// Sets an attribute as the C library does: removed, then added at the end.
pub fn set_attribute(doc: &mut Document, node: NodeId, name: &str, value: &str) {
    while doc.remove_attribute(node, name) {}
    doc.set_attribute(node, name, value);
}

/// The element at `path` below `node`, if every step exists.
pub fn walk(doc: &Document, node: NodeId, path: &[&str]) -> Option<NodeId> {
    let mut cur = node;
    for p in path {
        cur = doc.first_child_named(cur, p)?;
    }
    Some(cur)
}

impl Rule {
    /// Writes `value` (`None`: NULL) below the element of `o`.
    pub fn set(&self, o: &ConfigObject, value: Option<&str>) {
        let Some((shared, node)) = o.node() else {
            return;
        };
        let mut doc = shared.borrow_mut();
        let doc = &mut *doc;
        let Some(value) = value else {
            let Some(el) = walk(doc, node, self.path) else {
                return;
            };
            match (self.null, self.attr) {
                (Null::Element, _) | (Null::Attr, None) => doc.unlink(el),
                (Null::Attr, Some(a)) => while doc.remove_attribute(el, a) {},
                (Null::Keep, _) => {}
            }
            return;
        };
        let mut levels = Vec::with_capacity(self.path.len() + 1);
        levels.push(node);
        let mut cur = node;
        for (i, name) in self.path.iter().enumerate() {
            let last = i + 1 == self.path.len();
            cur = if last && (self.replace || self.attr.is_none() && !matches!(self.fmt, Fmt::Flag))
            {
                replace_child(doc, cur, name)
            } else {
                add_child(doc, cur, name)
            };
            levels.push(cur);
        }
        match self.attr {
            Some(a) => set_attribute(doc, cur, a, value),
            None if matches!(self.fmt, Fmt::Flag) => {}
            None => doc.set_text(cur, value),
        }
        for (depth, k, v) in self.extras {
            if let Some(&el) = levels.get(*depth) {
                set_attribute(doc, el, k, v);
            }
        }
    }

    /// The raw value below the element of `o` (`None`: not there).
    pub fn get(&self, o: &ConfigObject) -> Option<String> {
        let (shared, node) = o.node()?;
        let doc = shared.borrow();
        let el = walk(&doc, node, self.path)?;
        match self.attr {
            Some(a) => doc.attribute(el, a).map(|v| v.into_owned()),
            None => Some(doc.text(el).into_owned()),
        }
    }

    /// Sets an integer.
    pub fn set_int(&self, o: &ConfigObject, v: i128) {
        let s = match self.fmt {
            Fmt::Hex(w) => format!("0x{v:0w$x}"),
            _ => v.to_string(),
        };
        self.set(o, Some(&s));
    }

    /// Reads an integer as `g_ascii_strtoull(s, NULL, 0)` does (0 when absent).
    pub fn get_int(&self, o: &ConfigObject) -> i128 {
        self.get(o).map_or(0, |s| strtoull0(&s))
    }

    /// Sets a boolean.
    pub fn set_bool(&self, o: &ConfigObject, on: bool) {
        match self.fmt {
            Fmt::Flag => {
                if on {
                    self.set(o, Some(""));
                } else if let Some((shared, node)) = o.node() {
                    let mut doc = shared.borrow_mut();
                    if let Some(el) = walk(&doc, node, self.path) {
                        doc.unlink(el);
                    }
                }
            }
            Fmt::Bool(t, f) => {
                if on {
                    self.set(o, Some(t));
                } else if f.is_empty() {
                    self.remove_attr(o);
                } else {
                    self.set(o, Some(f));
                }
            }
            _ => self.set(o, Some(if on { "yes" } else { "no" })),
        }
    }

    /// Reads a boolean.
    pub fn get_bool(&self, o: &ConfigObject) -> bool {
        match self.fmt {
            Fmt::Flag => o
                .node()
                .is_some_and(|(d, n)| walk(&d.borrow(), n, self.path).is_some()),
            Fmt::Bool(t, _) => self.get(o).as_deref() == Some(t),
            _ => matches!(self.get(o).as_deref(), Some("yes" | "on" | "1")),
        }
    }

    /// Sets an enumeration value (a value without a nick removes the attribute).
    pub fn set_enum(&self, o: &ConfigObject, v: i32) {
        let Fmt::Enum(map) = self.fmt else {
            return;
        };
        match map.iter().find(|(k, _)| *k == v) {
            Some((_, Some(nick))) => self.set(o, Some(nick)),
            Some((_, None)) => self.remove_attr(o),
            None => {}
        }
    }

    /// Reads an enumeration value (`default` when absent or unknown).
    pub fn get_enum(&self, o: &ConfigObject, default: i32) -> i32 {
        let Fmt::Enum(map) = self.fmt else {
            return default;
        };
        let Some(s) = self.get(o) else {
            return default;
        };
        map.iter()
            .find(|(_, n)| *n == Some(s.as_str()))
            .map_or(default, |(k, _)| *k)
    }

    fn remove_attr(&self, o: &ConfigObject) {
        let Some((shared, node)) = o.node() else {
            return;
        };
        let mut doc = shared.borrow_mut();
        if let (Some(el), Some(a)) = (walk(&doc, node, self.path), self.attr) {
            while doc.remove_attribute(el, a) {}
        }
    }
}

/// `g_ascii_strtoull(s, NULL, 0)`: leading blanks, optional sign, `0x` hexadecimal,
/// leading `0` octal, else decimal; the digits that parse.
pub fn strtoull0(s: &str) -> i128 {
    let s = s.trim_start();
    let (neg, s) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let (radix, digits) = if let Some(h) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        (16, h)
    } else if s.len() > 1 && s.starts_with('0') {
        (8, &s[1..])
    } else {
        (10, s)
    };
    let mut v: i128 = 0;
    for c in digits.chars() {
        let Some(d) = c.to_digit(radix) else { break };
        v = v.saturating_mul(radix as i128).saturating_add(d as i128);
        if v > u64::MAX as i128 {
            v = u64::MAX as i128;
        }
    }
    if neg {
        -v
    } else {
        v
    }
}

/// Moves the element of `child` to the end of the element at `path` below `parent`
/// (created as needed), after removing every element of that name there when
/// `replace`; `child` then views its element in the parent's document.
pub fn attach(parent: &ConfigObject, path: &[&str], child: &ConfigObject, replace: bool) {
    let (Some((pdoc, pnode)), Some((cdoc, cnode))) = (parent.node(), child.node()) else {
        return;
    };
    let target = {
        let mut d = pdoc.borrow_mut();
        let mut cur = pnode;
        for p in path {
            cur = add_child(&mut d, cur, p);
        }
        cur
    };
    if std::rc::Rc::ptr_eq(&pdoc, &cdoc) {
        let mut d = pdoc.borrow_mut();
        if replace {
            let name = d.name(cnode).to_owned();
            let old: Vec<NodeId> = d
                .children_named(target, &name)
                .filter(|c| *c != cnode)
                .collect();
            for c in old {
                d.unlink(c);
            }
        }
        d.unlink(cnode);
        d.append_child(target, cnode);
        return;
    }
    let copy = {
        let src = cdoc.borrow();
        let mut d = pdoc.borrow_mut();
        if replace {
            let name = src.name(cnode).to_owned();
            let old: Vec<NodeId> = d.children_named(target, &name).collect();
            for c in old {
                d.unlink(c);
            }
        }
        let copy = d.copy_subtree_from(&src, cnode);
        d.append_child(target, copy);
        copy
    };
    cdoc.borrow_mut().unlink(cnode);
    child.set_node(pdoc, copy);
}
