//! Typed values of XML attributes and element text.
//!
//! Every property type implements [`XmlValue`]: one type for both reading and
//! writing. Sizes with a `unit` attribute use [`Size`] through [`UnitValue`].
//! String enums with an "unknown value" case are declared with
//! [`xml_enum!`](crate::xml_enum).

use std::borrow::Cow;
use std::fmt;

use crate::error::{Error, Result};

/// A value stored as the text of an attribute or element.
///
/// `from_xml` receives the unescaped text; `to_xml` returns unescaped text.
/// Parsing never panics: a value that does not fit gives
/// [`Error::InvalidValue`].
pub trait XmlValue: Sized {
    /// Parses the unescaped XML text.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] when the text is not a valid value of this type.
    fn from_xml(s: &str) -> Result<Self>;
    /// The unescaped XML text for this value.
    fn to_xml(&self) -> Cow<'_, str>;
}

pub(crate) fn invalid(value: &str, expected: &'static str) -> Error {
    Error::InvalidValue {
        value: value.to_owned(),
        expected,
    }
}

impl XmlValue for String {
    fn from_xml(s: &str) -> Result<Self> {
        Ok(s.to_owned())
    }
    fn to_xml(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

macro_rules! int_value {
    ($($t:ty => $what:literal),* $(,)?) => {$(
        impl XmlValue for $t {
            /// Decimal, or hexadecimal with a `0x` prefix; surrounding
            /// whitespace is ignored.
            fn from_xml(s: &str) -> Result<Self> {
                let t = s.trim();
                let (neg, body) = match t.strip_prefix('-') {
                    Some(b) => (true, b),
                    None => (false, t.strip_prefix('+').unwrap_or(t)),
                };
                let parsed = match body.strip_prefix("0x").or_else(|| body.strip_prefix("0X")) {
                    Some(hex) if !neg => <$t>::from_str_radix(hex, 16).ok(),
                    Some(_) => None,
                    None if neg => format!("-{body}").parse::<$t>().ok(),
                    None => body.parse::<$t>().ok(),
                };
                parsed.ok_or_else(|| invalid(s, $what))
            }
            fn to_xml(&self) -> Cow<'_, str> {
                Cow::Owned(self.to_string())
            }
        }
    )*};
}

int_value! {
    u8 => "an integer from 0 to 255",
    u16 => "an integer from 0 to 65535",
    u32 => "an unsigned 32-bit integer",
    u64 => "an unsigned 64-bit integer",
    i32 => "a signed 32-bit integer",
    i64 => "a signed 64-bit integer",
}

/// Parses a number libvirt reads in base 16, with or without a `0x` prefix.
///
/// # Errors
/// [`Error::InvalidValue`] for anything else.
pub fn parse_hex(s: &str) -> Result<u64> {
    let t = s.trim();
    let digits = t
        .strip_prefix("0x")
        .or_else(|| t.strip_prefix("0X"))
        .unwrap_or(t);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(invalid(s, "a hexadecimal number"));
    }
    u64::from_str_radix(digits, 16).map_err(|_| invalid(s, "a hexadecimal number"))
}

/// A number libvirt always reads in base 16 (ISA `iobase`/`irq`, spapr-vio
/// `reg`, DIMM `base`), with or without a `0x` prefix; written as `0x...`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct Hex(pub u64);

impl fmt::Display for Hex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:#x}", self.0)
    }
}

impl From<u64> for Hex {
    fn from(v: u64) -> Self {
        Hex(v)
    }
}

impl XmlValue for Hex {
    fn from_xml(s: &str) -> Result<Self> {
        parse_hex(s).map(Hex)
    }
    fn to_xml(&self) -> Cow<'_, str> {
        Cow::Owned(self.to_string())
    }
}

