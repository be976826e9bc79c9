//! Checking the project model: every engine over its units, every
//! suppression collected where it is written, one finish step, one report.

use crate::Project;
use rayon::prelude::*;
use shipready_diagnostics::{FileKind, FileTable, Finding, SourceFile};
use shipready_lint::suppress::{self, Suppression};
use shipready_lint::{finish, DockerfileUnit, Settings, Units};
use shipready_report::{PackageReport, Report};

/// Runs every engine on the project and finishes the findings.
pub fn check(project: Project, settings: &Settings) -> Report {
    let Project {
        mut files,
        mut units,
        errors,
        images,
        package_targets,
        suppressed,
        filter_findings,
        early_findings,
        early_suppressions,
        ..
    } = project;
    // The Dockerfiles not linted as they were loaded are linted here, by
    // the same function; either way their part comes first, in file order.
    let (dockerfile_findings, dockerfile_suppressions) =
        dockerfile_parts(&units.dockerfiles, &files, settings);
    let mut suppressions = early_suppressions;
    suppressions.extend(dockerfile_suppressions);
    suppressions.extend(self::suppressions(&units, &mut files, settings));
    let mut findings = early_findings;
    findings.extend(dockerfile_findings);
    findings.extend(engines(&units, &files, settings));
    findings.extend(filter_findings);
    let package_units = std::mem::take(&mut units.packages);
    // The parsed files are done with: free them before the findings are
    // sorted and the report is written, where the peak of a large run was.
    drop(units);
    let findings = finish(findings, &mut suppressions, settings);
    let packages = package_units
        .into_iter()
        .zip(package_targets)
        .zip(
            suppressed
                .into_iter()
                .chain(std::iter::repeat_with(Vec::new)),
        )
        .map(|((u, target), suppressed)| PackageReport {
            target,
            image: u.image,
            inventory: u.inventory,
            scan: u.scan,
            suppressed,
        })
        .collect();
    Report {
        files,
        findings,
        errors,
        images,
        packages,
        db: None,
    }
}

/// Each Dockerfile's own part of a run, for those not done yet (not
/// `strip`ped), in file order: its rules' findings and its suppressions.
/// A Dockerfile read only for the links (what a Compose service builds)
/// is not linted: its comments can still silence what is traced to it,
/// but are not stale for matching nothing. Run as the files load (see
/// `load_and_lint`) or by `check`.
pub(crate) fn dockerfile_parts(
    dockerfiles: &[DockerfileUnit],
    files: &FileTable,
    settings: &Settings,
) -> (Vec<Finding>, Vec<Suppression>) {
    let parts: Vec<(Vec<Finding>, Vec<Suppression>)> = dockerfiles
        .par_iter()
        .filter(|d| !d.stripped)
        .map(|d| {
            let checked = files.get(d.file).checked;
            let findings = if checked {
                shipready_lint::lint_dockerfile(d, settings)
            } else {
                Vec::new()
            };
            let mut found = suppress::from_dockerfile(d, settings);
            for s in &mut found {
                s.report_unused &= checked;
            }
            (findings, found)
        })
        .collect();
    let mut findings = Vec::new();
    let mut suppressions = Vec::new();
    for (f, s) in parts {
        findings.extend(f);
        suppressions.extend(s);
    }
    (findings, suppressions)
}

/// Every engine but the Dockerfiles' own (`dockerfile_parts`), the
/// independent ones in parallel.
fn engines(units: &Units, files: &FileTable, settings: &Settings) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::new();
    out.par_extend(
        units
            .compose
            .par_iter()
            .flat_map_iter(|c| shipready_lint::lint_compose(c, &units.dockerfiles, settings)),
    );
    out.extend(shipready_lint::lint_kube(&units.kube, settings));
    for image in &units.images {
        out.extend(shipready_lint::lint_image(
            image,
            &units.dockerfiles,
            settings,
        ));
    }
    out.extend(shipready_lint::lint_cross(units, files, settings));
    for p in &units.packages {
        out.extend(shipready_lint::lint_packages(
            p,
            &units.dockerfiles,
            &units.images,
            files,
            settings,
        ));
    }
    out
}

/// Every suppression of the run but the Dockerfiles' (`dockerfile_parts`):
/// YAML comments of Compose files and manifests, object annotations, and
/// the config's per-file ignores (the config file joins the file table,
/// so a stale entry can be pointed at).
fn suppressions(units: &Units, files: &mut FileTable, settings: &Settings) -> Vec<Suppression> {
    let mut out = Vec::new();
    for (id, f) in files.iter() {
        if matches!(f.kind, FileKind::Compose | FileKind::Manifest) && f.checked {
            out.extend(suppress::from_yaml(id, &f.text));
        }
    }
    out.extend(suppress::from_annotations(&units.kube));
    if let (false, Some(path)) = (settings.per_file_ignores.is_empty(), &settings.config_file) {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let mut config = SourceFile::new(
            crate::load::shown(path),
            Some(path.clone()),
            FileKind::Config,
            text,
        );
        config.checked = false;
        let id = files.add(config);
        out.extend(suppress::from_config(settings, files, id));
    }
    out
}
