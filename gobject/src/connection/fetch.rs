//! Snapshots of libvirt's object lists, taken in a worker thread with few round trips.

use std::collections::HashSet;

use super::events::{dom_name, dom_uuid};
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

/// All domains with their states in a few concurrent listings instead of one state
/// round trip per domain: all domains (a domain's id says whether it is active), the
/// paused ones, the ones in another active state, the transient ones. Domains in "other"
/// states (blocked, shutting down, crashed, PM-suspended: rare) get one state call each.
/// A domain that changes state between the listings is corrected by its lifecycle event,
/// which is registered before the fetch and applied after it.
pub(crate) fn domains(conn: &virt::connect::Connect) -> Result<Vec<DomSnap>, glib::Error> {
    let list = |flags: u32| {
        conn.list_all_domains(flags)
            .map_err(|e| libvirt_glib::Error::from_virt(&e, "listing domains").to_glib())
    };
    let uuids = |flags: u32| {
        list(flags).map(|l| {
            l.iter()
                // SAFETY: valid handles from libvirt.
                .map(|d| dom_uuid(unsafe { d.as_ptr() }))
                .collect::<HashSet<String>>()
        })
    };
    let joined = |h: std::thread::ScopedJoinHandle<'_, Result<HashSet<String>, glib::Error>>| {
        h.join().unwrap_or_else(|_| {
            Err(util::own_error(
                libvirt_glib::ErrorCode::InternalError,
                "listing thread panicked",
            ))
        })
    };
    let (all, paused, other, transient) = std::thread::scope(|s| {
        let paused = s.spawn(|| uuids(virt_sys::VIR_CONNECT_LIST_DOMAINS_PAUSED));
        let other = s.spawn(|| uuids(virt_sys::VIR_CONNECT_LIST_DOMAINS_OTHER));
        let transient = s.spawn(|| uuids(virt_sys::VIR_CONNECT_LIST_DOMAINS_TRANSIENT));
        let all = list(0);
        (all, joined(paused), joined(other), joined(transient))
    });
    let (all, paused, other, transient) = (all?, paused?, other?, transient?);
    let mut out = Vec::with_capacity(all.len());
    for dom in all {
        // SAFETY: valid handle; uuid, name and id are read from it locally (no RPC).
        let p = unsafe { dom.as_ptr() };
        let uuid = dom_uuid(p);
        // SAFETY: as above.
        let active = unsafe { virt_sys::virDomainGetID(p) } != u32::MAX;
        let state = if !active {
            DomainState::Shutoff
        } else if paused.contains(&uuid) {
            DomainState::Paused
        } else if other.contains(&uuid) {
            crate::domain::raw_state_of(&dom).unwrap_or(DomainState::None)
        } else {
            DomainState::Running
        };
        out.push(DomSnap {
            persistent: !transient.contains(&uuid),
            name: dom_name(p),
            uuid,
            state,
            dom,
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