/// A part of a PCI address (`domain`, `bus`, `slot`, `function`): read as
/// decimal or `0x` hexadecimal, written as libvirt writes it, in hexadecimal
/// with `DIGITS` digits (`domain='0x0000' bus='0x00' slot='0x04' function='0x0'`).
///
/// Use the aliases [`PciDomain`], [`PciBus`], [`PciSlot`] and [`PciFunction`].
/// Equality compares the numbers, so `slot='4'` and `slot='0x04'` are the same
/// value (setting it leaves the attribute as written).
///
/// ```
/// use libvirt_gconfig::value::{PciSlot, XmlValue};
/// assert_eq!(PciSlot::from_xml("4")?, PciSlot::from(4));
/// assert_eq!(PciSlot::from(4).to_xml(), "0x04");
/// # Ok::<(), libvirt_gconfig::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct PciAddrPart<const DIGITS: usize>(pub u32);

/// PCI domain, written `0x%04x`.
pub type PciDomain = PciAddrPart<4>;
/// PCI bus, written `0x%02x`.
pub type PciBus = PciAddrPart<2>;
/// PCI slot, written `0x%02x`.
pub type PciSlot = PciAddrPart<2>;
/// PCI function, written `0x%x`.
pub type PciFunction = PciAddrPart<1>;

impl<const DIGITS: usize> From<u32> for PciAddrPart<DIGITS> {
    fn from(v: u32) -> Self {
        PciAddrPart(v)
    }
}

impl<const DIGITS: usize> From<PciAddrPart<DIGITS>> for u32 {
    fn from(v: PciAddrPart<DIGITS>) -> Self {
        v.0
    }
}

impl<const DIGITS: usize> fmt::Display for PciAddrPart<DIGITS> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:#0w$x}", self.0, w = DIGITS + 2)
    }
}

impl<const DIGITS: usize> XmlValue for PciAddrPart<DIGITS> {
    fn from_xml(s: &str) -> Result<Self> {
        u32::from_xml(s).map(PciAddrPart)
    }
    fn to_xml(&self) -> Cow<'_, str> {
        Cow::Owned(self.to_string())
    }
}

/// A boolean written as `yes` / `no`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct YesNo(pub bool);

impl XmlValue for YesNo {
    fn from_xml(s: &str) -> Result<Self> {
        match s {
            "yes" => Ok(YesNo(true)),
            "no" => Ok(YesNo(false)),
            _ => Err(invalid(s, "'yes' or 'no'")),
        }
    }
    fn to_xml(&self) -> Cow<'_, str> {
        Cow::Borrowed(if self.0 { "yes" } else { "no" })
    }
}

impl From<bool> for YesNo {
    fn from(b: bool) -> Self {
        YesNo(b)
    }
}

impl From<YesNo> for bool {
    fn from(v: YesNo) -> Self {
        v.0
    }
}

/// A boolean written as `on` / `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct OnOff(pub bool);

impl XmlValue for OnOff {
    fn from_xml(s: &str) -> Result<Self> {
        match s {
            "on" => Ok(OnOff(true)),
            "off" => Ok(OnOff(false)),
            _ => Err(invalid(s, "'on' or 'off'")),
        }
    }
    fn to_xml(&self) -> Cow<'_, str> {
        Cow::Borrowed(if self.0 { "on" } else { "off" })
    }
}

impl From<bool> for OnOff {
    fn from(b: bool) -> Self {
        OnOff(b)
    }
}

impl From<OnOff> for bool {
    fn from(v: OnOff) -> Self {
        v.0
    }
}

/// A UUID kept as written (libvirt accepts 32 hex digits with dashes anywhere).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Uuid(String);

impl Uuid {
    /// Checks and wraps a UUID string.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] unless the text has exactly 32 hex digits
    /// (dashes and surrounding spaces are ignored).
    pub fn new(s: &str) -> Result<Uuid> {
        Uuid::from_xml(s)
    }

    /// The UUID as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The 32 hex digits in lower case, without dashes.
    pub fn simple(&self) -> String {
        self.0
            .chars()
            .filter(char::is_ascii_hexdigit)
            .map(|c| c.to_ascii_lowercase())
            .collect()
    }
}

impl fmt::Display for Uuid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl XmlValue for Uuid {
    fn from_xml(s: &str) -> Result<Self> {
        let t = s.trim();
        let digits = t.bytes().filter(u8::is_ascii_hexdigit).count();
        if digits == 32 && t.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-') {
            Ok(Uuid(s.to_owned()))
        } else {
            Err(invalid(s, "a UUID (32 hex digits)"))
        }
    }
    fn to_xml(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.0)
    }
}

