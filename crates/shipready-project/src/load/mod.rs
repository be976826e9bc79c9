//! From the command line's paths to the project model: what each input
//! is (by name, else by content), read once, parsed once, linked.
//!
//! How an input's kind is decided:
//! - a directory is walked: Dockerfiles by name (`Dockerfile`,
//!   `*.Dockerfile`, `Containerfile`, …); Compose files by name
//!   (`compose.yaml`, `docker-compose.prod.yml`, …), grouped per directory
//!   into the projects `docker compose` would load; any other YAML or JSON
//!   file by content: Kubernetes objects (`apiVersion` and `kind`), or a
//!   Compose file (a top-level `services:` mapping whose services have an
//!   `image` or a `build`), each its own project; other files are left
//!   alone, and so are templates (`{{ }}`);
//! - a file named on the command line is read whatever its name: a
//!   Dockerfile name, a Compose name, else its content decides (objects,
//!   `services:`, or a first Dockerfile instruction); a named file that is
//!   none of them is an input error;
//! - standard input (`-`) holds manifests, a Compose file, or a
//!   Dockerfile, by content.

pub(crate) mod compose;
mod dockerfiles;
mod images;
mod manifests;

use crate::discover::{is_yaml_or_json, walk};
use crate::read::read_text;
use crate::sniff::{has_services_key, is_template, may_hold_objects, starts_like_dockerfile};
use crate::{Error, Inputs, Options};
use shipready_compose::names::is_compose_name;
use shipready_diagnostics::FileTable;
use shipready_dockerfile::is_dockerfile_name;
use shipready_lint::{Settings, Units};
use shipready_report::{ImageSummary, InputError};
use std::path::{Path, PathBuf};

/// Every input of a run, read and parsed once.
#[derive(Debug, Default)]
pub struct Project {
    pub files: FileTable,
    pub units: Units,
    /// Inputs that could not be read or parsed.
    pub errors: Vec<InputError>,
    /// What each image looks like, for the report.
    pub images: Vec<ImageSummary>,
    /// The name of each package target (`units.packages`), for the report.
    pub package_targets: Vec<String>,
    /// Vulnerabilities the ignore file, VEX or `--ignore-unfixed` took out,
    /// per package target.
    pub suppressed: Vec<Vec<shipready_vuln::filter::Suppressed>>,
    /// Findings of the scan's filter step (stale ignore-file entries).
    pub filter_findings: Vec<shipready_diagnostics::Finding>,
    /// Each Dockerfile's index in `units.dockerfiles` by its absolute
    /// path, for the links from Compose builds and images.
    dockerfile_at: std::collections::HashMap<PathBuf, usize>,
    /// Resolves the files' paths to that key.
    canonical: crate::canonical::Canonical,
    /// Set when the Dockerfiles are linted as they are loaded (see
    /// [`load_and_lint`]).
    lint_as_loaded: Option<Settings>,
    /// What that found: the Dockerfile rules' findings and the
    /// Dockerfiles' suppressions, in file order.
    pub(crate) early_findings: Vec<shipready_diagnostics::Finding>,
    pub(crate) early_suppressions: Vec<shipready_lint::suppress::Suppression>,
}

/// A text input and how it came to be one.
#[derive(Debug, Clone)]
pub(crate) struct Source {
    /// As the user named it.
    pub name: String,
    /// On disk; `None` for standard input.
    pub path: Option<PathBuf>,
    pub text: String,
    /// Named on the command line (or standard input), not found by a walk.
    pub explicit: bool,
}

impl Source {
    pub fn absolute(&self, canonical: &mut crate::canonical::Canonical) -> Option<PathBuf> {
        self.path.as_deref().map(|p| canonical.path(p))
    }
}

/// The inputs sorted by kind, before their text is read.
#[derive(Default)]
struct Plan {
    dockerfiles: Vec<(PathBuf, bool)>,
    /// Compose-named files found by walking: grouped per directory.
    compose_walked: Vec<PathBuf>,
    /// Compose-named files on the command line: each its own project.
    compose_named: Vec<PathBuf>,
    /// YAML/JSON files whose content decides, and whether they were named.
    yaml: Vec<(PathBuf, bool)>,
    /// Named files with no telling name: content decides.
    other: Vec<PathBuf>,
    /// Lockfiles and package manifests (named, or found in a walk).
    packages: Vec<PathBuf>,
    stdin: bool,
}

