#!/usr/bin/python3
"""PyGObject suite for our LibvirtGLib / LibvirtGConfig / LibvirtGObject typelibs.

Run by capi/tests/gi.rs (and scripts/test.sh) with our typelibs first on
GI_TYPELIB_PATH, our libraries first on LD_LIBRARY_PATH and G_DEBUG=fatal-criticals, so
a critical warning aborts the run. Everything talks to libvirt's in-process test driver.
Prints one line per test and "N passed, N failed"; exits non-zero on any failure.
"""
import os
import sys
import tempfile
import traceback

import gi

gi.require_version("LibvirtGLib", "1.0")
gi.require_version("LibvirtGConfig", "1.0")
gi.require_version("LibvirtGObject", "1.0")
from gi.repository import GLib, Gio, LibvirtGConfig, LibvirtGLib, LibvirtGObject  # noqa: E402

TESTS = []
URI = "test:///default"


def test(f):
    TESTS.append(f)
    return f


def run_async(obj, name, *args, timeout=20):
    """Calls obj.<name>_async(*args, cancellable, cb) in a GLib.MainLoop and returns
    obj.<name>_finish(result) (raising its GLib.Error)."""
    loop = GLib.MainLoop()
    box = {}

    def done(source, res):
        try:
            box["value"] = getattr(source, name + "_finish")(res)
        except GLib.Error as e:
            box["error"] = e
        box["result"] = res
        loop.quit()

    getattr(obj, name + "_async")(*args, None, done)
    tid = GLib.timeout_add_seconds(timeout, loop.quit)
    loop.run()
    GLib.source_remove(tid) if "result" in box else None
    assert "result" in box, "%s_async never completed" % name
    assert isinstance(box["result"], Gio.Task), type(box["result"])
    if "error" in box:
        raise box["error"]
    return box["value"]


def wait_for(cond, timeout=10):
    """Runs the default main context until cond() holds."""
    ctx = GLib.MainContext.default()
    end = GLib.get_monotonic_time() + timeout * 1000000
    while not cond():
        if GLib.get_monotonic_time() > end:
            raise AssertionError("timed out waiting")
        ctx.iteration(False) or GLib.usleep(2000)


def connect():
    conn = LibvirtGObject.Connection.new(URI)
    assert run_async(conn, "open") is True
    run_async(conn, "fetch_domains")
    return conn


DOMAIN_XML = """<domain type='test'>
  <name>%s</name>
  <memory unit='KiB'>65536</memory>
  <os><type arch='x86_64'>hvm</type></os>
</domain>"""


@test
def init():
    LibvirtGLib.init(None)
    LibvirtGLib.event_register()
    ok, _ = LibvirtGLib.init_check(None)
    assert ok
    LibvirtGObject.init_object(None)
    assert LibvirtGObject.init_object_check(None)[0]
    assert LibvirtGConfig.init_check(None)[0]


@test
def event_loop_runs_libvirt_timers():
    # The test driver's events arrive through our libvirt event loop on GLib.
    conn = connect()
    added = []
    conn.connect("domain-added", lambda c, d: added.append(d.get_name()))
    dom = conn.create_domain(LibvirtGConfig.Domain.new_from_xml(DOMAIN_XML % "gi-loop"))
    wait_for(lambda: "gi-loop" in added)
    dom.delete(0)


@test
def open_async_and_properties():
    conn = LibvirtGObject.Connection.new(URI)
    opened = []
    conn.connect("connection-opened", lambda c: opened.append(True))
    assert not conn.is_open()
    assert run_async(conn, "open") is True
    assert conn.is_open() and conn.props.uri == URI and conn.get_uri() == URI
    wait_for(lambda: opened)
    assert not conn.is_read_only()
    assert conn.props.handle is not None  # GVirConnectionHandle, as in the C library
    dom = conn.find_domain_by_name("test") if run_async(conn, "fetch_domains") else None
    assert dom.props.handle is not None and dom.props.persistent
    closed = []
    conn.connect("connection-closed", lambda c: closed.append(True))
    conn.close()
    wait_for(lambda: closed)
    assert not conn.is_open()


@test
def open_read_only_async():
    conn = LibvirtGObject.Connection.new(URI)
    assert run_async(conn, "open_read_only") is True
    assert conn.is_read_only()


