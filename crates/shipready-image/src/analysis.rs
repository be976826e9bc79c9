//! Stacking the layers into the image's final file tree, and the figures
//! that come from it: sizes, what each layer adds and removes, and waste.
//!
//! Efficiency follows dive's definition (`filetree/efficiency.go`): every
//! path touched by a layer (files, links, whiteouts) adds its size to a
//! cumulative total; the score is the sum of each path's smallest size over
//! the sum of its cumulative sizes, and the wasted bytes are the cumulative
//! sizes of the paths touched by more than one layer. A whiteout of a
//! directory weighs what the directory held. User-wasted percent is the
//! wasted bytes over the bytes of every layer but the first (the base).

use crate::layer::EntryKind;
use crate::model::Image;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// A file of the final image.
#[derive(Debug, Clone, Serialize)]
pub struct FinalEntry {
    pub size: u64,
    /// 0-based index of the layer that wrote it last.
    pub layer: usize,
    pub mode: u32,
    pub uid: u64,
    pub kind: EntryKind,
    /// Symlink or hard-link target, as written in the layer.
    pub link: Option<String>,
}

/// A path whose symlinks never end (`a -> b`, `b -> a`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SymlinkLoop;

/// The kernel gives up after 40 links (ELOOP); so do we.
const MAX_LINKS: usize = 40;

#[derive(Debug, Clone, Serialize)]
pub struct LayerFigures {
    pub files_added: usize,
    pub files_removed: usize,
    /// Bytes of this layer's files that later layers overwrite or delete:
    /// shipped in the image, invisible in the container.
    pub wasted_bytes: u64,
    /// Bytes of file content in the layer.
    pub content_bytes: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct SizedPath {
    pub path: String,
    pub size: u64,
    /// The layer that wrote it (files only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub layer: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct Analysis {
    pub files: BTreeMap<String, FinalEntry>,
    pub layers: Vec<LayerFigures>,
    pub efficiency: f64,
    pub wasted_bytes: u64,
    pub user_wasted_percent: f64,
}

impl Analysis {
    /// Follows symbolic links in the final tree the way a path lookup in
    /// the container would (`/bin/sh` → `usr/bin/dash` on a merged-/usr
    /// Debian). `Ok(None)` when a component is missing; a loop or a chain
    /// longer than 40 links is an error, never a hang. Paths have no
    /// leading `/`.
    pub fn resolve(&self, path: &str) -> Result<Option<String>, SymlinkLoop> {
        let mut pending: std::collections::VecDeque<String> =
            path.split('/').map(str::to_string).collect();
        let mut done: Vec<String> = Vec::new();
        let mut links = 0;
        while let Some(part) = pending.pop_front() {
            match part.as_str() {
                "" | "." => continue,
                ".." => {
                    done.pop();
                    continue;
                }
                _ => {}
            }
            done.push(part);
            let here = done.join("/");
            let Some(entry) = self.files.get(&here) else {
                // Layers need not hold an entry for every directory;
                // the last component decides whether the path exists.
                if pending.is_empty() {
                    return Ok(None);
                }
                continue;
            };
            if entry.kind != EntryKind::Symlink {
                continue;
            }
            links += 1;
            if links > MAX_LINKS {
                return Err(SymlinkLoop);
            }
            let target = entry.link.as_deref().unwrap_or("");
            done.pop();
            if target.starts_with('/') {
                done.clear();
            }
            for (i, p) in target.split('/').enumerate() {
                pending.insert(i, p.to_string());
            }
        }
        Ok(Some(done.join("/")))
    }

    /// Symbolic links of the final tree that never resolve.
    pub fn symlink_loops(&self) -> Vec<String> {
        self.files
            .iter()
            .filter(|(_, f)| f.kind == EntryKind::Symlink)
            .filter(|(p, _)| self.resolve(p).is_err())
            .map(|(p, _)| format!("/{p}"))
            .collect()
    }

    /// The `n` largest files of the final image.
    pub fn largest_files(&self, n: usize) -> Vec<SizedPath> {
        let mut v: Vec<_> = self
            .files
            .iter()
            .filter(|(_, e)| e.kind == EntryKind::File)
            .map(|(p, e)| SizedPath {
                path: format!("/{p}"),
                size: e.size,
                layer: Some(e.layer),
            })
            .collect();
        v.sort_by(|a, b| b.size.cmp(&a.size).then_with(|| a.path.cmp(&b.path)));
        v.truncate(n);
        v
    }