fn plan(inputs: &Inputs) -> Result<Plan, Error> {
    let mut p = Plan::default();
    for path in &inputs.paths {
        if path.as_os_str() == "-" {
            p.stdin = true;
            continue;
        }
        // One stat per named path (the corpus bench names 513 files).
        let Ok(meta) = std::fs::metadata(path) else {
            // A dangling symlink is a file that cannot be read, not a
            // missing path.
            if std::fs::symlink_metadata(path).is_ok() {
                p.dockerfiles.push((path.clone(), true));
                continue;
            }
            return Err(Error::NoSuchPath(path.clone()));
        };
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if meta.is_dir() {
            let found = walk(path);
            if found.dockerfiles.is_empty()
                && found.compose.is_empty()
                && found.yaml.is_empty()
                && is_dockerfile_name(name)
            {
                return Err(Error::DirectoryNotDockerfile(path.clone()));
            }
            p.dockerfiles
                .extend(found.dockerfiles.into_iter().map(|f| (f, false)));
            p.compose_walked.extend(found.compose);
            p.yaml.extend(found.yaml.into_iter().map(|f| (f, false)));
            p.packages.extend(found.packages);
        } else if shipready_sbom::kind_of(&path.to_string_lossy()).is_some() {
            p.packages.push(path.clone());
            // A pnpm-lock.yaml is YAML too, but never a Compose file or a
            // manifest.
        } else if is_dockerfile_name(name) {
            p.dockerfiles.push((path.clone(), true));
        } else if is_compose_name(name) {
            p.compose_named.push(path.clone());
        } else if is_yaml_or_json(name) {
            p.yaml.push((path.clone(), true));
        } else {
            p.other.push(path.clone());
        }
    }
    for f in &inputs.compose_files {
        if !f.is_file() {
            return Err(Error::NoSuchComposeFile(f.clone()));
        }
    }
    Ok(p)
}

/// What reading the content-decided inputs found.
#[derive(Default)]
struct Sorted {
    dockerfiles: Vec<Source>,
    compose: Vec<Source>,
    manifests: Vec<Source>,
}

/// Reads the inputs whose content decides what they are, and sorts them.
fn sort_by_content(plan: &Plan, inputs: &Inputs, errors: &mut Vec<InputError>) -> Sorted {
    use rayon::prelude::*;
    let mut sorted = Sorted::default();
    let candidates: Vec<(&PathBuf, bool, bool)> = plan
        .yaml
        .iter()
        .map(|(p, explicit)| (p, *explicit, true))
        .chain(plan.other.iter().map(|p| (p, true, false)))
        .collect();
    let read: Vec<Result<String, crate::read::ReadError>> = candidates
        .par_iter()
        .map(|(p, _, _)| read_text(p))
        .collect();
    for ((path, explicit, yaml), text) in candidates.into_iter().zip(read) {
        let name = path.display().to_string();
        let text = match text {
            Ok(t) => t,
            Err(e) => {
                // A walked file that cannot be read is reported when what
                // it starts with is ours: a gate must not pass a Compose
                // file or manifest it never checked.
                if explicit || peek(path).is_some_and(|t| classify(&t, yaml, false).is_some()) {
                    errors.push(InputError::whole(name, e.to_string()));
                }
                continue;
            }
        };
        let source = Source {
            name,
            path: Some(path.clone()),
            text,
            explicit,
        };
        match classify(&source.text, yaml, explicit) {
            Some(Kind::Dockerfile) => sorted.dockerfiles.push(source),
            Some(Kind::Manifests) => sorted.manifests.push(source),
            Some(Kind::Compose) => sorted.compose.push(source),
            None if explicit => errors.push(InputError::whole(
                source.name,
                if yaml {
                    "neither a Compose file (a top-level `services:`) nor Kubernetes objects (`apiVersion` and `kind`)"
                } else {
                    "not a Dockerfile (its first instruction is none), a Compose file or Kubernetes objects"
                },
            )),
            None => {}
        }
    }
    if plan.stdin {
        let bytes = inputs.stdin.clone().unwrap_or_default();
        match crate::read::decode(bytes) {
            Err(e) => errors.push(InputError::whole(&inputs.stdin_name, e.to_string())),
            Ok(text) => {
                let source = Source {
                    name: inputs.stdin_name.clone(),
                    path: None,
                    text,
                    explicit: true,
                };
                // Standard input is a Dockerfile unless it says otherwise:
                // its parse errors are the most useful answer.
                match classify(&source.text, true, true) {
                    Some(Kind::Manifests) => sorted.manifests.push(source),
                    Some(Kind::Compose) => sorted.compose.push(source),
                    _ => sorted.dockerfiles.push(source),
                }
            }
        }
    }
    sorted
}

