//! `docker build` through the Engine API (`POST /build`), for `shipready
//! audit --build`: the context directory is packed into a tar in memory
//! (honouring `.dockerignore`, links kept as links, never followed), sent
//! to the Engine's builder, and its output lines handed to the caller.
//! The Engine builds with its classic builder: BuildKit-only syntax
//! (`RUN --mount`) fails with the Engine's own message.

use crate::ImageError;
use futures_util::StreamExt;
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::path::{Path, PathBuf};

/// The largest build context packed: a context over this is almost always
/// a missing `.dockerignore` (node_modules, .git, build output).
pub const MAX_CONTEXT_BYTES: u64 = 1 << 30;

pub struct BuildRequest {
    pub context: PathBuf,
    /// The Dockerfile, inside the context.
    pub dockerfile: PathBuf,
    pub tag: String,
}

fn build_error(req: &BuildRequest, why: impl Into<String>) -> ImageError {
    ImageError::invalid(req.dockerfile.display().to_string(), why.into())
}

/// `.dockerignore` as globs. Written here, not with the `ignore` crate:
/// its patterns are Go `filepath.Match` globs relative to the context
/// root (no gitignore anchoring rules); `!` re-includes are honoured for
/// whole patterns in order.
struct Ignore {
    rules: Vec<(GlobSet, bool)>,
}

impl Ignore {
    fn read(context: &Path) -> Ignore {
        let text = std::fs::read_to_string(context.join(".dockerignore")).unwrap_or_default();
        let mut rules = Vec::new();
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (keep, pat) = match line.strip_prefix('!') {
                Some(p) => (true, p),
                None => (false, line),
            };
            let pat = pat
                .trim_start_matches("./")
                .trim_start_matches('/')
                .trim_end_matches('/');
            let mut set = GlobSetBuilder::new();
            for p in [pat.to_string(), format!("{pat}/**")] {
                if let Ok(g) = Glob::new(&p) {
                    set.add(g);
                }
            }
            if let Ok(set) = set.build() {
                rules.push((set, keep));
            }
        }
        Ignore { rules }
    }

    fn ignored(&self, rel: &str) -> bool {
        let mut out = false;
        for (set, keep) in &self.rules {
            if set.is_match(rel) {
                out = !keep;
            }
        }
        out
    }
}

/// The context as a tar, with the Dockerfile always in it.
fn pack(req: &BuildRequest) -> Result<Vec<u8>, ImageError> {
    let ignore = Ignore::read(&req.context);
    let dockerfile_rel = req
        .dockerfile
        .strip_prefix(&req.context)
        .map_err(|_| build_error(req, "the Dockerfile is outside the build context"))?
        .to_path_buf();
    let mut tar = tar::Builder::new(Vec::new());
    tar.follow_symlinks(false);
    let mut total = 0u64;
    let mut stack = vec![req.context.clone()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir)
            .map_err(|e| build_error(req, format!("{}: {e}", dir.display())))?;
        let mut entries: Vec<_> = entries.flatten().collect();
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let path = e.path();
            let Ok(rel) = path.strip_prefix(&req.context) else {
                continue;
            };
            let rel_s = rel.to_string_lossy().replace('\\', "/");
            if ignore.ignored(&rel_s) && rel != dockerfile_rel {
                continue;
            }
            let meta = std::fs::symlink_metadata(&path)
                .map_err(|e| build_error(req, format!("{}: {e}", path.display())))?;
            total += meta.len();
            if total > MAX_CONTEXT_BYTES {
                return Err(build_error(
                    req,
                    format!(
                        "the build context {} is over {} MB: add a .dockerignore",
                        req.context.display(),
                        MAX_CONTEXT_BYTES >> 20
                    ),
                ));
            }
            if meta.is_dir() {
                stack.push(path);
            } else if meta.is_file() || meta.file_type().is_symlink() {
                tar.append_path_with_name(&path, rel)
                    .map_err(|e| build_error(req, format!("{}: {e}", path.display())))?;
            }
        }
    }
    tar.into_inner()
        .map_err(|e| build_error(req, e.to_string()))
}

/// Builds and tags `req.tag`; `on_line` gets each line of build output.
pub fn engine_build(req: &BuildRequest, on_line: &mut dyn FnMut(&str)) -> Result<(), ImageError> {
    let body = pack(req)?;
    let dockerfile = req
        .dockerfile
        .strip_prefix(&req.context)
        .unwrap_or(&req.dockerfile)
        .to_string_lossy()
        .replace('\\', "/");
    let docker = bollard::Docker::connect_with_defaults()
        .map_err(|e| crate::engine::engine_unreachable(&e))?;
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| build_error(req, format!("cannot start the client: {e}")))?;
    rt.block_on(async {
        let options = bollard::query_parameters::BuildImageOptionsBuilder::default()
            .dockerfile(&dockerfile)
            .t(&req.tag)
            .rm(true)
            .build();
        let mut stream = docker.build_image(
            options,
            None,
            Some(http_body_util::Either::Left(http_body_util::Full::new(
                body.into(),
            ))),
        );
        while let Some(item) = stream.next().await {
            match item {
                Ok(info) => {
                    if let Some(s) = info.stream.as_deref() {
                        for line in s.lines().filter(|l| !l.trim().is_empty()) {
                            on_line(line);
                        }
                    }
                    if let Some(detail) = info.error_detail.and_then(|d| d.message) {
                        return Err(build_error(req, format!("docker build failed: {detail}")));
                    }
                }
                Err(e) => return Err(build_error(req, format!("docker build failed: {e}"))),
            }
        }
        Ok(())
    })
}
