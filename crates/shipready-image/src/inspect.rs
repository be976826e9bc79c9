//! What is in the image, beyond sizes: secret files (also those deleted in
//! a later layer, which still ship in the earlier one), package caches,
//! setuid and world-writable files, shells and package managers, and the
//! base OS. These are the observations the image rules report.

use crate::analysis::Analysis;
use crate::layer::EntryKind;
use crate::model::Image;
use serde::Serialize;
use std::collections::BTreeMap;

/// A file that looks like a credential, in the layer that added it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SecretFile {
    pub path: String,
    pub what: &'static str,
    /// 0-based layer that added it.
    pub layer: usize,
    /// The later layer that deleted or replaced it: the bytes still ship
    /// in `layer`, hidden from the container but not from `docker save`.
    pub hidden_by: Option<usize>,
}

/// Every file any layer added that `classify` names a credential (what
/// a credential looks like is the rules' knowledge), with the layer that
/// hid it when it is not in the final image. A `.git` directory counts
/// once.
pub fn secret_files(
    image: &Image,
    analysis: &Analysis,
    classify: impl Fn(&str) -> Option<&'static str>,
) -> Vec<SecretFile> {
    let mut out: Vec<SecretFile> = Vec::new();
    let mut git_dirs: Vec<(String, usize)> = Vec::new();
    for (li, layer) in image.layers.iter().enumerate() {
        for e in layer
            .index
            .entries
            .iter()
            // A hard link to a key is the key under another name.
            .filter(|e| matches!(e.kind, EntryKind::File | EntryKind::Hardlink))
        {
            let Some(what) = classify(&e.path) else {
                continue;
            };
            // Every file under a `.git` directory is that one repository:
            // reported once, as the directory.
            let git_dir = e
                .path
                .strip_prefix(".git/")
                .map(|_| 4)
                .or_else(|| e.path.find("/.git/").map(|i| i + 5));
            let path = match git_dir {
                Some(end) => {
                    let dir = e.path[..end].to_string();
                    if git_dirs.contains(&(dir.clone(), li)) {
                        continue;
                    }
                    git_dirs.push((dir.clone(), li));
                    dir
                }
                None => e.path.clone(),
            };
            let still_there = analysis.files.get(&e.path).is_some_and(|f| f.layer == li);
            let hidden_by = if still_there {
                None
            } else {
                image.layers[li + 1..]
                    .iter()
                    .position(|l| {
                        l.index
                            .entries
                            .iter()
                            .any(|x| hides(&x.path, &x.kind, &e.path))
                    })
                    .map(|p| li + 1 + p)
            };
            out.push(SecretFile {
                path: format!("/{path}"),
                what,
                layer: li,
                hidden_by,
            });
        }
    }
    out
}

/// Whether an entry of a later layer deletes or replaces `path`.
fn hides(entry: &str, kind: &EntryKind, path: &str) -> bool {
    let under =
        |dir: &str| dir.is_empty() || path.strip_prefix(dir).is_some_and(|r| r.starts_with('/'));
    match kind {
        EntryKind::Whiteout => entry == path || under(entry),
        EntryKind::Opaque => under(entry),
        _ => entry == path,
    }
}

/// A package-manager cache left in the final image.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cache {
    pub what: &'static str,
    pub path: String,
    pub bytes: u64,
}

const CACHES: &[(&str, &str)] = &[
    ("apt package lists", "var/lib/apt/lists"),
    ("apt archives", "var/cache/apt"),
    ("apk cache", "var/cache/apk"),
    ("yum cache", "var/cache/yum"),
    ("dnf cache", "var/cache/dnf"),
    ("zypper cache", "var/cache/zypp"),
    ("pip cache", "root/.cache/pip"),
    ("npm cache", "root/.npm"),
    ("yarn cache", "usr/local/share/.cache/yarn"),
    ("yarn cache", "root/.cache/yarn"),
    ("Go module cache", "go/pkg/mod"),
    ("Go module cache", "root/go/pkg/mod"),
    ("Go build cache", "root/.cache/go-build"),
    ("cargo registry", "usr/local/cargo/registry"),
    ("cargo registry", "root/.cargo/registry"),
];

/// Caches with bytes in the final image.
pub fn caches(analysis: &Analysis) -> Vec<Cache> {
    CACHES
        .iter()
        .filter_map(|(what, dir)| {
            let prefix = format!("{dir}/");
            let bytes: u64 = analysis
                .files
                .range(prefix.clone()..)
                .take_while(|(k, _)| k.starts_with(&prefix))
                .map(|(_, f)| f.size)
                .sum();
            (bytes > 0).then(|| Cache {
                what,
                path: format!("/{dir}"),
                bytes,
            })
        })
        .collect()
}

