//! `StoragePool::create_volume_from_future` (`virStorageVolCreateXMLFrom`) on the test
//! driver: the copy is a new volume with the source's capacity; errors (a taken name, a
//! source the test driver cannot see from another pool) are libvirt's, not panics.
#![allow(clippy::unwrap_used)]

mod common;

use common::run;
use libvirt_gobject::Connection;

fn node() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("gvir-volcopy-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("node.xml");
    std::fs::write(
        &p,
        "<node>
  <pool type='dir'><name>a</name><uuid>11111111-2222-3333-4444-000000000001</uuid>
    <target><path>/a</path></target>
    <volume><name>base.qcow2</name><capacity unit='MiB'>64</capacity><allocation>0</allocation>
      <target><format type='qcow2'/></target></volume>
  </pool>
  <pool type='dir'><name>b</name><uuid>11111111-2222-3333-4444-000000000002</uuid>
    <target><path>/b</path></target>
  </pool>
</node>",
    )
    .unwrap();
    p
}

#[test]
fn a_volume_is_copied_and_errors_are_clean() {
    common::init();
    let conn = Connection::new(&format!("test://{}", node().display()));
    run(10, async {
        conn.open_future().await.unwrap();
        let a = conn.find_storage_pool_by_name("a").unwrap();
        let b = conn.find_storage_pool_by_name("b").unwrap();
        let src = a.volume_future("base.qcow2").await.unwrap();
        let cap = src.info_future().await.unwrap().capacity;
        assert_eq!(cap, 64 << 20);
        let same = a
            .create_volume_from_future(
                &format!("<volume><name>copy.qcow2</name><capacity>{cap}</capacity></volume>"),
                &src,
                0,
            )
            .await
            .unwrap();
        assert_eq!(same.name(), "copy.qcow2");
        assert_eq!(same.path(), "/a/copy.qcow2");
        assert_eq!(same.info_future().await.unwrap().capacity, cap);
        // The test driver looks the source up in the destination pool only.
        let err = b
            .create_volume_from_future(
                "<volume><name>copy.qcow2</name><capacity>0</capacity></volume>",
                &src,
                0,
            )
            .await
            .unwrap_err();
        assert!(err.message().contains("copying a storage volume"), "{err}");
        // A name already taken is libvirt's error, not a panic.
        let err = a
            .create_volume_from_future(
                "<volume><name>copy.qcow2</name><capacity>0</capacity></volume>",
                &src,
                0,
            )
            .await
            .unwrap_err();
        assert!(!err.message().is_empty());
        assert_eq!(a.volumes_future().await.unwrap().len(), 2);
    });
}
