//! What to keep of a file while reading it: the whole of a package
//! database or lockfile (bounded), the metadata of a jar, the build
//! information of a binary. One function for the image layer walk (its
//! `inspect` hook) and for files of a source tree.

use crate::catalog::inspect_binary;
use crate::files::{is_executable, kind_of, FileKind};
use std::io::{self, Read};

/// Kept instead of a file too large to read: the cataloger reports it.
const TOO_LARGE: &[u8] = b"\0shipready:too-large:";

/// The bytes to keep of a file, or `None` when no cataloger reads it.
/// The signature is `shipready_image::Inspect`'s.
pub fn keep(
    path: &str,
    size: u64,
    mode: u32,
    content: &mut dyn Read,
) -> io::Result<Option<Vec<u8>>> {
    let Some(kind) = kind_of(path) else {
        return if is_executable(mode, size) {
            inspect_binary(size, content)
        } else {
            Ok(None)
        };
    };
    if size > kind.max_bytes() {
        let mut marker = TOO_LARGE.to_vec();
        marker.extend(size.to_string().bytes());
        return Ok(Some(marker));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    content.take(kind.max_bytes() + 1).read_to_end(&mut bytes)?;
    if kind == FileKind::Jar {
        return Ok(crate::catalog::jar_inspect(path, &bytes));
    }
    Ok(Some(bytes))
}

/// The size of a file kept as too large.
pub(crate) fn too_large(kept: &[u8]) -> Option<u64> {
    std::str::from_utf8(kept.strip_prefix(TOO_LARGE)?)
        .ok()?
        .parse()
        .ok()
}
