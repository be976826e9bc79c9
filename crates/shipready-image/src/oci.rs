//! Finding the manifest, config and layers of an image in a store of
//! blobs: `docker save`'s `manifest.json`, or an OCI `index.json` (with
//! nested indexes and platform selection), verifying every digest.

use crate::blob::sha256;
use crate::layer::LayerIndex;
use crate::model::{Image, ImageConfig, Layer};
use crate::{ImageError, ReadOptions};
use serde::Deserialize;
use std::collections::BTreeMap;

/// Where the blobs are: an archive already walked, or a directory read on
/// demand.
pub(crate) trait Store {
    fn name(&self) -> &str;
    /// A JSON document by its path in the archive or layout.
    fn json(&mut self, path: &str) -> Result<Option<Vec<u8>>, ImageError>;
    /// A layer by its path.
    fn layer(&mut self, path: &str) -> Result<Option<LayerIndex>, ImageError>;
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct DockerManifest {
    config: String,
    #[serde(default)]
    repo_tags: Option<Vec<String>>,
    layers: Vec<String>,
}

#[derive(Deserialize, Clone)]
#[serde(rename_all = "camelCase")]
struct Descriptor {
    digest: String,
    #[serde(default)]
    size: Option<u64>,
    platform: Option<Platform>,
    #[serde(default)]
    annotations: BTreeMap<String, String>,
}

#[derive(Deserialize, Clone)]
struct Platform {
    architecture: String,
    os: String,
    variant: Option<String>,
}

impl Platform {
    fn text(&self) -> String {
        match &self.variant {
            Some(v) => format!("{}/{}/{v}", self.os, self.architecture),
            None => format!("{}/{}", self.os, self.architecture),
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct IndexOrManifest {
    #[serde(default)]
    manifests: Option<Vec<Descriptor>>,
    config: Option<Descriptor>,
    #[serde(default)]
    layers: Option<Vec<Descriptor>>,
}

#[derive(Deserialize, Default)]
struct ConfigFile {
    #[serde(default)]
    architecture: String,
    #[serde(default)]
    os: String,
    #[serde(default)]
    config: Option<RunConfig>,
    #[serde(default)]
    rootfs: Option<RootFs>,
    #[serde(default)]
    history: Vec<History>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "PascalCase")]
struct RunConfig {
    #[serde(default)]
    user: Option<String>,
    #[serde(default)]
    env: Option<Vec<String>>,
    #[serde(default)]
    entrypoint: Option<Vec<String>>,
    #[serde(default)]
    cmd: Option<Vec<String>>,
    #[serde(default)]
    working_dir: Option<String>,
    #[serde(default)]
    exposed_ports: Option<BTreeMap<String, serde_json::Value>>,
    #[serde(default)]
    labels: Option<BTreeMap<String, String>>,
    #[serde(default)]
    healthcheck: Option<Healthcheck>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "PascalCase")]
struct Healthcheck {
    #[serde(default)]
    test: Option<Vec<String>>,
}

#[derive(Deserialize, Default)]
struct RootFs {
    #[serde(default)]
    diff_ids: Vec<String>,
}

#[derive(Deserialize, Default)]
struct History {
    #[serde(default)]
    created_by: Option<String>,
    #[serde(default)]
    empty_layer: bool,
}

fn parse<T: serde::de::DeserializeOwned>(what: &str, bytes: &[u8]) -> Result<T, ImageError> {
    serde_json::from_slice(bytes)
        .map_err(|e| ImageError::invalid(what, format!("invalid JSON: {e}")))
}

fn blob_path(digest: &str) -> Result<String, ImageError> {
    match digest.split_once(':') {
        Some((alg, hex))
            if !alg.is_empty()
                && !hex.is_empty()
                && hex.bytes().all(|b| b.is_ascii_hexdigit())
                && alg.bytes().all(|b| b.is_ascii_alphanumeric()) =>
        {
            Ok(format!("blobs/{alg}/{hex}"))
        }
        _ => Err(ImageError::invalid(
            "descriptor",
            format!("malformed digest `{digest}`"),
        )),
    }
}

/// The host's platform in OCI words.
fn host_platform() -> String {
    let arch = match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        "x86" => "386",
        "powerpc64" => "ppc64le",
        other => other,
    };
    format!("linux/{arch}")
}

pub(crate) fn resolve(store: &mut dyn Store, opts: &ReadOptions) -> Result<Image, ImageError> {
    let name = store.name().to_string();
    if let Some(bytes) = store.json("manifest.json")? {
        let manifests: Vec<DockerManifest> = parse(&format!("{name}: manifest.json"), &bytes)?;
        let Some(m) = manifests.into_iter().next() else {
            return Err(ImageError::NotAnImage {
                what: name,
                why: "manifest.json lists no image".into(),
            });
        };
        return docker_archive(store, m);
    }
    if let Some(bytes) = store.json("index.json")? {
        let index: IndexOrManifest = parse(&format!("{name}: index.json"), &bytes)?;
        return oci_index(store, index, opts, 0, None);
    }
    Err(ImageError::NotAnImage {
        what: name,
        why: "it has neither manifest.json (docker save) nor index.json (OCI layout)".into(),
    })
}

fn docker_archive(store: &mut dyn Store, m: DockerManifest) -> Result<Image, ImageError> {
    let name = store.name().to_string();
    let config_bytes = store
        .json(&m.config)?
        .ok_or_else(|| ImageError::MissingBlob {
            what: name.clone(),
            blob: m.config.clone(),
        })?;
    check_named_digest(&name, &m.config, &sha256(&config_bytes))?;
    let config: ConfigFile = parse(&format!("{name}: {}", m.config), &config_bytes)?;
    let mut layers = Vec::new();
    for path in &m.layers {
        let index = store.layer(path)?.ok_or_else(|| ImageError::MissingBlob {
            what: name.clone(),
            blob: path.clone(),
        })?;
        check_named_digest(&name, path, &index.digest)?;
        layers.push(index);
    }
    let tags = m.repo_tags.unwrap_or_default();
    let reference = tags.first().cloned().unwrap_or_else(|| name.clone());
    build(&name, reference, tags, config, layers, "docker-archive")
}

/// Docker ≥ 25 names blobs by their digest (`blobs/sha256/<hex>`): the
/// content must match the name.
fn check_named_digest(name: &str, path: &str, actual: &str) -> Result<(), ImageError> {
    if let Some(hex) = path.strip_prefix("blobs/sha256/") {
        let expected = format!("sha256:{hex}");
        if expected != actual {
            return Err(ImageError::DigestMismatch {
                what: format!("{name}: {path}"),
                expected,
                actual: actual.to_string(),
            });
        }
    }
    Ok(())
}

fn oci_index(
    store: &mut dyn Store,
    doc: IndexOrManifest,
    opts: &ReadOptions,
    depth: u8,
    tag: Option<String>,
) -> Result<Image, ImageError> {
    let name = store.name().to_string();
    if depth > 4 {
        return Err(ImageError::invalid(name, "indexes nested more than 4 deep"));
    }
    if let (Some(config), Some(layers)) = (&doc.config, &doc.layers) {
        return oci_manifest(store, config.clone(), layers.clone(), tag);
    }
    let manifests = doc.manifests.unwrap_or_default();
    // Attestations and signatures ride along as `unknown/unknown`.
    let candidates: Vec<&Descriptor> = manifests
        .iter()
        .filter(|d| d.platform.as_ref().is_none_or(|p| p.os != "unknown"))
        .collect();
    let wanted = opts.platform.clone().unwrap_or_else(host_platform);
    let chosen = if candidates.len() == 1 {
        candidates[0]
    } else {
        let matches = |d: &&&Descriptor| {
            d.platform.as_ref().is_some_and(|p| {
                let t = p.text();
                t == wanted || format!("{}/{}", p.os, p.architecture) == wanted
            })
        };
        match candidates.iter().find(matches) {
            Some(d) => d,
            None => {
                let available: Vec<_> = candidates
                    .iter()
                    .map(|d| {
                        d.platform
                            .as_ref()
                            .map_or("unspecified".to_string(), Platform::text)
                    })
                    .collect();
                return Err(ImageError::NoPlatform {
                    what: name,
                    wanted,
                    available: if available.is_empty() {
                        "no images".into()
                    } else {
                        available.join(", ")
                    },
                });
            }
        }
    };
    let tag = tag.or_else(|| {
        chosen
            .annotations
            .get("io.containerd.image.name")
            .or_else(|| chosen.annotations.get("org.opencontainers.image.ref.name"))
            .cloned()
    });
    let path = blob_path(&chosen.digest)?;
    let bytes = store.json(&path)?.ok_or_else(|| ImageError::MissingBlob {
        what: name.clone(),
        blob: chosen.digest.clone(),
    })?;
    verify(&name, &path, chosen, &sha256(&bytes), bytes.len() as u64)?;
    let inner: IndexOrManifest = parse(&format!("{name}: {path}"), &bytes)?;
    oci_index(store, inner, opts, depth + 1, tag)
}

fn oci_manifest(
    store: &mut dyn Store,
    config: Descriptor,
    layer_descs: Vec<Descriptor>,
    tag: Option<String>,
) -> Result<Image, ImageError> {
    let name = store.name().to_string();
    let cpath = blob_path(&config.digest)?;
    let config_bytes = store.json(&cpath)?.ok_or_else(|| ImageError::MissingBlob {
        what: name.clone(),
        blob: config.digest.clone(),
    })?;
    verify(
        &name,
        &cpath,
        &config,
        &sha256(&config_bytes),
        config_bytes.len() as u64,
    )?;
    let cfg: ConfigFile = parse(&format!("{name}: {cpath}"), &config_bytes)?;
    let mut layers = Vec::new();
    for d in &layer_descs {
        let path = blob_path(&d.digest)?;
        let index = store.layer(&path)?.ok_or_else(|| ImageError::MissingBlob {
            what: name.clone(),
            blob: d.digest.clone(),
        })?;
        verify(&name, &path, d, &index.digest, index.size)?;
        layers.push(index);
    }
    let reference = tag.clone().unwrap_or_else(|| name.clone());
    build(
        &name,
        reference,
        tag.into_iter().collect(),
        cfg,
        layers,
        "oci",
    )
}

fn verify(
    name: &str,
    path: &str,
    d: &Descriptor,
    actual: &str,
    size: u64,
) -> Result<(), ImageError> {
    if d.digest != actual {
        return Err(ImageError::DigestMismatch {
            what: format!("{name}: {path}"),
            expected: d.digest.clone(),
            actual: actual.to_string(),
        });
    }
    if let Some(expected) = d.size {
        if expected != size {
            return Err(ImageError::invalid(
                format!("{name}: {path}"),
                format!("size mismatch: the manifest says {expected} bytes, the blob has {size}"),
            ));
        }
    }
    Ok(())
}

fn build(
    name: &str,
    reference: String,
    tags: Vec<String>,
    cfg: ConfigFile,
    layers: Vec<LayerIndex>,
    format: &'static str,
) -> Result<Image, ImageError> {
    // The config's diff_ids are the digests of the uncompressed layers.
    if let Some(rootfs) = &cfg.rootfs {
        if rootfs.diff_ids.len() == layers.len() {
            for (i, (want, l)) in rootfs.diff_ids.iter().zip(&layers).enumerate() {
                if *want != l.diff_id {
                    return Err(ImageError::DigestMismatch {
                        what: format!("{name}: layer {}", i + 1),
                        expected: want.clone(),
                        actual: l.diff_id.clone(),
                    });
                }
            }
        } else {
            return Err(ImageError::invalid(
                name,
                format!(
                    "the config lists {} layers, the manifest {}",
                    rootfs.diff_ids.len(),
                    layers.len()
                ),
            ));
        }
    }
    let mut created_by = cfg
        .history
        .iter()
        .filter(|h| !h.empty_layer)
        .map(|h| h.created_by.clone());
    let layers = layers
        .into_iter()
        .map(|index| Layer {
            created_by: created_by.next().flatten(),
            index,
        })
        .collect();
    let rc = cfg.config.unwrap_or_default();
    Ok(Image {
        reference,
        tags,
        os: cfg.os,
        architecture: cfg.architecture,
        config: ImageConfig {
            user: rc.user.unwrap_or_default(),
            env: rc.env.unwrap_or_default(),
            entrypoint: rc.entrypoint.unwrap_or_default(),
            cmd: rc.cmd.unwrap_or_default(),
            working_dir: rc.working_dir.unwrap_or_default(),
            exposed_ports: rc.exposed_ports.unwrap_or_default().into_keys().collect(),
            labels: rc.labels.unwrap_or_default(),
            healthcheck: rc.healthcheck.and_then(|h| h.test),
        },
        layers,
        format,
    })
}
