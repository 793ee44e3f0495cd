//! Issuing, kept out of the verifier: signs credentials (COSE_Sign1 with Ed25519) and
//! root-signed files (trust lists, policies, revocation lists), fills the holder fields an
//! issuer writes (the binding under the national binding key, a secret verifiers never hold), and holds the public demo data (keys from a published seed, samples).
//!
//! Used by the issuer CLI (`yima-issuer`), the demo minting module (`yima-demo-mint`) and tests.
//! The app and `yima-core` never depend on it: the verifier cannot sign (ARCHITECTURE.md).

mod holder;
mod sign;

pub mod attack;
pub mod demo;
pub mod revocation;

pub use holder::{BindingKey, BINDING_LABEL};
pub use sign::{claims_cbor, derived_key, derived_secret, issue, seal, sign_claims, sign_cose, Seal};
