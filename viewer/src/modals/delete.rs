//! The Delete dialog: which disks to delete with the VM.

use crate::backend::{Inventory, VmItem};

/// Shows the dialog for `item`.
pub fn show(parent: &impl gtk::prelude::IsA<gtk::Widget>, inv: &Inventory, item: &VmItem) {
    let _ = (parent, inv, item);
}