@test
def fetch_and_lists():
    conn = connect()
    names = [d.get_name() for d in conn.get_domains()]
    assert "test" in names, names
    run_async(conn, "fetch_networks")
    run_async(conn, "fetch_storage_pools")
    run_async(conn, "fetch_interfaces")
    assert [n.get_name() for n in conn.get_networks()] == ["default"]
    pools = conn.get_storage_pools()
    assert pools and pools[0].get_name() == "default-pool"
    assert conn.get_storage_pool(pools[0].get_uuid()).get_name() == "default-pool"
    assert conn.find_storage_pool_by_name("default-pool") is not None
    net = conn.find_network_by_name("default")
    assert conn.get_network(net.get_uuid()).get_name() == "default"
    ifaces = conn.get_interfaces()
    assert ifaces and conn.get_interface(ifaces[0].get_name()) is not None
    assert isinstance(ifaces[0].get_config(0), LibvirtGConfig.Interface)
    mac = ifaces[0].get_mac()
    assert mac and conn.find_interface_by_mac(mac).get_name() == ifaces[0].get_name()
    dom = conn.find_domain_by_name("test")
    assert conn.get_domain(dom.get_uuid()).get_name() == "test"
    assert conn.find_domain_by_id(1).get_name() == "test"


@test
def memory_returning_connection_methods():
    conn = connect()
    assert conn.get_hypervisor_name().lower() == "test"
    assert conn.get_version() > 0
    info = conn.get_node_info()
    assert info.cpus > 0 and info.memory > 0
    caps = conn.get_capabilities()
    assert isinstance(caps, LibvirtGConfig.Capabilities)
    assert "<capabilities>" in caps.to_xml()
    caps2 = run_async(conn, "get_capabilities")
    assert isinstance(caps2, LibvirtGConfig.Capabilities)
    try:
        dc = conn.get_domain_capabilities(None, None, None, None, 0)
        assert isinstance(dc, LibvirtGConfig.DomainCapabilities)
    except GLib.Error as e:
        # The test driver has no virConnectGetDomainCapabilities: libvirt's error code.
        assert e.domain == "gvir-error-quark" and e.code == 3, (e.domain, e.code)
    try:
        dc = run_async(conn, "get_domain_capabilities", None, None, None, None, 0)
        assert isinstance(dc, LibvirtGConfig.DomainCapabilities)
    except GLib.Error as e:
        assert e.domain == "gvir-error-quark" and e.code == 3, (e.domain, e.code)
    stream = conn.get_stream(0)
    assert isinstance(stream, LibvirtGObject.Stream) and stream.props.handle is not None


@test
def domain_sync_methods_and_memory():
    conn = connect()
    dom = conn.find_domain_by_name("test")
    assert dom.get_name() == "test" and len(dom.get_uuid()) == 36
    assert dom.get_id() == 1 and dom.get_persistent()
    info = dom.get_info()
    assert info.state == LibvirtGObject.DomainState.RUNNING and info.memory > 0
    cfg = dom.get_config(0)
    assert isinstance(cfg, LibvirtGConfig.Domain) and cfg.get_name() == "test"
    devs = dom.get_devices()
    assert devs, devs
    for d in devs:
        assert d.get_domain().get_name() == "test"
        assert isinstance(d.get_config(), LibvirtGConfig.DomainDevice)
    disks = [d for d in devs if isinstance(d, LibvirtGObject.DomainDisk)]
    ifaces = [d for d in devs if isinstance(d, LibvirtGObject.DomainInterface)]
    assert ifaces
    st = ifaces[0].get_stats()
    assert st.rx_bytes >= 0
    for d in disks:
        assert d.get_stats().rd_req >= 0
    stream = conn.get_stream(0)
    try:
        mime = dom.screenshot(stream, 0, 0)
        assert mime, mime
    except GLib.Error as e:
        assert e.domain == "gvir-error-quark" and e.code > 0, (e.domain, e.code)
    ok, has = dom.get_has_current_snapshot(0)
    assert ok and has in (True, False)
    assert dom.get_saved() in (True, False)


