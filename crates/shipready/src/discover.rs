//! Finding the files to lint: walks directories in parallel honouring
//! `.gitignore`/`.ignore`, keeps files named like Dockerfiles.

use shipready_dockerfile::is_dockerfile_name;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Dockerfiles under `root`, sorted for stable output.
pub fn walk(root: &Path) -> Vec<PathBuf> {
    let found = Mutex::new(Vec::new());
    ignore::WalkBuilder::new(root)
        .hidden(false)
        .filter_entry(|e| e.file_name() != ".git")
        .threads(2)
        .build_parallel()
        .run(|| {
            Box::new(|entry| {
                if let Ok(e) = entry {
                    let is_file = e.file_type().is_some_and(|t| t.is_file() || t.is_symlink());
                    if is_file && e.file_name().to_str().is_some_and(is_dockerfile_name) {
                        if let Ok(mut v) = found.lock() {
                            v.push(e.into_path());
                        }
                    }
                }
                ignore::WalkState::Continue
            })
        });
    let mut v = found.into_inner().unwrap_or_default();
    v.sort();
    v
}
