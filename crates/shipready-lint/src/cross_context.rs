//! Checks across artefacts (no single-file tool does these): the
//! Dockerfile an image is built from, the Compose service that builds or
//! runs it, and the Kubernetes containers that run it. The facts each
//! rule needs are gathered once from the parsed files; a finding names
//! the file it is in and, in its message, the other place.

use crate::image_ref::repository;
use crate::kube_context::workload;
use crate::rules::dockerfile::util::names_root;
use crate::{Check, Settings};
use shipready_compose::Project;
use shipready_diagnostics::{Finding, LineIndex, Span};
use shipready_dockerfile::{Args, Keyword};
use shipready_yaml::Node;
use std::path::{Path, PathBuf};

/// A Dockerfile of the run and what its final stage declares.
pub struct DockerfileFacts {
    pub name: String,
    pub path: PathBuf,
    pub text: String,
    pub healthcheck: Option<Span>,
    pub exposes: Vec<(u16, Span)>,
    /// The final stage's last USER, and where.
    pub user: Option<(String, Span)>,
    pub from: Span,
}

impl DockerfileFacts {
    /// `api/Dockerfile:12`, for messages.
    pub fn at(&self, span: Span) -> String {
        let line = LineIndex::new(&self.text)
            .line_col(&self.text, span.start)
            .line;
        format!("{}:{line}", self.name)
    }
}

/// A Compose project of the run, with the names the user gave its files.
pub struct ComposeInput {
    pub project: Project,
    /// Absolute path → display name.
    pub names: Vec<(PathBuf, String)>,
}

/// A manifest file of the run.
pub struct ManifestInput {
    pub name: String,
    pub text: String,
}

/// A finding in a given file (spans local to it).
pub struct CrossFinding {
    pub file: String,
    pub finding: Finding,
}

/// A Kubernetes container and the image it runs.
pub struct KubeContainer<'a> {
    pub file: &'a str,
    /// `Deployment/api`.
    pub owner: String,
    pub pod: &'a Node,
    pub container: &'a Node,
    pub image: String,
}

pub struct CrossContext<'a> {
    pub dockerfiles: Vec<DockerfileFacts>,
    pub compose: &'a [ComposeInput],
    pub objects: Vec<(usize, shipready_kube::Object)>,
    pub manifests: &'a [ManifestInput],
    pub settings: &'a Settings,
}

impl<'a> CrossContext<'a> {
    /// The Dockerfile a Compose service builds, by its resolved path.
    pub fn dockerfile_at(&self, path: &Path) -> Option<&DockerfileFacts> {
        let canonical = std::fs::canonicalize(path).ok()?;
        self.dockerfiles.iter().find(|d| d.path == canonical)
    }

    /// The Dockerfile that builds `image`: the one a Compose service
    /// builds under that image name, else the only Dockerfile whose
    /// directory is named like the image's last path segment.
    pub fn dockerfile_for_image(&self, image: &str) -> Option<&DockerfileFacts> {
        let repo = repository(image);
        for c in self.compose {
            for (_, svc) in c.project.services() {
                let (Some(img), Some(build)) =
                    (svc.get("image").and_then(Node::as_str), svc.get("build"))
                else {
                    continue;
                };
                if repository(img) == repo {
                    if let Some(path) = built_dockerfile(build) {
                        return self.dockerfile_at(&path);
                    }
                }
            }
        }
        let last = repo.rsplit('/').next().unwrap_or(repo);
        let mut by_dir = self.dockerfiles.iter().filter(|d| {
            d.path
                .parent()
                .and_then(|p| p.file_name())
                .is_some_and(|n| n.to_string_lossy() == last)
        });
        match (by_dir.next(), by_dir.next()) {
            (Some(d), None) => Some(d),
            _ => None,
        }
    }

