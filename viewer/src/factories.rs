//! Rows: the VM list's column cells and the sidebar's connection rows.

pub mod connection_row;
pub mod stats_cell;
pub mod vm_columns;
