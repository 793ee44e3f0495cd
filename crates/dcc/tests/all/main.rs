//! The DCC reader's integration tests as one test binary (one binary per file cost a link of
//! the whole dependency graph each). `cargo test -p yima-dcc --test all scan::` runs one module.

mod common;

mod es256_ps256;
mod scan;
mod wycheproof_vectors;
