//! Panes of the main window and the pages of the details view.

pub mod console;
pub mod details;
pub mod hardware;
pub mod networks;
pub mod overview;
pub mod page_util;
pub mod qemu;
pub mod sidebar;
pub mod snapshots;
pub mod storage;
pub mod vm_list;
pub mod xml_editor;
