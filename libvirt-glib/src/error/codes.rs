// Generated from libvirt 9.0's <libvirt/virterror.h>: one variant per virErrorNumber and per
// virErrorDomain, with the header's own descriptions.
define_error_codes! {
    /// VIR_ERR_OK.
    Ok = 0 => "VIR_ERR_OK",
    /// Internal error.
    InternalError = 1 => "VIR_ERR_INTERNAL_ERROR",
    /// Memory allocation failure.
    NoMemory = 2 => "VIR_ERR_NO_MEMORY",
    /// No support for this function.
    NoSupport = 3 => "VIR_ERR_NO_SUPPORT",
    /// Could not resolve hostname.
    UnknownHost = 4 => "VIR_ERR_UNKNOWN_HOST",
    /// Can't connect to hypervisor.
    NoConnect = 5 => "VIR_ERR_NO_CONNECT",
    /// Invalid connection object.
    InvalidConn = 6 => "VIR_ERR_INVALID_CONN",
    /// Invalid domain object.
    InvalidDomain = 7 => "VIR_ERR_INVALID_DOMAIN",
    /// Invalid function argument.
    InvalidArg = 8 => "VIR_ERR_INVALID_ARG",
    /// A command to hypervisor failed.
    OperationFailed = 9 => "VIR_ERR_OPERATION_FAILED",
    /// A HTTP GET command to failed.
    GetFailed = 10 => "VIR_ERR_GET_FAILED",
    /// A HTTP POST command to failed.
    PostFailed = 11 => "VIR_ERR_POST_FAILED",
    /// Unexpected HTTP error code.
    HttpError = 12 => "VIR_ERR_HTTP_ERROR",
    /// Failure to serialize an S-Expr.
    SexprSerial = 13 => "VIR_ERR_SEXPR_SERIAL",
    /// Could not open Xen hypervisor control.
    NoXen = 14 => "VIR_ERR_NO_XEN",
    /// Failure doing an hypervisor call.
    XenCall = 15 => "VIR_ERR_XEN_CALL",
    /// Unknown OS type.
    OsType = 16 => "VIR_ERR_OS_TYPE",
    /// Missing kernel information.
    NoKernel = 17 => "VIR_ERR_NO_KERNEL",
    /// Missing root device information.
    NoRoot = 18 => "VIR_ERR_NO_ROOT",
    /// Missing source device information.
    NoSource = 19 => "VIR_ERR_NO_SOURCE",
    /// Missing target device information.
    NoTarget = 20 => "VIR_ERR_NO_TARGET",
    /// Missing domain name information.
    NoName = 21 => "VIR_ERR_NO_NAME",
    /// Missing domain OS information.
    NoOs = 22 => "VIR_ERR_NO_OS",
    /// Missing domain devices information.
    NoDevice = 23 => "VIR_ERR_NO_DEVICE",
    /// Could not open Xen Store control.
    NoXenstore = 24 => "VIR_ERR_NO_XENSTORE",
    /// Too many drivers registered.
    DriverFull = 25 => "VIR_ERR_DRIVER_FULL",
    /// Not supported by the drivers (DEPRECATED).
    CallFailed = 26 => "VIR_ERR_CALL_FAILED",
    /// An XML description is not well formed or broken.
    XmlError = 27 => "VIR_ERR_XML_ERROR",
    /// The domain already exist.
    DomExist = 28 => "VIR_ERR_DOM_EXIST",
    /// Operation forbidden on read-only connections.
    OperationDenied = 29 => "VIR_ERR_OPERATION_DENIED",
    /// Failed to open a conf file.
    OpenFailed = 30 => "VIR_ERR_OPEN_FAILED",
    /// Failed to read a conf file.
    ReadFailed = 31 => "VIR_ERR_READ_FAILED",
    /// Failed to parse a conf file.
    ParseFailed = 32 => "VIR_ERR_PARSE_FAILED",
    /// Failed to parse the syntax of a conf file.
    ConfSyntax = 33 => "VIR_ERR_CONF_SYNTAX",
    /// Failed to write a conf file.
    WriteFailed = 34 => "VIR_ERR_WRITE_FAILED",
    /// Detail of an XML error.
    XmlDetail = 35 => "VIR_ERR_XML_DETAIL",
    /// Invalid network object.
    InvalidNetwork = 36 => "VIR_ERR_INVALID_NETWORK",
    /// The network already exist.
    NetworkExist = 37 => "VIR_ERR_NETWORK_EXIST",
    /// General system call failure.
    SystemError = 38 => "VIR_ERR_SYSTEM_ERROR",
    /// Some sort of RPC error.
    Rpc = 39 => "VIR_ERR_RPC",
    /// Error from a GNUTLS call.
    GnutlsError = 40 => "VIR_ERR_GNUTLS_ERROR",
    /// Failed to start network.
    WarnNoNetwork = 41 => "VIR_WAR_NO_NETWORK",
    /// Domain not found or unexpectedly disappeared.
    NoDomain = 42 => "VIR_ERR_NO_DOMAIN",
    /// Network not found.
    NoNetwork = 43 => "VIR_ERR_NO_NETWORK",
    /// Invalid MAC address.
    InvalidMac = 44 => "VIR_ERR_INVALID_MAC",
    /// Authentication failed.
    AuthFailed = 45 => "VIR_ERR_AUTH_FAILED",
    /// Invalid storage pool object.
    InvalidStoragePool = 46 => "VIR_ERR_INVALID_STORAGE_POOL",
    /// Invalid storage vol object.
    InvalidStorageVol = 47 => "VIR_ERR_INVALID_STORAGE_VOL",
    /// Failed to start storage.
    WarnNoStorage = 48 => "VIR_WAR_NO_STORAGE",
    /// Storage pool not found.
    NoStoragePool = 49 => "VIR_ERR_NO_STORAGE_POOL",
    /// Storage volume not found.
    NoStorageVol = 50 => "VIR_ERR_NO_STORAGE_VOL",
    /// Failed to start node driver.
    WarnNoNode = 51 => "VIR_WAR_NO_NODE",
    /// Invalid node device object.
    InvalidNodeDevice = 52 => "VIR_ERR_INVALID_NODE_DEVICE",
    /// Node device not found.
    NoNodeDevice = 53 => "VIR_ERR_NO_NODE_DEVICE",
    /// Security model not found.
    NoSecurityModel = 54 => "VIR_ERR_NO_SECURITY_MODEL",
    /// Operation is not applicable at this time.
    OperationInvalid = 55 => "VIR_ERR_OPERATION_INVALID",
    /// Failed to start interface driver.
    WarnNoInterface = 56 => "VIR_WAR_NO_INTERFACE",
    /// Interface driver not running.
    NoInterface = 57 => "VIR_ERR_NO_INTERFACE",
    /// Invalid interface object.
    InvalidInterface = 58 => "VIR_ERR_INVALID_INTERFACE",
    /// More than one matching interface found.
    MultipleInterfaces = 59 => "VIR_ERR_MULTIPLE_INTERFACES",
    /// Failed to start nwfilter driver.
    WarnNoNwfilter = 60 => "VIR_WAR_NO_NWFILTER",
    /// Invalid nwfilter object.
    InvalidNwfilter = 61 => "VIR_ERR_INVALID_NWFILTER",
    /// Nw filter pool not found.
    NoNwfilter = 62 => "VIR_ERR_NO_NWFILTER",
    /// Nw filter pool not found.
    BuildFirewall = 63 => "VIR_ERR_BUILD_FIREWALL",
    /// Failed to start secret storage.
    WarnNoSecret = 64 => "VIR_WAR_NO_SECRET",
    /// Invalid secret.
    InvalidSecret = 65 => "VIR_ERR_INVALID_SECRET",
    /// Secret not found.
    NoSecret = 66 => "VIR_ERR_NO_SECRET",
    /// Unsupported configuration construct.
    ConfigUnsupported = 67 => "VIR_ERR_CONFIG_UNSUPPORTED",
    /// Timeout occurred during operation.
    OperationTimeout = 68 => "VIR_ERR_OPERATION_TIMEOUT",
    /// A migration worked, but making the VM persist on the dest host failed.
    MigratePersistFailed = 69 => "VIR_ERR_MIGRATE_PERSIST_FAILED",
    /// A synchronous hook script failed.
    HookScriptFailed = 70 => "VIR_ERR_HOOK_SCRIPT_FAILED",
    /// Invalid domain snapshot.
    InvalidDomainSnapshot = 71 => "VIR_ERR_INVALID_DOMAIN_SNAPSHOT",
    /// Domain snapshot not found.
    NoDomainSnapshot = 72 => "VIR_ERR_NO_DOMAIN_SNAPSHOT",
    /// Stream pointer not valid.
    InvalidStream = 73 => "VIR_ERR_INVALID_STREAM",
    /// Valid API use but unsupported by the given driver.
    ArgumentUnsupported = 74 => "VIR_ERR_ARGUMENT_UNSUPPORTED",
    /// Storage pool probe failed.
    StorageProbeFailed = 75 => "VIR_ERR_STORAGE_PROBE_FAILED",
    /// Storage pool already built.
    StoragePoolBuilt = 76 => "VIR_ERR_STORAGE_POOL_BUILT",
    /// Force was not requested for a risky domain snapshot revert.
    SnapshotRevertRisky = 77 => "VIR_ERR_SNAPSHOT_REVERT_RISKY",
    /// Operation on a domain was canceled/aborted by user.
    OperationAborted = 78 => "VIR_ERR_OPERATION_ABORTED",
    /// Authentication cancelled.
    AuthCancelled = 79 => "VIR_ERR_AUTH_CANCELLED",
    /// The metadata is not present.
    NoDomainMetadata = 80 => "VIR_ERR_NO_DOMAIN_METADATA",
    /// Migration is not safe.
    MigrateUnsafe = 81 => "VIR_ERR_MIGRATE_UNSAFE",
    /// Integer overflow.
    Overflow = 82 => "VIR_ERR_OVERFLOW",
    /// Action prevented by block copy job.
    BlockCopyActive = 83 => "VIR_ERR_BLOCK_COPY_ACTIVE",
    /// The requested operation is not supported.
    OperationUnsupported = 84 => "VIR_ERR_OPERATION_UNSUPPORTED",
    /// Error in ssh transport driver.
    Ssh = 85 => "VIR_ERR_SSH",
    /// Guest agent is unresponsive, not running or not usable.
    AgentUnresponsive = 86 => "VIR_ERR_AGENT_UNRESPONSIVE",
    /// Resource is already in use.
    ResourceBusy = 87 => "VIR_ERR_RESOURCE_BUSY",
    /// Operation on the object/resource was denied.
    AccessDenied = 88 => "VIR_ERR_ACCESS_DENIED",
    /// Error from a dbus service.
    DbusService = 89 => "VIR_ERR_DBUS_SERVICE",
    /// The storage vol already exists.
    StorageVolExist = 90 => "VIR_ERR_STORAGE_VOL_EXIST",
    /// Given CPU is incompatible with host CPU.
    CpuIncompatible = 91 => "VIR_ERR_CPU_INCOMPATIBLE",
    /// XML document doesn't validate against schema.
    XmlInvalidSchema = 92 => "VIR_ERR_XML_INVALID_SCHEMA",
    /// Finish API succeeded but it is expected to return NULL.
    MigrateFinishOk = 93 => "VIR_ERR_MIGRATE_FINISH_OK",
    /// Authentication unavailable.
    AuthUnavailable = 94 => "VIR_ERR_AUTH_UNAVAILABLE",
    /// Server was not found.
    NoServer = 95 => "VIR_ERR_NO_SERVER",
    /// Client was not found.
    NoClient = 96 => "VIR_ERR_NO_CLIENT",
    /// Guest agent replies with wrong id to guest-sync command (DEPRECATED).
    AgentUnsynced = 97 => "VIR_ERR_AGENT_UNSYNCED",
    /// Error in libssh transport driver.
    Libssh = 98 => "VIR_ERR_LIBSSH",
    /// Fail to find the desired device.
    DeviceMissing = 99 => "VIR_ERR_DEVICE_MISSING",
    /// Invalid nwfilter binding.
    InvalidNwfilterBinding = 100 => "VIR_ERR_INVALID_NWFILTER_BINDING",
    /// No nwfilter binding.
    NoNwfilterBinding = 101 => "VIR_ERR_NO_NWFILTER_BINDING",
    /// Invalid domain checkpoint.
    InvalidDomainCheckpoint = 102 => "VIR_ERR_INVALID_DOMAIN_CHECKPOINT",
    /// Domain checkpoint not found.
    NoDomainCheckpoint = 103 => "VIR_ERR_NO_DOMAIN_CHECKPOINT",
    /// Domain backup job id not found.
    NoDomainBackup = 104 => "VIR_ERR_NO_DOMAIN_BACKUP",
    /// Invalid network port object.
    InvalidNetworkPort = 105 => "VIR_ERR_INVALID_NETWORK_PORT",
    /// The network port already exist.
    NetworkPortExist = 106 => "VIR_ERR_NETWORK_PORT_EXIST",
    /// Network port not found.
    NoNetworkPort = 107 => "VIR_ERR_NO_NETWORK_PORT",
    /// No domain's hostname found.
    NoHostname = 108 => "VIR_ERR_NO_HOSTNAME",
    /// Checkpoint can't be used.
    CheckpointInconsistent = 109 => "VIR_ERR_CHECKPOINT_INCONSISTENT",
    /// More than one matching domain found.
    MultipleDomains = 110 => "VIR_ERR_MULTIPLE_DOMAINS",
}