/// A value made of an element's text and its `unit` attribute, such as
/// `<memory unit='KiB'>1024</memory>`.
pub trait UnitValue: Sized {
    /// Parses the text and the unit attribute (if present).
    ///
    /// # Errors
    /// [`Error::InvalidValue`] for a bad number or an unknown unit.
    fn from_parts(value: &str, unit: Option<&str>) -> Result<Self>;
    /// The text and the unit attribute (`None` = no attribute).
    fn to_parts(&self) -> (String, Option<&'static str>);
}

/// A unit of a size, as libvirt accepts in `unit='...'` (case-insensitive):
/// `b`/`byte`/`bytes`, `KB`, `k`/`KiB`, `MB`, `M`/`MiB`, ... up to `E`/`EiB`.
/// `XB` is a power of 1000, `X` and `XiB` a power of 1024.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SizeUnit {
    /// `b`, `bytes`.
    Bytes,
    /// `KB` (1000).
    KB,
    /// `KiB`, `k` (1024).
    KiB,
    /// `MB` (1000²).
    MB,
    /// `MiB`, `M` (1024²).
    MiB,
    /// `GB` (1000³).
    GB,
    /// `GiB`, `G` (1024³).
    GiB,
    /// `TB` (1000⁴).
    TB,
    /// `TiB`, `T` (1024⁴).
    TiB,
    /// `PB` (1000⁵).
    PB,
    /// `PiB`, `P` (1024⁵).
    PiB,
    /// `EB` (1000⁶).
    EB,
    /// `EiB`, `E` (1024⁶).
    EiB,
}

impl SizeUnit {
    /// Parses a unit name as libvirt does.
    ///
    /// # Errors
    /// [`Error::InvalidValue`] for an unknown unit.
    pub fn parse(s: &str) -> Result<SizeUnit> {
        use SizeUnit::*;
        let l = s.to_ascii_lowercase();
        if matches!(l.as_str(), "b" | "byte" | "bytes") {
            return Ok(Bytes);
        }
        let mut chars = l.chars();
        let first = chars.next();
        let rest = chars.as_str();
        let binary = match rest {
            "" | "ib" => true,
            "b" => false,
            _ => return Err(invalid(s, "a size unit such as 'KiB' or 'MB'")),
        };
        Ok(match (first, binary) {
            (Some('k'), true) => KiB,
            (Some('k'), false) => KB,
            (Some('m'), true) => MiB,
            (Some('m'), false) => MB,
            (Some('g'), true) => GiB,
            (Some('g'), false) => GB,
            (Some('t'), true) => TiB,
            (Some('t'), false) => TB,
            (Some('p'), true) => PiB,
            (Some('p'), false) => PB,
            (Some('e'), true) => EiB,
            (Some('e'), false) => EB,
            _ => return Err(invalid(s, "a size unit such as 'KiB' or 'MB'")),
        })
    }

    /// The canonical name libvirt writes (`"KiB"`, `"MB"`, `"bytes"`).
    pub fn as_str(self) -> &'static str {
        use SizeUnit::*;
        match self {
            Bytes => "bytes",
            KB => "KB",
            KiB => "KiB",
            MB => "MB",
            MiB => "MiB",
            GB => "GB",
            GiB => "GiB",
            TB => "TB",
            TiB => "TiB",
            PB => "PB",
            PiB => "PiB",
            EB => "EB",
            EiB => "EiB",
        }
    }

    /// Bytes per unit.
    pub fn factor(self) -> u64 {
        use SizeUnit::*;
        match self {
            Bytes => 1,
            KB => 1000,
            KiB => 1 << 10,
            MB => 1_000_000,
            MiB => 1 << 20,
            GB => 1_000_000_000,
            GiB => 1 << 30,
            TB => 1_000_000_000_000,
            TiB => 1 << 40,
            PB => 1_000_000_000_000_000,
            PiB => 1 << 50,
            EB => 1_000_000_000_000_000_000,
            EiB => 1 << 60,
        }
    }
}

