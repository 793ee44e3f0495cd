//! Little-endian reading and writing of the binary revocation payload. Every read checks the
//! length first: a truncated payload is an error, never a panic.

use super::RevocationError;

#[derive(Default)]
pub struct Writer(pub Vec<u8>);

impl Writer {
    pub fn bytes(&mut self, b: &[u8]) {
        self.0.extend_from_slice(b);
    }
    pub fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    pub fn u32(&mut self, v: u32) {
        self.bytes(&v.to_le_bytes());
    }
    pub fn u64(&mut self, v: u64) {
        self.bytes(&v.to_le_bytes());
    }
    /// A count, then the entries (callers pass them sorted).
    pub fn entries(&mut self, v: &[u64]) {
        self.u32(u32::try_from(v.len()).unwrap_or(u32::MAX));
        self.raw_entries(v);
    }
    /// The entries alone (their count was written before).
    pub fn raw_entries(&mut self, v: &[u64]) {
        v.iter().for_each(|e| self.u64(*e));
    }
}

pub struct Reader<'a>(pub &'a [u8]);

impl<'a> Reader<'a> {
    pub fn take(&mut self, n: usize) -> Result<&'a [u8], RevocationError> {
        if n > self.0.len() {
            return Err(RevocationError::Truncated);
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Ok(head)
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N], RevocationError> {
        self.take(N)?.try_into().map_err(|_| RevocationError::Truncated)
    }
    pub fn u8(&mut self) -> Result<u8, RevocationError> {
        Ok(u8::from_le_bytes(self.array()?))
    }
    pub fn u32(&mut self) -> Result<u32, RevocationError> {
        Ok(u32::from_le_bytes(self.array()?))
    }
    pub fn u64(&mut self) -> Result<u64, RevocationError> {
        Ok(u64::from_le_bytes(self.array()?))
    }
    pub fn i64(&mut self) -> Result<i64, RevocationError> {
        Ok(i64::from_le_bytes(self.array()?))
    }
    /// A count, then that many entries in strictly ascending order (so lookups can bisect).
    pub fn entries(&mut self) -> Result<Vec<u64>, RevocationError> {
        let n = self.u32()? as usize;
        self.raw_entries(n)
    }
    /// `n` entries (their count was read before), strictly ascending.
    pub fn raw_entries(&mut self, n: usize) -> Result<Vec<u64>, RevocationError> {
        let raw = self.take(n.checked_mul(8).ok_or(RevocationError::Truncated)?)?;
        let v: Vec<u64> = raw.chunks_exact(8).map(|c| u64::from_le_bytes(c.try_into().unwrap_or_default())).collect();
        if v.windows(2).any(|w| w[0] >= w[1]) {
            return Err(RevocationError::Unsorted);
        }
        Ok(v)
    }
    /// Nothing may follow the content.
    pub fn end(&self) -> Result<(), RevocationError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(RevocationError::TrailingBytes)
        }
    }
}
