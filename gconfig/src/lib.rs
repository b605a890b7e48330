//! Lossless, typed libvirt XML documents.
//!
//! Plain Rust with no GLib and no libvirt dependency. The layers:
//!
//! - [`dom`]: a small lossless DOM ([`Document`], [`NodeId`]) tokenized by quick-xml. An
//!   unedited document is written back byte for byte; edits are written in
//!   libvirt's style.
//! - [`value`]: typed values ([`value::XmlValue`], [`value::YesNo`],
//!   [`value::OnOff`], [`value::Size`], [`value::Uuid`]) and
//!   [`xml_enum!`] string enums with an unknown-value case.
//! - [`view`] + [`xml_element!`]: typed views, one declarative line per XML
//!   property, and the property table ([`view::ViewInfo`]).
//! - Documents: [`Domain`] (see [`domain`] for the tree of views) and
//!   [`GenericDocument`] for any libvirt XML.
//!
//! ```
//! use libvirt_gconfig::{Domain, value::{Size, SizeUnit}};
//! let dom = Domain::from_xml("<domain type='kvm'>\n  <name>demo</name>\n  <memory unit='KiB'>1048576</memory>\n</domain>\n")?;
//! assert_eq!(dom.name()?.as_deref(), Some("demo"));
//! assert_eq!(dom.memory()?.and_then(|m| m.bytes()), Some(1 << 30));
//! dom.set_memory(Some(Size::new(2, SizeUnit::GiB)));
//! assert!(dom.to_xml().contains("<memory unit='GiB'>2</memory>"));
//! # Ok::<(), libvirt_gconfig::Error>(())
//! ```

mod macros;

pub mod capabilities;
pub mod common;
pub mod documents;
pub mod dom;
pub mod domain;
pub mod domainbackup;
pub mod domaincaps;
pub mod error;
pub mod generic;
pub mod interface;
pub mod network;
pub mod networkport;
pub mod nodedev;
pub mod nwfilter;
pub mod secret;
pub mod snapshot;
pub mod storagepool;
pub mod storagevol;
pub mod value;
pub mod view;

pub use capabilities::*;
pub use common::*;
pub use documents::touch_xml;
pub use dom::{Document, NodeId, SharedDocument};
pub use domain::*;
pub use domainbackup::*;
pub use domaincaps::*;
pub use error::{Error, Result};
pub use generic::GenericDocument;
pub use interface::*;
pub use network::*;
pub use networkport::*;
pub use nodedev::*;
pub use nwfilter::*;
pub use secret::*;
pub use snapshot::*;
pub use storagepool::*;
pub use storagevol::*;
