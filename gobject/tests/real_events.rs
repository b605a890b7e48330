//! Signals that need a running guest doing something unusual: tray change (CD-ROM media
//! changed through `update_device`), block jobs (active block commit of an external
//! snapshot overlay), `job-completed` with the job's statistics (a push-mode backup
//! through `backup_begin`), interface statistics of a tap device, and `crashed` (a kernel
//! panic reported through the ISA pvpanic device) — one boot of the test guest.
//! `set_time` needs a guest agent, which the test guest has not: it is not tested.
#![allow(clippy::unwrap_used)]

mod common;

use std::cell::RefCell;
use std::ffi::CString;
use std::rc::Rc;

use common::{run, send_until, spawn_reader, until, Cleanup};
use gio::prelude::*;
use libvirt_gobject::DomainState;

const URI: &str = "qemu:///system";
const NAME: &str = "lvg-gobject-events";

#[test]
fn tray_block_job_backup_job_completed_interface_stats_and_crash_signals() {
    let Some(conn) = common::open_or_skip(URI) else {
        return;
    };
    let Some((xml, disk)) = common::guest_xml(NAME) else {
        return;
    };
    let tmp = std::env::temp_dir();
    let pid = std::process::id();
    let overlay = tmp.join(format!("{NAME}-{pid}-overlay.qcow2"));
    let iso = tmp.join(format!("{NAME}-{pid}.iso"));
    let backup = tmp.join(format!("{NAME}-{pid}-backup.qcow2"));
    std::fs::write(&iso, vec![0u8; 2048 * 16]).unwrap();
    let _ = std::process::Command::new("chmod")
        .arg("666")
        .arg(&iso)
        .status();
    struct Files(Vec<std::path::PathBuf>);
    impl Drop for Files {
        fn drop(&mut self) {
            for f in &self.0 {
                let _ = std::fs::remove_file(f);
            }
        }
    }
    let _files = Files(vec![overlay.clone(), iso.clone(), backup.clone()]);
    let xml = xml
        .replace(
            "<on_crash>destroy</on_crash>",
            "<on_crash>preserve</on_crash>",
        )
        .replace(
            "</devices>",
            "<disk type='file' device='cdrom'><driver name='qemu' type='raw'/>\
             <target dev='sdc' bus='sata'/><readonly/></disk>\
             <interface type='ethernet'><target dev='lvgtap0' managed='yes'/>\
             <model type='virtio'/></interface>\
             <panic model='isa'/></devices>",
        );
    assert!(
        xml.contains("<on_crash>preserve</on_crash>"),
        "on_crash not replaced"
    );
    let guard = Cleanup {
        uri: URI,
        name: NAME.to_owned(),
        disk: Some(disk.clone()),
    };
    guard.sweep();
    run(10, until(5, || conn.find_domain_by_name(NAME).is_none()));
    let d = run(30, conn.create_domain_future(&xml)).unwrap();
    let log = common::record_domain(&d);
    let trays = Rc::new(RefCell::new(Vec::<(String, i32)>::new()));
    let t = trays.clone();
    d.connect_local("tray-changed", false, move |v| {
        t.borrow_mut()
            .push((v[1].get::<String>().unwrap(), v[2].get::<i32>().unwrap()));
        None
    });
    let jobs = Rc::new(RefCell::new(Vec::<(String, i32, i32)>::new()));
    let j = jobs.clone();
    d.connect_local("block-job", false, move |v| {
        j.borrow_mut().push((
            v[1].get::<String>().unwrap(),
            v[2].get::<i32>().unwrap(),
            v[3].get::<i32>().unwrap(),
        ));
        None
    });
    let completed_jobs = Rc::new(RefCell::new(Vec::new()));
    let c = completed_jobs.clone();
    d.connect_job_completed(move |_, stats| c.borrow_mut().push(stats.clone()));

    run(50, async {
        d.start_future(0).await.unwrap();
        until(20, || d.state() == DomainState::Running).await;
        let console = d.open_console_future(None, 0).await.unwrap();
        let seen = spawn_reader(&console);
        send_until(&console, &seen, "\r", "lvg# ", 30).await;

        // Interface statistics of the tap libvirt created.
        let st = d.interface_stats_future("lvgtap0").await.unwrap();
        assert!(st.rx_errs >= 0 && st.tx_errs >= 0 && st.rx_bytes >= 0);
        assert!(d.interface_stats_future("nosuchtap9").await.is_err());

        // Tray: insert media into the empty CD-ROM.
        let media = format!(
            "<disk type='file' device='cdrom'><driver name='qemu' type='raw'/>\
             <source file='{}'/><target dev='sdc' bus='sata'/><readonly/></disk>",
            iso.display()
        );
        d.update_device_future(&media, virt_sys::VIR_DOMAIN_AFFECT_LIVE)
            .await
            .unwrap();
        until(10, || !trays.borrow().is_empty()).await;

        // Block job: disk-only external snapshot onto a private overlay, then an active
        // commit back into the base image (READY), then a pivot (COMPLETED).
        let snap = format!(
            "<domainsnapshot><name>ext</name><disks><disk name='vda' snapshot='external'>\
             <source file='{}'/></disk><disk name='sdc' snapshot='no'/></disks></domainsnapshot>",
            overlay.display()
        );
        d.create_snapshot_future(
            Some(&snap),
            virt_sys::VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY
                | virt_sys::VIR_DOMAIN_SNAPSHOT_CREATE_NO_METADATA,
        )
        .await
        .unwrap();
        let raw = conn
            .virt_handle()
            .unwrap()
            .lookup_domain_by_name(NAME)
            .unwrap();
        let vda = CString::new("vda").unwrap();
        // SAFETY: valid domain handle and C string.
        let r = unsafe {
            virt_sys::virDomainBlockCommit(
                raw.as_ptr(),
                vda.as_ptr(),
                std::ptr::null(),
                std::ptr::null(),
                0,
                virt_sys::VIR_DOMAIN_BLOCK_COMMIT_ACTIVE,
            )
        };
        assert_eq!(r, 0, "virDomainBlockCommit failed");
        let ready = virt_sys::VIR_DOMAIN_BLOCK_JOB_READY as i32;
        let completed = virt_sys::VIR_DOMAIN_BLOCK_JOB_COMPLETED as i32;
        until(20, || jobs.borrow().iter().any(|j| j.2 == ready)).await;
        // SAFETY: as above.
        let r = unsafe {
            virt_sys::virDomainBlockJobAbort(
                raw.as_ptr(),
                vda.as_ptr(),
                virt_sys::VIR_DOMAIN_BLOCK_JOB_ABORT_PIVOT,
            )
        };
        assert_eq!(r, 0, "pivot failed");
        until(20, || jobs.borrow().iter().any(|j| j.2 == completed)).await;
        drop(raw);

        // job-completed: a push-mode backup of vda into a private file.
        assert!(
            completed_jobs.borrow().is_empty(),
            "job-completed too early"
        );
        let backup_xml = format!(
            "<domainbackup><disks><disk name='vda' type='file'><target file='{}'/>\
             <driver type='qcow2'/></disk></disks></domainbackup>",
            backup.display()
        );
        d.backup_begin_future(&backup_xml, None, 0).await.unwrap();
        until(20, || !completed_jobs.borrow().is_empty()).await;

        // Crash: the guest kernel panics; pvpanic tells QEMU, on_crash=preserve keeps
        // the domain in the crashed state.
        send_until(&console, &seen, "\r", "lvg# ", 10).await;
        console
            .output_stream()
            .write_all_future(
                b"echo c > /proc/sysrq-trigger\r".to_vec(),
                glib::Priority::DEFAULT,
            )
            .await
            .unwrap();
        until(20, || d.state() == DomainState::Crashed).await;
        d.destroy_future(0).await.unwrap();
        until(10, || d.state() == DomainState::Shutoff).await;
    });
    let trays = trays.borrow();
    assert!(
        trays.iter().all(|(alias, _)| alias.contains("sata")),
        "{trays:?}"
    );
    let active_commit = virt_sys::VIR_DOMAIN_BLOCK_JOB_TYPE_ACTIVE_COMMIT as i32;
    let backup_job = virt_sys::VIR_DOMAIN_BLOCK_JOB_TYPE_BACKUP as i32;
    let completed = virt_sys::VIR_DOMAIN_BLOCK_JOB_COMPLETED as i32;
    let jobs = jobs.borrow();
    // The active commit (READY, then COMPLETED after the pivot), then the backup's own
    // block job (COMPLETED).
    assert!(
        jobs.iter()
            .all(|(disk, ty, _)| disk == "vda" && (*ty == active_commit || *ty == backup_job)),
        "{jobs:?}"
    );
    assert_eq!(
        jobs.last(),
        Some(&("vda".to_owned(), backup_job, completed)),
        "{jobs:?}"
    );
    let completed_jobs = completed_jobs.borrow();
    assert_eq!(completed_jobs.len(), 1, "{completed_jobs:?}");
    let stats = &completed_jobs[0];
    let get = |k: &str| stats.get(k).and_then(libvirt_gobject::StatValue::as_u64);
    assert_eq!(
        get("operation"),
        Some(u64::from(virt_sys::VIR_DOMAIN_JOB_OPERATION_BACKUP)),
        "{stats:?}"
    );
    assert!(get("time_elapsed").is_some(), "{stats:?}");
    let total = get("disk_total").expect("no disk_total");
    assert!(total > 0, "{stats:?}");
    let head = std::fs::read(&backup).expect("no backup file");
    assert!(head.starts_with(b"QFI\xfb"), "backup is not qcow2");
    let log = log.borrow();
    let crashed = log
        .iter()
        .position(|s| s == "crashed")
        .expect("no crashed signal");
    assert_eq!(log[crashed - 1], "state=Crashed", "{log:?}");
    assert_eq!(log.last().map(String::as_str), Some("stopped"), "{log:?}");
    drop(guard);
}
