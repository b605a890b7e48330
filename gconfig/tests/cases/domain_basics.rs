//! Domain basics: memory, vCPUs, names, os, features, clock, first devices.

use libvirt_gconfig::value::{OnOff, Size, SizeUnit, YesNo};
use libvirt_gconfig::{
    BootDevice, ClockOffset, DiskBus, DiskDevice, DiskType, Domain, Firmware, InterfaceType,
    TimerName, VcpuPlacement,
};

use super::{check_domain, Case};

/// The cases of this file.
pub const CASES: &[Case] = &[
    Case::new("set_memory_with_units", set_memory_with_units),
    Case::new("add_disks_to_devices", add_disks_to_devices),
    Case::new("remove_an_interface", remove_an_interface),
    Case::new(
        "set_a_name_that_needs_escaping",
        set_a_name_that_needs_escaping,
    ),
    Case::new(
        "add_first_child_to_empty_devices",
        add_first_child_to_empty_devices,
    ),
    Case::new("edit_os_features_and_clock", edit_os_features_and_clock),
    Case::new("build_a_domain_from_scratch", build_a_domain_from_scratch),
];

fn set_memory_with_units() {
    check_domain("set-memory", |dom| {
        assert_eq!(dom.memory().unwrap().unwrap().bytes(), Some(219136 * 1024));
        dom.set_memory(Some(Size::new(2, SizeUnit::GiB)));
        dom.set_current_memory(Some(Size::new(1536, SizeUnit::MiB)));
        dom.set_max_memory(Some(Size::new(8, SizeUnit::GiB)));
        dom.set_max_memory_slots(Some(16));
        dom.set_vcpu(Some(4));
        dom.set_vcpu_current(Some(2));
        assert_eq!(dom.vcpu_placement().unwrap(), Some(VcpuPlacement::Static));
        assert_eq!(dom.memory().unwrap().unwrap().bytes(), Some(2 << 30));
        assert_eq!(
            dom.current_memory().unwrap().unwrap().to_kib(),
            Some(1536 * 1024)
        );
    });
}

fn add_disks_to_devices() {
    check_domain("add-disk", |dom| {
        let devices = dom.devices().unwrap();
        let disk = devices.add_disk();
        disk.set_disk_type(Some(DiskType::File));
        disk.set_device(Some(DiskDevice::Disk));
        let driver = disk.driver_or_create();
        driver.set_name(Some("qemu".into()));
        driver.set_format(Some("qcow2".into()));
        disk.source_or_create()
            .set_file(Some("/var/lib/libvirt/images/new.qcow2".into()));
        disk.set_target_dev(Some("vda".into()));
        disk.set_target_bus(Some(DiskBus::Virtio));
        disk.set_readonly(true);

        let cd = devices.add_disk();
        cd.set_disk_type(Some(DiskType::Network));
        cd.set_device(Some(DiskDevice::Cdrom));
        let src = cd.source_or_create();
        src.set_protocol(Some(libvirt_gconfig::DiskProtocol::Nbd));
        src.set_name(Some("export".into()));
        let host = src.add_host();
        host.set_name(Some("example.org".into()));
        host.set_port(Some(10809));
        cd.set_target_dev(Some("sda".into()));
        cd.set_target_bus(Some(DiskBus::Sata));

        let kinds: Vec<String> = devices.all().iter().map(|d| d.kind()).collect();
        assert_eq!(kinds, ["disk", "disk", "disk", "controller", "memballoon"]);
        assert_eq!(devices.disks().len(), 3);
        assert!(devices.disks()[1].readonly());
        assert_eq!(
            devices.disks()[0]
                .source()
                .unwrap()
                .dev()
                .unwrap()
                .as_deref(),
            Some("/dev/HostVG/QEMUGuest1")
        );
    });
}

fn remove_an_interface() {
    check_domain("remove-interface", |dom| {
        let devices = dom.devices().unwrap();
        let ifaces = devices.interfaces();
        assert_eq!(ifaces.len(), 2);
        assert_eq!(ifaces[1].iface_type().unwrap(), Some(InterfaceType::Bridge));
        assert_eq!(
            ifaces[1].source().unwrap().bridge().unwrap().as_deref(),
            Some("br0")
        );
        assert!(devices.remove_interface(&ifaces[1]));
        assert!(!devices.remove_interface(&ifaces[1]));
        assert_eq!(ifaces[0].model_type().unwrap().as_deref(), Some("virtio"));
        ifaces[0].set_model_type(None);
        assert_eq!(devices.interfaces().len(), 1);
    });
}

