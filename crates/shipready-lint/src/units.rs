//! What the engines check: every input of a run, parsed once, with the
//! [`FileId`] of each file it came from. The project crate builds these
//! (discovery, reading, loading); each engine reads its own kind, and the
//! cross-file checks read them all: nothing is parsed twice.

use shipready_compose::Project;
use shipready_diagnostics::{FileId, Location, Span};
use shipready_dockerfile::{Args, Dockerfile, Keyword};
use shipready_image::{Analysis, Image};
use shipready_kube::{Object, Problem};
use std::collections::HashMap;
use std::path::PathBuf;

/// A parsed Dockerfile.
#[derive(Debug)]
pub struct DockerfileUnit {
    pub file: FileId,
    /// Absolute path on disk; `None` for standard input.
    pub path: Option<PathBuf>,
    pub df: Dockerfile,
    pub final_stage: FinalStage,
    /// Linted as it was loaded, its suppressions taken, and its parse
    /// dropped ([`DockerfileUnit::strip`]): `df` holds only the text.
    pub stripped: bool,
}

impl DockerfileUnit {
    pub fn new(file: FileId, path: Option<PathBuf>, df: Dockerfile) -> Self {
        let final_stage = FinalStage::of(&df);
        DockerfileUnit {
            file,
            path,
            df,
            final_stage,
            stripped: false,
        }
    }

    /// Drops the parse, keeping the text and what the other files are
    /// checked against (`final_stage`): for a run whose Dockerfile rules
    /// and suppressions were taken as the file was loaded, so that a
    /// large tree never holds every parse at once.
    pub fn strip(&mut self) {
        self.df = Dockerfile {
            source: std::sync::Arc::clone(&self.df.source),
            escape: self.df.escape,
            directives: Vec::new(),
            instructions: Vec::new(),
            comments: Vec::new(),
        };
        self.stripped = true;
    }

    /// A location in this Dockerfile.
    pub fn at(&self, span: Span) -> Location {
        Location::text(self.file, span)
    }
}

/// What the final stage declares: the facts other files are checked
/// against (health check, ports, user).
#[derive(Debug, Clone, Default)]
pub struct FinalStage {
    /// The last HEALTHCHECK, unless it is `HEALTHCHECK NONE`.
    pub healthcheck: Option<Span>,
    pub exposes: Vec<(u16, Span)>,
    /// The last USER, and where.
    pub user: Option<(String, Span)>,
    /// The final FROM; `None` when the file has no stage.
    pub from: Option<Span>,
}

impl FinalStage {
    fn of(df: &Dockerfile) -> Self {
        let stages = df.stages();
        let Some(last) = stages.last() else {
            return FinalStage::default();
        };
        let mut facts = FinalStage {
            from: Some(df.instructions[last.from].span),
            ..FinalStage::default()
        };
        for inst in df.stage_instructions(last) {
            match inst.keyword {
                Keyword::Healthcheck => {
                    let none = matches!(&inst.args, Args::Healthcheck { kind, .. } if kind.value.eq_ignore_ascii_case("NONE"));
                    facts.healthcheck = (!none).then_some(inst.span);
                }
                Keyword::Expose => {
                    for word in inst.args_text().split_whitespace() {
                        let port = word.split('/').next().unwrap_or(word);
                        if let Ok(n) = port.parse::<u16>() {
                            facts.exposes.push((n, inst.span));
                        }
                    }
                }
                Keyword::User => {
                    facts.user = Some((inst.args_text().trim().to_string(), inst.span));
                }
                _ => {}
            }
        }
        facts
    }
}

/// A loaded Compose project.
#[derive(Debug)]
pub struct ComposeUnit {
    pub project: Project,
    /// The file of each of `project.sources.files`, in the same order.
    pub files: Vec<FileId>,
    /// A production file is part of the project (`compose.prod.yaml`).
    pub production: bool,
    /// What each service with a local `build:` builds.
    builds: Vec<Build>,
    /// `builds` by service name: the cross-file rules ask per service, and
    /// a file with thousands of services made a scan per question
    /// quadratic.
    build_of: HashMap<String, usize>,
}