define_origins! {
    /// VIR_FROM_NONE.
    None = 0 => "VIR_FROM_NONE",
    /// Error at Xen hypervisor layer.
    Xen = 1 => "VIR_FROM_XEN",
    /// Error at connection with xend daemon.
    Xend = 2 => "VIR_FROM_XEND",
    /// Error at connection with xen store.
    Xenstore = 3 => "VIR_FROM_XENSTORE",
    /// Error in the S-Expression code.
    Sexpr = 4 => "VIR_FROM_SEXPR",
    /// Error in the XML code.
    Xml = 5 => "VIR_FROM_XML",
    /// Error when operating on a domain.
    Dom = 6 => "VIR_FROM_DOM",
    /// Error in the XML-RPC code.
    Rpc = 7 => "VIR_FROM_RPC",
    /// Error in the proxy code; unused since 0.8.6.
    Proxy = 8 => "VIR_FROM_PROXY",
    /// Error in the configuration file handling.
    Conf = 9 => "VIR_FROM_CONF",
    /// Error at the QEMU daemon.
    Qemu = 10 => "VIR_FROM_QEMU",
    /// Error when operating on a network.
    Net = 11 => "VIR_FROM_NET",
    /// Error from test driver.
    Test = 12 => "VIR_FROM_TEST",
    /// Error from remote driver.
    Remote = 13 => "VIR_FROM_REMOTE",
    /// Error from OpenVZ driver.
    Openvz = 14 => "VIR_FROM_OPENVZ",
    /// Error at Xen XM layer.
    Xenxm = 15 => "VIR_FROM_XENXM",
    /// Error in the Linux Stats code.
    StatsLinux = 16 => "VIR_FROM_STATS_LINUX",
    /// Error from Linux Container driver.
    Lxc = 17 => "VIR_FROM_LXC",
    /// Error from storage driver.
    Storage = 18 => "VIR_FROM_STORAGE",
    /// Error from network config.
    Network = 19 => "VIR_FROM_NETWORK",
    /// Error from domain config.
    Domain = 20 => "VIR_FROM_DOMAIN",
    /// Error at the UML driver; unused since 5.0.0.
    Uml = 21 => "VIR_FROM_UML",
    /// Error from node device monitor.
    Nodedev = 22 => "VIR_FROM_NODEDEV",
    /// Error from xen inotify layer.
    XenInotify = 23 => "VIR_FROM_XEN_INOTIFY",
    /// Error from security framework.
    Security = 24 => "VIR_FROM_SECURITY",
    /// Error from VirtualBox driver.
    Vbox = 25 => "VIR_FROM_VBOX",
    /// Error when operating on an interface.
    Interface = 26 => "VIR_FROM_INTERFACE",
    /// The OpenNebula driver no longer exists. Retained for ABI/API compat only.
    One = 27 => "VIR_FROM_ONE",
    /// Error from ESX driver.
    Esx = 28 => "VIR_FROM_ESX",
    /// Error from the phyp driver, unused since 6.0.0.
    Phyp = 29 => "VIR_FROM_PHYP",
    /// Error from secret storage.
    Secret = 30 => "VIR_FROM_SECRET",
    /// Error from CPU driver.
    Cpu = 31 => "VIR_FROM_CPU",
    /// Error from XenAPI.
    Xenapi = 32 => "VIR_FROM_XENAPI",
    /// Error from network filter driver.
    Nwfilter = 33 => "VIR_FROM_NWFILTER",
    /// Error from Synchronous hooks.
    Hook = 34 => "VIR_FROM_HOOK",
    /// Error from domain snapshot.
    DomainSnapshot = 35 => "VIR_FROM_DOMAIN_SNAPSHOT",
    /// Error from auditing subsystem.
    Audit = 36 => "VIR_FROM_AUDIT",
    /// Error from sysinfo/SMBIOS.
    Sysinfo = 37 => "VIR_FROM_SYSINFO",
    /// Error from I/O streams.
    Streams = 38 => "VIR_FROM_STREAMS",
    /// Error from VMware driver.
    Vmware = 39 => "VIR_FROM_VMWARE",
    /// Error from event loop impl.
    Event = 40 => "VIR_FROM_EVENT",
    /// Error from libxenlight driver.
    Libxl = 41 => "VIR_FROM_LIBXL",
    /// Error from lock manager.
    Locking = 42 => "VIR_FROM_LOCKING",
    /// Error from Hyper-V driver.
    Hyperv = 43 => "VIR_FROM_HYPERV",
    /// Error from capabilities.
    Capabilities = 44 => "VIR_FROM_CAPABILITIES",
    /// Error from URI handling.
    Uri = 45 => "VIR_FROM_URI",
    /// Error from auth handling.
    Auth = 46 => "VIR_FROM_AUTH",
    /// Error from DBus.
    Dbus = 47 => "VIR_FROM_DBUS",
    /// Error from Parallels.
    Parallels = 48 => "VIR_FROM_PARALLELS",
    /// Error from Device.
    Device = 49 => "VIR_FROM_DEVICE",
    /// Error from libssh2 connection transport.
    Ssh = 50 => "VIR_FROM_SSH",
    /// Error from lockspace.
    Lockspace = 51 => "VIR_FROM_LOCKSPACE",
    /// Error from initctl device communication.
    Initctl = 52 => "VIR_FROM_INITCTL",
    /// Error from identity code.
    Identity = 53 => "VIR_FROM_IDENTITY",
    /// Error from cgroups.
    Cgroup = 54 => "VIR_FROM_CGROUP",
    /// Error from access control manager.
    Access = 55 => "VIR_FROM_ACCESS",
    /// Error from systemd code.
    Systemd = 56 => "VIR_FROM_SYSTEMD",
    /// Error from bhyve driver.
    Bhyve = 57 => "VIR_FROM_BHYVE",
    /// Error from crypto code.
    Crypto = 58 => "VIR_FROM_CRYPTO",
    /// Error from firewall.
    Firewall = 59 => "VIR_FROM_FIREWALL",
    /// Error from polkit code.
    Polkit = 60 => "VIR_FROM_POLKIT",
    /// Error from thread utils.
    Thread = 61 => "VIR_FROM_THREAD",
    /// Error from admin backend.
    Admin = 62 => "VIR_FROM_ADMIN",
    /// Error from log manager.
    Logging = 63 => "VIR_FROM_LOGGING",
    /// Error from Xen xl config code.
    Xenxl = 64 => "VIR_FROM_XENXL",
    /// Error from perf.
    Perf = 65 => "VIR_FROM_PERF",
    /// Error from libssh connection transport.
    Libssh = 66 => "VIR_FROM_LIBSSH",
    /// Error from resource control.
    Resctrl = 67 => "VIR_FROM_RESCTRL",
    /// Error from firewalld.
    Firewalld = 68 => "VIR_FROM_FIREWALLD",
    /// Error from domain checkpoint.
    DomainCheckpoint = 69 => "VIR_FROM_DOMAIN_CHECKPOINT",
    /// Error from TPM.
    Tpm = 70 => "VIR_FROM_TPM",
    /// Error from BPF code.
    Bpf = 71 => "VIR_FROM_BPF",
    /// Error from Cloud-Hypervisor driver.
    Ch = 72 => "VIR_FROM_CH",
}
