//! Domain top level: identity, metadata, memory, vCPUs, I/O threads, lifecycle,
//! power management, perf, resource partition, security labels, key wrapping
//! and launch security.

use libvirt_gconfig::value::{OnOff, Size, SizeUnit, Uuid, YesNo};
use libvirt_gconfig::{Domain, DomainType, LifecycleAction, LockFailureAction, SeclabelType};

use super::doc_util::{rw, s, yes};
use super::{check_domain, Case};

/// The cases of this file.
pub const CASES: &[Case] = &[
    Case::new("edit_domain_top_level", edit_domain_top_level),
    Case::new("metadata_by_namespace", metadata_by_namespace),
    Case::new("libosinfo_os_id", libosinfo_os_id),
    Case::new(
        "libosinfo_added_to_a_domain_without_metadata",
        libosinfo_added_to_a_domain_without_metadata,
    ),
];

fn edit_domain_top_level() {
    check_domain("domain-general", |dom| {
        rw!(
            dom,
            domain_type,
            set_domain_type,
            Some(DomainType::Kvm),
            Some(DomainType::Qemu)
        );
        rw!(dom, id, set_id, Some(3), None);
        rw!(dom, name, set_name, s("QEMUGuest1"), s("guest"));
        rw!(
            dom,
            uuid,
            set_uuid,
            Some(Uuid::new("c7a5fdbd-edaf-9455-926a-d65c16db1809").unwrap()),
            Some(Uuid::new("c7a5fdbd-edaf-9455-926a-d65c16db1810").unwrap())
        );
        rw!(
            dom,
            genid,
            set_genid,
            s("e9392370-2917-565e-692b-d057f46512d6"),
            s("")
        );
        rw!(dom, title, set_title, s("A short description"), s("Guest"));
        rw!(
            dom,
            description,
            set_description,
            s("Some human readable description"),
            None
        );
        rw!(
            dom,
            max_memory,
            set_max_memory,
            Some(Size::kib(1099511627776)),
            Some(Size::new(64, SizeUnit::GiB))
        );
        rw!(
            dom,
            max_memory_slots,
            set_max_memory_slots,
            Some(16),
            Some(8)
        );
        rw!(
            dom,
            memory,
            set_memory,
            Some(Size::kib(219136)),
            Some(Size::new(1, SizeUnit::GiB))
        );
        rw!(
            dom,
            memory_dump_core,
            set_memory_dump_core,
            Some(OnOff(true)),
            Some(OnOff(false))
        );
        rw!(
            dom,
            current_memory,
            set_current_memory,
            Some(Size::kib(219136)),
            Some(Size::new(512, SizeUnit::MiB))
        );
        rw!(dom, vcpu, set_vcpu, Some(4), Some(8));
        rw!(dom, vcpu_current, set_vcpu_current, Some(2), Some(4));
        rw!(dom, vcpu_cpuset, set_vcpu_cpuset, None, s("0-3"));
        rw!(
            dom,
            vcpu_placement,
            set_vcpu_placement,
            Some(libvirt_gconfig::VcpuPlacement::Static),
            None
        );
        let clock = dom.clock().unwrap();
        assert_eq!(dom.clock_or_create(), clock);
        let vcpus = dom.vcpus().unwrap();
        let v1 = &vcpus.vcpus()[1];
        rw!(v1, id, set_id, Some(1), Some(1));
        rw!(v1, enabled, set_enabled, yes(), Some(YesNo(false)));
        rw!(v1, hotpluggable, set_hotpluggable, yes(), yes());
        rw!(v1, order, set_order, Some(2), None);
        let v2 = vcpus.add_vcpu();
        v2.set_id(Some(2));
        v2.set_enabled(Some(YesNo(false)));
        let v3 = vcpus.add_vcpu();
        assert!(vcpus.remove_vcpu(&v3));
        assert_eq!(dom.vcpus_or_create(), vcpus);
        rw!(dom, iothreads, set_iothreads, Some(2), Some(3));
        let ids = dom.iothreadids().unwrap();
        let t1 = &ids.iothreads()[0];
        rw!(t1, id, set_id, Some(1), Some(1));
        rw!(t1, thread_pool_min, set_thread_pool_min, Some(0), Some(2));
        rw!(t1, thread_pool_max, set_thread_pool_max, Some(60), None);
        rw!(t1, poll_max, set_poll_max, Some(123000), Some(32768));
        rw!(t1, poll_grow, set_poll_grow, Some(456), None);
        rw!(t1, poll_shrink, set_poll_shrink, Some(789), Some(2));
        ids.add_iothread().set_id(Some(3));
        let t4 = ids.add_iothread();
        assert!(ids.remove_iothread(&t4));
        assert_eq!(dom.iothreadids_or_create(), ids);
        rw!(
            dom,
            defaultiothread_pool_min,
            set_defaultiothread_pool_min,
            Some(8),
            Some(4)
        );
        rw!(
            dom,
            defaultiothread_pool_max,
            set_defaultiothread_pool_max,
            Some(16),
            Some(32)
        );
        let res = dom.resource().unwrap();
        rw!(
            res,
            partition,
            set_partition,
            s("/machine"),
            s("/machine/production")
        );
        rw!(
            res,
            fibrechannel_appid,
            set_fibrechannel_appid,
            None,
            s("someapp:someinfo")
        );
        assert_eq!(dom.resource_or_create(), res);
        rw!(
            dom,
            bootloader,
            set_bootloader,
            s("/usr/bin/pygrub"),
            s("/usr/lib/xen/bin/pygrub")
        );
        rw!(dom, bootloader_args, set_bootloader_args, s("-q"), None);
        let nv = dom.os().unwrap().nvram().unwrap();
        rw!(
            nv,
            template,
            set_template,
            s("/usr/share/OVMF/OVMF_VARS.fd"),
            s("/usr/share/OVMF/OVMF_VARS_4M.fd")
        );
        rw!(
            nv,
            path,
            set_path,
            s("/var/lib/libvirt/qemu/nvram/guest_VARS.fd"),
            s("/var/lib/libvirt/qemu/nvram/other_VARS.fd")
        );
        rw!(
            dom,
            on_poweroff,
            set_on_poweroff,
            Some(LifecycleAction::Destroy),
            Some(LifecycleAction::Destroy)
        );
        rw!(
            dom,
            on_reboot,
            set_on_reboot,
            Some(LifecycleAction::Restart),
            Some(LifecycleAction::Destroy)
        );
        rw!(
            dom,
            on_crash,
            set_on_crash,
            Some(LifecycleAction::Destroy),
            Some(LifecycleAction::CoredumpRestart)
        );
        rw!(
            dom,
            on_lockfailure,
            set_on_lockfailure,
            Some(LockFailureAction::Poweroff),
            Some(LockFailureAction::Pause)
        );
        let pm = dom.pm().unwrap();
        rw!(
            pm,
            suspend_to_mem,
            set_suspend_to_mem,
            yes(),
            Some(YesNo(false))
        );
        rw!(
            pm,
            suspend_to_disk,
            set_suspend_to_disk,
            Some(YesNo(false)),
            yes()
        );
        assert_eq!(dom.pm_or_create(), pm);
        let perf = dom.perf().unwrap();
        let ev = &perf.events()[0];
        rw!(ev, name, set_name, s("cmt"), s("cmt"));
        rw!(ev, enabled, set_enabled, yes(), Some(YesNo(false)));
        let ev2 = perf.add_event();
        ev2.set_name(s("cpu_cycles"));
        ev2.set_enabled(yes());
        let ev3 = perf.add_event();
        assert!(perf.remove_event(&ev3));
        assert_eq!(dom.perf_or_create(), perf);

        let labels = dom.seclabels();
        let l = &labels[0];
        rw!(
            l,
            seclabel_type,
            set_seclabel_type,
            Some(SeclabelType::Dynamic),
            Some(SeclabelType::Static)
        );
        rw!(l, model, set_model, s("selinux"), s("selinux"));
        rw!(l, relabel, set_relabel, yes(), Some(YesNo(false)));
        rw!(
            l,
            label,
            set_label,
            s("system_u:system_r:svirt_t:s0:c192,c392"),
            s("system_u:system_r:svirt_t:s0:c1,c2")
        );
        rw!(
            l,
            imagelabel,
            set_imagelabel,
            s("system_u:object_r:svirt_image_t:s0:c192,c392"),
            None
        );
        rw!(
            l,
            baselabel,
            set_baselabel,
            None,
            s("system_u:system_r:svirt_custom_t:s0")
        );
        assert!(dom.remove_seclabel(&labels[1]));
        let apparmor = dom.add_seclabel();
        apparmor.set_seclabel_type(Some(SeclabelType::Dynamic));
        apparmor.set_model(s("apparmor"));
        let kw = dom.keywrap().unwrap();
        let c = &kw.ciphers()[0];
        rw!(c, name, set_name, s("aes"), s("aes"));
        rw!(c, state, set_state, Some(OnOff(true)), Some(OnOff(false)));
        let dea = kw.add_cipher();
        dea.set_name(s("dea"));
        dea.set_state(Some(OnOff(true)));
        let extra = kw.add_cipher();
        assert!(kw.remove_cipher(&extra));
        assert_eq!(dom.keywrap_or_create(), kw);
        let ls = dom.launch_security().unwrap();
        rw!(ls, security_type, set_security_type, s("sev"), s("sev-snp"));
        rw!(
            ls,
            kernel_hashes,
            set_kernel_hashes,
            yes(),
            Some(YesNo(false))
        );
        rw!(ls, author_key, set_author_key, None, yes());
        rw!(ls, vcek, set_vcek, None, yes());
        rw!(ls, cbitpos, set_cbitpos, Some(47), Some(51));
        rw!(
            ls,
            reduced_phys_bits,
            set_reduced_phys_bits,
            Some(1),
            Some(1)
        );
        rw!(ls, policy, set_policy, s("0x0001"), s("0x00030000"));
        rw!(ls, handle, set_handle, Some(1), None);
        rw!(ls, dh_cert, set_dh_cert, s("AQAAAAAOAAAQAAAADwAAAA"), None);
        rw!(
            ls,
            session,
            set_session,
            s("IHAVENOIDEABUTJUSTPROVIDINGIT"),
            None
        );
        rw!(
            ls,
            guest_visible_workarounds,
            set_guest_visible_workarounds,
            None,
            s("AAAA")
        );
        rw!(ls, id_block, set_id_block, None, s("BBBB"));
        rw!(ls, id_auth, set_id_auth, None, s("CCCC"));
        rw!(ls, host_data, set_host_data, None, s("DDDD"));
        assert_eq!(dom.launch_security_or_create(), ls);
    });
}

