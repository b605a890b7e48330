//! The QEMU namespace (`<qemu:commandline>`, `<qemu:capabilities>`,
//! `<qemu:override>`, `<qemu:deprecation>`) and the other hypervisor namespaces.

use libvirt_gconfig::view::QEMU_NS;

use super::doc_util::{rw, s};
use super::{check_domain, Case};

/// The cases of this file.
pub const CASES: &[Case] = &[
    Case::new("edit_qemu_namespace", edit_qemu_namespace),
    Case::new(
        "read_qemu_namespace_with_another_prefix",
        read_qemu_namespace_with_another_prefix,
    ),
    Case::new(
        "add_qemu_args_to_a_domain_without_namespace",
        add_qemu_args_to_a_domain_without_namespace,
    ),
    Case::new(
        "edit_lxc_bhyve_xen_vmware_namespaces",
        edit_lxc_bhyve_xen_vmware_namespaces,
    ),
];

fn edit_qemu_namespace() {
    check_domain("domain-qemu-ns", |dom| {
        let cl = dom.qemu_commandline().unwrap();
        assert_eq!(cl.arg_values(), ["-unknown", "parameter"]);
        rw!(cl.args()[0], value, set_value, s("-unknown"), s("-no-hpet"));
        assert!(cl.remove_arg(&cl.args()[1]));
        let envs = cl.envs();
        rw!(envs[0], name, set_name, s("NS"), s("NS2"));
        rw!(envs[0], value, set_value, s("ns"), s("ns2"));
        assert_eq!(envs[1].value().unwrap(), None);
        assert!(cl.remove_env(&envs[1]));
        cl.push_arg("-global");
        cl.push_arg("PIIX4_PM.disable_s3=1");
        let caps = dom.qemu_capabilities().unwrap();
        rw!(
            caps.adds()[0],
            capability,
            set_capability,
            s("vnc-colon"),
            s("blockdev")
        );
        assert_eq!(caps.dels()[0].capability().unwrap(), s("name"));
        caps.add_del().set_capability(s("kvm"));
        caps.add_add().set_capability(s("migrate-quit"));
        assert!(caps.remove_add(&caps.adds()[1]));
        assert!(caps.remove_del(&caps.dels()[0]));
        let ov = dom.qemu_override().unwrap();
        let dev = &ov.devices()[0];
        rw!(dev, alias, set_alias, s("ua-disk"), s("ua-disk0"));
        let fe = dev.frontend().unwrap();
        let props = fe.properties();
        assert_eq!(props.len(), 7);
        rw!(props[1], name, set_name, s("prop2"), s("prop2"));
        rw!(
            props[1],
            property_type,
            set_property_type,
            s("signed"),
            s("unsigned")
        );
        rw!(props[1], value, set_value, s("-321"), s("321"));
        for p in &props[2..] {
            assert!(fe.remove_property(p));
        }
        let p = fe.add_property();
        p.set_name(s("serial"));
        p.set_property_type(s("string"));
        p.set_value(s("S1"));
        assert_eq!(dev.frontend_or_create(), fe);
        let dev2 = ov.add_device();
        dev2.set_alias(s("ua-net"));
        assert!(ov.remove_device(&dev2));
        rw!(
            dom,
            qemu_deprecation_behavior,
            set_qemu_deprecation_behavior,
            s("crash"),
            s("reject")
        );
        assert_eq!(dom.qemu_commandline_or_create(), cl);
        assert_eq!(dom.qemu_capabilities_or_create(), caps);
        assert_eq!(dom.qemu_override_or_create(), ov);
    });
}

fn read_qemu_namespace_with_another_prefix() {
    // `qemu` is bound to another URI there; the QEMU namespace uses `ns0`.
    check_domain("domain-qemu-ns0", |dom| {
        let cl = dom.qemu_commandline().unwrap();
        assert_eq!(cl.arg_values(), ["ARGUMENT"]);
        cl.push_arg("-S");
        cl.push_env("LC_ALL", Some("C"));
        // New QEMU elements elsewhere use the prefix in scope or a free one.
        dom.qemu_capabilities_or_create()
            .add_add()
            .set_capability(s("blockdev"));
    });
}

fn add_qemu_args_to_a_domain_without_namespace() {
    check_domain("domain-qemu-add", |dom| {
        assert!(dom.qemu_commandline().is_none());
        let cl = dom.qemu_commandline_or_create();
        cl.push_arg("-newarg");
        cl.push_arg("value with 'quotes' & more");
        cl.push_env("QEMU_AUDIO_DRV", Some("none"));
        cl.push_env("EMPTY", None);
        let reread = libvirt_gconfig::Domain::from_xml(&dom.to_xml()).unwrap();
        assert_eq!(
            reread.qemu_commandline().unwrap().arg_values(),
            ["-newarg", "value with 'quotes' & more"]
        );
        let doc = dom.shared().borrow();
        let root = doc.root().unwrap();
        assert_eq!(doc.lookup_namespace_prefix(root, QEMU_NS), Some("qemu"));
    });
}

fn edit_lxc_bhyve_xen_vmware_namespaces() {
    check_domain("domain-other-ns", |dom| {
        let ns = dom.lxc_namespace().unwrap();
        rw!(ns, sharenet_type, set_sharenet_type, s("netns"), s("name"));
        rw!(
            ns,
            sharenet_value,
            set_sharenet_value,
            s("red"),
            s("container2")
        );
        rw!(ns, shareipc_type, set_shareipc_type, s("pid"), s("pid"));
        rw!(ns, shareipc_value, set_shareipc_value, s("12345"), s("999"));
        rw!(ns, shareuts_type, set_shareuts_type, s("name"), None);
        rw!(
            ns,
            shareuts_value,
            set_shareuts_value,
            s("container1"),
            None
        );
        assert_eq!(dom.lxc_namespace_or_create(), ns);
        assert!(dom.bhyve_commandline().is_none());
        let b = dom.bhyve_commandline_or_create();
        b.add_bhyve_arg().set_value(s("-somebhyvearg"));
        let extra = b.add_bhyve_arg();
        assert!(b.remove_bhyve_arg(&extra));
        assert_eq!(b.bhyve_args()[0].value().unwrap(), s("-somebhyvearg"));
        assert!(dom.xen_commandline().is_none());
        let x = dom.xen_commandline_or_create();
        x.add_xen_arg().set_value(s("-no-acpi"));
        let extra = x.add_xen_arg();
        assert!(x.remove_xen_arg(&extra));
        assert_eq!(x.xen_args().len(), 1);
        rw!(
            dom,
            vmware_datacenterpath,
            set_vmware_datacenterpath,
            None,
            s("folder1/datacenter1")
        );
        assert!(!dom.remove_xen_commandline() || dom.xen_commandline().is_none());
        dom.xen_commandline_or_create()
            .add_xen_arg()
            .set_value(s("-S"));
    });
}
