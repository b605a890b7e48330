//! The `<device>` document (node devices).

use libvirt_gconfig::value::XmlValue;
use libvirt_gconfig::{
    HexU32, NodeDevCapType, NodeDevCapability, NodeDevDevnodeType, NodeDevLinkValidity,
    NodeDevSubCapType, NodeDevice,
};

use super::doc_util::{check_built, get, uuid};
use super::{check_with, Case};

/// The cases of this file.
pub const CASES: &[Case] = &[
    Case::new("nodedev_pci_vpd", nodedev_pci_vpd),
    Case::new("nodedev_pci_sriov", nodedev_pci_sriov),
    Case::new("nodedev_storage_fixed", nodedev_storage_fixed),
    Case::new("nodedev_storage_removable", nodedev_storage_removable),
    Case::new("nodedev_scsi_host_fc", nodedev_scsi_host_fc),
    Case::new("nodedev_scsi_target", nodedev_scsi_target),
    Case::new("nodedev_scsi", nodedev_scsi),
    Case::new("nodedev_system", nodedev_system),
    Case::new("nodedev_net", nodedev_net),
    Case::new("nodedev_usb_device", nodedev_usb_device),
    Case::new("nodedev_usb_interface", nodedev_usb_interface),
    Case::new("nodedev_mdev", nodedev_mdev),
    Case::new("nodedev_css", nodedev_css),
    Case::new("nodedev_ap_queue", nodedev_ap_queue),
    Case::new("nodedev_drm", nodedev_drm),
    Case::new("nodedev_build_vdpa", nodedev_build_vdpa),
    Case::new("nodedev_build_scsi_generic", nodedev_build_scsi_generic),
];

fn check_nodedev(case: &str, edit: impl FnOnce(&NodeDevice)) {
    check_with(case, NodeDevice::from_xml, NodeDevice::to_xml, edit);
}

/// The only capability of `d`.
fn cap(d: &NodeDevice) -> NodeDevCapability {
    let caps = d.capabilities();
    assert_eq!(caps.len(), 1);
    caps[0].clone()
}