/// The first 64 KiB of a file as (lossy) text: enough to tell what a
/// file that cannot be read whole was meant to be.
fn peek(path: &Path) -> Option<String> {
    use std::io::Read;
    let mut head = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .take(64 << 10)
        .read_to_end(&mut head)
        .ok()?;
    Some(String::from_utf8_lossy(&head).into_owned())
}

enum Kind {
    Dockerfile,
    Compose,
    Manifests,
}

/// What a text is. Walked files are held to more (no templates); named
/// ones are taken at their word.
fn classify(text: &str, yaml: bool, explicit: bool) -> Option<Kind> {
    if !yaml && starts_like_dockerfile(text) {
        return Some(Kind::Dockerfile);
    }
    if !explicit && is_template(text) {
        return None;
    }
    if may_hold_objects(text) {
        return Some(Kind::Manifests);
    }
    if has_services_key(text) {
        return Some(Kind::Compose);
    }
    None
}

/// Loads everything the inputs name into one project model.
pub fn load(inputs: &Inputs, settings: &Settings, opts: &Options) -> Result<Project, Error> {
    load_with(inputs, settings, opts, false)
}

/// [`load`] for a run that only checks (no `--fix`, no image, no package
/// scan): each Dockerfile's own rules run, and its suppressions are
/// taken, as soon as it is parsed, and its parse is dropped, keeping the
/// text and what the other files are checked against. A tree of
/// thousands of Dockerfiles then never holds every parse at once; the
/// findings are the same, in the same order.
pub(crate) fn load_and_lint(
    inputs: &Inputs,
    settings: &Settings,
    opts: &Options,
) -> Result<Project, Error> {
    let early = !opts.fix && !opts.packages && opts.vulns.is_none() && inputs.images.is_empty();
    load_with(inputs, settings, opts, early)
}

fn load_with(
    inputs: &Inputs,
    settings: &Settings,
    opts: &Options,
    lint_as_loaded: bool,
) -> Result<Project, Error> {
    let mut plan = plan(inputs)?;
    if opts.packages_only {
        plan = Plan {
            packages: plan.packages,
            ..Plan::default()
        };
    }
    let mut project = Project {
        lint_as_loaded: lint_as_loaded.then(|| settings.clone()),
        ..Project::default()
    };
    let sorted = sort_by_content(&plan, inputs, &mut project.errors);
    // Dockerfiles first, in the order named and walked, then those whose
    // content said so: the file table's order is the report's.
    dockerfiles::load_paths(&mut project, &plan.dockerfiles);
    dockerfiles::load_sources(&mut project, sorted.dockerfiles, true);
    compose::load(
        &mut project,
        compose::Groups {
            walked: &plan.compose_walked,
            named: &plan.compose_named,
            together: &inputs.compose_files,
            by_content: sorted.compose,
        },
    );
    manifests::load(&mut project, sorted.manifests);
    images::load(&mut project, inputs, settings, opts);
    if opts.packages {
        let target = inputs
            .paths
            .first()
            .map_or_else(|| ".".to_string(), |p| p.display().to_string());
        crate::packages::load(&mut project, &plan.packages, &target);
    }
    Ok(project)
}

pub(crate) use compose::shown;

impl Project {
    /// Adds an input error unless the same one is there (a Compose file
    /// shared by several projects fails in each).
    pub(crate) fn error(&mut self, e: InputError) {
        if !self.errors.contains(&e) {
            self.errors.push(e);
        }
    }

    /// Renames every file (and input error) whose name starts with
    /// `from` to start with `to` instead: a report of a tree named as if
    /// it had been walked from inside it (`/srv/repo/api/Dockerfile` →
    /// `./api/Dockerfile`). Before `check`, so messages that name another
    /// file use the new names too.
    pub fn rename(&mut self, from: &str, to: &str) {
        let ids: Vec<_> = self.files.iter().map(|(id, _)| id).collect();
        for id in ids {
            let f = self.files.get_mut(id);
            if let Some(rest) = f.name.strip_prefix(from) {
                f.name = format!("{to}{rest}");
            }
        }
        for e in &mut self.errors {
            if let Some(rest) = e.file.strip_prefix(from) {
                e.file = format!("{to}{rest}");
            }
        }
    }
}