@test
def domain_async_methods():
    conn = connect()
    dom = conn.create_domain(LibvirtGConfig.Domain.new_from_xml(DOMAIN_XML % "gi-async"))
    try:
        assert run_async(dom, "start", 0) is True
        assert dom.get_info().state == LibvirtGObject.DomainState.RUNNING
        info = run_async(dom, "get_info")
        assert info.state == LibvirtGObject.DomainState.RUNNING
        dom.suspend()
        assert run_async(dom, "resume") is True
        assert dom.get_info().state == LibvirtGObject.DomainState.RUNNING
        try:
            run_async(dom, "wakeup", 0)
        except GLib.Error as e:
            assert e.domain == "gvir-error-quark" and e.code > 0, (e.domain, e.code)
        try:
            run_async(dom, "set_time", GLib.DateTime.new_now_utc(), 0)
        except GLib.Error as e:
            assert e.domain == "gvir-error-quark" and e.code > 0, (e.domain, e.code)
        snap = run_async(dom, "create_snapshot", None, 0)
        assert isinstance(snap, LibvirtGObject.DomainSnapshot) and snap.get_name()
        assert run_async(dom, "fetch_snapshots", 0) is True
        assert [s.get_name() for s in dom.get_snapshots()] == [snap.get_name()]
        sc = snap.get_config(0)
        assert isinstance(sc, LibvirtGConfig.DomainSnapshot)
        ok, current = snap.get_is_current(0)
        assert ok and current
        assert run_async(snap, "revert_to", 0) is True
        assert run_async(snap, "delete", 0) is True
        assert run_async(dom, "save", 0) is True
        assert dom.get_info().state == LibvirtGObject.DomainState.SHUTOFF
        assert run_async(dom, "start", 0) is True
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "gi-async.save")
            assert run_async(dom, "save_to_file", path, None, 0) is True
            assert os.path.exists(path)
            assert run_async(conn, "restore_domain_from_file", path, None, 0) is True
        assert dom.get_info().state == LibvirtGObject.DomainState.RUNNING
        dom.stop(0)
    finally:
        dom.delete(0)


@test
def every_signal():
    conn = connect()
    seen = []
    conn.connect("domain-added", lambda c, d: seen.append(("added", d.get_name())))
    conn.connect("domain-removed", lambda c, d: seen.append(("removed", d.get_name())))
    dom = conn.create_domain(LibvirtGConfig.Domain.new_from_xml(DOMAIN_XML % "gi-signals"))
    wait_for(lambda: ("added", "gi-signals") in seen)
    for sig in ("started", "stopped", "suspended", "resumed", "updated", "pmsuspended"):
        dom.connect(sig, lambda d, s=sig: seen.append(s))
    dom.start(0)
    wait_for(lambda: "started" in seen)
    dom.suspend()
    wait_for(lambda: "suspended" in seen)
    dom.resume()
    wait_for(lambda: "resumed" in seen)
    cfg = dom.get_config(0)
    cfg.set_name("gi-signals")
    assert dom.set_config(cfg)
    wait_for(lambda: "updated" in seen)
    dom.stop(0)
    wait_for(lambda: "stopped" in seen)
    # The test driver cannot suspend a guest to RAM; the signal exists with the C
    # library's signature and reaches handlers.
    dom.emit("pmsuspended")
    assert "pmsuspended" in seen
    dom.delete(0)
    wait_for(lambda: ("removed", "gi-signals") in seen)
    man = LibvirtGObject.Manager.new()
    mseen = []
    man.connect("connection-added", lambda m, c: mseen.append("added"))
    man.connect("connection-removed", lambda m, c: mseen.append("removed"))
    man.add_connection(conn)
    assert man.find_connection_by_uri(URI) == conn
    assert man.get_connections() == [conn]
    man.remove_connection(conn)
    assert mseen == ["added", "removed"] and man.get_connections() == []


@test
def gerror_domain_and_code():
    conn = connect()
    try:
        conn.create_domain(LibvirtGConfig.Domain.new_from_xml("<domain type='test'><name>x</name></domain>"))
        raise AssertionError("defining a domain without memory/os succeeded")
    except GLib.Error as e:
        assert e.domain == "gvir-error-quark", e.domain
        assert e.code > 0, e.code
    bad = LibvirtGObject.Connection.new("test:///nonexistent/path.xml")
    try:
        run_async(bad, "open")
        raise AssertionError("opening a missing test driver file succeeded")
    except GLib.Error as e:
        assert e.domain == "gvir-error-quark" and e.code > 0, (e.domain, e.code)
    try:
        LibvirtGConfig.Domain.new_from_xml("<domain><name>broken")
        raise AssertionError("parsing broken XML succeeded")
    except GLib.Error as e:
        assert e.domain == "gvir-config-object", e.domain
    err = LibvirtGLib.error_new_literal(GLib.quark_from_string("gvir-error-quark"), 7, "some text")
    assert err.message.startswith("some text") and err.code == 7


