//! Reading one blob: hashing what passes through, recognising its
//! compression, and stopping runaway decompression.

use ring::digest::{self, Context, SHA256};
use std::cell::Cell;
use std::io::{self, BufRead, Read};
use std::rc::Rc;
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::thread::JoinHandle;

/// Bytes in one chunk handed to the hashing thread.
const CHUNK: usize = 256 << 10;
/// Chunks in flight per stream: bounds the memory a slow hasher can hold
/// (2 MB) while letting the reader run ahead of it.
const IN_FLIGHT: usize = 8;

/// A buffered reader whose bytes are hashed on a second thread while the
/// caller (the tar walk, a decompressor) consumes them: SHA-256 of a large
/// layer costs as much as the rest of the walk, and the two overlap.
///
/// It reads `inner` straight into chunks it owns; a consumed chunk goes
/// to the hashing thread and comes back for reuse, so nothing is copied
/// for the hash and at most `IN_FLIGHT` chunks exist. Written by hand
/// because a channel of owned buffers is all it takes; no crate offers
/// a hashing `BufRead` that runs on another thread.
pub(crate) struct HashAhead<R> {
    inner: R,
    chunk: Vec<u8>,
    pos: usize,
    filled: usize,
    allocated: usize,
    full: Option<SyncSender<(Vec<u8>, usize)>>,
    empty: Receiver<Vec<u8>>,
    worker: Option<JoinHandle<String>>,
    count: Rc<Cell<u64>>,
}

impl<R: Read> HashAhead<R> {
    pub fn new(inner: R) -> io::Result<Self> {
        let (full, chunks) = mpsc::sync_channel::<(Vec<u8>, usize)>(IN_FLIGHT);
        let (give_back, empty) = mpsc::sync_channel::<Vec<u8>>(IN_FLIGHT);
        let worker = std::thread::Builder::new()
            .name("sha256".into())
            .spawn(move || {
                let mut hasher = Context::new(&SHA256);
                for (chunk, n) in chunks {
                    hasher.update(&chunk[..n]);
                    // The reader may be gone (an error ended the walk).
                    let _ = give_back.try_send(chunk);
                }
                hex_digest(hasher.finish().as_ref())
            })?;
        Ok(HashAhead {
            inner,
            chunk: Vec::new(),
            pos: 0,
            filled: 0,
            allocated: 0,
            full: Some(full),
            empty,
            worker: Some(worker),
            count: Rc::new(Cell::new(0)),
        })
    }

    /// A handle that sees the byte count while a decoder owns the reader.
    pub fn counter(&self) -> Rc<Cell<u64>> {
        Rc::clone(&self.count)
    }

    /// Hands the current chunk to the hasher and takes an empty one.
    fn rotate(&mut self) -> io::Result<()> {
        let next = match self.empty.try_recv() {
            Ok(chunk) => chunk,
            Err(_) if self.allocated < IN_FLIGHT + 1 => {
                self.allocated += 1;
                vec![0; CHUNK]
            }
            Err(_) => self.empty.recv().map_err(|_| hasher_gone())?,
        };
        let done = std::mem::replace(&mut self.chunk, next);
        if self.filled > 0 {
            let sender = self.full.as_ref().ok_or_else(hasher_gone)?;
            sender
                .send((done, self.filled))
                .map_err(|_| hasher_gone())?;
        }
        self.pos = 0;
        self.filled = 0;
        Ok(())
    }

    /// Reads `inner` to its end, waits for the hashing thread, and
    /// returns `sha256:<hex>` of every byte read and their number.
    pub fn finish(mut self) -> io::Result<(String, u64)> {
        io::copy(&mut self, &mut io::sink())?;
        if self.filled > 0 {
            self.rotate()?;
        }
        drop(self.full.take());
        let digest = self
            .worker
            .take()
            .ok_or_else(hasher_gone)?
            .join()
            .map_err(|_| hasher_gone())?;
        Ok((digest, self.count.get()))
    }
}

fn hasher_gone() -> io::Error {
    io::Error::other("the hashing thread stopped")
}

impl<R: Read> BufRead for HashAhead<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.pos == self.filled {
            if self.filled == CHUNK || self.chunk.is_empty() {
                self.rotate()?;
            }
            let n = self.inner.read(&mut self.chunk[self.filled..])?;
            self.count.set(self.count.get() + n as u64);
            self.filled += n;
        }
        Ok(&self.chunk[self.pos..self.filled])
    }

    fn consume(&mut self, amt: usize) {
        self.pos = (self.pos + amt).min(self.filled);
    }
}

impl<R: Read> Read for HashAhead<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.consume(n);
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
