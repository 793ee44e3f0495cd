//! Thin adapters over the third-party QR decoders; each returns `None` on any failure.

pub mod rqrr;
pub mod rxing;
