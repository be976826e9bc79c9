//! One layer's tar headers: what it adds, changes and deletes. File
//! contents stream through the decompressor (they must, to check the
//! digests) and are dropped; nothing is written to disk.

use crate::blob::{sniff, Compression, Guard, HashAhead, LimitHit};
use crate::{ImageError, Limits, ReadOptions};
use serde::Serialize;
use std::io::{self, BufRead, Read};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    File,
    Dir,
    Symlink,
    Hardlink,
    /// `.wh.<name>`: deletes `path` from the layers below.
    Whiteout,
    /// `.wh..wh..opq`: hides everything the layers below put in `path`.
    Opaque,
    Other,
}

/// One tar entry, with its path made relative to the image root.
#[derive(Debug, Clone, Serialize)]
pub struct LayerEntry {
    /// Without a leading `/`; for whiteouts, the path they delete.
    pub path: String,
    pub kind: EntryKind,
    pub size: u64,
    pub mode: u32,
    pub uid: u64,
    /// Symlink or hard-link target, as written.
    pub link: Option<String>,
}

/// What one layer holds, without its contents.
#[derive(Debug, Clone, Default)]
pub struct LayerIndex {
    /// `sha256:` of the blob as stored (compressed).
    pub digest: String,
    pub size: u64,
    /// `sha256:` of the uncompressed tar (the config's `diff_id`).
    pub diff_id: String,
    pub uncompressed_size: u64,
    pub entries: Vec<LayerEntry>,
    /// Contents of the few small files worth reading (`/etc/os-release`,
    /// `/usr/lib/os-release`), and what `ReadOptions::inspect` kept of
    /// others, by path. Nothing else is kept.
    pub captured: Vec<(String, Vec<u8>)>,
    /// Entry names that tried to leave the root (`../x`, or absolute
    /// paths through `..`); they are clamped to the root, as runtimes do.
    pub escaping_paths: Vec<String>,
}

/// Reads a layer blob (tar, gzip or zstd) to its end.
///
/// The blob's bytes are hashed on one thread and, when compressed, the
/// decompressed tar's on another, while this thread decompresses and
/// walks. Uncompressed, the tar is the blob and is hashed once: its
/// digest is the diff_id.
pub fn index_layer(
    reader: impl Read,
    what: &str,
    opts: &ReadOptions,
) -> Result<LayerIndex, ImageError> {
    let limits = &opts.limits;
    let mut raw = HashAhead::new(reader).map_err(|e| read_error(what, e))?;
    let compressed = raw.counter();
    let compression = sniff(&mut raw).map_err(|e| read_error(what, e))?;
    let guard = |inner| Guard {
        inner,
        read: 0,
        max_bytes: limits.max_layer_bytes,
        max_ratio: limits.max_ratio,
        compressed: compressed.clone(),
    };
    let (tar_digest, uncompressed_size, (entries, escaping_paths, captured)) = match compression {
        Compression::None => {
            let mut tar_stream = guard(Box::new(&mut raw) as Box<dyn Read + '_>);
            let walked = walk(&mut tar_stream, what, limits, opts.inspect)?;
            // The tar's end-of-archive blocks and any padding count for
            // the digest too.
            io::copy(&mut tar_stream, &mut io::sink()).map_err(|e| read_error(what, e))?;
            (None, tar_stream.read, walked)
        }
        Compression::Gzip | Compression::Zstd => {
            let decoded: Box<dyn Read + '_> = if compression == Compression::Gzip {
                Box::new(flate2::bufread::MultiGzDecoder::new(&mut raw))
            } else {
                Box::new(
                    zstd::stream::read::Decoder::with_buffer(&mut raw)
                        .map_err(|e| read_error(what, e))?,
                )
            };
            let mut tar_stream = HashAhead::new(guard(decoded)).map_err(|e| read_error(what, e))?;
            let walked = walk(&mut tar_stream, what, limits, opts.inspect)?;
            let (digest, n) = tar_stream.finish().map_err(|e| read_error(what, e))?;
            (Some(digest), n, walked)
        }
    };
    let (digest, size) = raw.finish().map_err(|e| read_error(what, e))?;
    let diff_id = tar_digest.unwrap_or_else(|| digest.clone());
    Ok(LayerIndex {
        digest,
        size,
        diff_id,
        uncompressed_size,
        entries,
        escaping_paths,
        captured,
    })
}

/// Files whose contents the analysis needs, and the most it reads of each.
const CAPTURE: &[&str] = &["etc/os-release", "usr/lib/os-release"];
const CAPTURE_MAX: u64 = 64 << 10;

