//! Storage on the real libvirtd: a directory pool's build/start/refresh/stop/delete and
//! a volume's create/upload/download/resize/delete, with the pool events.
#![allow(clippy::unwrap_used)]

mod common;

use std::cell::RefCell;
use std::rc::Rc;

use common::{run, until};
use glib::prelude::*;

const URI: &str = "qemu:///system";
const POOL: &str = "lvg-gobject-pool";

/// Removes the pool (and its directory) when dropped, also on failure.
struct PoolCleanup(std::path::PathBuf);

impl Drop for PoolCleanup {
    fn drop(&mut self) {
        if let Ok(c) = virt::connect::Connect::open(Some(URI)) {
            if let Ok(p) = c.lookup_storage_pool_by_name(POOL) {
                if let Ok(vols) = p.list_all_volumes(0) {
                    for v in vols {
                        let _ = v.delete(0);
                    }
                }
                let _ = p.destroy();
                let _ = p.undefine();
            }
        }
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn pool_and_volume_operations_with_upload_and_download() {
    let Some(conn) = common::open_or_skip(URI) else {
        return;
    };
    let dir = std::env::temp_dir().join(format!("{POOL}-{}", std::process::id()));
    let _guard = PoolCleanup(dir.clone());
    drop(PoolCleanup(dir.clone()));
    let log = Rc::new(RefCell::new(Vec::new()));
    for sig in ["storage-pool-added", "storage-pool-removed"] {
        let l = log.clone();
        conn.connect_local(sig, false, move |_| {
            l.borrow_mut().push(sig);
            None
        });
    }
    let xml = format!(
        "<pool type='dir'><name>{POOL}</name><target><path>{}</path></target></pool>",
        dir.display()
    );
    run(60, async {
        let p = conn.create_storage_pool_future(&xml).await.unwrap();
        p.build_future(0).await.unwrap();
        p.start_future(0).await.unwrap();
        until(10, || p.active()).await;
        p.refresh_future().await.unwrap();
        let v = p
            .create_volume_future("<volume><name>v.raw</name><capacity>65536</capacity><target><format type='raw'/></target></volume>")
            .await
            .unwrap();
        assert!(v.path().ends_with("/v.raw"));
        let data: Vec<u8> = (0..65536u32).map(|i| (i % 251) as u8).collect();
        v.upload_future(glib::Bytes::from(&data), 0).await.unwrap();
        let back = v.download_future(0, 0).await.unwrap();
        assert_eq!(&back[..], &data[..]);
        // A local file, in chunks, with the progress counted.
        let file = dir.with_extension("upload");
        let big: Vec<u8> = (0..600_000u32).map(|i| (i % 241) as u8).collect();
        std::fs::write(&file, &big).unwrap();
        v.resize_future(big.len() as u64, 0).await.unwrap();
        let t = std::sync::Arc::new(libvirt_gobject::Transfer::default());
        let sent = v.upload_file_future(&file, t.clone()).await.unwrap();
        let _ = std::fs::remove_file(&file);
        assert_eq!(sent, big.len() as u64);
        assert!((t.fraction() - 1.0).abs() < f64::EPSILON);
        assert_eq!(&v.download_future(0, 0).await.unwrap()[..], &big[..]);
        v.resize_future(1_048_576, 0).await.unwrap();
        assert_eq!(v.info_future().await.unwrap().capacity, 1_048_576);
        assert_eq!(p.volumes_future().await.unwrap().len(), 1);
        v.delete_future(0).await.unwrap();
        p.stop_future().await.unwrap();
        until(10, || !p.active()).await;
        p.delete_future(0).await.unwrap();
        p.undefine_future().await.unwrap();
        until(10, || conn.find_storage_pool_by_name(POOL).is_none()).await;
    });
    assert_eq!(
        *log.borrow(),
        ["storage-pool-added", "storage-pool-removed"]
    );
}
