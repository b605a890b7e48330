//! Bulk statistics for all domains in one call (`virConnectGetAllDomainStats`).

use std::collections::BTreeMap;
use std::future::Future;

use glib::prelude::*;

use crate::util::{self, async_trio};
use crate::Connection;

/// One typed parameter value.
#[derive(Debug, Clone, PartialEq)]
pub enum StatValue {
    /// Signed integer (int, llong).
    Int(i64),
    /// Unsigned integer (uint, ullong).
    UInt(u64),
    /// Floating point.
    Double(f64),
    /// Boolean.
    Bool(bool),
    /// String.
    String(String),
}

impl StatValue {
    /// The value as an `i64`, if it is an integer or boolean.
    pub fn as_i64(&self) -> Option<i64> {
        match *self {
            Self::Int(v) => Some(v),
            Self::UInt(v) => i64::try_from(v).ok(),
            Self::Bool(b) => Some(i64::from(b)),
            _ => None,
        }
    }

    /// The value as a `u64`, if it is a non-negative integer.
    pub fn as_u64(&self) -> Option<u64> {
        match *self {
            Self::Int(v) => u64::try_from(v).ok(),
            Self::UInt(v) => Some(v),
            _ => None,
        }
    }
}

/// Typed parameters as an `a{sv}` [`glib::Variant`] (ints as `x`, unsigned as `t`,
/// doubles as `d`, booleans as `b`, strings as `s`).
pub fn to_variant(params: &[(String, StatValue)]) -> glib::Variant {
    let dict = glib::VariantDict::new(None);
    for (k, v) in params {
        let v = match v {
            StatValue::Int(i) => i.to_variant(),
            StatValue::UInt(u) => u.to_variant(),
            StatValue::Double(d) => d.to_variant(),
            StatValue::Bool(b) => b.to_variant(),
            StatValue::String(s) => s.to_variant(),
        };
        dict.insert_value(k, &v);
    }
    dict.end()
}

/// The typed parameters of an `a{sv}` [`glib::Variant`] made by [`to_variant`]; other
/// value types are skipped.
pub fn from_variant(v: &glib::Variant) -> BTreeMap<String, StatValue> {
    let mut out = BTreeMap::new();
    if !v.is_type(glib::VariantTy::VARDICT) {
        return out;
    }
    for entry in v.iter() {
        let (Some(k), Some(val)) = (
            entry.child_value(0).get::<String>(),
            entry.child_value(1).as_variant(),
        ) else {
            continue;
        };
        let sv = if let Some(i) = val.get::<i64>() {
            StatValue::Int(i)
        } else if let Some(u) = val.get::<u64>() {
            StatValue::UInt(u)
        } else if let Some(d) = val.get::<f64>() {
            StatValue::Double(d)
        } else if let Some(b) = val.get::<bool>() {
            StatValue::Bool(b)
        } else if let Some(s) = val.get::<String>() {
            StatValue::String(s)
        } else {
            continue;
        };
        out.insert(k, sv);
    }
    out
}

/// Statistics of one domain: libvirt's flat `group.field` keys (`cpu.time`,
/// `balloon.current`, `vcpu.0.time`, `net.0.rx.bytes`, `block.0.rd.bytes`, ...).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DomainStats {
    /// The domain's UUID.
    pub uuid: String,
    /// The domain's name.
    pub name: String,
    /// All fields by key.
    pub fields: BTreeMap<String, StatValue>,
}

impl DomainStats {
    /// A field as `u64`.
    pub fn get_u64(&self, key: &str) -> Option<u64> {
        self.fields.get(key).and_then(StatValue::as_u64)
    }

    /// A field as `i64`.
    pub fn get_i64(&self, key: &str) -> Option<i64> {
        self.fields.get(key).and_then(StatValue::as_i64)
    }
}

/// Stat groups (`virDomainStatsTypes`) to ask for.
pub mod groups {
    /// State and reason.
    pub const STATE: u32 = virt_sys::VIR_DOMAIN_STATS_STATE;
    /// CPU usage.
    pub const CPU: u32 = virt_sys::VIR_DOMAIN_STATS_CPU_TOTAL;
    /// Balloon (memory).
    pub const BALLOON: u32 = virt_sys::VIR_DOMAIN_STATS_BALLOON;
    /// Per-vCPU.
    pub const VCPU: u32 = virt_sys::VIR_DOMAIN_STATS_VCPU;
    /// Network interfaces.
    pub const INTERFACE: u32 = virt_sys::VIR_DOMAIN_STATS_INTERFACE;
    /// Block devices.
    pub const BLOCK: u32 = virt_sys::VIR_DOMAIN_STATS_BLOCK;
    /// The groups the issue asks for: state, cpu, balloon, vcpu, interface, block.
    pub const ALL: u32 = STATE | CPU | BALLOON | VCPU | INTERFACE | BLOCK;
}

