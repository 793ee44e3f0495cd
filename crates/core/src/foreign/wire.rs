//! The bytes that cross between the app and the DCC module, both ways: [`ForeignParts`] in
//! and [`ForeignView`] back. Hand-written (a format byte, then fields in the order of their
//! structs, little-endian) because it is the smallest code on both sides: serde through
//! ciborium cost the module 8 KB gzipped (each crate gets its own copy of ciborium's generic
//! code), and reading the card as JSON cost the app's first paint 3.4 KB.

use chrono::Duration;

use super::{ForeignContext, ForeignParts, SignerParts};
use crate::card::{ForeignView, Line, Row};
use crate::policy::ForeignRule;
use crate::reason_wire;
use crate::trust::DccType;
use crate::{Reason, Time, Verdict};

/// The first byte of each encoding: anything else is not that format (or not its version).
const PARTS: u8 = 1;
const VIEW: u8 = 2;

impl ForeignParts {
    /// An `Option` is a byte 0 or 1 and its value, times are Unix ms (whole ms are kept),
    /// reasons and types are bits, the signer's key comes last and runs to the end.
    pub fn to_bytes(&self) -> Vec<u8> {
        // Every field named, so that a new one cannot be left out.
        let ForeignParts { context: ForeignContext { now, status, trusted, policy }, signer } = self;
        let mut w = Write(vec![PARTS]);
        w.time(*now);
        w.u32(status_bits(status));
        w.flag(*trusted);
        w.opt(policy.as_ref(), |w, (rule, skew)| {
            w.i64(skew.num_seconds());
            w.opt(rule.as_ref(), |w, ForeignRule { test_hours, rapid_antigen, vaccination_days, recovery }| {
                w.opt(*test_hours, Write::u32);
                w.flag(*rapid_antigen);
                w.opt(*vaccination_days, Write::u32);
                w.flag(*recovery);
            });
        });
        w.opt(signer.as_ref(), |w, SignerParts { key, not_before, not_after, types }| {
            w.time(*not_before);
            w.time(*not_after);
            w.u32(types_bits(types));
            w.0.extend_from_slice(key);
        });
        w.0
    }

    /// `None` for anything [`to_bytes`](Self::to_bytes) does not write. Never panics.
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        let mut r = Read(bytes.strip_prefix(&[PARTS])?);
        let (now, status, trusted) = (r.time()?, status_from_bits(r.u32()?), r.flag()?);
        let policy = r.opt(|r| {
            let skew = Duration::try_seconds(r.i64()?)?;
            let rule = r.opt(|r| {
                let (test_hours, rapid_antigen) = (r.opt(Read::u32)?, r.flag()?);
                Some(ForeignRule { test_hours, rapid_antigen, vaccination_days: r.opt(Read::u32)?, recovery: r.flag()? })
            })?;
            Some((rule, skew))
        })?;
        let signer = r.opt(|r| {
            let (not_before, not_after, types) = (r.time()?, r.time()?, types_from_bits(r.u32()?));
            Some(SignerParts { key: std::mem::take(&mut r.0).to_vec(), not_before, not_after, types })
        })?;
        r.0.is_empty().then_some(ForeignParts { context: ForeignContext { now, status, trusted, policy }, signer })
    }
}

/// A verdict is its index here.
const VERDICTS: [Verdict; 3] = [Verdict::Pass, Verdict::Check, Verdict::Deny];

impl ForeignView {
    /// The card as the module hands it back: texts are a u32 length and UTF-8, lists a u32
    /// count and their items.
    pub fn to_bytes(&self) -> Vec<u8> {
        let ForeignView { verdict, reasons, holder, country, rows } = self;
        let mut w = Write(vec![VIEW]);
        w.0.push(VERDICTS.iter().position(|v| v == verdict).unwrap_or_default() as u8);
        w.list(reasons, |w, r| w.text(&reason_wire::text(r)));
        w.text(holder);
        w.text(country);
        w.list(rows, |w, Row { label, value, alarm }| {
            w.line(label);
            w.line(value);
            w.flag(*alarm);
        });
        w.0
    }

    /// `None` for anything [`to_bytes`](Self::to_bytes) does not write. Never panics.
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        let mut r = Read(bytes.strip_prefix(&[VIEW])?);
        let verdict = *VERDICTS.get(usize::from(r.take::<1>()?[0]))?;
        let (reasons, holder, country) = (r.list(|r| reason_wire::parse(&r.text()?))?, r.text()?, r.text()?);
        let rows = r.list(|r| Some(Row { label: r.line()?, value: r.line()?, alarm: r.flag()? }))?;
        r.0.is_empty().then_some(ForeignView { verdict, reasons, holder, country, rows })
    }
}