fn metadata_by_namespace() {
    check_domain("domain-metadata", |dom| {
        let md = dom.metadata().unwrap();
        assert_eq!(md.namespaces(), ["http://foo.org/", "http://bar.com/"]);
        assert_eq!(
            dom.metadata_element("http://bar.com/").as_deref(),
            Some("<app2:bar xmlns:app2=\"http://bar.com/\" maman=\"baz\">barish</app2:bar>")
        );
        assert_eq!(dom.metadata_element("urn:none"), None);
        // Replace one element, add another with nested content, remove one.
        dom.set_metadata_element("http://foo.org/", "foo", Some("<foo>new</foo>"))
            .unwrap();
        dom.set_metadata_element(
            "https://example.org/app/1.0",
            "app",
            Some("<app:info xmlns:app='urn:ignored'><owner id='7'>alice</owner><tags><tag>web</tag></tags></app:info>"),
        )
        .unwrap();
        dom.set_metadata_element("http://bar.com/", "app2", None)
            .unwrap();
        // Mixed content is refused and changes nothing.
        assert!(dom
            .set_metadata_element("urn:x", "x", Some("<a>text<b/></a>"))
            .is_err());
        assert!(dom.set_metadata_element("urn:x", "x", Some("<a")).is_err());
        assert_eq!(
            dom.metadata_element("https://example.org/app/1.0").as_deref(),
            Some("<app:info xmlns:app='https://example.org/app/1.0'>\n    <owner id='7'>alice</owner>\n    <tags>\n      <tag>web</tag>\n    </tags>\n  </app:info>")
        );
        assert_eq!(dom.metadata_or_create(), md);

        // A domain without metadata gets one, and loses it when emptied.
        let fresh = Domain::new();
        fresh.set_name(s("x"));
        fresh
            .set_metadata_element("urn:a", "a", Some("<v>1</v>"))
            .unwrap();
        assert_eq!(
            fresh.to_xml(),
            "<domain>\n  <name>x</name>\n  <metadata>\n    <a:v xmlns:a='urn:a'>1</a:v>\n  </metadata>\n</domain>"
        );
        assert_eq!(
            fresh.metadata_element("urn:a").as_deref(),
            Some("<a:v xmlns:a='urn:a'>1</a:v>")
        );
        fresh.set_metadata_element("urn:a", "a", None).unwrap();
        assert!(fresh.metadata().is_none());
        assert!(!fresh.remove_metadata());
    });
}

