//! Domain `<os>` (firmware, loader, NVRAM, direct boot, container init),
//! `<sysinfo>`, `<idmap>` and `<clock>`.

use libvirt_gconfig::value::YesNo;
use libvirt_gconfig::{BootDevice, ClockOffset, Firmware, OsType, TimerName};

use super::doc_util::{rw, s, yes};
use super::{check_domain, Case};

/// The cases of this file.
pub const CASES: &[Case] = &[
    Case::new(
        "edit_os_firmware_sysinfo_clock",
        edit_os_firmware_sysinfo_clock,
    ),
    Case::new(
        "edit_container_init_and_idmap",
        edit_container_init_and_idmap,
    ),
];

fn edit_os_firmware_sysinfo_clock() {
    check_domain("domain-os", |dom| {
        let si = dom.sysinfo().unwrap();
        rw!(si, sysinfo_type, set_sysinfo_type, s("smbios"), s("smbios"));
        let bios = si.bios().unwrap();
        let e = &bios.entries()[0];
        rw!(e, name, set_name, s("vendor"), s("version"));
        rw!(e, value, set_value, s("LENOVO"), s("1.2.3"));
        rw!(e, file, set_file, None, None);
        let sys = si.system().unwrap();
        assert_eq!(sys.entries()[1].value().unwrap(), s("Virt-Manager"));
        assert!(sys.remove_entry(&sys.entries()[0]));
        let serial = sys.add_entry();
        serial.set_name(s("serial"));
        serial.set_value(s("0001"));
        assert_eq!(si.base_boards().len(), 1);
        let bb = si.add_base_board();
        bb.add_entry().set_name(s("product"));
        assert!(si.remove_base_board(&si.base_boards()[0]));
        assert_eq!(
            si.chassis().unwrap().entries()[0].value().unwrap(),
            s("CZC1065993")
        );
        assert!(si.remove_chassis());
        si.chassis_or_create().add_entry().set_value(s("asset"));
        let oem = si.oem_strings().unwrap();
        oem.entries()[0].set_value(s("other:data"));
        assert_eq!(si.oem_strings_or_create(), oem);
        assert_eq!(si.bios_or_create(), bios);
        assert_eq!(si.system_or_create(), sys);
        assert!(si.entries().is_empty());
        let fw = si.add_entry();
        assert!(si.remove_entry(&fw));
        assert!(!si.remove_oem_strings() || si.oem_strings().is_none());
        si.oem_strings_or_create()
            .add_entry()
            .set_value(s("new:data"));
        assert_eq!(dom.sysinfo_or_create(), si);

        let os = dom.os().unwrap();
        rw!(
            os,
            firmware,
            set_firmware,
            Some(Firmware::Efi),
            Some(Firmware::Efi)
        );
        rw!(
            os,
            os_type,
            set_os_type,
            Some(OsType::Hvm),
            Some(OsType::Hvm)
        );
        rw!(os, machine, set_machine, s("pc-q35-4.0"), s("q35"));
        let fwc = os.firmware_config().unwrap();
        let feats = fwc.features();
        rw!(feats[0], enabled, set_enabled, Some(YesNo(false)), yes());
        rw!(feats[1], name, set_name, s("secure-boot"), s("secure-boot"));
        assert!(fwc.remove_feature(&feats[1]));
        let nf = fwc.add_feature();
        nf.set_name(s("secure-boot"));
        nf.set_enabled(Some(YesNo(false)));
        assert_eq!(os.firmware_config_or_create(), fwc);
        let loader = os.loader().unwrap();
        rw!(loader, readonly, set_readonly, yes(), yes());
        rw!(loader, secure, set_secure, yes(), Some(YesNo(false)));
        rw!(
            loader,
            loader_type,
            set_loader_type,
            s("pflash"),
            s("pflash")
        );
        rw!(loader, format, set_format, s("raw"), s("qcow2"));
        rw!(loader, stateless, set_stateless, Some(YesNo(false)), None);
        rw!(
            loader,
            path,
            set_path,
            s("/usr/share/OVMF/OVMF_CODE.secboot.fd"),
            s("/usr/share/OVMF/OVMF_CODE_4M.qcow2")
        );
        let nv = os.nvram().unwrap();
        rw!(nv, nvram_type, set_nvram_type, s("network"), s("network"));
        rw!(nv, format, set_format, None, s("raw"));
        let src = nv.source().unwrap();
        rw!(src, protocol, set_protocol, s("iscsi"), s("nbd"));
        rw!(
            src,
            name,
            set_name,
            s("iqn.2013-07.com.example:iscsi-nopool"),
            s("nvram")
        );
        rw!(src, file, set_file, None, None);
        rw!(src, dev, set_dev, None, None);
        let host = &src.hosts()[0];
        rw!(host, name, set_name, s("example.com"), s("nbd.example.com"));
        rw!(host, port, set_port, Some(6000), Some(10809));
        let h2 = src.add_host();
        h2.set_name(s("backup.example.com"));
        assert!(src.remove_host(&h2));
        let auth = src.auth().unwrap();
        rw!(auth, username, set_username, s("myname"), s("admin"));
        rw!(auth, secret_type, set_secret_type, s("iscsi"), s("iscsi"));
        rw!(
            auth,
            secret_usage,
            set_secret_usage,
            s("mycluster_myname"),
            None
        );
        rw!(
            auth,
            secret_uuid,
            set_secret_uuid,
            None,
            s("c7a5fdbd-edaf-9455-926a-d65c16db1809")
        );
        assert_eq!(src.auth_or_create(), auth);
        assert_eq!(nv.source_or_create(), src);
        rw!(
            os,
            kernel,
            set_kernel,
            s("/boot/vmlinuz"),
            s("/boot/vmlinuz-6.1")
        );
        rw!(os, initrd, set_initrd, s("/boot/initrd.img"), None);
        rw!(
            os,
            cmdline,
            set_cmdline,
            s("console=ttyS0"),
            s("console=ttyS0 quiet")
        );
        rw!(os, dtb, set_dtb, s("/boot/guest.dtb"), None);
        rw!(os, root, set_root, None, s("/dev/vda1"));
        let acpi = os.acpi().unwrap();
        let t = &acpi.tables()[0];
        rw!(t, table_type, set_table_type, s("slic"), s("msdm"));
        rw!(
            t,
            path,
            set_path,
            s("/var/lib/libvirt/acpi/slic.dat"),
            s("/var/lib/libvirt/acpi/msdm.dat")
        );
        let t2 = acpi.add_table();
        t2.set_table_type(s("slic"));
        assert!(acpi.remove_table(&t2));
        assert_eq!(os.acpi_or_create(), acpi);
        assert_eq!(os.boots()[0].dev().unwrap(), Some(BootDevice::Hd));
        os.add_boot().set_dev(Some(BootDevice::Network));
        rw!(os, bootmenu_enable, set_bootmenu_enable, yes(), yes());
        rw!(
            os,
            bootmenu_timeout,
            set_bootmenu_timeout,
            Some(3000),
            Some(5000)
        );
        rw!(os, smbios_mode, set_smbios_mode, s("sysinfo"), s("host"));
        rw!(os, bios_useserial, set_bios_useserial, yes(), None);
        rw!(
            os,
            bios_reboot_timeout,
            set_bios_reboot_timeout,
            Some(128),
            Some(-1)
        );
        assert_eq!(os.loader_or_create(), loader);
        assert_eq!(os.nvram_or_create(), nv);

        let clock = dom.clock().unwrap();
        rw!(
            clock,
            offset,
            set_offset,
            Some(ClockOffset::Variable),
            Some(ClockOffset::Variable)
        );
        rw!(clock, adjustment, set_adjustment, s("-3600"), s("reset"));
        rw!(clock, basis, set_basis, s("localtime"), s("utc"));
        rw!(clock, timezone, set_timezone, None, None);
        rw!(clock, start, set_start, None, None);
        let rtc = &clock.timers()[0];
        rw!(
            rtc,
            name,
            set_name,
            Some(TimerName::Rtc),
            Some(TimerName::Rtc)
        );
        rw!(rtc, tickpolicy, set_tickpolicy, s("catchup"), s("catchup"));
        rw!(rtc, track, set_track, s("guest"), s("wall"));
        rw!(
            rtc,
            catchup_threshold,
            set_catchup_threshold,
            Some(123),
            Some(200)
        );
        rw!(rtc, catchup_slew, set_catchup_slew, Some(120), None);
        rw!(
            rtc,
            catchup_limit,
            set_catchup_limit,
            Some(10000),
            Some(5000)
        );
        let tsc = &clock.timers()[1];
        rw!(tsc, present, set_present, yes(), yes());
        rw!(tsc, mode, set_mode, s("native"), s("paravirt"));
        rw!(
            tsc,
            frequency,
            set_frequency,
            Some(3504000000),
            Some(3000000000)
        );
    });
}

