#!/usr/bin/python3
"""The LibvirtGConfig 5.0.0 additions on a real libvirtd (URI in argv[1]): a domain built
through our typelibs (audio backend, D-Bus graphics, a firmware feature, a USB disk) is
defined, and the daemon's own XML of it keeps every one of them. Run by
capi/tests/real_gconfig_v5.rs with our typelibs first and G_DEBUG=fatal-criticals."""
import os
import sys

import gi

gi.require_version("LibvirtGConfig", "1.0")
gi.require_version("LibvirtGObject", "1.0")
from gi.repository import LibvirtGConfig, LibvirtGObject  # noqa: E402

LibvirtGObject.init_object_check(None)
conn = LibvirtGObject.Connection.new(sys.argv[1])
conn.open(None)
name = "capi-gconfig-v5-%d" % os.getpid()
cfg = LibvirtGConfig.Domain.new_from_xml(
    "<domain type='qemu'><name>%s</name><memory unit='KiB'>65536</memory>"
    "<os><type arch='x86_64' machine='q35'>hvm</type></os><features><acpi/></features>"
    "<devices/></domain>" % name)
audio = LibvirtGConfig.DomainAudio.new_from_xml("<audio id='1'/>")
audio.set_backend(LibvirtGConfig.DomainAudioBackend.PULSEAUDIO)
audio.set_server_name("/run/pulse/native")
cfg.add_device(audio)
dbus = LibvirtGConfig.DomainGraphicsDBus.new()
dbus.set_address("unix:path=/tmp/%s.sock" % name)
dbus.set_gl(False)
cfg.add_device(dbus)
os_ = cfg.get_os()
os_.set_firmware(LibvirtGConfig.DomainOsFirmware.EFI)
os_.enable_firmware_feature("secure-boot", False)
disk = LibvirtGConfig.DomainDisk.new()
disk.set_type(LibvirtGConfig.DomainDiskType.FILE)
disk.set_source("/tmp/%s.img" % name)
disk.set_target_dev("sda")
disk.set_target_bus(LibvirtGConfig.DomainDiskBus.USB)
cfg.add_device(disk)

dom = conn.create_domain(cfg)
try:
    back = dom.get_config(0)
    xml = back.to_xml()
    for part in ['<target dev="sda" bus="usb" removable="on"/>',
                 '<graphics type="dbus" address="unix:path=/tmp/%s.sock">' % name,
                 '<gl enable="no"/>',
                 '<audio id="1" type="pulseaudio" serverName="/run/pulse/native"/>',
                 '<os firmware="efi">', '<feature enabled="no" name="secure-boot"/>']:
        assert part in xml, (part, xml)
    graphics = [d for d in back.get_devices() if isinstance(d, LibvirtGConfig.DomainGraphicsDBus)]
    assert [g.get_address() for g in graphics] == ["unix:path=/tmp/%s.sock" % name], xml
finally:
    dom.delete(0)
print("defined and read back: the 5.0.0 additions kept")