fn nodedev_pci_vpd() {
    check_nodedev("nodedev-pci", |d| {
        assert_eq!(get(d.name()), "pci_0000_42_00_0");
        d.set_name(Some("pci_0000_42_00_1".into()));
        assert_eq!(
            get(d.path()),
            "/sys/devices/pci0000:40/0000:40:01.1/0000:42:00.0"
        );
        d.set_path(Some(
            "/sys/devices/pci0000:40/0000:40:01.1/0000:42:00.1".into(),
        ));
        assert_eq!(get(d.parent()), "pci_0000_40_01_1");
        d.set_parent(Some("computer".into()));
        let drv = d.driver().unwrap();
        assert_eq!(get(drv.name()), "mlx5_core");
        drv.set_name(Some("vfio-pci".into()));

        let c = cap(d);
        assert_eq!(get(c.cap_type()), NodeDevCapType::Pci);
        assert_eq!(get(c.pci_class()), HexU32(0x020000));
        c.set_pci_class(Some(HexU32(0x020001)));
        assert_eq!(get(c.domain()), 0);
        c.set_domain(Some(1));
        assert_eq!(get(c.bus()), "66");
        c.set_bus(Some("67".into()));
        assert_eq!(get(c.slot()), 0);
        c.set_slot(Some(2));
        assert_eq!(get(c.function()), 0);
        c.set_function(Some(1));
        assert!(get(c.product()).starts_with("MT42822 BlueField-2"));
        c.set_product(Some("BlueField-2".into()));
        assert_eq!(get(c.product_id()), HexU32(0xa2d6));
        c.set_product_id(Some(HexU32(0xa2d7)));
        assert_eq!(get(c.vendor()), "Mellanox Technologies");
        c.set_vendor(Some("NVIDIA".into()));
        assert_eq!(get(c.vendor_id()), HexU32(0x15b3));
        c.set_vendor_id(Some(HexU32(0x10de)));

        let subs = c.capabilities();
        assert_eq!(subs.len(), 2);
        assert_eq!(get(subs[0].cap_type()), NodeDevSubCapType::VirtFunctions);
        assert_eq!(get(subs[0].max_count()), 16);
        subs[0].set_max_count(Some(8));
        let vpd = &subs[1];
        assert_eq!(get(vpd.cap_type()), NodeDevSubCapType::Vpd);
        assert!(get(vpd.name()).starts_with("BlueField-2 DPU 25GbE"));
        vpd.set_name(Some("BlueField-2 DPU".into()));
        let fields = vpd.fields();
        assert_eq!(fields.len(), 2);
        let ro = &fields[0];
        assert_eq!(get(ro.access()), "readonly");
        assert_eq!(get(ro.change_level()), "B1");
        ro.set_change_level(Some("B2".into()));
        assert_eq!(get(ro.manufacture_id()), "foobar");
        ro.set_manufacture_id(None);
        assert_eq!(get(ro.part_number()), "MBF2H332A-AEEOT");
        ro.set_part_number(Some("MBF2H332A-AEEOX".into()));
        assert_eq!(get(ro.serial_number()), "MT2113X00000><");
        ro.set_serial_number(Some("MT2113X00001".into()));
        let vf = ro.vendor_fields();
        assert_eq!(vf.len(), 4);
        assert_eq!(get(vf[3].index()), "A");
        assert_eq!(
            get(vf[3].value()),
            "MLX:MN=MLNX:CSKU=V2:UUID=V3:PCI=V0:MODL=BF2H332A"
        );
        vf[0].set_index(Some("1".into()));
        vf[0].set_value(Some("PCIeGen4 x16".into()));
        assert!(ro.remove_vendor_field(&vf[2]));
        let rw = &fields[1];
        rw.set_access(Some("readwrite".into()));
        assert_eq!(get(rw.asset_tag()), "fooasset");
        rw.set_asset_tag(Some("asset-1".into()));
        let sf = rw.system_fields();
        assert_eq!(get(sf[0].index()), "B");
        assert_eq!(get(sf[0].value()), "systemfieldB");
        assert!(rw.remove_system_field(&sf[1]));
        let f = rw.add_system_field();
        f.set_index(Some("C".into()));
        f.set_value(Some("systemfieldC".into()));
        let vf = rw.add_vendor_field();
        vf.set_index(Some("3".into()));
        vf.set_value(Some("vendorfield3".into()));

        let g = c.iommu_group().unwrap();
        assert_eq!(get(g.number()), 65);
        g.set_number(Some(66));
        let a = &g.addresses()[0];
        assert_eq!(
            (
                get(a.domain()),
                get(a.bus()),
                get(a.slot()),
                get(a.function())
            ),
            (0, 0x42, 0, 0)
        );
        a.set_function(Some(1));
        assert_eq!(get(c.numa_node()), 0);
        c.set_numa_node(Some(1));
        let links = c.pci_express().unwrap().links();
        assert_eq!(get(links[0].validity()), NodeDevLinkValidity::Cap);
        assert_eq!(get(links[0].port()), 0);
        assert_eq!(get(links[0].speed()), "16");
        assert_eq!(get(links[0].width()), 8);
        assert_eq!(links[1].port().unwrap(), None);
        links[1].set_speed(Some("2.5".into()));
        links[1].set_width(Some(4));
        links[0].set_port(Some(1));
        links[1].set_validity(Some(NodeDevLinkValidity::Sta));
    });
}

