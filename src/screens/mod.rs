//! The page's screens. The card is an overlay over whichever screen is open.

pub mod a11y;
pub mod card;
pub mod demo;
pub mod scan;
pub mod settings;
pub mod status;
mod status_notes;
