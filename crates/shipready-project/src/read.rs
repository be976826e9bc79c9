//! Reading an input's text: bounded in size (a file larger than any real
//! Dockerfile, Compose file or manifest is refused before it is read), as
//! UTF-8 without NUL bytes; every refusal says why and on which line.

use std::io::Read;
use std::path::Path;

/// Inputs are kilobytes; anything this large is not one, and refusing it
/// keeps memory bounded.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Why an input's text could not be read. The message goes into an input
/// error that names the file itself, so it does not repeat the path.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    #[error("is a directory, not a file")]
    Directory,
    #[error("file is {:.1} MB; files larger than {} MB are not checked", *.0 as f64 / 1e6, MAX_FILE_BYTES >> 20)]
    TooLarge(u64),
    #[error("binary file (NUL byte on line {0}), not text")]
    Binary(usize),
    #[error("invalid UTF-8 on line {line} (byte {byte}); files must be UTF-8")]
    NotUtf8 { line: usize, byte: usize },
}

/// The bytes of a file, at most [`MAX_FILE_BYTES`].
pub fn read_file(path: &Path) -> Result<Vec<u8>, ReadError> {
    // std rather than fs-err: the input error names the file already.
    let meta = std::fs::metadata(path)?;
    if meta.is_dir() {
        return Err(ReadError::Directory);
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(meta.len()));
    }
    let f = std::fs::File::open(path)?;
    let mut buf = Vec::with_capacity(meta.len() as usize);
    // `take` bounds memory even if the file grows while we read it.
    f.take(MAX_FILE_BYTES + 1).read_to_end(&mut buf)?;
    if buf.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(buf.len() as u64));
    }
    Ok(buf)
}

/// 1-based line of byte `pos`.
fn line_at(bytes: &[u8], pos: usize) -> usize {
    memchr::memchr_iter(b'\n', &bytes[..pos.min(bytes.len())]).count() + 1
}

/// Text from bytes: UTF-8, no NUL. Takes the bytes by value so valid text
/// becomes its `String` without a copy.
pub fn decode(bytes: Vec<u8>) -> Result<String, ReadError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(bytes.len() as u64));
    }
    if let Some(pos) = memchr::memchr(0, &bytes) {
        return Err(ReadError::Binary(line_at(&bytes, pos)));
    }
    String::from_utf8(bytes).map_err(|e| {
        let byte = e.utf8_error().valid_up_to();
        ReadError::NotUtf8 {
            line: line_at(e.as_bytes(), byte),
            byte,
        }
    })
}

/// A file's text, or why it cannot be checked.
pub fn read_text(path: &Path) -> Result<String, ReadError> {
    read_file(path).and_then(decode)
}
