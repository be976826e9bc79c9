//! Reading an input's text: bounded in size (a file larger than any real
//! Dockerfile, Compose file or manifest is refused before it is read), as
//! UTF-8 without NUL bytes; every refusal says why and on which line.

use std::io::Read;
use std::path::Path;

/// Inputs are kilobytes; anything this large is not one, and refusing it
/// keeps memory bounded.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// The bytes of a file, at most [`MAX_FILE_BYTES`]. The error is the
/// message for an input error (the caller names the file).
pub fn read_file(path: &Path) -> Result<Vec<u8>, String> {
    // std rather than fs-err here: the message goes into an input error
    // that names the file itself, so the path must not be repeated.
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if meta.is_dir() {
        return Err("is a directory, not a file".into());
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(meta.len()));
    }
    let f = std::fs::File::open(path).map_err(|e| format!("cannot read: {e}"))?;
    let mut buf = Vec::with_capacity(meta.len() as usize);
    // `take` bounds memory even if the file grows while we read it.
    f.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut buf)
        .map_err(|e| format!("cannot read: {e}"))?;
    if buf.len() as u64 > MAX_FILE_BYTES {
        return Err(format!(
            "file is larger than {} MB; not checked",
            MAX_FILE_BYTES >> 20
        ));
    }
    Ok(buf)
}

fn too_large(len: u64) -> String {
    format!(
        "file is {:.1} MB; files larger than {} MB are not checked",
        len as f64 / 1e6,
        MAX_FILE_BYTES >> 20
    )
}

/// 1-based line of byte `pos`.
fn line_at(bytes: &[u8], pos: usize) -> usize {
    memchr::memchr_iter(b'\n', &bytes[..pos.min(bytes.len())]).count() + 1
}

/// Text from bytes: UTF-8, no NUL. Takes the bytes by value so valid text
/// becomes its `String` without a copy.
pub fn decode(bytes: Vec<u8>) -> Result<String, String> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    if let Some(pos) = memchr::memchr(0, &bytes) {
        let line = line_at(&bytes, pos);
        return Err(format!("binary file (NUL byte on line {line}), not text"));
    }
    String::from_utf8(bytes).map_err(|e| {
        let pos = e.utf8_error().valid_up_to();
        let line = line_at(e.as_bytes(), pos);
        format!("invalid UTF-8 on line {line} (byte {pos}); files must be UTF-8")
    })
}

/// A file's text, or why it cannot be checked.
pub fn read_text(path: &Path) -> Result<String, String> {
    read_file(path).and_then(decode)
}