/// Final-image files with the setuid or setgid bit.
pub fn setuid_files(analysis: &Analysis) -> Vec<String> {
    analysis
        .files
        .iter()
        .filter(|(_, f)| {
            matches!(f.kind, EntryKind::File | EntryKind::Hardlink) && f.mode & 0o6000 != 0
        })
        .map(|(p, _)| format!("/{p}"))
        .collect()
}

/// Final-image files anyone may write, and directories anyone may write
/// without the sticky bit (`/tmp` has it).
pub fn world_writable(analysis: &Analysis) -> Vec<String> {
    analysis
        .files
        .iter()
        .filter(|(_, f)| match f.kind {
            EntryKind::File | EntryKind::Hardlink => f.mode & 0o002 != 0,
            EntryKind::Dir => f.mode & 0o002 != 0 && f.mode & 0o1000 == 0,
            _ => false,
        })
        .map(|(p, _)| format!("/{p}"))
        .collect()
}

const TOOLS: &[&str] = &[
    "bin/sh",
    "bin/bash",
    "bin/ash",
    "bin/dash",
    "bin/busybox",
    "usr/bin/sh",
    "usr/bin/bash",
    "usr/bin/dash",
    "usr/bin/apt-get",
    "usr/bin/apt",
    "sbin/apk",
    "usr/bin/yum",
    "usr/bin/dnf",
    "usr/bin/microdnf",
    "usr/bin/zypper",
    "usr/bin/pip",
    "usr/local/bin/pip",
    "usr/bin/npm",
    "usr/local/bin/npm",
    "usr/bin/curl",
    "usr/bin/wget",
];

/// Shells, package managers and downloaders in the final image: what a
/// distroless image leaves out. Paths are looked up through symlinks
/// (`/bin` is a link to `/usr/bin` on merged-/usr systems), and each
/// program is named once, by the first of its names in the list.
pub fn shells_and_tools(analysis: &Analysis) -> Vec<String> {
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for t in TOOLS {
        let Ok(Some(real)) = analysis.resolve(t) else {
            continue;
        };
        let is_program = analysis
            .files
            .get(&real)
            .is_some_and(|f| matches!(f.kind, EntryKind::File | EntryKind::Hardlink));
        if is_program && !seen.contains(&real) {
            seen.push(real);
            out.push(format!("/{t}"));
        }
    }
    out
}

/// `/etc/os-release` of the final image (or `/usr/lib/os-release`, where
/// the first is a link to it, as on Debian).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct OsRelease {
    pub id: String,
    pub version_id: String,
    pub pretty_name: String,
}

/// The captured content of a path as the final image has it: from the
/// layer that put the path in the final tree (`None` when that layer's
/// copy was not captured, or the path is not a file there).
pub fn final_content<'a>(image: &'a Image, analysis: &Analysis, path: &str) -> Option<&'a [u8]> {
    let f = analysis.files.get(path)?;
    if f.kind != EntryKind::File {
        return None;
    }
    image.layers[f.layer]
        .index
        .captured
        .iter()
        .rev()
        .find(|(p, _)| p == path)
        .map(|(_, c)| c.as_slice())
}

/// Every captured file that is in the final image, with the layer that
/// holds it: what the package catalogers read.
pub fn final_captures<'a>(
    image: &'a Image,
    analysis: &'a Analysis,
) -> impl Iterator<Item = (&'a str, usize, &'a [u8])> + 'a {
    image.layers.iter().enumerate().flat_map(move |(li, l)| {
        l.index.captured.iter().filter_map(move |(p, c)| {
            let f = analysis.files.get(p.as_str())?;
            (f.layer == li && f.kind == EntryKind::File).then_some((p.as_str(), li, c.as_slice()))
        })
    })
}

pub fn os_release(image: &Image, analysis: &Analysis) -> Option<OsRelease> {
    for path in ["etc/os-release", "usr/lib/os-release"] {
        // On Debian the first is a link to the second: try the next.
        let Some(bytes) = final_content(image, analysis, path) else {
            continue;
        };
        let content = String::from_utf8_lossy(bytes).into_owned();
        let fields: BTreeMap<&str, &str> = content
            .lines()
            .filter_map(|l| l.split_once('='))
            .map(|(k, v)| (k.trim(), v.trim().trim_matches(['"', '\''])))
            .collect();
        return Some(OsRelease {
            id: fields.get("ID").unwrap_or(&"").to_string(),
            version_id: fields.get("VERSION_ID").unwrap_or(&"").to_string(),
            pretty_name: fields.get("PRETTY_NAME").unwrap_or(&"").to_string(),
        });
    }
    None
}