@test
def cancellation():
    conn = LibvirtGObject.Connection.new(URI)
    c = Gio.Cancellable()
    c.cancel()
    loop = GLib.MainLoop()
    box = {}

    def done(src, res):
        try:
            src.open_finish(res)
        except GLib.Error as e:
            box["e"] = e
        loop.quit()
    conn.open_async(c, done)
    loop.run()
    assert box["e"].matches(Gio.io_error_quark(), Gio.IOErrorEnum.CANCELLED)


@test
def gconfig_round_trip():
    dom = LibvirtGConfig.Domain.new()
    dom.set_name("built-from-scratch")
    assert dom.get_name() == "built-from-scratch"
    xml = dom.to_xml()
    assert "<name>built-from-scratch</name>" in xml, xml
    again = LibvirtGConfig.Domain.new_from_xml(xml)
    assert again.get_name() == "built-from-scratch"
    assert again.to_xml() == xml
    src = DOMAIN_XML % "round-trip"
    parsed = LibvirtGConfig.Domain.new_from_xml(src)
    # the C library serializes through libxml2: attribute values in double quotes
    assert parsed.to_xml() == src.replace("'", '"'), parsed.to_xml()
    parsed.set_name(None)
    assert "<name>" not in parsed.to_xml()
    for cls, root in [(LibvirtGConfig.Network, "network"), (LibvirtGConfig.StoragePool, "pool"),
                      (LibvirtGConfig.StorageVol, "volume"), (LibvirtGConfig.Secret, "secret"),
                      (LibvirtGConfig.DomainSnapshot, "domainsnapshot"),
                      (LibvirtGConfig.NodeDevice, "device"), (LibvirtGConfig.Interface, "interface"),
                      (LibvirtGConfig.NetworkFilter, "filter"),
                      (LibvirtGConfig.Capabilities, "capabilities"),
                      (LibvirtGConfig.DomainCapabilities, "domainCapabilities")]:
        obj = cls.new()
        assert obj.to_xml().startswith("<" + root), obj.to_xml()
        assert isinstance(cls.new_from_xml("<%s/>" % root), cls)
    # Getters that read what the setters wrote (the C library returns IDE and FALSE).
    disk = LibvirtGConfig.DomainDisk.new()
    disk.set_target_bus(LibvirtGConfig.DomainDiskBus.VIRTIO)
    assert disk.get_target_bus() == LibvirtGConfig.DomainDiskBus.VIRTIO
    pci = LibvirtGConfig.DomainAddressPci.new()
    assert not pci.get_multifunction()
    pci.set_multifunction(True)
    assert pci.get_multifunction()
    pci.set_function(5)
    assert pci.get_function() == 5
    # Lists and string arrays through GI (element types and transfer annotations).
    parsed.set_features(["acpi", "apic"])
    assert parsed.get_features() == ["acpi", "apic"]
    os_ = LibvirtGConfig.DomainOs.new()
    os_.set_boot_devices([LibvirtGConfig.DomainOsBootDevice.HD, LibvirtGConfig.DomainOsBootDevice.CDROM])
    assert os_.get_boot_devices() == [LibvirtGConfig.DomainOsBootDevice.HD,
                                      LibvirtGConfig.DomainOsBootDevice.CDROM]
    caps = LibvirtGConfig.Capabilities.new_from_xml(
        "<capabilities><host><uuid>u1</uuid></host><guest><os_type>hvm</os_type>"
        "<arch name='x86_64'><domain type='kvm'/></arch></guest></capabilities>")
    assert caps.get_host().get_uuid() == "u1"
    guests = caps.get_guests()
    assert [g.get_arch().get_name() for g in guests] == ["x86_64"]
    assert guests[0].get_arch().get_domains()[0].get_virt_type() == LibvirtGConfig.DomainVirtType.KVM


