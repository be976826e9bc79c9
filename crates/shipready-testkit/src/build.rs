//! Layers as tar (plain, gzip or zstd), a `docker save` archive, and OCI
//! layouts (directory or tar), built in memory.

use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::Path;

pub enum Item<'a> {
    File(&'a str, &'a [u8]),
    Mode(&'a str, &'a [u8], u32),
    Dir(&'a str),
    DirMode(&'a str, u32),
    Symlink(&'a str, &'a str),
    /// A hard link to an earlier entry, with the mode tar writes for it.
    Hardlink(&'a str, &'a str, u32),
    /// Raw tar path, written without normalisation (for `..` tests).
    Raw(&'a str, &'a [u8]),
}

#[derive(Clone, Copy)]
pub enum Comp {
    None,
    Gzip,
    Zstd,
}

pub fn digest(bytes: &[u8]) -> String {
    let d = Sha256::digest(bytes);
    let hex: String = d.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

pub fn layer_tar(items: &[Item]) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    for item in items {
        let mut h = tar::Header::new_gnu();
        match item {
            Item::File(p, data) | Item::Mode(p, data, _) | Item::Raw(p, data) => {
                h.set_entry_type(tar::EntryType::Regular);
                h.set_size(data.len() as u64);
                h.set_mode(if let Item::Mode(_, _, m) = item {
                    *m
                } else {
                    0o644
                });
                if let Item::Raw(p, _) = item {
                    // Bypass the builder's path checks.
                    let name = &mut h.as_old_mut().name;
                    name[..p.len()].copy_from_slice(p.as_bytes());
                    h.set_cksum();
                    b.append(&h, *data).unwrap();
                } else {
                    b.append_data(&mut h, p, *data).unwrap();
                }
            }
            Item::Dir(p) | Item::DirMode(p, _) => {
                h.set_entry_type(tar::EntryType::Directory);
                h.set_size(0);
                h.set_mode(if let Item::DirMode(_, m) = item {
                    *m
                } else {
                    0o755
                });
                b.append_data(&mut h, p, &[][..]).unwrap();
            }
            Item::Hardlink(p, target, mode) => {
                h.set_entry_type(tar::EntryType::Link);
                h.set_size(0);
                h.set_mode(*mode);
                b.append_link(&mut h, p, target).unwrap();
            }
            Item::Symlink(p, target) => {
                h.set_entry_type(tar::EntryType::Symlink);
                h.set_size(0);
                b.append_link(&mut h, p, target).unwrap();
            }
        }
    }
    b.into_inner().unwrap()
}

pub fn compress(tar: &[u8], comp: Comp) -> Vec<u8> {
    match comp {
        Comp::None => tar.to_vec(),
        Comp::Gzip => {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            e.write_all(tar).unwrap();
            e.finish().unwrap()
        }
        Comp::Zstd => zstd::stream::encode_all(tar, 1).unwrap(),
    }
}

/// A built test image: its layers (uncompressed and stored) and config.
pub struct TestImage {
    pub tars: Vec<Vec<u8>>,
    pub blobs: Vec<Vec<u8>>,
    pub config: Vec<u8>,
}

/// An image of `layers` whose config has a health check, port 8080 and
/// `user`; history lines are `COPY step<i> /`.
pub fn image(layers: &[Vec<Item>], comp: Comp, user: &str) -> TestImage {
    let tars: Vec<Vec<u8>> = layers.iter().map(|l| layer_tar(l)).collect();
    let history = (0..tars.len()).map(|i| format!("COPY step{i} /")).collect();
    let config = serde_json::json!({
        "User": user,
        "ExposedPorts": {"8080/tcp": {}},
        "Env": ["PATH=/bin"],
        "Cmd": ["/app"],
        "Healthcheck": {"Test": ["CMD", "/app", "health"]}
    });
    image_from_tars(tars, comp, config, history)
}

/// An image of ready-made layer tars, a Docker `config` object and one
/// history line per layer.
pub fn image_from_tars(
    tars: Vec<Vec<u8>>,
    comp: Comp,
    config: serde_json::Value,
    history: Vec<String>,
) -> TestImage {
    let blobs: Vec<Vec<u8>> = tars.iter().map(|t| compress(t, comp)).collect();
    let diff_ids: Vec<String> = tars.iter().map(|t| digest(t)).collect();
    let history: Vec<serde_json::Value> = history
        .iter()
        .map(|h| serde_json::json!({"created_by": h}))
        .collect();
    let config = serde_json::to_vec(&serde_json::json!({
        "architecture": "amd64",
        "os": "linux",
        "config": config,
        "rootfs": {"type": "layers", "diff_ids": diff_ids},
        "history": history,
    }))
    .unwrap();
    TestImage {
        tars,
        blobs,
        config,
    }
}

fn tar_of(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    for (p, data) in files {
        let mut h = tar::Header::new_gnu();
        h.set_size(data.len() as u64);
        h.set_mode(0o644);
        b.append_data(&mut h, p, data.as_slice()).unwrap();
    }
    b.into_inner().unwrap()
}

/// `docker save`, legacy layout: `<id>/layer.tar`, `<id>.json`, and
/// manifest.json written last, as Docker does.
pub fn docker_archive(img: &TestImage) -> Vec<u8> {
    docker_archive_tagged(img, "shop/api:1.0")
}

/// `docker save` of an image tagged `tag`.
pub fn docker_archive_tagged(img: &TestImage, tag: &str) -> Vec<u8> {
    let cfg_name = format!("{}.json", &digest(&img.config)[7..]);
    let mut files = vec![(cfg_name.clone(), img.config.clone())];
    let mut layer_paths = Vec::new();
    for (i, blob) in img.blobs.iter().enumerate() {
        let p = format!("{i:064x}/layer.tar");
        files.push((p.clone(), blob.clone()));
        layer_paths.push(p);
    }
    let manifest = serde_json::json!([{
        "Config": cfg_name, "RepoTags": [tag], "Layers": layer_paths
    }]);
    files.push((
        "manifest.json".into(),
        serde_json::to_vec(&manifest).unwrap(),
    ));
    tar_of(&files)
}

/// OCI layout files: `oci-layout`, `index.json`, `blobs/sha256/…`.
pub fn oci_files(img: &TestImage, media: &str) -> Vec<(String, Vec<u8>)> {
    let desc = |bytes: &[u8], mt: &str| serde_json::json!({"mediaType": mt, "digest": digest(bytes), "size": bytes.len()});
    let manifest = serde_json::to_vec(&serde_json::json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": desc(&img.config, "application/vnd.oci.image.config.v1+json"),
        "layers": img.blobs.iter().map(|b| desc(b, media)).collect::<Vec<_>>(),
    }))
    .unwrap();
    let mut mdesc = desc(&manifest, "application/vnd.oci.image.manifest.v1+json");
    mdesc["platform"] = serde_json::json!({"os": "linux", "architecture": "amd64"});
    mdesc["annotations"] = serde_json::json!({"org.opencontainers.image.ref.name": "1.0"});
    let index = serde_json::to_vec(&serde_json::json!({
        "schemaVersion": 2, "manifests": [mdesc]
    }))
    .unwrap();
    let mut files = vec![
        (
            "oci-layout".to_string(),
            br#"{"imageLayoutVersion":"1.0.0"}"#.to_vec(),
        ),
        ("index.json".to_string(), index),
        (
            format!("blobs/sha256/{}", &digest(&manifest)[7..]),
            manifest,
        ),
        (
            format!("blobs/sha256/{}", &digest(&img.config)[7..]),
            img.config.clone(),
        ),
    ];
    for b in &img.blobs {
        files.push((format!("blobs/sha256/{}", &digest(b)[7..]), b.clone()));
    }
    files
}

pub fn oci_tar(img: &TestImage, media: &str) -> Vec<u8> {
    tar_of(&oci_files(img, media))
}

pub fn oci_dir(img: &TestImage, media: &str, dir: &Path) {
    write_files(&oci_files(img, media), dir);
}

/// Writes `files` (relative paths) below `dir`.
pub fn write_files(files: &[(String, Vec<u8>)], dir: &Path) {
    for (p, data) in files {
        let path = dir.join(p);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, data).unwrap();
    }
}