fn nodedev_pci_sriov() {
    check_nodedev("nodedev-sriov", |d| {
        let c = cap(d);
        let subs = c.capabilities();
        assert_eq!(get(subs[0].cap_type()), NodeDevSubCapType::PhysFunction);
        let pf = &subs[0].addresses()[0];
        assert_eq!(get(pf.function()), 1);
        pf.set_bus(Some(3));
        let vfs = &subs[1];
        assert_eq!(vfs.addresses().len(), 4);
        let a = vfs.add_address();
        a.set_domain(Some(0));
        a.set_bus(Some(2));
        a.set_slot(Some(0));
        a.set_function(Some(6));
        assert!(vfs.remove_address(&vfs.addresses()[0]));
        let pe = c.pci_express().unwrap();
        assert!(pe.remove_link(&pe.links()[1]));
        assert_eq!(c.pci_express_or_create(), pe);
        let vpd = c.add_capability();
        vpd.set_cap_type(Some(NodeDevSubCapType::Vpd));
        vpd.set_name(Some("82576 VF".into()));
        let f = vpd.add_fields();
        f.set_access(Some("readonly".into()));
        f.set_serial_number(Some("SN0001".into()));
        c.iommu_group_or_create().add_address().set_slot(Some(0x11));
        subs[0].set_cap_type(Some(NodeDevSubCapType::PciBridge));
        assert!(c.remove_capability(&subs[0]));
        c.add_capability()
            .set_cap_type(Some(NodeDevSubCapType::Other("pcie-bridge".into())));
    });
}

fn nodedev_storage_fixed() {
    check_nodedev("nodedev-storage", |d| {
        let c = cap(d);
        assert_eq!(get(c.cap_type()), NodeDevCapType::Storage);
        assert_eq!(get(c.block()), "/dev/sda");
        c.set_block(Some("/dev/sdb".into()));
        assert_eq!(get(c.bus()), "scsi");
        assert_eq!(get(c.drive_type()), "disk");
        c.set_drive_type(Some("ssd".into()));
        assert_eq!(get(c.model()), "HTS721010G9SA00");
        c.set_model(Some("HTS721010G9SA01".into()));
        assert_eq!(c.serial().unwrap(), None);
        c.set_serial(Some("MPCZ12Y0GNGWSE".into()));
        assert_eq!(get(c.size()), 100030242816);
        c.set_size(Some(200060485632));
        assert_eq!(get(c.logical_block_size()), 512);
        c.set_logical_block_size(Some(4096));
        assert_eq!(get(c.num_blocks()), 195371568);
        c.set_num_blocks(Some(48842892));
        c.add_capability()
            .set_cap_type(Some(NodeDevSubCapType::Hotpluggable));
    });
}

fn nodedev_storage_removable() {
    check_nodedev("nodedev-dvd", |d| {
        let c = cap(d);
        let r = &c.capabilities()[0];
        assert_eq!(get(r.cap_type()), NodeDevSubCapType::Removable);
        assert_eq!(get(r.media_available()), 1);
        r.set_media_available(Some(0));
        assert_eq!(get(r.media_size()), 12345678);
        r.set_media_size(Some(0));
        assert_eq!(get(r.media_label()), "Windows_XP_Label");
        r.set_media_label(None);
        assert_eq!(get(r.logical_block_size()), 2048);
        r.set_logical_block_size(Some(512));
        assert_eq!(get(r.num_blocks()), 6028);
        r.set_num_blocks(None);
        let n = d.add_devnode();
        n.set_devnode_type(Some(NodeDevDevnodeType::Dev));
        n.set_path(Some("/dev/sr0".into()));
    });
}