fn edit_container_init_and_idmap() {
    check_domain("domain-container", |dom| {
        let si = dom.sysinfo().unwrap();
        assert_eq!(si.sysinfo_type().unwrap(), s("fwcfg"));
        let e = &si.entries()[0];
        rw!(
            e,
            name,
            set_name,
            s("opt/com.example/name"),
            s("opt/com.example/config")
        );
        rw!(e, file, set_file, None, s("/etc/example.cfg"));
        e.set_value(None);
        let os = dom.os().unwrap();
        rw!(
            os,
            os_type,
            set_os_type,
            Some(OsType::Exe),
            Some(OsType::Exe)
        );
        rw!(os, arch, set_arch, s("x86_64"), s("aarch64"));
        rw!(os, init, set_init, s("/sbin/init"), s("/bin/systemd"));
        let args = os.initargs();
        rw!(args[0], value, set_value, s("--unit"), s("--log-level"));
        os.add_initarg().set_value(s("debug"));
        let extra = os.add_initarg();
        assert!(os.remove_initarg(&extra));
        let env = &os.initenvs()[0];
        rw!(env, name, set_name, s("FOO"), s("LANG"));
        rw!(env, value, set_value, s("bar"), s("C.UTF-8"));
        let env2 = os.add_initenv();
        env2.set_name(s("TERM"));
        env2.set_value(s("xterm"));
        assert!(os.remove_initenv(&env2));
        rw!(os, initdir, set_initdir, s("/"), s("/root"));
        rw!(os, inituser, set_inituser, s("1000"), s("root"));
        rw!(os, initgroup, set_initgroup, s("1000"), None);

        let idmap = dom.idmap().unwrap();
        let uid = &idmap.uids()[0];
        rw!(uid, start, set_start, Some(0), Some(0));
        rw!(uid, target, set_target, Some(100000), Some(200000));
        rw!(uid, count, set_count, Some(100000), Some(65536));
        let gid = &idmap.gids()[0];
        gid.set_target(Some(200000));
        gid.set_count(Some(65536));
        let g2 = idmap.add_gid();
        g2.set_start(Some(65536));
        assert!(idmap.remove_gid(&g2));
        let u2 = idmap.add_uid();
        assert!(idmap.remove_uid(&u2));
        assert_eq!(dom.idmap_or_create(), idmap);
    });
}
