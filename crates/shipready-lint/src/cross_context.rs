//! Checks across artefacts (no single-file tool does these): the
//! Dockerfile an image is built from, the Compose service that builds or
//! runs it, and the Kubernetes containers that run it. The rules read the
//! same parsed units as the other engines; a finding sits in the Compose
//! file or manifest, names the Dockerfile line in its message and carries
//! it as a related location.

use crate::engine::run_enabled;
use crate::kube_context::workload;
use crate::rules::common::images::ImageRef;
use crate::{Check, ComposeUnit, DockerfileUnit, Settings, Units};
use shipready_diagnostics::{FileTable, Finding, Location, Span};
use shipready_yaml::Node;
use std::collections::HashMap;
use std::sync::OnceLock;

/// A Kubernetes container and the image it runs.
pub struct KubeContainer<'a> {
    /// `Deployment/api`.
    pub owner: String,
    pub pod: &'a Node,
    pub container: &'a Node,
    pub image: String,
}

pub struct CrossContext<'a> {
    pub units: &'a Units,
    /// For the names of the files a message points at.
    pub files: &'a FileTable,
    pub settings: &'a Settings,
    by_directory: OnceLock<HashMap<String, (usize, usize)>>,
}

impl<'a> CrossContext<'a> {
    pub fn dockerfiles(&self) -> &'a [DockerfileUnit] {
        &self.units.dockerfiles
    }

    pub fn compose(&self) -> &'a [ComposeUnit] {
        &self.units.compose
    }

    /// The Dockerfile a Compose service builds, when the run read it.
    pub fn built_by(&self, unit: &ComposeUnit, service: &str) -> Option<&'a DockerfileUnit> {
        let i = unit.build(service)?.unit?;
        self.units.dockerfiles.get(i)
    }

    /// The Dockerfile that builds `image`: the one a Compose service
    /// builds under that image name, else the only Dockerfile whose
    /// directory is named like the image's last path segment.
    pub fn dockerfile_for_image(&self, image: &str) -> Option<&'a DockerfileUnit> {
        let repo = ImageRef::new(image).full_repository();
        if let Some(i) = self.units.links.images.get(&repo) {
            return self.units.dockerfiles.get(*i);
        }
        let last = repo.rsplit('/').next().unwrap_or(&repo);
        match self.by_directory().get(last) {
            Some(&(i, 1)) => self.units.dockerfiles.get(i),
            _ => None,
        }
    }

    /// The Dockerfiles by the name of their directory: the first one's
    /// index and how many there are. Built once per run, on first use;
    /// a scan of every Dockerfile per image made the join all-pairs.
    fn by_directory(&self) -> &HashMap<String, (usize, usize)> {
        self.by_directory.get_or_init(|| {
            let mut m: HashMap<String, (usize, usize)> = HashMap::new();
            for (i, d) in self.units.dockerfiles.iter().enumerate() {
                let dir = d
                    .path
                    .as_deref()
                    .and_then(|p| p.parent())
                    .and_then(|p| p.file_name());
                if let Some(dir) = dir {
                    m.entry(dir.to_string_lossy().into_owned())
                        .or_insert((i, 0))
                        .1 += 1;
                }
            }
            m
        })
    }

    /// Every container of every workload in the manifests.
    pub fn kube_containers(&self) -> Vec<KubeContainer<'a>> {
        let mut out = Vec::new();
        for o in &self.units.kube.objects {
            let Some(w) = workload(o) else { continue };
            let pod = w.pod;
            for c in pod.get("containers").and_then(Node::as_seq).unwrap_or(&[]) {
                let Some(image) = c.get("image").and_then(Node::key_text) else {
                    continue;
                };
                out.push(KubeContainer {
                    owner: o.label(),
                    pod,
                    container: c,
                    image,
                });
            }
        }
        out
    }

    /// The location of a span on the manifests' number line.
    pub fn kube_at(&self, span: Span) -> Option<Location> {
        self.units.kube.locate(span)
    }
}

impl CrossContext<'_> {
    /// `api/Dockerfile:12`: where in a Dockerfile, for messages.
    pub fn line_of(&self, d: &DockerfileUnit, span: Span) -> String {
        self.files.get(d.file).at(span)
    }
}

/// Runs the enabled cross-file rules.
pub fn lint_cross(units: &Units, files: &FileTable, settings: &Settings) -> Vec<Finding> {
    let ctx = CrossContext {
        units,
        files,
        settings,
        by_directory: OnceLock::new(),
    };
    run_enabled(settings, &ctx, |c| match c {
        Check::Cross(f) => Some(f),
        _ => None,
    })
}
