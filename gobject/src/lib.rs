//! libvirt as GObjects — the Rust counterpart of the C `libvirt-gobject` library
//! (GObject-introspection namespace `LibvirtGObject`, same GType names: `GVirConnection`,
//! `GVirDomain`, ...).
//!
//! ```text
//! Manager                      a set of connections
//! └── Connection               GVirConnection, a gio::ListModel of its domains
//!     ├── Domain               GVirDomain: state property + lifecycle signals
//!     │   ├── DomainSnapshot
//!     │   ├── DomainDisk / DomainInterface (DomainDevice)
//!     │   └── Stream           serial console as a gio::IOStream
//!     ├── Network              networks_model()
//!     │   └── NetworkDHCPLease
//!     ├── StoragePool          storage_pools_model()
//!     │   └── StorageVol
//!     └── NodeDevice, Secret, Interface, NetworkFilter
//! ```
//!
//! - **Events, not polling**: a [`Connection`] registers for libvirt's domain, network,
//!   storage pool and node device events and keeps its tree in sync; signals are emitted
//!   on the main context that was the thread default when the connection was created.
//! - **Async for everything that can block**: `x_future()` runs the libvirt call on a
//!   worker thread (the error is built there), `x()` is the blocking variant and
//!   `x_async(cancellable, callback)` the callback variant.
//! - **Tracing**: every libvirt call runs in a `tracing` span named after the libvirt C
//!   function, every libvirt event delivered is a `tracing` event, and static probe
//!   points (SDT notes) let `stap`/`bpftrace` watch a running program; see [`trace`].
//!   The library installs no subscriber.
//! - **Resilience**: when libvirtd goes away, `connection-closed` fires, pending calls
//!   fail with a libvirt error and [`Connection::open_future`] reconnects and re-syncs the
//!   tree, keeping the objects of domains that still exist.
//! - **Credentials**: with [`Connection::set_credential_handler`], opens use
//!   `virConnectOpenAuth`; the handler gets each round of [`CredentialRequest`]s on the
//!   awaiting context and answers through a [`CredentialReply`] whenever it likes (only
//!   the worker thread waits); dropping the reply cancels. Nothing is stored.
//!
//! ```no_run
//! libvirt_gobject::init()?;
//! let conn = libvirt_gobject::Connection::new("test:///default");
//! glib::MainContext::default().block_on(async {
//!     conn.open_future().await?;
//!     for d in conn.domains() {
//!         println!("{} {:?}", d.name(), d.state());
//!     }
//!     Ok::<(), glib::Error>(())
//! })?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod connection;
mod domain;
mod domain_device;
mod enums;
pub mod flags;
pub mod handles;
mod info;
mod manager;
mod network;
mod qmp_schema;
mod simple;
pub mod stats;
mod storage_pool;
mod stream;
pub mod trace;
mod util;

pub use connection::{Connection, CredentialReply, CredentialRequest, CredentialType};
pub use domain::{
    Domain, DomainJobInfo, DomainJobType, DomainSnapshot, GraphicsSocket, MonitorReply,
};
pub use domain_device::{DomainDevice, DomainDeviceImpl, DomainDisk, DomainInterface};
pub use enums::{DomainState, StoragePoolState};
pub use info::{
    DomainDiskStats, DomainInfo, DomainInterfaceStats, NodeInfo, StoragePoolInfo, StorageVolInfo,
};
pub use manager::Manager;
pub use network::{Network, NetworkDHCPLease};
pub use qmp_schema::QmpSchema;
pub use simple::{Interface, NetworkFilter, NodeDevice, Secret};
pub use stats::{DomainStats, StatValue};
pub use storage_pool::{StoragePool, StorageVol, Transfer};
pub use stream::{Stream, StreamInput, StreamOutput};
pub use util::block_on;

/// Initialises libvirt and runs its event loop on the default main context
/// (`gvir_init_object`): [`libvirt_glib::init`] + [`libvirt_glib::event_register`], and
/// registers every GType of this library.
///
/// # Errors
///
/// Fails when libvirt cannot initialise or its event loop is already registered on
/// another main context.
pub fn init() -> Result<(), glib::Error> {
    libvirt_glib::init()?;
    libvirt_glib::event_register()?;
    register_types();
    Ok(())
}

/// Like [`init`], with libvirt's event loop on `context` (which may run on another
/// thread); signals are still emitted on each connection's own context.
///
/// # Errors
///
/// As [`init`].
pub fn init_on(context: &glib::MainContext) -> Result<(), glib::Error> {
    libvirt_glib::init()?;
    libvirt_glib::event_register_on(context)?;
    register_types();
    Ok(())
}

fn register_types() {
    use glib::prelude::StaticType;
    let _ = (
        Connection::static_type(),
        Domain::static_type(),
        DomainSnapshot::static_type(),
        DomainDevice::static_type(),
        DomainDisk::static_type(),
        DomainInterface::static_type(),
        Network::static_type(),
        NetworkDHCPLease::static_type(),
        NetworkFilter::static_type(),
        StoragePool::static_type(),
        StorageVol::static_type(),
        Interface::static_type(),
        NodeDevice::static_type(),
        Secret::static_type(),
        Stream::static_type(),
        Manager::static_type(),
    );
    let _ = (
        DomainState::static_type(),
        StoragePoolState::static_type(),
        DomainInfo::static_type(),
        DomainDiskStats::static_type(),
        DomainInterfaceStats::static_type(),
        NodeInfo::static_type(),
        StoragePoolInfo::static_type(),
        StorageVolInfo::static_type(),
        QmpSchema::static_type(),
    );
    let _ = (
        flags::DomainDeleteFlags::static_type(),
        flags::DomainRebootFlags::static_type(),
        flags::DomainShutdownFlags::static_type(),
        flags::DomainSnapshotCreateFlags::static_type(),
        flags::DomainSnapshotDeleteFlags::static_type(),
        flags::DomainSnapshotListFlags::static_type(),
        flags::DomainSnapshotRevertFlags::static_type(),
        flags::DomainStartFlags::static_type(),
        flags::DomainUpdateDeviceFlags::static_type(),
        flags::DomainXMLFlags::static_type(),
        flags::IPAddrType::static_type(),
        flags::StorageVolResizeFlags::static_type(),
        flags::StorageVolType::static_type(),
        flags::StreamIOCondition::static_type(),
    );
    let _ = (
        handles::ConnectionHandle::static_type(),
        handles::DomainHandle::static_type(),
        handles::DomainSnapshotHandle::static_type(),
        handles::InterfaceHandle::static_type(),
        handles::NetworkHandle::static_type(),
        handles::NetworkFilterHandle::static_type(),
        handles::NodeDeviceHandle::static_type(),
        handles::SecretHandle::static_type(),
        handles::StoragePoolHandle::static_type(),
        handles::StorageVolHandle::static_type(),
        handles::StreamHandle::static_type(),
    );
}
