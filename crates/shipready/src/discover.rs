//! Finding the files to lint: walks directories in parallel honouring
//! `.gitignore`/`.ignore`, keeps Dockerfiles and Compose files.

use shipready_dockerfile::is_dockerfile_name;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// What a walk found, each list sorted for stable output.
#[derive(Debug, Default)]
pub struct Found {
    pub dockerfiles: Vec<PathBuf>,
    pub compose: Vec<PathBuf>,
    /// Other YAML and JSON files: Kubernetes manifests when they hold
    /// objects (`apiVersion` and `kind`).
    pub manifests: Vec<PathBuf>,
}

/// `.yaml`, `.yml` or `.json`.
pub fn is_yaml_or_json(name: &str) -> bool {
    [".yaml", ".yml", ".json"].iter().any(|e| name.ends_with(e))
}

/// `compose.yaml`, `docker-compose.yml`, and their `compose.<x>.yaml`
/// override and environment variants.
pub fn is_compose_name(name: &str) -> bool {
    let Some(stem) = name
        .strip_suffix(".yaml")
        .or_else(|| name.strip_suffix(".yml"))
    else {
        return false;
    };
    stem == "compose"
        || stem == "docker-compose"
        || stem.starts_with("compose.")
        || stem.starts_with("docker-compose.")
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
                if let Ok(e) = entry {
                    let is_file = e.file_type().is_some_and(|t| t.is_file() || t.is_symlink());
                    let name = e.file_name().to_str().unwrap_or("");
                    let docker = is_file && is_dockerfile_name(name);
                    let compose = is_file && is_compose_name(name);
                    let manifest = is_file && !compose && is_yaml_or_json(name);
                    if docker || compose || manifest {
                        if let Ok(mut v) = found.lock() {
                            if docker {
                                v.dockerfiles.push(e.into_path());
                            } else if compose {
                                v.compose.push(e.into_path());
                            } else {
                                v.manifests.push(e.into_path());
                            }
                        }
                    }
                }
                ignore::WalkState::Continue
            })
        });
    let mut v = found.into_inner().unwrap_or_default();
    v.dockerfiles.sort();
    v.compose.sort();
    v.manifests.sort();
    v
}

#[cfg(test)]
mod tests {
    use super::is_compose_name;

    #[test]
    fn compose_names() {
        for n in [
            "compose.yaml",
            "docker-compose.yml",
            "compose.prod.yaml",
            "docker-compose.override.yml",
        ] {
            assert!(is_compose_name(n), "{n}");
        }
        for n in [
            "composer.json",
            "compose.json",
            "my-compose.yml",
            "values.yaml",
        ] {
            assert!(!is_compose_name(n), "{n}");
        }
    }
}
