//! Reading one blob: hashing what passes through, recognising its
//! compression, and stopping runaway decompression.

use ring::digest::{self, Context, SHA256};
use std::cell::Cell;
use std::io::{self, BufRead, Read};
use std::rc::Rc;

/// Passes bytes through while computing their SHA-256 and count.
pub(crate) struct Hashing<R> {
    inner: R,
    /// `None` when the bytes are counted only (see `counting`).
    hasher: Option<Context>,
    count: Rc<Cell<u64>>,
}

impl<R: Read> Hashing<R> {
    pub fn new(inner: R) -> Self {
        Hashing {
            inner,
            hasher: Some(Context::new(&SHA256)),
            count: Rc::new(Cell::new(0)),
        }
    }

    /// Counts without hashing: for an uncompressed layer the tar is the
    /// blob, whose digest is already being computed, and hashing it twice
    /// was most of the time of a walk.
    pub fn counting(inner: R) -> Self {
        Hashing {
            inner,
            hasher: None,
            count: Rc::new(Cell::new(0)),
        }
    }

    /// A handle that sees the byte count while a decoder owns the reader.
    pub fn counter(&self) -> Rc<Cell<u64>> {
        Rc::clone(&self.count)
    }

    /// `sha256:<hex>` (`None` when only counting) and the number of bytes
    /// read.
    pub fn finish(self) -> (Option<String>, u64) {
        let digest = self.hasher.map(|h| hex_digest(h.finish().as_ref()));
        (digest, self.count.get())
    }
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if let Some(h) = &mut self.hasher {
            h.update(&buf[..n]);
        }
        self.count.set(self.count.get() + n as u64);
        Ok(n)
    }
}

/// `sha256:` and lower-case hex (a dozen lines do not justify a hex crate).
pub(crate) fn hex_digest(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(7 + bytes.len() * 2);
    s.push_str("sha256:");
    for b in bytes {
        s.push(HEX[usize::from(b >> 4)] as char);
        s.push(HEX[usize::from(b & 15)] as char);
    }
    s
}

pub(crate) fn sha256(bytes: &[u8]) -> String {
    hex_digest(digest::digest(&SHA256, bytes).as_ref())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Compression {
    None,
    Gzip,
    Zstd,
}

/// The compression of a blob from its first bytes (media types lie:
/// Docker writes gzip layers under `.tar` names).
pub(crate) fn sniff(reader: &mut impl BufRead) -> io::Result<Compression> {
    let head = reader.fill_buf()?;
    Ok(if head.starts_with(&[0x1f, 0x8b]) {
        Compression::Gzip
    } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        Compression::Zstd
    } else {
        Compression::None
    })
}

/// The error a [`Guard`] raises, recognised by the caller.
#[derive(Debug)]
pub(crate) struct LimitHit {
    pub why: String,
    pub limit: u64,
}

impl std::fmt::Display for LimitHit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} (limit {})", self.why, self.limit)
    }
}

impl std::error::Error for LimitHit {}

/// Counts decompressed bytes and fails once they pass the absolute limit
/// or `ratio` times the compressed bytes read so far (past a floor).
pub(crate) struct Guard<R> {
    pub inner: R,
    pub read: u64,
    pub max_bytes: u64,
    pub max_ratio: u64,
    pub compressed: Rc<Cell<u64>>,
}

const RATIO_FLOOR: u64 = 64 << 20;

impl<R: Read> Read for Guard<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        if self.read > self.max_bytes {
            return Err(io::Error::other(LimitHit {
                why: format!("decompressed to more than {} bytes", self.max_bytes),
                limit: self.max_bytes,
            }));
        }
        let compressed = self.compressed.get().max(1);
        if self.read > RATIO_FLOOR && self.read / compressed > self.max_ratio {
            return Err(io::Error::other(LimitHit {
                why: format!(
                    "expands more than {}× ({} bytes from {compressed})",
                    self.max_ratio, self.read
                ),
                limit: self.max_ratio,
            }));
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digest_of_known_input() {
        assert_eq!(
            sha256(b"abc"),
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
