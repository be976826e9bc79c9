//! Canonical paths for the files of a run, the key that links a Compose
//! build or an image to the Dockerfile read from the same place.
//!
//! `std::fs::canonicalize` resolves every component of every path with a
//! `readlink` each: on the corpus that was 7,600 system calls on the
//! thread that adds files to the project. Files of one walk share their
//! directories, so a directory is resolved once and a file costs one
//! `lstat` (to see whether it is itself a link), and so does each
//! directory, once. The result is what
//! `canonicalize` gives (a unit test compares them), and the path as
//! given where that fails.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Default)]
pub(crate) struct Canonical {
    /// A directory as named, and where it resolves to (`None`: it does not).
    dirs: HashMap<PathBuf, Option<PathBuf>>,
}

impl Canonical {
    /// `p` made absolute with every link resolved, or `p` itself when it
    /// cannot be resolved.
    pub fn path(&mut self, p: &Path) -> PathBuf {
        let whole = || std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
        let Ok(meta) = std::fs::symlink_metadata(p) else {
            return p.to_path_buf();
        };
        let (Some(name), Some(parent)) = (p.file_name(), p.parent()) else {
            return whole();
        };
        // `a/..` has no file name; a link is resolved whole.
        if meta.file_type().is_symlink() || p.ends_with("..") {
            return whole();
        }
        match self.dir(parent) {
            Some(d) => d.join(name),
            None => whole(),
        }
    }

    /// A directory resolved from its parent's resolution (cached), so each
    /// directory of the tree costs one `lstat`; a link, `..` and the first
    /// component are resolved by `canonicalize`.
    fn dir(&mut self, d: &Path) -> Option<PathBuf> {
        let d = if d.as_os_str().is_empty() {
            Path::new(".")
        } else {
            d
        };
        if let Some(known) = self.dirs.get(d) {
            return known.clone();
        }
        let resolved = match (d.parent(), d.file_name()) {
            (Some(parent), Some(name)) if !parent.as_os_str().is_empty() && !d.ends_with("..") => {
                match std::fs::symlink_metadata(d) {
                    Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(d).ok(),
                    Ok(m) if m.is_dir() => self.dir(parent).map(|p| p.join(name)),
                    _ => None,
                }
            }
            _ => std::fs::canonicalize(d).ok(),
        };
        self.dirs.insert(d.to_path_buf(), resolved.clone());
        resolved
    }
}

#[cfg(test)]
mod tests {
    use super::Canonical;
    use std::path::Path;

    #[test]
    fn resolves_as_canonicalize_does() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path();
        std::fs::create_dir_all(root.join("real/sub")).expect("mkdir");
        std::fs::write(root.join("real/sub/Dockerfile"), "FROM scratch\n").expect("write");
        std::os::unix::fs::symlink(root.join("real"), root.join("linkdir")).expect("symlink");
        std::os::unix::fs::symlink(root.join("real/sub/Dockerfile"), root.join("linkfile"))
            .expect("symlink");
        std::os::unix::fs::symlink(root.join("absent"), root.join("dangling")).expect("symlink");
        let mut c = Canonical::default();
        for p in [
            root.join("real/sub/Dockerfile"),
            root.join("linkdir/sub/Dockerfile"),
            root.join("real/sub/../sub/Dockerfile"),
            root.join("real/sub/./Dockerfile"),
            root.join("linkfile"),
            root.join("real/sub"),
            root.join("real/sub/.."),
        ] {
            let want = std::fs::canonicalize(&p).expect("canonicalize");
            assert_eq!(c.path(&p), want, "{}", p.display());
            // Second time from the cache.
            assert_eq!(c.path(&p), want, "{}", p.display());
        }
        for p in [
            root.join("dangling"),
            root.join("absent"),
            root.join("real/none/x"),
        ] {
            assert_eq!(c.path(&p), p, "{}", p.display());
        }
        for rel in [
            "Cargo.toml",
            "src/canonical.rs",
            "../shipready-project/src/lib.rs",
        ] {
            let rel = Path::new(rel);
            assert_eq!(
                c.path(rel),
                std::fs::canonicalize(rel).expect("canonicalize")
            );
        }
    }
}
