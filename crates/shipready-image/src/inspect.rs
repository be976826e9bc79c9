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

/// Directories that only ever hold public certificates.
const CERT_DIRS: &[&str] = &[
    "etc/ssl/certs/",
    "usr/share/ca-certificates/",
    "etc/pki/ca-trust/",
    "etc/ca-certificates/",
    "usr/local/share/ca-certificates/",
];

/// What kind of credential a path names, if any.
fn secret_kind(path: &str) -> Option<&'static str> {
    let name = path.rsplit('/').next().unwrap_or(path);
    if path.contains("/.git/") || path.starts_with(".git/") {
        return Some("a git repository (history, remotes, maybe tokens)");
    }
    match name {
        "id_rsa" | "id_dsa" | "id_ecdsa" | "id_ed25519" => return Some("an SSH private key"),
        ".env" => return Some("an environment file"),
        ".npmrc" => return Some("an npm config (often an auth token)"),
        ".pypirc" => return Some("a PyPI config (often an upload token)"),
        ".netrc" | ".git-credentials" => return Some("stored login credentials"),
        "application_default_credentials.json" => return Some("Google Cloud credentials"),
        _ => {}
    }
    if name.starts_with(".env.") && !name.ends_with(".example") && !name.ends_with(".sample") {
        return Some("an environment file");
    }
    if path.ends_with(".aws/credentials") {
        return Some("AWS credentials");
    }
    if path.ends_with(".docker/config.json") {
        return Some("Docker registry credentials");
    }
    let key_file = [".pem", ".key", ".p12", ".pfx"]
        .iter()
        .any(|e| name.ends_with(e));
    if key_file && !CERT_DIRS.iter().any(|d| path.starts_with(d)) {
        return Some("a key or certificate bundle");
    }
    None
}

/// Every credential-looking file any layer added, with the layer that hid
/// it when it is not in the final image. A `.git` directory counts once.
pub fn secret_files(image: &Image, analysis: &Analysis) -> Vec<SecretFile> {
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
            let Some(what) = secret_kind(&e.path) else {
                continue;
            };
            let path = match e.path.find(".git/") {
                Some(i) if what.starts_with("a git") => e.path[..i + 4].to_string(),
                _ => e.path.clone(),
            };
            if what.starts_with("a git") {
                if git_dirs.contains(&(path.clone(), li)) {
                    continue;
                }
                git_dirs.push((path.clone(), li));
            }
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

pub fn os_release(image: &Image, analysis: &Analysis) -> Option<OsRelease> {
    for path in ["etc/os-release", "usr/lib/os-release"] {
        let Some(f) = analysis.files.get(path) else {
            continue;
        };
        if f.kind != EntryKind::File {
            continue;
        }
        let content = image.layers[f.layer]
            .index
            .captured
            .iter()
            .rev()
            .find(|(p, _)| p == path)
            .map(|(_, c)| String::from_utf8_lossy(c).into_owned())?;
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

#[cfg(test)]
mod tests {
    use super::secret_kind;

    #[test]
    fn secret_names() {
        assert!(secret_kind("app/.env").is_some());
        assert!(secret_kind("root/.ssh/id_ed25519").is_some());
        assert!(secret_kind("srv/app/.git/config").is_some());
        assert!(secret_kind("home/app/.aws/credentials").is_some());
        assert!(secret_kind("etc/ssl/private/server.key").is_some());
        assert!(secret_kind("etc/ssl/certs/ca.pem").is_none());
        assert!(secret_kind("app/.env.example").is_none());
        assert!(secret_kind("app/envsetup.sh").is_none());
    }
}
