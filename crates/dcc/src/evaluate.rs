//! Stage 6: what was read and verified → the core's reasons and verdict (zh/en texts in
//! `yima_core::i18n`). No foreign-certificate policy yet (test age, full vaccination): only
//! the certificate's own validity is judged here.

use yima_core::verdict::{conclude, Reason, Verdict};

use crate::verify::{SignatureStatus, TimeStatus, Verification};
use crate::ReadError;

/// Every reason against a DCC, worst first, and the verdict they force; a DCC that passes
/// every check gives [`Reason::AllChecksPassed`].
pub fn judge(read: Result<&Verification, &ReadError>) -> (Verdict, Vec<Reason>) {
    let Ok(v) = read else { return conclude(vec![Reason::DccMalformed]) };
    let mut reasons = Vec::new();
    match v.signature {
        SignatureStatus::Valid => {}
        SignatureStatus::UnknownSigner => reasons.push(Reason::DccUnknownSigner),
        SignatureStatus::Failed(_) => reasons.push(Reason::DccBadSignature),
    }
    match v.time {
        TimeStatus::Valid => {}
        TimeStatus::Expired { at } => reasons.push(Reason::DccExpired { at }),
        TimeStatus::NotYetValid { from } => reasons.push(Reason::DccNotYetValid { from }),
        TimeStatus::SignerOutside { .. } => reasons.push(Reason::DccSignerOutside),
    }
    if v.usage_allowed == Some(false) {
        reasons.push(Reason::DccKeyUsage);
    }
    conclude(reasons)
}