fn libosinfo_os_id() {
    check_domain("domain-libosinfo", |dom| {
        let osinfo = dom.metadata().unwrap().libosinfo().unwrap();
        rw!(
            osinfo,
            os_id,
            set_os_id,
            s("http://fedoraproject.org/fedora/29"),
            s("http://fedoraproject.org/fedora/39")
        );
        assert_eq!(
            dom.metadata().unwrap().namespaces(),
            [libvirt_gconfig::view::LIBOSINFO_NS]
        );
    });
    // Found by namespace URI, whatever the prefix; removable.
    let dom = Domain::from_xml(
        "<domain type='kvm'>\n  <metadata>\n    <os:libosinfo xmlns:os='http://libosinfo.org/xmlns/libvirt/domain/1.0'>\n      <os:os id='http://debian.org/debian/12'/>\n    </os:libosinfo>\n    <libosinfo:libosinfo xmlns:libosinfo='urn:other'/>\n  </metadata>\n</domain>",
    )
    .unwrap();
    let md = dom.metadata().unwrap();
    let osinfo = md.libosinfo().unwrap();
    assert_eq!(
        osinfo.os_id().unwrap().as_deref(),
        Some("http://debian.org/debian/12")
    );
    assert!(md.remove_libosinfo() && md.libosinfo().is_none());
    assert_eq!(md.namespaces(), ["urn:other"]);
}

fn libosinfo_added_to_a_domain_without_metadata() {
    check_domain("domain-libosinfo-add", |dom| {
        assert!(dom.metadata().is_none());
        let osinfo = dom.metadata_or_create().libosinfo_or_create();
        assert_eq!(osinfo.os_id().unwrap(), None);
        osinfo.set_os_id(s("http://debian.org/debian/12"));
        assert_eq!(
            dom.metadata_element(libvirt_gconfig::view::LIBOSINFO_NS)
                .as_deref(),
            Some(
                "<libosinfo:libosinfo xmlns:libosinfo='http://libosinfo.org/xmlns/libvirt/domain/1.0'>\n      <libosinfo:os id='http://debian.org/debian/12'/>\n    </libosinfo:libosinfo>"
            )
        );
    });
}