@test
def network_pool_volume_objects():
    conn = connect()
    run_async(conn, "fetch_networks")
    run_async(conn, "fetch_storage_pools")
    net = conn.find_network_by_name("default")
    assert isinstance(net.get_config(0), LibvirtGConfig.Network)
    try:
        assert net.get_dhcp_leases(None, 0) == []
    except GLib.Error as e:
        # The test driver has no virNetworkGetDHCPLeases: VIR_ERR_NO_SUPPORT.
        assert e.domain == "gvir-error-quark" and e.code == 3, (e.domain, e.code)
    pool = conn.find_storage_pool_by_name("default-pool")
    assert pool.get_active() and pool.get_persistent()
    assert isinstance(pool.get_config(0), LibvirtGConfig.StoragePool)
    pinfo = pool.get_info()
    assert pinfo.capacity > 0 and pinfo.state == LibvirtGObject.StoragePoolState.RUNNING
    assert run_async(pool, "refresh") is True
    vol_xml = "<volume><name>gi-vol.img</name><capacity unit='M'>1</capacity></volume>"
    vol = pool.create_volume(LibvirtGConfig.StorageVol.new_from_xml(vol_xml))
    assert vol.get_name() == "gi-vol.img" and vol.get_path()
    assert vol.props.pool == pool and vol.props.handle is not None
    assert isinstance(vol.get_config(0), LibvirtGConfig.StorageVol)
    assert vol.get_info().capacity == 1 << 20
    assert pool.get_volume("gi-vol.img").get_name() == "gi-vol.img"
    assert "gi-vol.img" in [v.get_name() for v in pool.get_volumes()]
    try:
        vol.resize(2 << 20, 0)
    except GLib.Error as e:
        assert e.domain == "gvir-error-quark" and e.code == 3, (e.domain, e.code)
    assert vol.delete(0)
    assert pool.get_autostart() in (True, False)


@test
def device_config_and_lease_handle_properties():
    """GVirDomainDevice:config and GVirNetworkDHCPLease:handle, as the C library has them."""
    from gi.repository import GObject
    flags = GObject.ParamFlags
    conn = connect()
    dom = conn.find_domain_by_name("test")
    pspec = LibvirtGObject.DomainDevice.find_property("config")
    assert pspec.value_type == LibvirtGConfig.DomainDevice.__gtype__, pspec.value_type
    assert pspec.flags & flags.CONSTRUCT_ONLY and pspec.flags & flags.READABLE
    devs = dom.get_devices()
    kinds = set()
    for d in devs:
        cfg = d.props.config
        assert isinstance(cfg, LibvirtGConfig.DomainDevice), cfg
        assert cfg.to_xml() == d.get_config().to_xml()
        if isinstance(d, LibvirtGObject.DomainDisk):
            assert isinstance(cfg, LibvirtGConfig.DomainDisk)
            assert cfg.get_target_dev() == "vda", cfg.get_target_dev()
            kinds.add("disk")
        else:
            assert isinstance(cfg, LibvirtGConfig.DomainInterfaceNetwork), type(cfg)
            assert cfg.get_mac() == "aa:bb:cc:dd:ee:ff"
            kinds.add("interface")
    assert kinds == {"disk", "interface"}, kinds
    # Construct-only: a device built from Python takes the config given.
    disk_cfg = LibvirtGConfig.DomainDisk.new()
    disk_cfg.set_target_dev("vdz")
    dev = GObject.new(LibvirtGObject.DomainDisk, domain=dom, config=disk_cfg)
    assert dev.get_config().get_target_dev() == "vdz"
    assert dev.props.target is None and dev.props.config == disk_cfg

    pspec = LibvirtGObject.NetworkDHCPLease.find_property("handle")
    assert pspec.value_type == GObject.TYPE_POINTER, pspec.value_type
    assert pspec.flags & flags.CONSTRUCT_ONLY and pspec.flags & flags.READABLE
    lease = GObject.new(LibvirtGObject.NetworkDHCPLease)
    assert lease.props.handle == 0  # a NULL gpointer, as PyGObject shows it
    assert lease.get_mac() is None and lease.get_prefix() == 0