fn set_a_name_that_needs_escaping() {
    check_domain("escape-name", |dom| {
        dom.set_name(Some("Bob's & Alice's <VM>".into()));
        dom.set_title(Some("\"quoted\" title".into()));
        dom.set_id(None);
        assert_eq!(dom.name().unwrap().as_deref(), Some("Bob's & Alice's <VM>"));
        // Setting the same value again changes nothing.
        dom.set_name(Some("Bob's & Alice's <VM>".into()));
        // No unit means KiB for memory.
        assert_eq!(dom.memory().unwrap().unwrap().bytes(), Some(1024 * 1024));
    });
}

fn add_first_child_to_empty_devices() {
    check_domain("empty-devices", |dom| {
        let devices = dom.devices().unwrap();
        assert!(devices.all().is_empty());
        let nic = devices.add_interface();
        nic.set_iface_type(Some(InterfaceType::Network));
        nic.set_model_type(Some("virtio".into()));
        nic.source_or_create().set_network(Some("default".into()));
        nic.set_mac_address(Some("52:54:00:aa:bb:cc".into()));
    });
}

fn edit_os_features_and_clock() {
    check_domain("os-features", |dom| {
        let os = dom.os().unwrap();
        os.set_firmware(Some(Firmware::Efi));
        let loader = os.loader_or_create();
        loader.set_readonly(Some(YesNo(true)));
        loader.set_loader_type(Some("pflash".into()));
        loader.set_path(Some("/usr/share/OVMF/OVMF_CODE.fd".into()));
        let boots = os.boots();
        assert_eq!(boots[0].dev().unwrap(), Some(BootDevice::Hd));
        boots[0].set_dev(Some(BootDevice::Cdrom));
        os.add_boot().set_dev(Some(BootDevice::Hd));
        os.set_bootmenu_enable(Some(YesNo(true)));

        let features = dom.features().unwrap();
        assert!(features.acpi() && features.pae() && !features.smm());
        features.set_pae(false);
        features.set_acpi(true);
        features.apic_or_create().set_eoi(Some(OnOff(true)));
        features.set_smm_state(Some(OnOff(true)));

        let clock = dom.clock().unwrap();
        clock.set_offset(Some(ClockOffset::Localtime));
        let timers = clock.timers();
        assert_eq!(timers[1].name().unwrap(), Some(TimerName::Pit));
        assert!(clock.remove_timer(&timers[1]));
        let hpet = clock.add_timer();
        hpet.set_name(Some(TimerName::Hpet));
        hpet.set_present(Some(YesNo(false)));

        assert!(dom.remove_devices());
        assert!(dom.devices().is_none());
    });
}

fn build_a_domain_from_scratch() {
    let dom = Domain::new();
    dom.set_domain_type(Some(libvirt_gconfig::DomainType::Kvm));
    dom.set_name(Some("new".into()));
    dom.set_memory(Some(Size::new(1, SizeUnit::GiB)));
    dom.set_vcpu(Some(2));
    let os = dom.os_or_create();
    os.set_os_type(Some(libvirt_gconfig::OsType::Hvm));
    os.set_arch(Some("x86_64".into()));
    os.add_boot().set_dev(Some(BootDevice::Hd));
    let devices = dom.devices_or_create();
    devices.set_emulator(Some("/usr/bin/qemu-system-x86_64".into()));
    let disk = devices.add_disk();
    disk.set_disk_type(Some(DiskType::File));
    disk.source_or_create().set_file(Some("/img".into()));
    dom.set_uuid(Some(
        libvirt_gconfig::value::Uuid::new("c7a5fdbd-edaf-9455-926a-d65c16db1809").unwrap(),
    ));
    assert_eq!(
        dom.to_xml(),
        "<domain type='kvm'>
  <name>new</name>
  <uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid>
  <memory unit='GiB'>1</memory>
  <vcpu>2</vcpu>
  <os>
    <type arch='x86_64'>hvm</type>
    <boot dev='hd'/>
  </os>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
    <disk type='file'>
      <source file='/img'/>
    </disk>
  </devices>
</domain>"
    );
}
