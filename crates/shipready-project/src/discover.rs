//! Finding inputs in a directory tree: walked in parallel, honouring
//! `.gitignore`/`.ignore`. Dockerfiles are found by name; YAML and JSON
//! files are candidates whose content decides (see `sniff`).

use shipready_compose::names::is_compose_name;
use shipready_dockerfile::is_dockerfile_name;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// What a walk found, each list sorted for stable output.
#[derive(Debug, Default)]
pub struct Found {
    pub dockerfiles: Vec<PathBuf>,
    /// Files with a Compose name (`compose.yaml`, `docker-compose.prod.yml`).
    pub compose: Vec<PathBuf>,
    /// Other YAML and JSON files: Compose files or Kubernetes manifests
    /// when their content says so.
    pub yaml: Vec<PathBuf>,
    /// Lockfiles and package manifests (`package-lock.json`,
    /// `requirements.txt`, `Cargo.lock`, …).
    pub packages: Vec<PathBuf>,
}

/// `.yaml`, `.yml` or `.json`.
pub fn is_yaml_or_json(name: &str) -> bool {
    [".yaml", ".yml", ".json"].iter().any(|e| name.ends_with(e))
}

pub fn walk(root: &Path) -> Found {
    let found = Mutex::new(Found::default());
    ignore::WalkBuilder::new(root)
        .hidden(false)
        .filter_entry(|e| e.file_name() != ".git")
        .threads(2)
        .build_parallel()
        .run(|| {
            Box::new(|entry| {
                let Ok(e) = entry else {
                    return ignore::WalkState::Continue;
                };
                let is_file = e.file_type().is_some_and(|t| t.is_file() || t.is_symlink());
                let name = e.file_name().to_str().unwrap_or("");
                let full = e.path().to_string_lossy();
                if is_file && shipready_sbom::kind_of(&full).is_some() {
                    if let Ok(mut v) = found.lock() {
                        v.packages.push(e.path().to_path_buf());
                    }
                }
                let list = if !is_file {
                    None
                } else if is_dockerfile_name(name) {
                    Some(0)
                } else if is_compose_name(name) {
                    Some(1)
                } else if is_yaml_or_json(name) {
                    Some(2)
                } else {
                    None
                };
                if let (Some(list), Ok(mut v)) = (list, found.lock()) {
                    let path = e.into_path();
                    match list {
                        0 => v.dockerfiles.push(path),
                        1 => v.compose.push(path),
                        _ => v.yaml.push(path),
                    }
                }
                ignore::WalkState::Continue
            })
        });
    let mut v = found.into_inner().unwrap_or_default();
    v.dockerfiles.sort();
    v.compose.sort();
    v.yaml.sort();
    v.packages.sort();
    v
}
