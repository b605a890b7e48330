//! Serial console (placeholder until implemented below).
