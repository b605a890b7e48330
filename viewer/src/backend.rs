//! What the UI knows about libvirt: connections, VM rows, tags, OS names, settings.
//! Everything here talks to libvirt only through `libvirt-gobject`.

pub mod actions;
pub mod disks;
pub mod early;
pub mod inventory;
pub mod osinfo;
pub mod progress;
pub mod secrets;
pub mod settings;
pub mod tags;
pub mod thumbnails;
pub mod vm_item;

pub use inventory::{ConnEntry, ConnState, Inventory};
pub use progress::Activity;
pub use thumbnails::Thumbnails;
pub use vm_item::VmItem;