    /// Every container of every workload in the manifests.
    pub fn kube_containers(&self) -> Vec<KubeContainer<'_>> {
        let mut out = Vec::new();
        for (file, o) in &self.objects {
            let Some(w) = workload(o) else { continue };
            let pod = w.pod;
            for c in pod.get("containers").and_then(Node::as_seq).unwrap_or(&[]) {
                let Some(image) = c.get("image").and_then(Node::key_text) else {
                    continue;
                };
                out.push(KubeContainer {
                    file: &self.manifests[*file].name,
                    owner: o.label(),
                    pod,
                    container: c,
                    image,
                });
            }
        }
        out
    }

    /// The display name and local span of a Compose span.
    pub fn compose_place(&self, input: &ComposeInput, span: Span) -> Option<(String, Span)> {
        let (src, local) = input.project.sources.locate(span)?;
        let name = input
            .names
            .iter()
            .find(|(p, _)| *p == src.path)
            .map_or_else(|| src.name.clone(), |(_, n)| n.clone());
        Some((name, local))
    }
}

/// The Dockerfile path a Compose `build` section builds with.
pub fn built_dockerfile(build: &Node) -> Option<PathBuf> {
    let ctx = build.get("context")?.as_str()?;
    if ctx.contains("://") || ctx.starts_with("git@") {
        return None;
    }
    let file = build
        .get("dockerfile")
        .and_then(Node::as_str)
        .unwrap_or("Dockerfile");
    Some(Path::new(ctx).join(file))
}

/// Reads what the cross rules need from a Dockerfile's final stage.
pub fn dockerfile_facts(name: String, path: &Path, text: String) -> Option<DockerfileFacts> {
    let df = shipready_dockerfile::parse(&text).ok()?;
    let stages = df.stages();
    let last = stages.last()?;
    let from = df.instructions[last.from].span;
    let (mut healthcheck, mut exposes, mut user) = (None, Vec::new(), None);
    for inst in df.stage_instructions(last) {
        match inst.keyword {
            Keyword::Healthcheck => {
                let none = matches!(&inst.args, Args::Healthcheck { kind, .. } if kind.value.eq_ignore_ascii_case("NONE"));
                healthcheck = (!none).then_some(inst.span);
            }
            Keyword::Expose => {
                for word in inst.args_text().split_whitespace() {
                    let port = word.split('/').next().unwrap_or(word);
                    if let Ok(n) = port.parse::<u16>() {
                        exposes.push((n, inst.span));
                    }
                }
            }
            Keyword::User => {
                user = Some((inst.args_text().trim().to_string(), inst.span));
            }
            _ => {}
        }
    }
    Some(DockerfileFacts {
        name,
        path: std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()),
        text,
        healthcheck,
        exposes,
        user,
        from,
    })
}

/// Whether `user` (a Dockerfile USER) is root: absent, `root` or `0`.
pub fn is_root_user(user: Option<&str>) -> bool {
    user.is_none_or(|u| u.split(':').next().unwrap_or("").trim().is_empty() || names_root(u))
}

/// Runs the enabled cross-file rules.
pub fn lint_cross(
    dockerfiles: Vec<DockerfileFacts>,
    compose: &[ComposeInput],
    manifests: &[ManifestInput],
    settings: &Settings,
) -> Vec<CrossFinding> {
    let mut objects = Vec::new();
    for (i, m) in manifests.iter().enumerate() {
        if let Ok(objs) = shipready_kube::parse_manifests(&m.text, 0) {
            objects.extend(objs.into_iter().map(|o| (i, o)));
        }
    }
    let ctx = CrossContext {
        dockerfiles,
        compose,
        objects,
        manifests,
        settings,
    };
    let mut out = Vec::new();
    for rule in crate::all_rules() {
        if let Check::Cross(f) = rule.check {
            if settings.is_enabled(rule.meta.id, rule.meta.default_enabled) {
                f(&ctx, &mut out);
            }
        }
    }
    for f in &mut out {
        if let Some(sev) = settings.severity.get(f.finding.rule) {
            f.finding.severity = *sev;
        }
    }
    out
}
