//! Boxed value types (`GVirDomainInfo`, `GVirNodeInfo`, ...).
//!
//! Each is `#[repr(C)]` with the C library's field layout, so C, Python and Vala read
//! the fields of the values this library returns.

use crate::enums::{DomainState, StoragePoolState};

/// A domain's state and resources (`GVirDomainInfo`).
#[derive(Clone, Debug, Default, PartialEq, Eq, glib::Boxed)]
#[repr(C)]
#[boxed_type(name = "GVirDomainInfo")]
pub struct DomainInfo {
    /// Lifecycle state.
    pub state: DomainState,
    /// Maximum memory in KiB.
    pub max_mem: u64,
    /// Current memory in KiB.
    pub memory: u64,
    /// Number of virtual CPUs.
    pub nr_virt_cpu: u32,
    /// CPU time used, in nanoseconds.
    pub cpu_time: u64,
}

/// Block device counters (`GVirDomainDiskStats`).
#[derive(Clone, Debug, Default, PartialEq, Eq, glib::Boxed)]
#[repr(C)]
#[boxed_type(name = "GVirDomainDiskStats")]
pub struct DomainDiskStats {
    /// Read requests.
    pub rd_req: i64,
    /// Bytes read.
    pub rd_bytes: i64,
    /// Write requests.
    pub wr_req: i64,
    /// Bytes written.
    pub wr_bytes: i64,
    /// Errors.
    pub errs: i64,
}

/// Network interface counters (`GVirDomainInterfaceStats`).
#[derive(Clone, Debug, Default, PartialEq, Eq, glib::Boxed)]
#[repr(C)]
#[boxed_type(name = "GVirDomainInterfaceStats")]
pub struct DomainInterfaceStats {
    /// Bytes received.
    pub rx_bytes: i64,
    /// Packets received.
    pub rx_packets: i64,
    /// Receive errors.
    pub rx_errs: i64,
    /// Received packets dropped.
    pub rx_drop: i64,
    /// Bytes sent.
    pub tx_bytes: i64,
    /// Packets sent.
    pub tx_packets: i64,
    /// Send errors.
    pub tx_errs: i64,
    /// Sent packets dropped.
    pub tx_drop: i64,
}

/// The host's hardware (`GVirNodeInfo`).
#[derive(Clone, Debug, Default, PartialEq, Eq, glib::Boxed)]
#[repr(C)]
#[boxed_type(name = "GVirNodeInfo")]
pub struct NodeInfo {
    /// CPU model, NUL-terminated (`gchar model[32]` in C; see [`NodeInfo::model`]).
    pub model: [u8; 32],
    /// Memory in KiB.
    pub memory: u64,
    /// Active CPUs.
    pub cpus: u32,
    /// CPU frequency in MHz.
    pub mhz: u32,
    /// NUMA nodes.
    pub nodes: u32,
    /// Sockets per node.
    pub sockets: u32,
    /// Cores per socket.
    pub cores: u32,
    /// Threads per core.
    pub threads: u32,
}

/// A storage pool's state and sizes (`GVirStoragePoolInfo`).
#[derive(Clone, Debug, Default, PartialEq, Eq, glib::Boxed)]
#[repr(C)]
#[boxed_type(name = "GVirStoragePoolInfo")]
pub struct StoragePoolInfo {
    /// State.
    pub state: StoragePoolState,
    /// Capacity in bytes.
    pub capacity: u64,
    /// Allocation in bytes.
    pub allocation: u64,
    /// Free space in bytes.
    pub available: u64,
}

/// A storage volume's type and sizes (`GVirStorageVolInfo`).
#[derive(Clone, Debug, Default, PartialEq, Eq, glib::Boxed)]
#[repr(C)]
#[boxed_type(name = "GVirStorageVolInfo")]
pub struct StorageVolInfo {
    /// `virStorageVolType` (file, block, dir, network, netdir, ploop).
    pub kind: i32,
    /// Capacity in bytes.
    pub capacity: u64,
    /// Allocation in bytes.
    pub allocation: u64,
}

impl NodeInfo {
    /// The CPU model.
    pub fn model(&self) -> &str {
        let end = self
            .model
            .iter()
            .position(|&b| b == 0)
            .unwrap_or(self.model.len());
        std::str::from_utf8(&self.model[..end]).unwrap_or_default()
    }

    /// Stores `model`, truncated to 31 bytes (at a character boundary).
    pub fn set_model(&mut self, model: &str) {
        let mut n = model.len().min(31);
        while !model.is_char_boundary(n) {
            n -= 1;
        }
        self.model = [0; 32];
        self.model[..n].copy_from_slice(&model.as_bytes()[..n]);
    }
}
