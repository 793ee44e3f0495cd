//! The core's integration tests, one module per concern, linked as one test binary: each file
//! under tests/ used to be its own binary linking the whole dependency graph, which on a small
//! machine cost more link time than the tests took to run. `cargo test -p yima-core --test all
//! samples::` runs one module.

mod common;

mod architecture;
mod boundaries;
mod channels;
mod claims_reader;
mod ed25519_vectors;
mod foreign;
mod format_doc;
mod holder;
mod revocation;
mod revocation_format;
mod revocation_required;
mod samples;
mod session;
mod signed_formats;
mod tampering;
mod threats;
mod trust_dcc;
