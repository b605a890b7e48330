//! Every corpus document that is valid against libvirt 9.0's schemas
//! (`shared/corpus/valid-libvirt9.txt`) stays valid after an edit through the
//! API, checked with `virt-xml-validate`.
//!
//! - `<domain>`: the memory is changed and a disk is added through the typed API.
//! - `<network>`: renamed; `<pool>`, `<volume>`: renamed and resized.
//! - `<domainsnapshot>`, `<domaincheckpoint>`, `<secret>`: a description that needs
//!   escaping; `<interface>`: renamed; `<networkport>`: a new MAC address;
//!   `<filter>`: a new priority; `<filterbinding>`: a new port device; `<device>`: a new
//!   parent; `<domainCapabilities>`: a new vCPU maximum (all through the typed API).
//! - Any other kind: every element is rewritten in libvirt's style (the first
//!   attribute of every element removed and set again, the text of every
//!   text-only element cleared and set again), so the whole document goes
//!   through the writer's escaping and formatting.
#![allow(clippy::unwrap_used)]

#[path = "common/validate.rs"]
mod validate;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use libvirt_gconfig::value::{Size, SizeUnit};
use libvirt_gconfig::{
    DiskBus, DiskDevice, DiskType, Document, Domain, DomainCaps, DomainCheckpoint, DomainSnapshot,
    GenericDocument, HostInterface, Network, NetworkPort, NodeDevice, NodeId, NwFilter,
    NwFilterBinding, Secret, StoragePool, StorageVolume,
};

/// Parallel `virt-xml-validate` runs.
const THREADS: usize = 3;

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpus"));
    if dir.join("valid-libvirt9.txt").is_file() {
        Some(dir.to_owned())
    } else {
        validate::skip(&format!("corpus not found at {}", dir.display()));
        None
    }
}

