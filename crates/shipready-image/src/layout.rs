//! An OCI image layout directory (`oci-layout`, `index.json`, `blobs/`),
//! read on demand: only the chosen platform's blobs are opened.

use crate::layer::{index_layer, normalize};
use crate::oci::{resolve, Store};
use crate::{Image, ImageError, LayerIndex, ReadOptions};
use std::io::Read;
use std::path::{Path, PathBuf};

struct DirStore {
    root: PathBuf,
    name: String,
    opts: ReadOptions,
}

impl DirStore {
    /// Blob paths come from the image's own JSON: keep them inside the
    /// layout.
    fn path(&self, rel: &str) -> PathBuf {
        self.root.join(normalize(rel).0)
    }

    /// The blob at `rel`, `None` when the layout lacks it.
    fn open(&self, rel: &str) -> Result<Option<(std::fs::File, PathBuf)>, ImageError> {
        let p = self.path(rel);
        match std::fs::File::open(&p) {
            Ok(f) => Ok(Some((f, p))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(ImageError::io(&p, e)),
        }
    }
}

impl Store for DirStore {
    fn name(&self) -> &str {
        &self.name
    }

    fn json(&mut self, rel: &str) -> Result<Option<Vec<u8>>, ImageError> {
        let Some((file, p)) = self.open(rel)? else {
            return Ok(None);
        };
        let mut bytes = Vec::new();
        file.take(self.opts.limits.max_json_bytes + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| ImageError::io(&p, e))?;
        if bytes.len() as u64 > self.opts.limits.max_json_bytes {
            return Err(ImageError::LimitExceeded {
                what: p.display().to_string(),
                why: "JSON document too large".into(),
                limit: self.opts.limits.max_json_bytes,
            });
        }
        Ok(Some(bytes))
    }

    fn layer(&mut self, rel: &str) -> Result<Option<LayerIndex>, ImageError> {
        let Some((file, _)) = self.open(rel)? else {
            return Ok(None);
        };
        index_layer(file, &format!("{}: {rel}", self.name), &self.opts).map(Some)
    }
}

pub(crate) fn read_dir(root: &Path, opts: &ReadOptions) -> Result<Image, ImageError> {
    let mut store = DirStore {
        root: root.to_path_buf(),
        name: root.display().to_string(),
        opts: opts.clone(),
    };
    let mut image = resolve(&mut store, opts)?;
    if image.format == "oci" {
        image.format = "oci-layout";
    }
    Ok(image)
}