@test
def gconfig_domain_properties():
    """GVirConfigDomain's properties are its accessors: one changes what the other reads."""
    cfg = LibvirtGConfig.Domain.new()
    seen = []
    cfg.connect("notify", lambda o, p: seen.append(p.name))
    cfg.props.name = "gi-props"
    cfg.props.memory = 262144
    cfg.props.features = ["acpi", "apic"]
    assert cfg.get_name() == "gi-props" and cfg.get_memory() == 262144
    assert cfg.get_features() == ["acpi", "apic"]
    cfg.set_vcpus(2)
    cfg.set_title("Title")
    assert cfg.props.vcpu == 2 and cfg.props.title == "Title"
    assert seen == ["name", "memory", "features", "vcpu", "title"], seen
    assert "<name>gi-props</name>" in cfg.to_xml()
    assert cfg.props.schema.endswith("/domain.rng"), cfg.props.schema
    parsed = LibvirtGConfig.Domain.new_from_xml(
        "<domain><name>p</name><memory unit='GiB'>2</memory></domain>")
    assert parsed.props.memory == 2 * 1024 * 1024 and parsed.get_memory() == 2 * 1024 * 1024


@test
def cpu_model_new_from_xml():
    """The two cpu_model _new_from_xml the C library declares (its 4.0 .so lacks them)."""
    for cls in (LibvirtGConfig.CapabilitiesCpuModel, LibvirtGConfig.DomainCpuModel):
        m = cls.new_from_xml("<model fallback='allow'>core2duo</model>")
        assert isinstance(m, cls) and m.get_name() == "core2duo", m
        assert m.to_xml() == '<model fallback="allow">core2duo</model>', m.to_xml()
        try:
            cls.new_from_xml("<cpu/>")
            raise AssertionError("a <cpu> parsed as a <model>")
        except GLib.Error as e:
            assert e.domain == "gvir-config-object", e.domain


@test
def gconfig_5_0_additions():
    """The 5.0.0 additions through GI: audio backends, D-Bus graphics, firmware feature
    flags, USB disks removable by default."""
    backend = LibvirtGConfig.DomainAudioBackend
    assert [backend.NONE, backend.PULSEAUDIO, backend.FILE] == [0, 5, 8]
    assert [backend(i).value_nick for i in range(9)] == [
        "none", "alsa", "coreaudio", "jack", "oss", "pulseaudio", "sdl", "spice", "file"]
    audio = LibvirtGConfig.DomainAudio.new()
    assert isinstance(audio, LibvirtGConfig.DomainDevice)
    audio.set_backend(backend.PULSEAUDIO)
    audio.set_server_name("/run/pulse/native")
    assert audio.to_xml() == '<audio type="pulseaudio" serverName="/run/pulse/native"/>', audio.to_xml()
    audio.set_backend(backend.SDL)
    assert audio.to_xml() == '<audio serverName="/run/pulse/native" type="sdl"/>', audio.to_xml()
    parsed = LibvirtGConfig.DomainAudio.new_from_xml("<audio id='2' type='alsa'/>")
    parsed.set_backend(backend.JACK)
    assert parsed.to_xml() == '<audio id="2" type="jack"/>', parsed.to_xml()
    try:
        LibvirtGConfig.DomainAudio.new_from_xml("<audio")
        raise AssertionError("no GLib.Error for a broken document")
    except GLib.Error as e:
        assert e.domain == "gvir-config-object", e.domain

    dbus = LibvirtGConfig.DomainGraphicsDBus.new()
    assert isinstance(dbus, LibvirtGConfig.DomainGraphics)
    assert dbus.get_address() is None
    dbus.set_address("unix:path=/tmp/vireo.sock")
    dbus.set_gl(True)
    assert dbus.get_address() == "unix:path=/tmp/vireo.sock"
    assert dbus.to_xml() == ('<graphics type="dbus" address="unix:path=/tmp/vireo.sock">\n'
                             '  <gl enable="yes"/>\n</graphics>'), dbus.to_xml()
    dbus.set_gl(False)
    assert '<gl enable="no"/>' in dbus.to_xml() and dbus.to_xml().count("<gl") == 1
    # Another type of <graphics>: NULL without an error, which PyGObject reports so.
    try:
        LibvirtGConfig.DomainGraphicsDBus.new_from_xml("<graphics type='vnc'/>")
        raise AssertionError("a vnc <graphics> parsed as D-Bus graphics")
    except TypeError as e:
        assert "returned NULL" in str(e), e
    dom = LibvirtGConfig.Domain.new_from_xml(
        "<domain type='kvm'><name>gi5</name><devices><graphics type='dbus' address='unix:path=/a'/>"
        "<graphics type='spice'/></devices></domain>")
    devs = dom.get_devices()
    assert [type(d).__name__ for d in devs] == ["DomainGraphicsDBus", "DomainGraphicsSpice"], devs
    assert devs[0].get_address() == "unix:path=/a"

    os_ = LibvirtGConfig.DomainOs.new()
    os_.set_firmware(LibvirtGConfig.DomainOsFirmware.EFI)
    os_.enable_firmware_feature("secure-boot", True)
    os_.enable_firmware_feature("enrolled-keys", False)
    xml = os_.to_xml()
    assert xml == ('<os firmware="efi">\n  <firmware>\n    <feature enabled="yes" name="secure-boot"/>\n'
                   '  </firmware>\n  <firmware>\n    <feature enabled="no" name="enrolled-keys"/>\n'
                   '  </firmware>\n</os>'), xml

    disk = LibvirtGConfig.DomainDisk.new()
    disk.set_target_bus(LibvirtGConfig.DomainDiskBus.USB)
    assert disk.get_target_bus() == LibvirtGConfig.DomainDiskBus.USB
    assert '<target bus="usb" removable="on"/>' in disk.to_xml(), disk.to_xml()
    disk.set_target_bus(LibvirtGConfig.DomainDiskBus.SCSI)
    assert '<target removable="on" bus="scsi"/>' in disk.to_xml(), disk.to_xml()


