//! The image as shipready sees it: config, history and layer indexes.

use crate::layer::LayerIndex;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, Serialize)]
pub struct ImageConfig {
    pub user: String,
    pub env: Vec<String>,
    pub entrypoint: Vec<String>,
    pub cmd: Vec<String>,
    pub working_dir: String,
    pub exposed_ports: Vec<String>,
    pub labels: BTreeMap<String, String>,
    /// The HEALTHCHECK test (`["CMD", …]`, `["NONE"]`); `None` when unset.
    pub healthcheck: Option<Vec<String>>,
}

/// One layer: where it came from and what it holds.
#[derive(Debug, Clone)]
pub struct Layer {
    /// The Dockerfile step that made it (`history[].created_by`).
    pub created_by: Option<String>,
    pub index: LayerIndex,
}

#[derive(Debug, Clone)]
pub struct Image {
    /// What the user named (a path or `name:tag`), plus the tags the
    /// archive records.
    pub reference: String,
    pub tags: Vec<String>,
    pub os: String,
    pub architecture: String,
    pub config: ImageConfig,
    pub layers: Vec<Layer>,
    /// "docker-archive", "oci-archive" or "oci-layout".
    pub format: &'static str,
}

impl Image {
    pub fn size(&self) -> u64 {
        self.layers.iter().map(|l| l.index.size).sum()
    }

    pub fn uncompressed_size(&self) -> u64 {
        self.layers.iter().map(|l| l.index.uncompressed_size).sum()
    }
}
