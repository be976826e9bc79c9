//! A tar holding an image (`docker save`, an OCI layout tar, or the
//! Engine's export stream), read in one pass: small JSON documents are
//! kept, every layer is indexed as it streams past, and the manifest is
//! resolved at the end, since `docker save` may write it last.

use crate::blob::{sniff, Compression};
use crate::layer::{index_layer, looks_like_json, normalize, read_error};
use crate::oci::{resolve, Store};
use crate::{Image, ImageError, LayerIndex, ReadOptions};
use std::collections::HashMap;
use std::io::{BufReader, Read};

struct TarStore {
    name: String,
    json: HashMap<String, Vec<u8>>,
    /// A blob that failed to read as a layer keeps its error until the
    /// manifest says it is one: a stray file in the tar is not an error.
    layers: HashMap<String, Result<LayerIndex, ImageError>>,
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
    let mut buffered = BufReader::with_capacity(1 << 20, reader);
    // `docker save | gzip` is common; accept it.
    let outer: Box<dyn Read> = match sniff(&mut buffered).map_err(|e| read_error(name, e))? {
        Compression::Gzip => Box::new(flate2::bufread::MultiGzDecoder::new(buffered)),
        Compression::Zstd => Box::new(
            zstd::stream::read::Decoder::with_buffer(buffered).map_err(|e| read_error(name, e))?,
        ),
        Compression::None => Box::new(buffered),
    };
    let mut store = TarStore {
        name: name.to_string(),
        json: HashMap::new(),
        layers: HashMap::new(),
    };
    let mut archive = tar::Archive::new(outer);
    let entries = archive.entries().map_err(|e| not_a_tar(name, e))?;
    let mut seen = 0usize;
    for entry in entries {
        let entry = entry.map_err(|e| not_a_tar(name, e))?;
        seen += 1;
        if !entry.header().entry_type().is_file() {
            continue;
        }
        let path = normalize(&String::from_utf8_lossy(&entry.path_bytes())).0;
        let size = entry.header().entry_size().unwrap_or(0);
        let what = format!("{name}: {path}");
        let mut reader = BufReader::with_capacity(256 << 10, entry);
        let json = size <= opts.limits.max_json_bytes
            && (path.ends_with(".json")
                || path == "oci-layout"
                || path == "repositories"
                || looks_like_json(&mut reader).map_err(|e| read_error(&what, e))?);
        if json {
            let mut bytes = Vec::with_capacity(size as usize);
            reader
                .read_to_end(&mut bytes)
                .map_err(|e| read_error(&what, e))?;
            store.json.insert(path, bytes);
        } else {
            let index = index_layer(&mut reader, &what, opts);
            // Skip what the failed read left, so the next entry is found.
            std::io::copy(&mut reader, &mut std::io::sink()).map_err(|e| not_a_tar(name, e))?;
            store.layers.insert(path, index);
        }
    }
    if seen == 0 {
        return Err(ImageError::NotAnImage {
            what: name.to_string(),
            why: "the archive is empty".into(),
        });
    }
    let mut image = resolve(&mut store, opts)?;
    if image.format == "oci" {
        image.format = "oci-archive";
    }
    Ok(image)
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