/// The reasons a [`ForeignContext`] can hold, bit 0 first.
const STATUS: [Reason; 3] = [Reason::NoTrustData, Reason::TrustDataStale, Reason::ClockBehindTrustList];

/// The status reasons as bits (others are not carried).
fn status_bits(status: &[Reason]) -> u32 {
    STATUS.iter().enumerate().filter(|(_, r)| status.contains(r)).map(|(i, _)| 1 << i).sum()
}

/// The status reasons of [`status_bits`]; unknown bits are ignored.
fn status_from_bits(bits: u32) -> Vec<Reason> {
    STATUS.iter().enumerate().filter(|(i, _)| bits & (1 << i) != 0).map(|(_, r)| r.clone()).collect()
}

/// Certificate types as bits, in the order of [`DccType::ALL`].
fn types_bits(types: &[DccType]) -> u32 {
    DccType::ALL.iter().enumerate().filter(|(_, t)| types.contains(t)).map(|(i, _)| 1 << i).sum()
}

/// The certificate types of [`types_bits`]; unknown bits are ignored.
fn types_from_bits(bits: u32) -> Vec<DccType> {
    DccType::ALL.iter().enumerate().filter(|(i, _)| bits & (1 << i) != 0).map(|(_, t)| *t).collect()
}

struct Write(Vec<u8>);

impl Write {
    fn flag(&mut self, f: bool) {
        self.0.push(f.into());
    }
    fn u32(&mut self, n: u32) {
        self.0.extend_from_slice(&n.to_le_bytes());
    }
    fn i64(&mut self, n: i64) {
        self.0.extend_from_slice(&n.to_le_bytes());
    }
    fn time(&mut self, t: Time) {
        self.i64(t.timestamp_millis());
    }
    fn opt<T>(&mut self, v: Option<T>, write: impl FnOnce(&mut Self, T)) {
        self.flag(v.is_some());
        if let Some(v) = v {
            write(self, v);
        }
    }
    fn len(&mut self, n: usize) {
        self.u32(u32::try_from(n).unwrap_or(u32::MAX));
    }
    fn text(&mut self, t: &str) {
        self.len(t.len());
        self.0.extend_from_slice(t.as_bytes());
    }
    fn line(&mut self, Line { code, zh, en }: &Line) {
        self.text(code);
        self.text(zh);
        self.text(en);
    }
    fn list<T>(&mut self, items: &[T], mut write: impl FnMut(&mut Self, &T)) {
        self.len(items.len());
        for item in items {
            write(self, item);
        }
    }
}

/// What is left to read; every read is `None` when it runs out or meets what was not written.
struct Read<'a>(&'a [u8]);

impl Read<'_> {
    fn take<const N: usize>(&mut self) -> Option<[u8; N]> {
        let (head, rest) = self.0.split_first_chunk::<N>()?;
        self.0 = rest;
        Some(*head)
    }
    fn flag(&mut self) -> Option<bool> {
        match self.take()? {
            [0] => Some(false),
            [1] => Some(true),
            _ => None,
        }
    }
    fn u32(&mut self) -> Option<u32> {
        self.take().map(u32::from_le_bytes)
    }
    fn i64(&mut self) -> Option<i64> {
        self.take().map(i64::from_le_bytes)
    }
    fn time(&mut self) -> Option<Time> {
        Time::from_timestamp_millis(self.i64()?)
    }
    fn opt<T>(&mut self, read: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        if self.flag()? {
            read(self).map(Some)
        } else {
            Some(None)
        }
    }
    fn text(&mut self) -> Option<String> {
        let n = usize::try_from(self.u32()?).ok()?;
        let (text, rest) = self.0.split_at_checked(n)?;
        self.0 = rest;
        String::from_utf8(text.to_vec()).ok()
    }
    fn line(&mut self) -> Option<Line> {
        Some(Line { code: self.text()?, zh: self.text()?, en: self.text()? })
    }
    /// Items are read until the count is reached or one fails: a false count allocates nothing.
    fn list<T>(&mut self, mut read: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        (0..self.u32()?).map(|_| read(self)).collect()
    }
}

#[cfg(test)]
mod tests;