/// A size: a number and an optional unit, as in `<memory unit='MiB'>512</memory>`.
///
/// Equality compares number and unit as written (so `1024 KiB != 1 MiB`); use
/// [`Size::bytes`] to compare amounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Size {
    /// The number as written.
    pub value: u64,
    /// The unit; `None` when the attribute is absent (the element's default
    /// unit applies: KiB for domain memory, bytes for storage).
    pub unit: Option<SizeUnit>,
}

impl Size {
    /// A size in the given unit.
    pub fn new(value: u64, unit: SizeUnit) -> Size {
        Size {
            value,
            unit: Some(unit),
        }
    }

    /// A size in KiB (libvirt's default unit for memory).
    pub fn kib(value: u64) -> Size {
        Size::new(value, SizeUnit::KiB)
    }

    /// A size in bytes.
    pub fn from_bytes(value: u64) -> Size {
        Size::new(value, SizeUnit::Bytes)
    }

    /// The amount in bytes, taking a missing unit as `default_unit`;
    /// `None` on overflow.
    pub fn bytes_or(&self, default_unit: SizeUnit) -> Option<u64> {
        self.value
            .checked_mul(self.unit.unwrap_or(default_unit).factor())
    }

    /// The amount in bytes, taking a missing unit as KiB (as for memory);
    /// `None` on overflow.
    pub fn bytes(&self) -> Option<u64> {
        self.bytes_or(SizeUnit::KiB)
    }

    /// The amount in KiB (rounded down), taking a missing unit as KiB.
    pub fn to_kib(&self) -> Option<u64> {
        self.bytes().map(|b| b / 1024)
    }
}

impl UnitValue for Size {
    fn from_parts(value: &str, unit: Option<&str>) -> Result<Self> {
        Ok(Size {
            value: u64::from_xml(value)?,
            unit: unit.map(SizeUnit::parse).transpose()?,
        })
    }
    fn to_parts(&self) -> (String, Option<&'static str>) {
        (self.value.to_string(), self.unit.map(SizeUnit::as_str))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units() {
        for (s, f) in [
            ("KiB", 1024),
            ("k", 1024),
            ("KB", 1000),
            ("M", 1 << 20),
            ("bytes", 1),
            ("b", 1),
            ("GiB", 1 << 30),
            ("tb", 1_000_000_000_000),
        ] {
            assert_eq!(SizeUnit::parse(s).map(SizeUnit::factor), Ok(f), "{s}");
        }
        assert!(SizeUnit::parse("KiBB").is_err());
        assert!(SizeUnit::parse("").is_err());
    }

    #[test]
    fn sizes() {
        let s = Size::from_parts("512", Some("MiB")).expect("valid");
        assert_eq!(s.bytes(), Some(512 << 20));
        assert_eq!(
            Size::from_parts("4", None).expect("valid").bytes(),
            Some(4096)
        );
        assert_eq!(
            Size::from_parts(&u64::MAX.to_string(), Some("EiB"))
                .expect("valid")
                .bytes(),
            None
        );
        assert!(Size::from_parts("x", None).is_err());
    }

    #[test]
    fn ints() {
        assert_eq!(u32::from_xml("0x10"), Ok(16));
        assert_eq!(i32::from_xml("-5"), Ok(-5));
        assert!(u8::from_xml("256").is_err());
        assert!(u32::from_xml("-1").is_err());
        assert!(u32::from_xml("").is_err());
    }

    #[test]
    fn pci_parts() {
        assert_eq!(PciDomain::from(0).to_xml(), "0x0000");
        assert_eq!(PciBus::from(1).to_xml(), "0x01");
        assert_eq!(PciSlot::from(0x1f).to_xml(), "0x1f");
        assert_eq!(PciFunction::from(7).to_xml(), "0x7");
        assert_eq!(PciDomain::from(0x12345).to_xml(), "0x12345");
        assert_eq!(PciSlot::from_xml("0x04"), Ok(PciSlot::from(4)));
        assert_eq!(PciSlot::from_xml("10"), Ok(PciSlot::from(10)));
        assert!(PciBus::from_xml("zz").is_err());
    }
}
