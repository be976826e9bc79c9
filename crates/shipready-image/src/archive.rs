//! A tar holding an image (`docker save`, an OCI layout tar, or the
//! Engine's export stream), read in one pass: small JSON documents are
//! kept, every layer is indexed as it streams past, and the manifest is
//! resolved at the end, since `docker save` may write it last.

use crate::blob::{sniff, Compression};
use crate::layer::{index_layer, looks_like_json, normalize, read_error};
use crate::oci::{resolve, Store};
use crate::{Image, ImageError, LayerIndex, ReadOptions};
use rayon::prelude::*;
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::Path;

struct TarStore {
    name: String,
    json: HashMap<String, Vec<u8>>,
    /// A blob that failed to read as a layer keeps its error until the
    /// manifest says it is one: a stray file in the tar is not an error.
    layers: HashMap<String, Result<LayerIndex, ImageError>>,
    /// Entries of the tar, of any kind.
    seen: usize,
}

impl Store for TarStore {
    fn name(&self) -> &str {
        &self.name
    }
    fn json(&mut self, path: &str) -> Result<Option<Vec<u8>>, ImageError> {
        Ok(self.json.get(&normalize(path).0).cloned())
    }
    fn layer(&mut self, path: &str) -> Result<Option<LayerIndex>, ImageError> {
        self.layers.remove(&normalize(path).0).transpose()
    }
}

pub(crate) fn read_tar(
    reader: impl Read,
    name: &str,
    opts: &ReadOptions,
) -> Result<Image, ImageError> {
    // Small buffers on purpose: a layer's reader asks for whole 256 KB
    // chunks, and a `BufReader` whose buffer is smaller than a request
    // passes it straight through instead of copying.
    let mut buffered = BufReader::with_capacity(64 << 10, reader);
    // `docker save | gzip` is common; accept it.
    let outer: Box<dyn Read> = match sniff(&mut buffered).map_err(|e| read_error(name, e))? {
        Compression::Gzip => Box::new(flate2::bufread::MultiGzDecoder::new(buffered)),
        Compression::Zstd => Box::new(
            zstd::stream::read::Decoder::with_buffer(buffered).map_err(|e| read_error(name, e))?,
        ),
        Compression::None => Box::new(buffered),
    };
    let mut store = TarStore::new(name);
    let mut archive = tar::Archive::new(outer);
    let entries = archive.entries().map_err(|e| not_a_tar(name, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| not_a_tar(name, e))?;
        let Some((path, mut reader)) = store.take_json(entry, opts)? else {
            continue;
        };
        let what = format!("{name}: {path}");
        let index = index_layer(&mut reader, &what, opts);
        // Skip what the failed read left, so the next entry is found.
        std::io::copy(&mut reader, &mut std::io::sink()).map_err(|e| not_a_tar(name, e))?;
        store.layers.insert(path, index);
    }
    store.finish(opts)
}

/// An uncompressed tar on disk: its headers are read first, seeking past
/// the contents, and then its layers are read side by side on rayon's
/// pool (a thread per core), each through its own handle on the file. A
/// `docker save` archive is mostly two or three big layers, and hashing
/// them in parallel is what makes the walk as fast as a plain read.
/// Compressed archives stream through [`read_tar`].
pub(crate) fn read_tar_file(path: &Path, opts: &ReadOptions) -> Result<Image, ImageError> {
    let name = path.display().to_string();
    let open = || File::open(path).map_err(|e| ImageError::io(path, e));
    let mut head = BufReader::with_capacity(64 << 10, open()?);
    if sniff(&mut head).map_err(|e| read_error(&name, e))? != Compression::None {
        drop(head);
        return read_tar(open()?, &name, opts);
    }
    let mut store = TarStore::new(&name);
    let mut layers = Vec::new();
    let mut archive = tar::Archive::new(head);
    let entries = archive
        .entries_with_seek()
        .map_err(|e| not_a_tar(&name, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| not_a_tar(&name, e))?;
        let offset = entry.raw_file_position();
        let size = entry.header().entry_size().unwrap_or(0);
        if let Some((path, _)) = store.take_json(entry, opts)? {
            layers.push((path, offset, size));
        }
    }
    let read_one = |(path, offset, size): &(String, u64, u64)| {
        let what = format!("{name}: {path}");
        let mut file = open()?;
        file.seek(SeekFrom::Start(*offset))
            .map_err(|e| read_error(&what, e))?;
        index_layer(file.take(*size), &what, opts)
    };
    // One layer per task, so two big layers go to two cores.
    let results: Vec<Result<LayerIndex, ImageError>> =
        layers.par_iter().with_max_len(1).map(read_one).collect();
    // In the archive's order, so a path written twice keeps its last copy
    // as the streaming read does.
    for ((path, _, _), index) in layers.into_iter().zip(results) {
        store.layers.insert(path, index);
    }
    store.finish(opts)
}

/// A file entry that is not JSON, by its path: it may be a layer.
type MaybeLayer<'a, R> = (String, BufReader<tar::Entry<'a, R>>);

impl TarStore {
    fn new(name: &str) -> Self {
        TarStore {
            name: name.to_string(),
            json: HashMap::new(),
            layers: HashMap::new(),
            seen: 0,
        }
    }

    /// Keeps a small JSON entry; hands back a file entry that may be a
    /// layer, with its path, and skips the rest.
    fn take_json<'a, R: Read>(
        &mut self,
        entry: tar::Entry<'a, R>,
        opts: &ReadOptions,
    ) -> Result<Option<MaybeLayer<'a, R>>, ImageError> {
        self.seen += 1;
        if !entry.header().entry_type().is_file() {
            return Ok(None);
        }
        let path = normalize(&String::from_utf8_lossy(&entry.path_bytes())).0;
        let size = entry.header().entry_size().unwrap_or(0);
        let what = format!("{}: {path}", self.name);
        // Only for the JSON peek (see above about the size).
        let mut reader = BufReader::with_capacity(8 << 10, entry);
        let json = size <= opts.limits.max_json_bytes
            && (path.ends_with(".json")
                || path == "oci-layout"
                || path == "repositories"
                || looks_like_json(&mut reader).map_err(|e| read_error(&what, e))?);
        if !json {
            return Ok(Some((path, reader)));
        }
        let mut bytes = Vec::with_capacity(size as usize);
        reader
            .read_to_end(&mut bytes)
            .map_err(|e| read_error(&what, e))?;
        self.json.insert(path, bytes);
        Ok(None)
    }

    fn finish(mut self, opts: &ReadOptions) -> Result<Image, ImageError> {
        if self.seen == 0 {
            return Err(ImageError::NotAnImage {
                what: self.name.clone(),
                why: "the archive is empty".into(),
            });
        }
        let mut image = resolve(&mut self, opts)?;
        if image.format == "oci" {
            image.format = "oci-archive";
        }
        Ok(image)
    }
}

fn not_a_tar(name: &str, e: std::io::Error) -> ImageError {
    match read_error(name, e) {
        ImageError::Invalid { why, .. } => ImageError::NotAnImage {
            what: name.to_string(),
            why: format!("not a readable tar archive ({why})"),
        },
        other => other,
    }
}
