pub mod decode;
pub mod demo;
pub mod dgc_json;
pub mod dgc_observe;
pub mod dgc_schema;
pub mod dgc_test;
pub mod inspect;
pub mod issue;
pub mod keys;
pub mod render;
pub mod revoke;
pub mod sign;
pub mod synth;
pub mod verify;
pub mod verify_text;

/// `--now` or the system clock (the CLI may read the clock; the core never does).
pub fn now_or_clock(now: Option<chrono::DateTime<chrono::Utc>>) -> yima_core::Time {
    now.unwrap_or_else(chrono::Utc::now)
}
