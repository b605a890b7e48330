//! Sanity of the property table that the coverage tooling reads.
#![allow(clippy::unwrap_used)]

use std::collections::HashSet;

use libvirt_gconfig::view::{all_views, document_roots, PropertyKind};

#[test]
fn every_view_is_reachable_and_well_formed() {
    let views = all_views();
    let names: HashSet<&str> = views.iter().map(|v| v.type_name).collect();
    for expected in [
        "Domain",
        "DomainOs",
        "DomainDisk",
        "DomainDiskSourceHost",
        "DomainInterface",
        "DomainTimer",
    ] {
        assert!(
            names.contains(expected),
            "{expected} not reachable from the document roots"
        );
    }
    for v in &views {
        let mut seen = HashSet::new();
        for p in v.properties {
            assert!(
                seen.insert(p.name),
                "{}::{} declared twice",
                v.type_name,
                p.name
            );
            let needs_child = !matches!(
                p.kind,
                PropertyKind::Attr | PropertyKind::Text | PropertyKind::UnitText
            );
            assert_eq!(
                p.child.is_some(),
                needs_child,
                "{}::{}",
                v.type_name,
                p.name
            );
            if let Some(c) = p.child {
                if !v.order.is_empty() {
                    assert!(
                        v.order.contains(&c),
                        "{}::{}: <{c}> missing from the order list",
                        v.type_name,
                        p.name
                    );
                }
            }
        }
    }
}

#[test]
fn paths_name_elements_and_attributes() {
    let root = document_roots()[0];
    let paths = root.paths();
    assert!(paths
        .iter()
        .any(|p| p.element == "domain/devices/disk/target" && p.attr == Some("dev")));
    assert!(paths
        .iter()
        .any(|p| p.element == "domain/memory" && p.attr == Some("unit")));
    assert!(paths
        .iter()
        .any(|p| p.element == "domain/os/boot" && p.attr == Some("dev")));
}