/// Copies `n` typed parameters.
///
/// # Safety
///
/// `p` must point to `n` valid `virTypedParameter`s.
pub(crate) unsafe fn params(p: virt_sys::virTypedParameterPtr, n: i32) -> Vec<(String, StatValue)> {
    let mut out = Vec::with_capacity(n.max(0) as usize);
    for i in 0..n.max(0) as usize {
        // SAFETY: the caller guarantees `n` parameters.
        let tp = unsafe { &*p.add(i) };
        // SAFETY: `field` is a NUL-terminated array.
        let key = unsafe { util::cstr(tp.field.as_ptr()) };
        // SAFETY: the union member read matches `type_`.
        let v = unsafe {
            match tp.type_ as u32 {
                virt_sys::VIR_TYPED_PARAM_INT => StatValue::Int(i64::from(tp.value.i)),
                virt_sys::VIR_TYPED_PARAM_UINT => StatValue::UInt(u64::from(tp.value.ui)),
                virt_sys::VIR_TYPED_PARAM_LLONG => StatValue::Int(tp.value.l),
                virt_sys::VIR_TYPED_PARAM_ULLONG => StatValue::UInt(tp.value.ul),
                virt_sys::VIR_TYPED_PARAM_DOUBLE => StatValue::Double(tp.value.d),
                virt_sys::VIR_TYPED_PARAM_BOOLEAN => StatValue::Bool(tp.value.b != 0),
                virt_sys::VIR_TYPED_PARAM_STRING => StatValue::String(util::cstr(tp.value.s)),
                _ => continue,
            }
        };
        out.push((key, v));
    }
    out
}

/// Reads `groups` of statistics for all domains (in the calling worker thread).
pub(crate) fn all_domain_stats(
    conn: &virt::connect::Connect,
    groups: u32,
    flags: u32,
) -> Result<Vec<DomainStats>, glib::Error> {
    let mut recs: *mut virt_sys::virDomainStatsRecordPtr = std::ptr::null_mut();
    let what = "reading domain statistics";
    let n = crate::trace::call(
        crate::trace::func!("virConnectGetAllDomainStats", what),
        conn,
        Some(flags),
        || {
            // SAFETY: valid connection; libvirt allocates the list we free below.
            let n = unsafe {
                virt_sys::virConnectGetAllDomainStats(conn.as_ptr(), groups, &mut recs, flags)
            };
            util::check(n, what)
        },
    )?;
    let mut out = Vec::with_capacity(n as usize);
    // SAFETY: `recs` holds `n` valid records, freed once below.
    unsafe {
        for i in 0..n as usize {
            let rec = *recs.add(i);
            let dom = (*rec).dom;
            out.push(DomainStats {
                uuid: crate::connection::events::dom_uuid(dom),
                name: crate::connection::events::dom_name(dom),
                fields: params((*rec).params, (*rec).nparams).into_iter().collect(),
            });
        }
        virt_sys::virDomainStatsRecordListFree(recs);
    }
    Ok(out)
}

impl Connection {
    /// Statistics of every domain in one call (`virConnectGetAllDomainStats`): pass
    /// [`groups::ALL`] (state, cpu, balloon, vcpu, interface, block) or a subset, and
    /// `virConnectGetAllDomainStatsFlags` (0 = all domains).
    pub fn domain_stats_future(
        &self,
        groups: u32,
        flags: u32,
    ) -> impl Future<Output = Result<Vec<DomainStats>, glib::Error>> + 'static {
        let handle = self.live_handle();
        async move {
            let conn = handle?;
            util::run_glib(move || all_domain_stats(&conn, groups, flags)).await
        }
    }

    async_trio! {
        /// Reads statistics of all domains.
        fn domain_stats, domain_stats_async => domain_stats_future(groups: u32, flags: u32) -> Vec<DomainStats>;
    }
}