@test
def gconfig_5_0_additions_in_libvirt():
    """A domain built with the 5.0.0 additions is one libvirt's parser takes whole: the
    test driver's own XML of it keeps them, and get_devices types them."""
    conn = connect()
    cfg = LibvirtGConfig.Domain.new_from_xml(
        "<domain type='test'><name>gi-v5</name><memory unit='KiB'>65536</memory>"
        "<os><type arch='x86_64'>hvm</type></os><devices/></domain>")
    audio = LibvirtGConfig.DomainAudio.new_from_xml("<audio id='1'/>")
    audio.set_backend(LibvirtGConfig.DomainAudioBackend.PULSEAUDIO)
    audio.set_server_name("/run/pulse/native")
    cfg.add_device(audio)
    dbus = LibvirtGConfig.DomainGraphicsDBus.new()
    dbus.set_address("unix:path=/tmp/gi-v5.sock")
    dbus.set_gl(False)
    cfg.add_device(dbus)
    os_ = cfg.get_os()
    os_.set_firmware(LibvirtGConfig.DomainOsFirmware.EFI)
    os_.enable_firmware_feature("secure-boot", False)
    disk = LibvirtGConfig.DomainDisk.new()
    disk.set_type(LibvirtGConfig.DomainDiskType.FILE)
    disk.set_source("/tmp/gi-v5.img")
    disk.set_target_dev("sda")
    disk.set_target_bus(LibvirtGConfig.DomainDiskBus.USB)
    cfg.add_device(disk)
    dom = conn.create_domain(cfg)
    try:
        back = dom.get_config(0)
        xml = back.to_xml()
        for part in ['<target dev="sda" bus="usb" removable="on"/>',
                     '<graphics type="dbus" address="unix:path=/tmp/gi-v5.sock">\n      <gl enable="no"/>',
                     '<audio id="1" type="pulseaudio" serverName="/run/pulse/native"/>',
                     '<os firmware="efi">', '<feature enabled="no" name="secure-boot"/>']:
            assert part in xml, (part, xml)
        graphics = [d for d in back.get_devices() if isinstance(d, LibvirtGConfig.DomainGraphicsDBus)]
        assert [g.get_address() for g in graphics] == ["unix:path=/tmp/gi-v5.sock"], back.get_devices()
    finally:
        dom.delete(0)


def main():
    passed = failed = 0
    for t in TESTS:
        try:
            t()
            passed += 1
            print("ok   " + t.__name__, flush=True)
        except Exception:  # noqa: BLE001 - report every failure, keep going
            failed += 1
            print("FAIL " + t.__name__, flush=True)
            traceback.print_exc()
    print("%d passed, %d failed" % (passed, failed), flush=True)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
