//! The DCC module's one call, pure: QR text + the endpoint's root-signed files (as the app
//! holds them) + venue + time → the card. The app passes the files' text rather than what it
//! parsed from them, so this module checks the root signatures itself and nothing crosses the
//! module boundary unverified.

use ed25519_dalek::VerifyingKey;
use yima_core::card::ForeignView;
use yima_core::envelope::SignedContent;
use yima_core::policy::VenueKey;
use yima_core::session::Verifier;
use yima_core::verdict::{conclude, Reason};
use yima_core::{PolicySet, TrustList};

use crate::cert::Signer;
use crate::evaluate::{against_rule, validity};
use crate::{card, read, Time};

/// Judges one HC1 text at `venue`. `keys` and `policies` are the stored `keys.json` and
/// `policies.json` (absent or not verifying under `roots`: "no trust data"). Never panics.
pub fn scan(text: &str, keys: Option<&str>, policies: Option<&str>, roots: &[VerifyingKey], venue: &VenueKey, device_now: Time) -> ForeignView {
    let verifier = Verifier {
        trust: keys.and_then(|k| TrustList::open_with(k.as_bytes(), roots).ok()),
        policies: policies.and_then(|p| PolicySet::open_with(p.as_bytes(), roots).ok()),
        venue: venue.clone(),
        revocation: None,
    };
    let (now, _) = verifier.effective_now(device_now);
    let mut reasons = verifier.status_reasons(device_now);
    let Some(trust) = &verifier.trust else {
        // Nothing to verify against: say so rather than "unknown signer" (as for our codes).
        let (verdict, reasons) = conclude(reasons);
        return card::view(None, verdict, &reasons);
    };
    let Ok(read) = read(text) else {
        reasons.push(Reason::DccMalformed);
        let (verdict, reasons) = conclude(reasons);
        return card::view(None, verdict, &reasons);
    };
    let signer = trust.dcc_signer(&read.opened.kid).and_then(Signer::from_entry);
    reasons.extend(validity(&read.verify(signer.as_ref(), now)));
    match verifier.policies.as_ref().and_then(|p| p.select(venue, now)) {
        Some(p) => reasons.extend(against_rule(&read.dcc.entry, p.foreign.as_ref(), now, p.skew())),
        None => reasons.push(Reason::PolicyMissing),
    }
    let (verdict, reasons) = conclude(reasons);
    card::view(Some(&read), verdict, &reasons)
}
