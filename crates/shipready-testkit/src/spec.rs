//! Images described in TOML, for rule fixtures:
//!
//! ```toml
//! reference = "shop/api:1.0"            # the archive's RepoTags
//! [config]                              # Docker's config object, as is
//! User = "10001"
//! Healthcheck = { Test = ["CMD", "/app", "health"] }
//!
//! [[layers]]
//! created_by = "COPY . /app"
//! files = [{ path = "app/.env", size = 120 }, { path = "bin/su", mode = 0o4755 }]
//! dirs = [{ path = "srv/up", mode = 0o777 }]
//! whiteouts = ["app/.env"]              # written as `.wh.` entries
//! ```
//!
//! The spec becomes a real `docker save` archive, so a fixture goes through
//! the same reader and analysis as a user's image.

use crate::build::{docker_archive_tagged, image_from_tars, layer_tar, Comp, Item};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImageSpec {
    #[serde(default = "default_reference")]
    pub reference: String,
    #[serde(default = "empty_object")]
    pub config: serde_json::Value,
    #[serde(default)]
    pub layers: Vec<LayerSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LayerSpec {
    pub created_by: String,
    #[serde(default)]
    pub files: Vec<FileSpec>,
    #[serde(default)]
    pub dirs: Vec<DirSpec>,
    #[serde(default)]
    pub whiteouts: Vec<String>,
    #[serde(default)]
    pub opaque: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileSpec {
    pub path: String,
    /// Zero bytes of this length, unless `text` is given.
    #[serde(default)]
    pub size: usize,
    pub text: Option<String>,
    pub mode: Option<u32>,
    /// Write the name as is, `..` included (crafted layers).
    #[serde(default)]
    pub raw: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DirSpec {
    pub path: String,
    pub mode: Option<u32>,
}

fn default_reference() -> String {
    "shop/api:1.0".to_string()
}

fn empty_object() -> serde_json::Value {
    serde_json::json!({})
}

impl ImageSpec {
    pub fn parse(text: &str) -> Result<ImageSpec, String> {
        toml::from_str(text).map_err(|e| e.to_string())
    }

    /// The image as a `docker save` archive (legacy layout, gzip layers).
    pub fn docker_archive(&self) -> Vec<u8> {
        let tars = self.layers.iter().map(LayerSpec::tar).collect();
        let history = self.layers.iter().map(|l| l.created_by.clone()).collect();
        let img = image_from_tars(tars, Comp::Gzip, self.config.clone(), history);
        docker_archive_tagged(&img, &self.reference)
    }
}

impl LayerSpec {
    fn tar(&self) -> Vec<u8> {
        let contents: Vec<Vec<u8>> = self
            .files
            .iter()
            .map(|f| match &f.text {
                Some(t) => t.clone().into_bytes(),
                None => vec![0; f.size],
            })
            .collect();
        let whiteouts: Vec<String> = self
            .whiteouts
            .iter()
            .map(|p| match p.rsplit_once('/') {
                Some((dir, name)) => format!("{dir}/.wh.{name}"),
                None => format!(".wh.{p}"),
            })
            .chain(self.opaque.iter().map(|d| format!("{d}/.wh..wh..opq")))
            .collect();
        let mut items: Vec<Item> = self
            .dirs
            .iter()
            .map(|d| Item::DirMode(&d.path, d.mode.unwrap_or(0o755)))
            .collect();
        items.extend(self.files.iter().zip(&contents).map(|(f, c)| {
            if f.raw {
                Item::Raw(&f.path, c)
            } else {
                Item::Mode(&f.path, c, f.mode.unwrap_or(0o644))
            }
        }));
        items.extend(whiteouts.iter().map(|w| Item::File(w, b"")));
        layer_tar(&items)
    }
}