    /// The `n` largest directories, up to `depth` levels below `/`.
    pub fn largest_dirs(&self, n: usize, depth: usize) -> Vec<SizedPath> {
        let mut sizes: HashMap<&str, u64> = HashMap::new();
        for (p, e) in &self.files {
            for (level, (i, _)) in p.match_indices('/').enumerate() {
                if level >= depth {
                    break;
                }
                *sizes.entry(&p[..i]).or_default() += e.size;
            }
        }
        let mut v: Vec<_> = sizes
            .into_iter()
            .map(|(p, size)| SizedPath {
                path: format!("/{p}"),
                size,
                layer: None,
            })
            .collect();
        v.sort_by(|a, b| b.size.cmp(&a.size).then_with(|| a.path.cmp(&b.path)));
        v.truncate(n);
        v
    }
}

/// The keys of `tree` at or below `dir` (`""` is the root).
fn subtree_keys(tree: &BTreeMap<String, FinalEntry>, dir: &str) -> Vec<String> {
    if dir.is_empty() {
        return tree.keys().cloned().collect();
    }
    let mut keys: Vec<String> = tree
        .contains_key(dir)
        .then(|| dir.to_string())
        .into_iter()
        .collect();
    let prefix = format!("{dir}/");
    keys.extend(
        tree.range(prefix.clone()..)
            .take_while(|(k, _)| k.starts_with(&prefix))
            .map(|(k, _)| k.clone()),
    );
    keys
}

pub fn analyse(image: &Image) -> Analysis {
    let mut tree: BTreeMap<String, FinalEntry> = BTreeMap::new();
    let mut figures = Vec::with_capacity(image.layers.len());
    // Per path: (cumulative size, smallest size, layers touching it).
    let mut touched: HashMap<&str, (u64, u64, u32)> = HashMap::new();
    // Bytes each layer contributes to the final tree, to find what later
    // layers hide.
    let mut live_bytes = vec![0u64; image.layers.len()];
    let mut content_bytes = vec![0u64; image.layers.len()];
    for (li, layer) in image.layers.iter().enumerate() {
        let mut added = 0;
        let mut removed = 0;
        for e in &layer.index.entries {
            let weight = match e.kind {
                EntryKind::Whiteout | EntryKind::Opaque => {
                    // dive weighs a whiteout by what it hides when that is
                    // a directory; a file's whiteout weighs nothing.
                    let was_file = tree.get(&e.path).is_some_and(|f| f.kind != EntryKind::Dir);
                    let mut freed = 0;
                    for k in subtree_keys(&tree, &e.path) {
                        if e.kind == EntryKind::Opaque && k == e.path {
                            continue;
                        }
                        if let Some(old) = tree.remove(&k) {
                            freed += old.size;
                            live_bytes[old.layer] -= old.size;
                            removed += 1;
                        }
                    }
                    Some(if was_file { 0 } else { freed })
                }
                EntryKind::Dir => {
                    let dir = FinalEntry {
                        size: 0,
                        layer: li,
                        mode: e.mode,
                        uid: e.uid,
                        kind: EntryKind::Dir,
                        link: None,
                    };
                    match tree.get_mut(&e.path) {
                        // A directory over a directory keeps its contents;
                        // its mode is the newer one.
                        Some(old) if old.kind == EntryKind::Dir => {
                            old.mode = e.mode;
                            old.uid = e.uid;
                        }
                        // A directory replaces a file or link of that name.
                        Some(old) => {
                            live_bytes[old.layer] -= old.size;
                            *old = dir;
                        }
                        None => {
                            tree.insert(e.path.clone(), dir);
                        }
                    }
                    None
                }
                _ => {
                    if let Some(old) = tree.insert(
                        e.path.clone(),
                        FinalEntry {
                            size: e.size,
                            layer: li,
                            mode: e.mode,
                            uid: e.uid,
                            kind: e.kind.clone(),
                            link: e.link.clone(),
                        },
                    ) {
                        live_bytes[old.layer] -= old.size;
                    }
                    live_bytes[li] += e.size;
                    content_bytes[li] += e.size;
                    added += 1;
                    Some(e.size)
                }
            };
            if let Some(w) = weight {
                let t = touched.entry(e.path.as_str()).or_insert((0, u64::MAX, 0));
                t.0 += w;
                t.1 = t.1.min(w);
                t.2 += 1;
            }
        }
        figures.push((added, removed));
    }
    let (mut min_sum, mut cum_sum, mut wasted) = (0u64, 0u64, 0u64);
    for (cum, min, n) in touched.values() {
        min_sum += min;
        cum_sum += cum;
        if *n >= 2 {
            wasted += cum;
        }
    }
    let efficiency = if cum_sum == 0 {
        1.0
    } else {
        min_sum as f64 / cum_sum as f64
    };
    let user_bytes: u64 = content_bytes.iter().skip(1).sum();
    let user_wasted_percent = if user_bytes == 0 {
        0.0
    } else {
        wasted as f64 / user_bytes as f64 * 100.0
    };
    let layers = figures
        .into_iter()
        .enumerate()
        .map(|(i, (files_added, files_removed))| LayerFigures {
            files_added,
            files_removed,
            wasted_bytes: content_bytes[i] - live_bytes[i],
            content_bytes: content_bytes[i],
        })
        .collect();
    Analysis {
        files: tree,
        layers,
        efficiency,
        wasted_bytes: wasted,
        user_wasted_percent,
    }
}
