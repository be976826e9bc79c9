//! `shipready advise` on the pipeline: the run loads and checks the
//! project as lint does, and the advisor's facts are read from the same
//! project model (services, manifests, Dockerfiles) and the same report
//! (findings, image sizes, vulnerabilities), plus the CI files beside it.

use crate::{load, packages, pipeline::check, Error, Inputs, Options, Report};
use shipready_advise::facts::{
    cve_gate_line, CiFacts, DockerfileFact, FindingFact, ImageFact, ServiceFact, VulnCounts,
};
use shipready_advise::{Advice, AdviceConfig, Facts, Profile};
use shipready_diagnostics::FileId;
use shipready_vuln::Rating;
use std::path::{Path, PathBuf};

const WORKLOADS: &[&str] = &["Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob"];

/// CI configuration files, relative to the repository root.
const CI_FILES: &[&str] = &[
    ".gitlab-ci.yml",
    "Jenkinsfile",
    ".circleci/config.yml",
    "azure-pipelines.yml",
    "bitbucket-pipelines.yml",
    ".drone.yml",
    ".woodpecker.yml",
];
/// Directories whose every YAML file is a CI workflow.
const WORKFLOW_DIRS: &[&str] = &[
    ".github/workflows",
    ".gitea/workflows",
    ".forgejo/workflows",
];
/// The most of a CI file read: they are small; a huge one is not CI.
const MAX_CI_BYTES: u64 = 1 << 20;

/// Loads, checks and advises.
pub fn advise(
    inputs: &Inputs,
    settings: &shipready_lint::Settings,
    opts: &Options,
    config: &AdviceConfig,
    flags: &Profile,
    root: &Path,
) -> Result<(Report, Advice), Error> {
    let mut project = load(inputs, settings, opts)?;
    let db = match &opts.vulns {
        Some(v) => Some(packages::scan(&mut project, v, settings)?),
        None => None,
    };
    let mut facts = model_facts(&project);
    let mut report = check(project, settings);
    report.db = db;
    report_facts(&mut facts, &report);
    facts.ci = ci_facts(&ci_root(inputs, root));
    let advice = shipready_advise::advise(config, flags, facts);
    Ok((report, advice))
}

fn label(files: &shipready_diagnostics::FileTable, id: FileId) -> String {
    files.get(id).name.clone()
}

fn model_facts(project: &crate::Project) -> Facts {
    let units = &project.units;
    let mut facts = Facts::default();
    let mut built_by: Vec<(usize, String)> = Vec::new();
    for c in &units.compose {
        for (name, svc) in c.project.services() {
            let Some(name) = name.as_str() else { continue };
            let restart = svc.get("restart").and_then(|r| r.as_str()).unwrap_or("");
            let disabled = svc
                .get("healthcheck")
                .and_then(|h| h.get("disable"))
                .and_then(|d| d.key_text())
                .is_some_and(|d| d == "true");
            facts.compose_services.push(ServiceFact {
                name: name.to_string(),
                healthcheck: svc.get("healthcheck").is_some() && !disabled,
                one_shot: matches!(restart, "no" | "on-failure")
                    || restart.starts_with("on-failure:"),
                image: svc
                    .get("image")
                    .and_then(|i| i.as_str())
                    .map(str::to_string),
            });
        }
        for b in c.builds() {
            if let Some(u) = b.unit {
                built_by.push((u, b.service.clone()));
            }
        }
    }
    for (i, d) in units.dockerfiles.iter().enumerate() {
        let path = label(&project.files, d.file);
        let service = built_by
            .iter()
            .find(|(u, _)| *u == i)
            .map(|(_, s)| s.clone());
        let dir = Path::new(&path)
            .parent()
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned());
        facts.dockerfiles.push(DockerfileFact {
            label: service.or(dir).unwrap_or_else(|| path.clone()),
            path,
            stages: d.df.stages().len(),
        });
    }
    for o in &units.kube.objects {
        facts.kube_kinds.insert(o.kind.clone());
        if WORKLOADS.contains(&o.kind.as_str()) {
            facts
                .kube_workloads
                .push(format!("{}/{}", o.kind, o.name.as_deref().unwrap_or("?")));
        }
    }
    facts
}

fn report_facts(facts: &mut Facts, report: &Report) {
    for f in &report.findings {
        facts.findings.push(FindingFact {
            rule: f.rule.id.to_string(),
            severity: f.severity.as_str().to_string(),
            file: label(&report.files, f.at.file()),
        });
    }
    for i in &report.images {
        facts.images.push(ImageFact {
            reference: i.reference.clone(),
            size: i.size,
            uncompressed_size: i.uncompressed_size,
        });
    }
    if report.db.is_some() {
        let mut v = VulnCounts::default();
        for m in report
            .packages
            .iter()
            .flat_map(|p| p.scan.iter().flat_map(|s| &s.matches))
        {
            match m.rating {
                Rating::Critical => v.critical += 1,
                Rating::High => v.high += 1,
                Rating::Medium => v.medium += 1,
                Rating::Low => v.low += 1,
                Rating::Unknown => v.unknown += 1,
            }
        }
        facts.vulns = Some(v);
    }
}

/// The repository root: the nearest directory upwards from `start` with
/// a `.git`, else `start` itself.
pub fn repository_root(start: &Path) -> PathBuf {
    let start = if start.is_dir() {
        start.to_path_buf()
    } else {
        start
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    };
    let abs = std::fs::canonicalize(&start).unwrap_or_else(|_| start.clone());
    abs.ancestors()
        .find(|d| d.join(".git").exists())
        .map_or(start, Path::to_path_buf)
}

/// Where the CI files are: the first directory from the audited path up to
/// the repository root that has any (an example or a service in a
/// monorepo may carry its own), else the root.
fn ci_root(inputs: &Inputs, root: &Path) -> PathBuf {
    let Some(start) = inputs.paths.first() else {
        return root.to_path_buf();
    };
    let start = std::fs::canonicalize(start).unwrap_or_else(|_| start.clone());
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    for dir in start.ancestors() {
        let has = CI_FILES.iter().any(|f| dir.join(f).is_file())
            || WORKFLOW_DIRS.iter().any(|d| dir.join(d).is_dir());
        if has || dir == root {
            return dir.to_path_buf();
        }
    }
    root
}

/// The CI files under `root` and the first line that gates on
/// vulnerabilities.
fn ci_facts(root: &Path) -> CiFacts {
    let mut files: Vec<PathBuf> = CI_FILES.iter().map(|f| root.join(f)).collect();
    for dir in WORKFLOW_DIRS {
        if let Ok(rd) = std::fs::read_dir(root.join(dir)) {
            let mut found: Vec<PathBuf> = rd
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "yml" || e == "yaml"))
                .collect();
            found.sort();
            files.extend(found);
        }
    }
    let mut ci = CiFacts::default();
    for path in files {
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        if !meta.is_file() || meta.len() > MAX_CI_BYTES {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let name = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .display()
            .to_string();
        if ci.cve_gate.is_none() {
            if let Some((n, line)) = text
                .lines()
                .enumerate()
                .find(|(_, l)| !l.trim_start().starts_with('#') && cve_gate_line(l))
            {
                ci.cve_gate = Some(format!("{name}:{}: {}", n + 1, line.trim()));
            }
        }
        ci.files.push(name);
    }
    ci
}
