//! Container images as they are shipped: `docker save` archives (legacy
//! and OCI inside the tar), OCI image layouts (directory or tar), walked
//! once, layer by layer, without extracting or executing anything.
//!
//! Data flows one way: a source yields the image's manifest, config and
//! one [`LayerIndex`] per layer (the tar headers of that layer, never the
//! file contents); [`analysis`] stacks the layers into the final file tree
//! and computes sizes, waste and efficiency.

pub mod analysis;
mod archive;
mod blob;
mod build;
mod engine;
mod error;
pub mod inspect;
pub mod layer;
mod layout;
pub mod model;
mod oci;

pub use analysis::{analyse, Analysis};
pub use build::{engine_build, BuildRequest, MAX_CONTEXT_BYTES};
pub use engine::{engine_has, open_engine};
pub use error::ImageError;
pub use layer::{EntryKind, LayerEntry, LayerIndex};
pub use model::{Image, ImageConfig, Layer};

use std::path::Path;

/// Limits that keep a hostile image from using unbounded time or memory.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Stop when a layer decompresses to more than this many bytes.
    pub max_layer_bytes: u64,
    /// Stop when a layer decompresses to more than this many times its
    /// compressed size (a gzip bomb), once past 64 MiB.
    pub max_ratio: u64,
    /// Largest JSON document (manifest, config, index) read into memory.
    pub max_json_bytes: u64,
    /// Most entries in one layer.
    pub max_entries: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_layer_bytes: 64 << 30,
            max_ratio: 200,
            max_json_bytes: 64 << 20,
            max_entries: 5_000_000,
        }
    }
}

/// Reads what a caller wants of one regular file while its layer streams
/// past, and returns the bytes to keep with the layer (a package
/// database, what a binary says of its build), or `None`. It must bound
/// what it reads itself. Called for every regular file, so it decides from
/// the path, size and mode first.
pub type Inspect = fn(
    path: &str,
    size: u64,
    mode: u32,
    content: &mut dyn std::io::Read,
) -> std::io::Result<Option<Vec<u8>>>;

/// Options for reading an image.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// `os/arch[/variant]` to pick from a multi-platform index; `None`
    /// picks the host's platform, or the only one.
    pub platform: Option<String>,
    pub limits: Limits,
    /// What else to keep of the files, beyond `/etc/os-release` (the
    /// package catalogers' files).
    pub inspect: Option<Inspect>,
}

/// Reads an image from a path: a `docker save` tar (plain or gzipped), an
/// OCI layout tar, or an OCI layout directory.
pub fn open_path(path: &Path, opts: &ReadOptions) -> Result<Image, ImageError> {
    let meta = std::fs::metadata(path).map_err(|e| ImageError::io(path, e))?;
    if meta.is_dir() {
        layout::read_dir(path, opts)
    } else if meta.is_file() {
        archive::read_tar_file(path, opts)
    } else {
        // A pipe (`<(docker save app)`) cannot seek: stream it.
        let file = std::fs::File::open(path).map_err(|e| ImageError::io(path, e))?;
        archive::read_tar(file, &path.display().to_string(), opts)
    }
}

/// Reads an image from a tar stream (e.g. the Docker Engine's export).
pub fn open_stream(
    reader: impl std::io::Read,
    name: &str,
    opts: &ReadOptions,
) -> Result<Image, ImageError> {
    archive::read_tar(reader, name, opts)
}
