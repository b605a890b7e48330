//! Lossless, typed libvirt XML documents.