fn nodedev_scsi_host_fc() {
    check_nodedev("nodedev-scsihost", |d| {
        assert_eq!(get(d.parent()), "pci_0000_06_00_1");
        d.set_parent(None);
        d.set_parent_wwnn(Some("2000f4e9d4eb02c9".into()));
        d.set_parent_wwpn(Some("2001f4e9d4eb02c9".into()));
        assert_eq!(
            d.parent_wwnn().unwrap().as_deref(),
            Some("2000f4e9d4eb02c9")
        );
        assert_eq!(
            d.parent_wwpn().unwrap().as_deref(),
            Some("2001f4e9d4eb02c9")
        );
        assert_eq!(d.parent_fabric_wwn().unwrap(), None);
        d.set_parent_fabric_wwn(Some("2001547feebe79c1".into()));
        let c = cap(d);
        assert_eq!(get(c.cap_type()), NodeDevCapType::ScsiHost);
        assert_eq!(get(c.host()), 12);
        c.set_host(Some(13));
        assert_eq!(get(c.unique_id()), 12);
        c.set_unique_id(Some(14));
        let subs = c.capabilities();
        let fc = &subs[0];
        assert_eq!(get(fc.cap_type()), NodeDevSubCapType::FcHost);
        assert_eq!(get(fc.wwnn()), "2000f4e9d4eb02c9");
        fc.set_wwnn(Some("2000f4e9d4eb02ca".into()));
        assert_eq!(get(fc.wwpn()), "2001f4e9d4eb02c9");
        fc.set_wwpn(Some("2001f4e9d4eb02ca".into()));
        assert_eq!(get(fc.fabric_wwn()), "2001547feebe79c1");
        fc.set_fabric_wwn(None);
        let ops = &subs[1];
        assert_eq!(get(ops.cap_type()), NodeDevSubCapType::VportOps);
        assert_eq!(get(ops.max_vports()), 254);
        ops.set_max_vports(Some(127));
        assert_eq!(get(ops.vports()), 0);
        ops.set_vports(Some(2));
    });
}

fn nodedev_scsi_target() {
    check_nodedev("nodedev-scsitarget", |d| {
        let c = cap(d);
        assert_eq!(get(c.target()), "target1:0:0");
        c.set_target(Some("target1:0:1".into()));
        let rp = &c.capabilities()[0];
        assert_eq!(get(rp.cap_type()), NodeDevSubCapType::FcRemotePort);
        assert_eq!(get(rp.rport()), "rport-1:0-0");
        rp.set_rport(Some("rport-1:0-1".into()));
    });
}

fn nodedev_scsi() {
    check_nodedev("nodedev-scsi", |d| {
        let c = cap(d);
        assert_eq!(get(c.cap_type()), NodeDevCapType::Scsi);
        assert_eq!(get(c.host()), 0);
        assert_eq!(get(c.bus()), "0");
        assert_eq!(get(c.target()), "0");
        assert_eq!(get(c.lun()), 0);
        c.set_lun(Some(3));
        assert_eq!(get(c.type_name()), "disk");
        c.set_type_name(Some("cdrom".into()));
    });
}

fn nodedev_system() {
    check_nodedev("nodedev-system", |d| {
        let c = cap(d);
        assert_eq!(get(c.cap_type()), NodeDevCapType::System);
        assert_eq!(c.product().unwrap(), None);
        c.set_product(Some("ThinkPad T60p".into()));
        let hw = c.hardware().unwrap();
        assert_eq!(get(hw.vendor()), "LENOVO");
        hw.set_vendor(Some("IBM".into()));
        assert_eq!(get(hw.version()), "ThinkPad T60p");
        hw.set_version(None);
        assert_eq!(get(hw.serial()), "123123");
        hw.set_serial(Some("456456".into()));
        assert_eq!(get(hw.uuid()), uuid("12345678-1234-1234-9596-a088b277d677"));
        hw.set_uuid(Some(uuid("11111111-2222-3333-4444-555555555555")));
        let fw = c.firmware().unwrap();
        assert_eq!(get(fw.vendor()), "LENOVO");
        fw.set_vendor(Some("Phoenix".into()));
        assert_eq!(get(fw.version()), "79ETE1WW (2.21 )");
        fw.set_version(Some("79ETE2WW".into()));
        assert_eq!(get(fw.release_date()), "02/05/2008");
        fw.set_release_date(Some("03/06/2009".into()));
        assert!(c.remove_firmware());
        c.firmware_or_create().set_vendor(Some("SeaBIOS".into()));
        assert_eq!(c.hardware_or_create(), hw);
    });
}

