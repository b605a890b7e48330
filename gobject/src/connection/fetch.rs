//! Snapshots of libvirt's object lists, taken in a worker thread with few round trips.

use std::collections::HashSet;

use super::events::{dom_name, dom_ref, dom_uuid};
use crate::enums::DomainState;
use crate::util;

/// One domain as the fetch saw it.
pub(crate) struct DomSnap {
    pub dom: virt::domain::Domain,
    pub uuid: String,
    pub name: String,
    pub state: DomainState,
    pub persistent: bool,
}

/// One network as the fetch saw it.
pub(crate) struct NetSnap {
    pub net: virt::network::Network,
    pub uuid: String,
    pub name: String,
    pub active: bool,
}

/// One storage pool as the fetch saw it.
pub(crate) struct PoolSnap {
    pub pool: virt::storage_pool::StoragePool,
    pub uuid: String,
    pub name: String,
    pub active: bool,
}

/// All domains with their states: one `virConnectGetAllDomainStats(STATE)` round trip
/// plus one listing of transient domains (instead of one `GetState` per domain).
pub(crate) fn domains(conn: &virt::connect::Connect) -> Result<Vec<DomSnap>, glib::Error> {
    let transient: HashSet<String> = conn
        .list_all_domains(virt_sys::VIR_CONNECT_LIST_DOMAINS_TRANSIENT)
        .map_err(|e| libvirt_glib::Error::from_virt(&e, "listing domains").to_glib())?
        .iter()
        // SAFETY: valid handles from libvirt.
        .map(|d| dom_uuid(unsafe { d.as_ptr() }))
        .collect();
    let mut recs: *mut virt_sys::virDomainStatsRecordPtr = std::ptr::null_mut();
    // SAFETY: valid connection; libvirt allocates the record list we free below.
    let n = unsafe {
        virt_sys::virConnectGetAllDomainStats(
            conn.as_ptr(),
            virt_sys::VIR_DOMAIN_STATS_STATE,
            &mut recs,
            0,
        )
    };
    if n < 0 {
        let err = util::last_error("reading domain states");
        if err.kind::<libvirt_glib::ErrorCode>() != Some(libvirt_glib::ErrorCode::NoSupport) {
            return Err(err);
        }
        return domains_slow(conn, &transient);
    }
    let mut out = Vec::with_capacity(n as usize);
    // SAFETY: `recs` holds `n` valid records; each `dom` is referenced by the record and we
    // take our own reference before freeing the list.
    unsafe {
        for i in 0..n as usize {
            let rec = *recs.add(i);
            let dom = (*rec).dom;
            let params = crate::stats::params((*rec).params, (*rec).nparams);
            let state = params
                .iter()
                .find(|(k, _)| k == "state.state")
                .and_then(|(_, v)| v.as_i64())
                .map_or(DomainState::None, |s| DomainState::from_raw(s as i32));
            let uuid = dom_uuid(dom);
            if let Some(d) = dom_ref(dom) {
                out.push(DomSnap {
                    persistent: !transient.contains(&uuid),
                    uuid,
                    name: dom_name(dom),
                    state,
                    dom: d,
                });
            }
        }
        virt_sys::virDomainStatsRecordListFree(recs);
    }
    Ok(out)
}

/// Drivers without bulk stats: list, then one state call per domain.
fn domains_slow(
    conn: &virt::connect::Connect,
    transient: &HashSet<String>,
) -> Result<Vec<DomSnap>, glib::Error> {
    let list = conn
        .list_all_domains(0)
        .map_err(|e| libvirt_glib::Error::from_virt(&e, "listing domains").to_glib())?;
    let mut out = Vec::with_capacity(list.len());
    for d in list {
        // SAFETY: valid handle.
        let p = unsafe { d.as_ptr() };
        let state = crate::domain::raw_state_of(&d).unwrap_or(DomainState::None);
        let uuid = dom_uuid(p);
        out.push(DomSnap {
            persistent: !transient.contains(&uuid),
            uuid,
            name: dom_name(p),
            state,
            dom: d,
        });
    }
    Ok(out)
}

/// All networks, with their active flag (two listings).
pub(crate) fn networks(conn: &virt::connect::Connect) -> Result<Vec<NetSnap>, glib::Error> {
    let e =
        |e: virt::error::Error| libvirt_glib::Error::from_virt(&e, "listing networks").to_glib();
    let active: HashSet<String> = conn
        .list_all_networks(virt_sys::VIR_CONNECT_LIST_NETWORKS_ACTIVE)
        .map_err(e)?
        .iter()
        .filter_map(|n| n.uuid_string().ok())
        .collect();
    let mut out = Vec::new();
    for net in conn.list_all_networks(0).map_err(e)? {
        let uuid = net.uuid_string().unwrap_or_default();
        let name = net.name().unwrap_or_default();
        out.push(NetSnap {
            active: active.contains(&uuid),
            net,
            uuid,
            name,
        });
    }
    Ok(out)
}

/// All storage pools, with their active flag (two listings).
pub(crate) fn pools(conn: &virt::connect::Connect) -> Result<Vec<PoolSnap>, glib::Error> {
    let e = |e: virt::error::Error| {
        libvirt_glib::Error::from_virt(&e, "listing storage pools").to_glib()
    };
    let active: HashSet<String> = conn
        .list_all_storage_pools(virt_sys::VIR_CONNECT_LIST_STORAGE_POOLS_ACTIVE)
        .map_err(e)?
        .iter()
        .filter_map(|n| n.uuid_string().ok())
        .collect();
    let mut out = Vec::new();
    for pool in conn.list_all_storage_pools(0).map_err(e)? {
        let uuid = pool.uuid_string().unwrap_or_default();
        let name = pool.name().unwrap_or_default();
        out.push(PoolSnap {
            active: active.contains(&uuid),
            pool,
            uuid,
            name,
        });
    }
    Ok(out)
}
