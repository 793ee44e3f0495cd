//! Thin adapters over the third-party QR decoders; each returns `None` on any failure.

#[cfg(feature = "rqrr")]
pub mod rqrr;
pub mod rxing;
