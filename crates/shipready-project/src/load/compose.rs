//! Compose files: grouped into the projects `docker compose` would load,
//! loaded (in parallel) by the Compose loader, every file the loader read
//! added to the file table once (a main file shared by several projects
//! is one file), and each service's local build linked to its Dockerfile.

use super::{dockerfiles, Project, Source};
use rayon::prelude::*;
use shipready_compose::names::{is_main_name, is_override_name, MAIN_NAMES};
use shipready_compose::{load as load_project, ComposeError, LoadOptions};
use shipready_diagnostics::{FileKind, LineIndex, SourceFile};
use shipready_lint::rules::common::images::ImageRef;
use shipready_lint::{is_production_name, Build, ComposeUnit};
use shipready_report::InputError;
use shipready_yaml::Node;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The Compose inputs of a run.
pub struct Groups<'a> {
    /// Compose-named files found by walking.
    pub walked: &'a [PathBuf],
    /// Compose-named files on the command line.
    pub named: &'a [PathBuf],
    /// `--compose-file`s: one project, in order.
    pub together: &'a [PathBuf],
    /// Files (and standard input) that are Compose by content.
    pub by_content: Vec<Source>,
}

/// One project to load.
struct Spec {
    files: Vec<PathBuf>,
    /// Texts read already, by absolute path.
    texts: BTreeMap<PathBuf, String>,
    /// Display names the user gave, by absolute path.
    names: BTreeMap<PathBuf, String>,
    /// Found by content in a walk: dropped unless its services look like
    /// Compose services (a YAML file with a `services:` key can be
    /// something else).
    guarded: bool,
}

impl Spec {
    fn of_paths(files: Vec<PathBuf>) -> Self {
        let names = files
            .iter()
            .map(|f| (absolute(f), f.display().to_string()))
            .collect();
        Spec {
            files,
            texts: BTreeMap::new(),
            names,
            guarded: false,
        }
    }

    fn name_of(&self, p: &Path) -> String {
        self.names.get(p).cloned().unwrap_or_else(|| shown(p))
    }
}

fn absolute(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| {
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        }
    })
}

/// A path as messages show it: relative to the working directory when it
/// is under it.
pub fn shown(p: &Path) -> String {
    let cwd = std::env::current_dir().ok();
    match cwd.as_deref().and_then(|c| p.strip_prefix(c).ok()) {
        Some(rel) => rel.display().to_string(),
        None => p.display().to_string(),
    }
}

/// The projects for a set of walked Compose-named files: per directory,
/// the main file with its override file (as `docker compose` loads them),
/// and each other variant (`compose.prod.yaml`) on top of the main file,
/// as `docker compose -f compose.yaml -f compose.prod.yaml` would. A
/// variant with no main file beside it stands alone.
fn projects(files: &[PathBuf]) -> Vec<Vec<PathBuf>> {
    let mut by_dir: BTreeMap<PathBuf, Vec<PathBuf>> = BTreeMap::new();
    for f in files {
        let dir = f.parent().map(Path::to_path_buf).unwrap_or_default();
        by_dir.entry(dir).or_default().push(f.clone());
    }
    let name = |p: &PathBuf| {
        p.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_string()
    };
    let mut out = Vec::new();
    for (_, mut group) in by_dir {
        group.sort();
        let main = MAIN_NAMES
            .iter()
            .find_map(|m| group.iter().find(|p| name(p) == *m))
            .cloned();
        let Some(main) = main else {
            out.extend(group.into_iter().map(|f| vec![f]));
            continue;
        };
        let mut base = vec![main.clone()];
        base.extend(
            group
                .iter()
                .filter(|p| is_override_name(&name(p)))
                .take(1)
                .cloned(),
        );
        out.push(base);
        for variant in group
            .iter()
            .filter(|p| **p != main && !is_override_name(&name(p)) && !is_main_name(&name(p)))
        {
            out.push(vec![main.clone(), variant.clone()]);
        }
    }
    out
}