fn nodedev_net() {
    check_nodedev("nodedev-net", |d| {
        let c = cap(d);
        assert_eq!(get(c.cap_type()), NodeDevCapType::Net);
        assert_eq!(get(c.interface()), "eth0");
        c.set_interface(Some("eth1".into()));
        assert_eq!(get(c.address()), "00:13:02:b9:f9:d3");
        c.set_address(Some("00:13:02:b9:f9:d4".into()));
        assert_eq!(c.link_speed().unwrap(), None);
        c.set_link_speed(Some(1000));
        c.set_link_state(Some("up".into()));
        assert_eq!(c.link_state().unwrap().as_deref(), Some("up"));
        let feats = c.features();
        assert_eq!(feats.len(), 12);
        assert_eq!(get(feats[0].name()), "rx");
        feats[1].set_name(Some("tx-checksum".into()));
        for f in &feats[2..] {
            assert!(c.remove_feature(f));
        }
        c.add_feature().set_name(Some("gro".into()));
        let sub = &c.capabilities()[0];
        assert_eq!(get(sub.cap_type()), NodeDevSubCapType::Wireless);
        sub.set_cap_type(Some(NodeDevSubCapType::Ethernet));
    });
}

fn nodedev_usb_device() {
    check_nodedev("nodedev-usbdev", |d| {
        let c = cap(d);
        assert_eq!(get(c.cap_type()), NodeDevCapType::UsbDevice);
        assert_eq!(get(c.bus()), "2");
        c.set_bus(Some("3".into()));
        assert_eq!(get(c.device()), 1);
        c.set_device(Some(4));
        assert_eq!(get(c.product_id()), HexU32(1));
        c.set_product_id(Some(HexU32(0x0002)));
        assert_eq!(get(c.vendor_id()), HexU32(0x1d6b));
        assert_eq!(HexU32::from_xml("1d6b").unwrap(), HexU32(0x1d6b));
        assert!(HexU32::from_xml("0xzz").is_err());
    });
}

fn nodedev_usb_interface() {
    check_nodedev("nodedev-usbif", |d| {
        let c = cap(d);
        assert_eq!(get(c.cap_type()), NodeDevCapType::Usb);
        assert_eq!(get(c.number()), 0);
        c.set_number(Some(1));
        assert_eq!(get(c.usb_class()), 9);
        c.set_usb_class(Some(3));
        assert_eq!(get(c.subclass()), 0);
        c.set_subclass(Some(1));
        assert_eq!(get(c.protocol()), 0);
        c.set_protocol(Some(2));
        assert_eq!(c.description().unwrap(), None);
        c.set_description(Some("Mouse".into()));
    });
}

fn nodedev_mdev() {
    check_nodedev("nodedev-mdev", |d| {
        let c = cap(d);
        assert_eq!(get(c.cap_type()), NodeDevCapType::Mdev);
        assert_eq!(get(c.type_id()), "vfio_ccw-io");
        c.set_type_id(Some("vfio_ap-passthrough".into()));
        assert_eq!(get(c.uuid()), uuid("c60cc60c-c60c-c60c-c60c-c60cc60cc60c"));
        c.set_uuid(Some(uuid("d069d019-36ea-4111-8f0a-8c9a70e21366")));
        assert_eq!(get(c.parent_addr()), "0.0.0052");
        c.set_parent_addr(Some("0.0.0053".into()));
        let attrs = c.attrs();
        assert_eq!(get(attrs[1].name()), "add_attr_2");
        assert_eq!(get(attrs[1].value()), "val2");
        attrs[0].set_value(Some("val0".into()));
        assert!(c.remove_attr(&attrs[1]));
        let a = c.add_attr();
        a.set_name(Some("assign_adapter".into()));
        a.set_value(Some("5".into()));
        assert_eq!(get(c.iommu_group().unwrap().number()), 4);
    });
}

