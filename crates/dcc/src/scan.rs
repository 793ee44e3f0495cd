//! The DCC module's call, pure: QR text + the verifier's context (`yima_core::foreign`) + the
//! signer the trust list has for the code's kid → the card.
//!
//! The app verifies the endpoint's root-signed files once, for every kind of code, and hands
//! the module only what one HC1 code needs: so the module carries no Ed25519 and no JSON
//! reader. [`scan`] is the same judgement from the signed files themselves (CLI and tests).

use ed25519_dalek::VerifyingKey;
use yima_core::ForeignView;
use yima_core::SignedContent;
use yima_core::VenueKey;
use yima_core::Verifier;
use yima_core::{conclude, Reason};
use yima_core::{ForeignContext, ForeignParts};
use yima_core::{PolicySet, TrustList};

use crate::cert::Signer;
use crate::evaluate::{against_rule, authentic, validity};
use crate::{card, read, Time};

/// The kid of an HC1 text (`None` if it cannot be read): what the trust list is asked for.
pub fn kid(text: &str) -> Option<Vec<u8>> {
    read(text).ok().map(|r| r.opened.kid)
}

/// Judges one HC1 text in `ctx`; `signer` gives the trust list's signer for a kid. Never panics.
pub fn judge(text: &str, ctx: &ForeignContext, signer: impl FnOnce(&[u8]) -> Option<Signer>) -> ForeignView {
    let mut reasons = ctx.status.clone();
    if !ctx.trusted {
        // Nothing to verify against: say so rather than "unknown signer" (as for our codes).
        let (verdict, reasons) = conclude(reasons);
        return card::view(None, verdict, &reasons);
    }
    let Ok(read) = read(text) else {
        reasons.push(Reason::DccMalformed);
        let (verdict, reasons) = conclude(reasons);
        return card::view(None, verdict, &reasons);
    };
    let signer = signer(&read.opened.kid);
    let verification = read.verify(signer.as_ref(), ctx.now);
    reasons.extend(validity(&verification));
    // Only a certificate whose signature verifies is judged against the rule and shown: an
    // unverified payload's doses, dates, name and country are not facts.
    let shown = authentic(&verification).then_some(&read);
    match (&ctx.policy, shown) {
        (Some((rule, skew)), Some(read)) => reasons.extend(against_rule(&read.dcc.entry, rule.as_ref(), ctx.now, *skew)),
        (Some(_), None) => {}
        (None, _) => reasons.push(Reason::PolicyMissing),
    }
    let (verdict, reasons) = conclude(reasons);
    card::view(shown, verdict, &reasons)
}

/// [`judge`] from what crosses into the DCC module: the context and the signer for the code's
/// kid, as [`ForeignParts::to_bytes`] wrote them. Bytes it did not write judge nothing: the card
/// says the certificate cannot be read (`dcc_malformed`). Never panics.
pub fn judge_bytes(text: &str, parts: &[u8]) -> ForeignView {
    let Some(ForeignParts { context, signer }) = ForeignParts::from_bytes(parts) else {
        let (verdict, reasons) = conclude(vec![Reason::DccMalformed]);
        return card::view(None, verdict, &reasons);
    };
    judge(text, &context, |kid| {
        let s = signer?;
        Signer::from_parts(kid.try_into().ok()?, &s.key, s.not_before, s.not_after, s.types)
    })
}

/// Judges one HC1 text at `venue` from the stored `keys.json` and `policies.json` (absent or
/// not verifying under `roots`: "no trust data"). Never panics.
pub fn scan(
    text: &str,
    keys: Option<&str>,
    policies: Option<&str>,
    roots: &[VerifyingKey],
    venue: &VenueKey,
    device_now: Time,
) -> ForeignView {
    let verifier = Verifier {
        trust: keys.and_then(|k| TrustList::open(k.as_bytes(), roots).ok()),
        policies: policies.and_then(|p| PolicySet::open(p.as_bytes(), roots).ok()),
        venue: venue.clone(),
        revocation: None,
        clock_floor: None,
    };
    let ctx = verifier.foreign_context(device_now);
    judge(text, &ctx, |kid| verifier.trust.as_ref()?.dcc_signer(kid).and_then(Signer::from_entry))
}
