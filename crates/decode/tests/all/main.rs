//! The decoder's integration tests as one test binary (one binary per file cost a link of the
//! whole dependency graph each). `cargo test -p yima-decode --test all corpus::` runs one module.

mod corpus;
mod inputs;