fn nodedev_css() {
    check_nodedev("nodedev-css", |d| {
        let c = cap(d);
        assert_eq!(get(c.cap_type()), NodeDevCapType::Css);
        assert_eq!(get(c.cssid()), 0);
        c.set_cssid(Some(0xfe));
        assert_eq!(get(c.ssid()), 0);
        c.set_ssid(Some(1));
        assert_eq!(get(c.devno()), 0xfffe);
        c.set_devno(Some(0xfffd));
        let a = c.channel_dev_addr().unwrap();
        assert_eq!(get(a.cssid()), 0);
        a.set_cssid(Some(0xfe));
        assert_eq!(get(a.ssid()), 0);
        a.set_ssid(Some(2));
        assert_eq!(get(a.devno()), 0x0815);
        a.set_devno(Some(0x0816));
        let types = c.capabilities()[0].types();
        let t = &types[0];
        assert_eq!(get(t.id()), "vfio_ccw-io");
        t.set_id(Some("vfio_ccw-io2".into()));
        assert_eq!(get(t.name()), "I/O subchannel (Non-QDIO)");
        t.set_name(Some("I/O subchannel".into()));
        assert_eq!(get(t.device_api()), "vfio-ccw");
        t.set_device_api(Some("vfio-ap".into()));
        assert_eq!(get(t.available_instances()), 1);
        t.set_available_instances(Some(0));
        let t2 = c.capabilities()[0].add_type();
        t2.set_id(Some("vfio_ccw-io3".into()));
        c.channel_dev_addr_or_create();
    });
}

fn nodedev_ap_queue() {
    check_nodedev("nodedev-ap", |d| {
        let c = cap(d);
        assert_eq!(get(c.cap_type()), NodeDevCapType::ApQueue);
        assert_eq!(get(c.ap_adapter()), 7);
        c.set_ap_adapter(Some(8));
        assert_eq!(get(c.ap_domain()), 0x38);
        c.set_ap_domain(Some(0x39));
        c.set_cap_type(Some(NodeDevCapType::ApCard));
        c.set_ap_domain(None);
    });
}

fn nodedev_drm() {
    check_nodedev("nodedev-drm", |d| {
        let nodes = d.devnodes();
        assert_eq!(get(nodes[0].devnode_type()), NodeDevDevnodeType::Dev);
        assert_eq!(get(nodes[1].devnode_type()), NodeDevDevnodeType::Link);
        assert_eq!(get(nodes[0].path()), "/dev/dri/renderD129");
        nodes[0].set_path(Some("/dev/dri/renderD128".into()));
        assert!(d.remove_devnode(&nodes[1]));
        let c = cap(d);
        assert_eq!(get(c.type_name()), "render");
        c.set_type_name(Some("primary".into()));
    });
}

fn nodedev_build_vdpa() {
    let d = NodeDevice::new();
    d.set_name(Some("vdpa_vdpa0".into()));
    d.set_path(Some("/sys/devices/vdpa0".into()));
    d.set_parent(Some("computer".into()));
    d.driver_or_create().set_name(Some("vhost_vdpa".into()));
    let c = d.add_capability();
    c.set_cap_type(Some(NodeDevCapType::Vdpa));
    assert_eq!(c.chardev().unwrap(), None);
    c.set_chardev(Some("/dev/vhost-vdpa-0".into()));
    assert_eq!(get(c.chardev()), "/dev/vhost-vdpa-0");
    check_built("nodedev-build-vdpa", &d.to_xml(), "nodedev");
}

fn nodedev_build_scsi_generic() {
    let d = NodeDevice::new();
    d.set_name(Some("scsi_generic_sg0".into()));
    d.set_parent(Some("scsi_0_0_0_0".into()));
    let c = d.add_capability();
    c.set_cap_type(Some(NodeDevCapType::ScsiGeneric));
    c.set_char_dev(Some("/dev/sg0".into()));
    assert_eq!(get(c.char_dev()), "/dev/sg0");
    check_built("nodedev-build-sg", &d.to_xml(), "nodedev");
    assert!(d.remove_driver() || d.driver().is_none());
}
