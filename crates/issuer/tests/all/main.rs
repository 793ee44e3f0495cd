//! The issuer CLI's integration tests as one test binary (one binary per file cost a link of the
//! whole dependency graph each). `cargo test -p yima-issuer --test all dgc_testdata::` runs one
//! module. Fixtures stay in tests/fixtures/ (found through CARGO_MANIFEST_DIR);
//! dgc_disagreements.tsv sits beside dgc_testdata.rs, which includes it.

mod cli;
mod dcc_trust;
mod dgc_constructed;
mod dgc_testdata;