/// The corpus-relative paths listed in `valid-libvirt9.txt` (`#` lines are comments).
fn valid_files(corpus: &Path) -> Vec<String> {
    std::fs::read_to_string(corpus.join("valid-libvirt9.txt"))
        .unwrap()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

fn edit_domain(xml: &str) -> Result<String, String> {
    let dom = Domain::from_xml(xml).map_err(|e| e.to_string())?;
    dom.set_memory(Some(Size::new(3, SizeUnit::GiB)));
    assert_eq!(dom.memory().unwrap().and_then(|m| m.bytes()), Some(3 << 30));
    let devices = dom.devices_or_create();
    let before = devices.disks().len();
    let disk = devices.add_disk();
    disk.set_disk_type(Some(DiskType::File));
    disk.set_device(Some(DiskDevice::Disk));
    let driver = disk.driver_or_create();
    driver.set_name(Some("qemu".into()));
    driver.set_format(Some("qcow2".into()));
    disk.source_or_create()
        .set_file(Some("/var/lib/libvirt/images/added & edited.qcow2".into()));
    disk.set_target_dev(Some("vdzz".into()));
    disk.set_target_bus(Some(DiskBus::Virtio));
    assert_eq!(devices.disks().len(), before + 1);
    Ok(dom.to_xml())
}

fn edit_network(xml: &str) -> Result<String, String> {
    let net = Network::from_xml(xml).map_err(|e| e.to_string())?;
    net.set_name(Some("edited-net".into()));
    assert_eq!(net.name().unwrap().as_deref(), Some("edited-net"));
    Ok(net.to_xml())
}

fn edit_pool(xml: &str) -> Result<String, String> {
    let pool = StoragePool::from_xml(xml).map_err(|e| e.to_string())?;
    pool.set_name(Some("edited-pool".into()));
    pool.set_capacity(Some(Size::new(10, SizeUnit::GiB)));
    assert_eq!(pool.capacity().unwrap(), Some(Size::new(10, SizeUnit::GiB)));
    Ok(pool.to_xml())
}

fn edit_volume(xml: &str) -> Result<String, String> {
    let vol = StorageVolume::from_xml(xml).map_err(|e| e.to_string())?;
    vol.set_name(Some("edited.img".into()));
    vol.set_capacity(Some(Size::new(5, SizeUnit::GiB)));
    assert_eq!(vol.capacity().unwrap(), Some(Size::new(5, SizeUnit::GiB)));
    Ok(vol.to_xml())
}

/// Applies `edit` to the typed document `D` parsed from `xml`.
fn typed<D>(
    xml: &str,
    parse: impl Fn(&str) -> libvirt_gconfig::Result<D>,
    edit: impl FnOnce(&D),
    write: impl Fn(&D) -> String,
) -> Result<String, String> {
    let doc = parse(xml).map_err(|e| e.to_string())?;
    edit(&doc);
    Ok(write(&doc))
}

/// Typed edits of the document kinds other than domain, network, pool and volume.
fn edit_other(kind: &str, xml: &str) -> Option<Result<String, String>> {
    const DESC: &str = "edited <by> \"the\" typed API & checked";
    Some(match kind {
        "domainsnapshot" => typed(
            xml,
            DomainSnapshot::from_xml,
            |d| d.set_description(Some(DESC.into())),
            DomainSnapshot::to_xml,
        ),
        "domaincheckpoint" => typed(
            xml,
            DomainCheckpoint::from_xml,
            |d| d.set_description(Some(DESC.into())),
            DomainCheckpoint::to_xml,
        ),
        "secret" => typed(
            xml,
            Secret::from_xml,
            |d| d.set_description(Some(DESC.into())),
            Secret::to_xml,
        ),
        "interface" => typed(
            xml,
            HostInterface::from_xml,
            |d| d.set_name(Some("edited0".into())),
            HostInterface::to_xml,
        ),
        "networkport" => typed(
            xml,
            NetworkPort::from_xml,
            |d| d.set_mac_address(Some("52:54:00:ed:17:ed".into())),
            NetworkPort::to_xml,
        ),
        "filter" => typed(
            xml,
            NwFilter::from_xml,
            |d| d.set_priority(Some(-123)),
            NwFilter::to_xml,
        ),
        "filterbinding" => typed(
            xml,
            NwFilterBinding::from_xml,
            |d| d.set_portdev(Some("vnet-edited".into())),
            NwFilterBinding::to_xml,
        ),
        "device" => typed(
            xml,
            NodeDevice::from_xml,
            |d| d.set_parent(Some("edited_parent".into())),
            NodeDevice::to_xml,
        ),
        "domainCapabilities" => typed(
            xml,
            DomainCaps::from_xml,
            |d| d.set_vcpu_max(Some(4096)),
            DomainCaps::to_xml,
        ),
        _ => return None,
    })
}

/// The text-only elements and the elements with attributes, in document order.
fn rewrite_everything(doc: &mut Document) {
    let mut todo: Vec<NodeId> = doc.root().into_iter().collect();
    let mut all = Vec::new();
    while let Some(n) = todo.pop() {
        all.push(n);
        todo.extend(doc.child_elements(n));
    }
    for n in all {
        let first = doc
            .attributes(n)
            .next()
            .map(|(k, v)| (k.to_owned(), v.into_owned()));
        if let Some((name, value)) = first {
            assert!(doc.remove_attribute(n, &name));
            doc.set_attribute(n, &name, &value);
        }
        let leaf = doc.children(n).next().is_some()
            && doc
                .children(n)
                .all(|c| doc.kind(c) == Some(libvirt_gconfig::dom::NodeKind::Text));
        if leaf {
            let text = doc.text(n).into_owned();
            doc.set_text(n, "");
            doc.set_text(n, &text);
        }
    }
}

fn edit_generic(xml: &str) -> Result<String, String> {
    let doc = GenericDocument::from_xml(xml).map_err(|e| e.to_string())?;
    rewrite_everything(&mut doc.shared().borrow_mut());
    Ok(doc.to_xml())
}

/// One edited document written to the temporary directory.
struct Edited {
    rel: String,
    file: PathBuf,
    schema: &'static str,
}

/// Reads, edits and writes `rel`; returns the edited file or a failure.
fn prepare(corpus: &Path, tmp: &Path, i: usize, rel: &str) -> Result<Edited, String> {
    let xml = std::fs::read_to_string(corpus.join(rel)).map_err(|e| e.to_string())?;
    let doc = GenericDocument::from_xml(&xml).map_err(|e| e.to_string())?;
    let kind = doc.kind();
    let schema = validate::schema_type(&kind).ok_or(format!("no schema for <{kind}>"))?;
    let typed = match kind.as_str() {
        "domain" => Some(edit_domain(&xml)?),
        "network" => Some(edit_network(&xml)?),
        "pool" => Some(edit_pool(&xml)?),
        "volume" => Some(edit_volume(&xml)?),
        other => edit_other(other, &xml).transpose()?,
    };
    let out = match typed {
        Some(out) if out == xml => return Err("the edit changed nothing".into()),
        Some(out) => out,
        None => edit_generic(&xml)?,
    };
    let again = Document::parse(&out).map_err(|e| format!("edited output does not parse: {e}"))?;
    if again.to_xml() != out {
        return Err("edited output does not round-trip".into());
    }
    let file = tmp.join(format!("{i}.xml"));
    std::fs::write(&file, &out).map_err(|e| e.to_string())?;
    Ok(Edited {
        rel: rel.to_owned(),
        file,
        schema,
    })
}

/// Runs `work` on every item with [`THREADS`] threads.
fn parallel<T: Sync>(items: &[T], work: impl Fn(&T) + Sync) {
    let next = AtomicUsize::new(0);
    std::thread::scope(|s| {
        for _ in 0..THREADS {
            s.spawn(|| {
                while let Some(item) = items.get(next.fetch_add(1, Ordering::Relaxed)) {
                    work(item);
                }
            });
        }
    });
}

/// Files per `xmllint` run.
const BATCH: usize = 150;

/// Every `SAMPLE`th edited file is also checked with `virt-xml-validate FILE`
/// itself, which confirms the schema choice of the batches.
const SAMPLE: usize = 40;

#[test]
fn edited_corpus_documents_still_validate() {
    let Some(corpus) = corpus() else { return };
    if !validate::available() {
        return;
    }
    let started = Instant::now();
    let files = valid_files(&corpus);
    assert!(files.len() > 3000, "only {} files listed", files.len());
    let tmp = validate::TempDir::new("validate-corpus");
    let failures = Mutex::new(Vec::new());
    let edited = Mutex::new(Vec::new());
    let indexed: Vec<(usize, &String)> = files.iter().enumerate().collect();
    parallel(&indexed, |(i, rel)| {
        match prepare(&corpus, tmp.path(), *i, rel) {
            Ok(e) => edited.lock().unwrap().push(e),
            Err(e) => failures.lock().unwrap().push(format!("{rel}: {e}")),
        }
    });
    let mut edited = edited.into_inner().unwrap();
    edited.sort_by(|a, b| (a.schema, &a.rel).cmp(&(b.schema, &b.rel)));
    let edit_time = started.elapsed();

    let mut batches: Vec<&[Edited]> = Vec::new();
    for group in edited.chunk_by(|a, b| a.schema == b.schema) {
        batches.extend(group.chunks(BATCH));
    }
    parallel(&batches, |batch| {
        let paths: Vec<PathBuf> = batch.iter().map(|e| e.file.clone()).collect();
        for (file, msg) in validate::validate_batch(batch[0].schema, &paths) {
            let rel = batch
                .iter()
                .find(|e| e.file == file)
                .map_or_else(|| file.display().to_string(), |e| e.rel.clone());
            failures
                .lock()
                .unwrap()
                .push(format!("{rel}: edited document does not validate:\n{msg}"));
        }
    });
    let sample: Vec<&Edited> = edited.iter().step_by(SAMPLE).collect();
    parallel(&sample, |e| {
        if let Err(msg) = validate::validate_file(&e.file) {
            failures
                .lock()
                .unwrap()
                .push(format!("{}: virt-xml-validate: {msg}", e.rel));
        }
    });
    let failures = failures.into_inner().unwrap();
    eprintln!(
        "edited {} documents in {edit_time:.1?}, validated them in {:.1?} in all \
         ({} also with virt-xml-validate), {THREADS} threads",
        edited.len(),
        started.elapsed(),
        sample.len(),
    );
    assert!(
        failures.is_empty(),
        "{} of {} edited documents failed:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

#[test]
fn helper_rejects_invalid_documents() {
    if !validate::available() {
        return;
    }
    validate::validate_xml(
        "<domain type='kvm'><name>a</name><memory>1</memory><os><type>hvm</type></os></domain>",
    )
    .unwrap();
    let err =
        validate::validate_xml("<domain type='kvm'><name>a</name><bogus/></domain>").unwrap_err();
    assert!(err.contains("fail"), "{err}");

    let tmp = validate::TempDir::new("validate-batch");
    let good = tmp.path().join("good.xml");
    let bad = tmp.path().join("bad.xml");
    std::fs::write(&good, "<network><name>n</name></network>").unwrap();
    std::fs::write(&bad, "<network><name>n</name><bogus/></network>").unwrap();
    assert_eq!(validate::schema_type("network"), Some("network"));
    assert_eq!(
        validate::schema_type("domainsnapshot"),
        Some("domainsnapshot")
    );
    let failed = validate::validate_batch("network", &[good, bad.clone()]);
    assert_eq!(failed.len(), 1, "{failed:?}");
    assert_eq!(failed[0].0, bad);
    assert!(failed[0].1.contains("bogus"), "{}", failed[0].1);
}