/// Loads every Compose project of the run into the project model.
pub fn load(project: &mut Project, groups: Groups<'_>) {
    let mut specs: Vec<Spec> = groups
        .named
        .iter()
        .map(|f| Spec::of_paths(vec![f.clone()]))
        .collect();
    if !groups.together.is_empty() {
        specs.push(Spec::of_paths(groups.together.to_vec()));
    }
    specs.extend(projects(groups.walked).into_iter().map(Spec::of_paths));
    for s in groups.by_content {
        // Standard input has no file: it stands in the working directory,
        // under its name, as `docker compose -f -` reads it.
        let path = match s.path.as_deref() {
            Some(p) => absolute(p),
            None => std::env::current_dir().unwrap_or_default().join(&s.name),
        };
        specs.push(Spec {
            files: vec![path.clone()],
            texts: BTreeMap::from([(path.clone(), s.text)]),
            names: BTreeMap::from([(path, s.name)]),
            guarded: !s.explicit,
        });
    }
    let loaded: Vec<(Spec, Result<shipready_compose::Project, ComposeError>)> = specs
        .into_par_iter()
        .map(|spec| {
            let dir = spec
                .files
                .first()
                .and_then(|f| f.parent())
                .filter(|d| !d.as_os_str().is_empty())
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
            let opts = LoadOptions {
                files: spec.files.iter().map(|f| absolute(f)).collect(),
                texts: spec.texts.clone(),
                ..LoadOptions::for_dir(&dir)
            };
            let result = load_project(&opts);
            (spec, result)
        })
        .collect();
    // A file another project includes belongs to that project; a walk that
    // found it on its own does not make it a second project (its
    // variables come from the including project's environment).
    let included: std::collections::BTreeSet<PathBuf> = loaded
        .iter()
        .filter_map(|(_, r)| r.as_ref().ok())
        .flat_map(|p| p.included.iter().cloned())
        .collect();
    let named: std::collections::BTreeSet<PathBuf> =
        groups.named.iter().map(|f| canonical(f)).collect();
    for (spec, result) in loaded {
        let mine: Vec<PathBuf> = spec.files.iter().map(|f| canonical(f)).collect();
        if !mine.is_empty()
            && mine
                .iter()
                .all(|f| included.contains(f) && !named.contains(f))
        {
            continue;
        }
        match result {
            Ok(p) => {
                if spec.guarded && !looks_like_compose(&p) {
                    continue;
                }
                add(project, &spec, p);
            }
            Err(e) => project.error(input_error(&spec, &e)),
        }
    }
    link_images(project);
}

fn canonical(p: &Path) -> PathBuf {
    let abs = absolute(p);
    std::fs::canonicalize(&abs).unwrap_or(abs)
}

/// Every service is a mapping, and some service has an `image` or a
/// `build`: what a Compose file has and other YAML with a `services:` key
/// (a CI file, a Helm values file) does not.
fn looks_like_compose(p: &shipready_compose::Project) -> bool {
    let services: Vec<_> = p.services().collect();
    !services.is_empty()
        && services.iter().all(|(_, s)| s.as_map().is_some())
        && services
            .iter()
            .any(|(_, s)| s.get("image").is_some() || s.get("build").is_some())
}

fn input_error(spec: &Spec, e: &ComposeError) -> InputError {
    let text = spec
        .texts
        .get(&e.file)
        .cloned()
        .or_else(|| std::fs::read_to_string(&e.file).ok());
    let at = e.span.zip(text).and_then(|(span, text)| {
        (span.start as usize <= text.len())
            .then(|| LineIndex::new(&text).line_col(&text, span.start))
    });
    InputError {
        file: spec.name_of(&e.file),
        line: at.map(|a| a.line),
        column: at.map(|a| a.column),
        message: e.message.clone(),
    }
}

fn add(project: &mut Project, spec: &Spec, p: shipready_compose::Project) {
    let mut files = Vec::new();
    for src in &p.sources.files {
        let id = match project.files.by_path(&src.path) {
            Some(id) => id,
            None => {
                let stdin = !spec.texts.is_empty() && !src.path.exists();
                project.files.add(SourceFile::new(
                    spec.name_of(&src.path),
                    (!stdin).then(|| src.path.clone()),
                    FileKind::Compose,
                    src.text.clone(),
                ))
            }
        };
        files.push(id);
    }
    let production = p.files.iter().any(|f| {
        f.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(is_production_name)
    });
    let mut builds = Vec::new();
    for (key, svc) in p.services() {
        let (Some(service), Some(build)) = (key.key_text(), svc.get("build")) else {
            continue;
        };
        let Some(b) = local_build(&service, build) else {
            continue;
        };
        let unit = if b.dockerfile_exists {
            dockerfiles::linked(project, &b.dockerfile, shown(&b.dockerfile))
        } else {
            None
        };
        builds.push(Build { unit, ..b });
    }
    project
        .units
        .compose
        .push(ComposeUnit::new(p, files, production, builds));
}

/// What a service's `build` builds, when it builds from a local context
/// (not a URL or git remote, not `dockerfile_inline`). The loader made the
/// context absolute.
fn local_build(service: &str, build: &Node) -> Option<Build> {
    let context = build.get("context")?.as_str()?;
    if context.contains("://")
        || context.starts_with("git@")
        || build.get("dockerfile_inline").is_some()
    {
        return None;
    }
    let context = PathBuf::from(context);
    let file = build
        .get("dockerfile")
        .and_then(Node::as_str)
        .unwrap_or("Dockerfile");
    let dockerfile = context.join(file);
    Some(Build {
        service: service.to_string(),
        context_exists: context.is_dir(),
        dockerfile_exists: dockerfile.is_file(),
        context,
        dockerfile,
        unit: None,
    })
}

/// Which Dockerfile builds which image name: the services that have both
/// an `image` and a `build` say so.
fn link_images(project: &mut Project) {
    let mut links = std::collections::HashMap::new();
    for unit in &project.units.compose {
        for (key, svc) in unit.project.services() {
            let (Some(name), Some(image)) =
                (key.key_text(), svc.get("image").and_then(Node::as_str))
            else {
                continue;
            };
            if let Some(i) = unit.build(&name).and_then(|b| b.unit) {
                let repo = ImageRef::new(image).full_repository();
                links.entry(repo).or_insert(i);
            }
        }
    }
    project.units.links.images = links;
}