type Walked = (Vec<LayerEntry>, Vec<String>, Vec<(String, Vec<u8>)>);

fn walk(
    reader: &mut impl Read,
    what: &str,
    limits: &Limits,
    inspect: Option<crate::Inspect>,
) -> Result<Walked, ImageError> {
    let mut archive = tar::Archive::new(reader);
    let mut entries = Vec::new();
    let mut escaping = Vec::new();
    let mut captured = Vec::new();
    for entry in archive.entries().map_err(|e| read_error(what, e))? {
        let mut entry = entry.map_err(|e| read_error(what, e))?;
        if entries.len() >= limits.max_entries {
            return Err(ImageError::LimitExceeded {
                what: what.to_string(),
                why: "too many entries in one layer".into(),
                limit: limits.max_entries as u64,
            });
        }
        let header = entry.header();
        let raw_path = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
        let (path, escaped) = normalize(&raw_path);
        if escaped {
            escaping.push(raw_path.clone());
        }
        let link = entry
            .link_name_bytes()
            .map(|b| String::from_utf8_lossy(&b).into_owned());
        let size = header.entry_size().unwrap_or(0);
        let mode = header.mode().unwrap_or(0);
        let uid = header.uid().unwrap_or(0);
        let (dir, name) = match path.rsplit_once('/') {
            Some((d, n)) => (d, n),
            None => ("", path.as_str()),
        };
        let (kind, path) = if name == ".wh..wh..opq" {
            (EntryKind::Opaque, dir.to_string())
        } else if let Some(target) = name.strip_prefix(".wh.") {
            let p = if dir.is_empty() {
                target.to_string()
            } else {
                format!("{dir}/{target}")
            };
            (EntryKind::Whiteout, p)
        } else {
            let t = header.entry_type();
            let kind = if t.is_file() || t.is_contiguous() {
                EntryKind::File
            } else if t.is_dir() {
                EntryKind::Dir
            } else if t.is_symlink() {
                EntryKind::Symlink
            } else if t.is_hard_link() {
                EntryKind::Hardlink
            } else {
                EntryKind::Other
            };
            (kind, path)
        };
        let size = if kind == EntryKind::File { size } else { 0 };
        if kind == EntryKind::File && size <= CAPTURE_MAX && CAPTURE.contains(&path.as_str()) {
            let mut content = Vec::with_capacity(size as usize);
            (&mut entry)
                .take(CAPTURE_MAX)
                .read_to_end(&mut content)
                .map_err(|e| read_error(what, e))?;
            captured.push((path.clone(), content));
        } else if let (EntryKind::File, Some(inspect)) = (&kind, inspect) {
            if let Some(kept) =
                inspect(&path, size, mode, &mut entry).map_err(|e| read_error(what, e))?
            {
                captured.push((path.clone(), kept));
            }
        }
        entries.push(LayerEntry {
            path,
            kind,
            size,
            mode,
            uid,
            link,
        });
    }
    Ok((entries, escaping, captured))
}

/// `./usr//bin/../lib/` → `usr/lib`; `..` past the root stays at the root
/// and is reported.
pub(crate) fn normalize(raw: &str) -> (String, bool) {
    let mut parts: Vec<&str> = Vec::new();
    let mut escaped = false;
    for part in raw.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    escaped = true;
                }
            }
            p => parts.push(p),
        }
    }
    (parts.join("/"), escaped)
}

pub(crate) fn read_error(what: &str, e: io::Error) -> ImageError {
    if let Some(hit) = e.get_ref().and_then(|i| i.downcast_ref::<LimitHit>()) {
        return ImageError::LimitExceeded {
            what: what.to_string(),
            why: hit.why.clone(),
            limit: hit.limit,
        };
    }
    let why = match e.kind() {
        io::ErrorKind::UnexpectedEof => "truncated: the data ends early".to_string(),
        _ => format!("cannot read the layer: {e}"),
    };
    ImageError::invalid(what, why)
}

/// Peeks whether a blob looks like JSON (a manifest or config) rather than
/// a layer.
pub(crate) fn looks_like_json(reader: &mut impl BufRead) -> io::Result<bool> {
    let head = reader.fill_buf()?;
    Ok(head
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| *b == b'{' || *b == b'['))
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn paths_are_clamped_to_the_root() {
        assert_eq!(normalize("./usr//bin/../lib/"), ("usr/lib".into(), false));
        assert_eq!(normalize("/etc/passwd"), ("etc/passwd".into(), false));
        assert_eq!(normalize("../../etc/shadow"), ("etc/shadow".into(), true));
    }
}