impl ComposeUnit {
    pub fn new(project: Project, files: Vec<FileId>, production: bool, builds: Vec<Build>) -> Self {
        let mut build_of = HashMap::with_capacity(builds.len());
        for (i, b) in builds.iter().enumerate() {
            build_of.entry(b.service.clone()).or_insert(i);
        }
        ComposeUnit {
            project,
            files,
            production,
            builds,
            build_of,
        }
    }

    /// What each service with a local `build:` builds.
    pub fn builds(&self) -> &[Build] {
        &self.builds
    }

    /// The location of a span on the project's number line.
    pub fn locate(&self, span: Span) -> Option<Location> {
        let (i, local) = self.project.sources.locate_index(span)?;
        Some(Location::text(*self.files.get(i)?, local))
    }

    /// What service `name` builds, when it builds from a local context.
    pub fn build(&self, service: &str) -> Option<&Build> {
        self.builds.get(*self.build_of.get(service)?)
    }
}

/// A service's local build: where the context and Dockerfile are, whether
/// they exist, and the Dockerfile in the run when it was read.
#[derive(Debug, Clone)]
pub struct Build {
    pub service: String,
    pub context: PathBuf,
    pub dockerfile: PathBuf,
    pub context_exists: bool,
    pub dockerfile_exists: bool,
    /// Index into the run's Dockerfiles.
    pub unit: Option<usize>,
}

/// Every Kubernetes object of the run, on one number line (spans are
/// global, so a rule sees objects from several files side by side).
#[derive(Debug, Default)]
pub struct KubeUnit {
    pub objects: Vec<Object>,
    /// Strict validation of each object, computed once.
    pub problems: Vec<Vec<Problem>>,
    /// `(base, file)` of each manifest file on the number line, ascending.
    pub files: Vec<(u32, FileId)>,
}

impl KubeUnit {
    /// The location of a span on the manifests' number line.
    pub fn locate(&self, span: Span) -> Option<Location> {
        let i = self
            .files
            .partition_point(|(b, _)| *b <= span.start)
            .checked_sub(1)?;
        let (base, file) = self.files[i];
        Some(Location::text(
            file,
            Span::new(span.start - base, span.end.saturating_sub(base)),
        ))
    }
}

/// A built image, read and analysed.
#[derive(Debug)]
pub struct ImageUnit {
    pub file: FileId,
    pub image: Image,
    pub analysis: Analysis,
    /// The Dockerfile it was built from (`--dockerfile`): index into the
    /// run's Dockerfiles.
    pub dockerfile: Option<usize>,
}

/// The packages of one target (an image, or the lockfiles of a tree) and,
/// when a vulnerability database was given, what it says of them.
#[derive(Debug)]
pub struct PackageUnit {
    /// The image they are in; `None` for a source tree.
    pub image: Option<FileId>,
    pub inventory: shipready_sbom::Inventory,
    pub scan: Option<shipready_vuln::ScanResult>,
    /// The lockfiles and manifests the packages were read from, by the
    /// path their origin names.
    pub files: Vec<(String, FileId)>,
    /// The Dockerfile the image was built from: a package installed by a
    /// layer points at the instruction that made the layer.
    pub dockerfile: Option<usize>,
}

/// Which Dockerfile builds which image, for the cross-file checks: by
/// image name (repository), the index of the Dockerfile; the first Compose
/// service to name a repository wins.
#[derive(Debug, Default)]
pub struct Links {
    pub images: HashMap<String, usize>,
}

/// Everything a run checks.
#[derive(Debug, Default)]
pub struct Units {
    pub dockerfiles: Vec<DockerfileUnit>,
    pub compose: Vec<ComposeUnit>,
    pub kube: KubeUnit,
    pub images: Vec<ImageUnit>,
    pub packages: Vec<PackageUnit>,
    pub links: Links,
}
