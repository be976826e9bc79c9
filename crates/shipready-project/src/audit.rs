//! `shipready audit` on the pipeline: lint everything, analyse and scan
//! the images that Compose and Kubernetes name and the local Docker
//! Engine has, and advise, in one run with one report. Each part degrades
//! on its own: no Engine, no image, no database each leave a note, not a
//! failure.

use crate::{advice, load, Error, ImageInput, Inputs, Options};
use shipready_advise::{AdviceConfig, Profile};
use shipready_report::audit::{Audit, DryRun, ImageCheck};
use std::collections::BTreeSet;
use std::path::Path;

/// The image references the project names: Compose `image:` (and the
/// `<project>-<service>` name `docker compose build` gives a service that
/// builds without naming its image), and every Kubernetes container.
pub fn image_candidates(project: &crate::Project) -> Vec<String> {
    let mut out = BTreeSet::new();
    for c in &project.units.compose {
        for (name, svc) in c.project.services() {
            match (svc.get("image").and_then(|i| i.as_str()), name.as_str()) {
                (Some(image), _) => {
                    out.insert(image.to_string());
                }
                (None, Some(service)) if svc.get("build").is_some() => {
                    out.insert(format!("{}-{service}", c.project.name));
                }
                _ => {}
            }
        }
    }
    for o in &project.units.kube.objects {
        if let Some(w) = shipready_lint::workload(o) {
            for (c, _) in w.containers() {
                if let Some(image) = c.get("image").and_then(|i| i.as_str()) {
                    out.insert(image.to_string());
                }
            }
        }
    }
    out.into_iter().filter(|r| !r.contains("${")).collect()
}

/// The images `docker compose build` would make: each service with a
/// local build, tagged with its `image:` or `<project>-<service>`.
pub fn build_requests(project: &crate::Project) -> Vec<shipready_image::BuildRequest> {
    let mut out = Vec::new();
    for c in &project.units.compose {
        for b in c.builds() {
            if !b.context_exists || !b.dockerfile_exists {
                continue; // lint reports it
            }
            let image = c
                .project
                .services()
                .find(|(n, _)| n.as_str() == Some(b.service.as_str()))
                .and_then(|(_, svc)| {
                    svc.get("image")
                        .and_then(|i| i.as_str())
                        .map(str::to_string)
                });
            let tag = image.unwrap_or_else(|| format!("{}-{}", c.project.name, b.service));
            if tag.contains("${") {
                continue;
            }
            out.push(shipready_image::BuildRequest {
                context: b.context.clone(),
                dockerfile: b.dockerfile.clone(),
                tag,
            });
        }
    }
    out
}

/// What `audit` does besides reading.
pub struct AuditOptions<'a> {
    /// Build the images Compose builds first, through the Engine.
    pub build: bool,
    /// Each line of build output, with the tag it is for.
    pub on_build_line: &'a mut dyn FnMut(&str, &str),
}

/// Lints, analyses and scans what exists, and advises.
pub fn audit(
    inputs: &Inputs,
    settings: &shipready_lint::Settings,
    opts: &Options,
    config: &AdviceConfig,
    flags: &Profile,
    root: &Path,
    audit_opts: AuditOptions<'_>,
) -> Result<Audit, Error> {
    // A first, cheap load finds what the project names; the run below
    // reads the files again with the images added.
    let first = load(inputs, settings, &Options::default())?;
    let candidates = image_candidates(&first);
    let mut build_errors = Vec::new();
    let mut built = Vec::new();
    if audit_opts.build {
        for req in build_requests(&first) {
            let tag = req.tag.clone();
            let on_line = &mut *audit_opts.on_build_line;
            match shipready_image::engine_build(&req, &mut |l| on_line(&tag, l)) {
                Ok(()) => built.push(tag),
                Err(e) => build_errors.push(shipready_report::InputError::whole(
                    req.dockerfile.display().to_string(),
                    format!("building {tag}: {e}"),
                )),
            }
        }
    }
    drop(first);
    let mut images = ImageCheck {
        named: candidates.clone(),
        built,
        ..ImageCheck::default()
    };
    let mut with_images = inputs.clone();
    if !candidates.is_empty() {
        match shipready_image::engine_has(&candidates) {
            Ok(have) => {
                for (r, has) in candidates.iter().zip(have) {
                    if has {
                        images.analysed.push(r.clone());
                        with_images.images.push(ImageInput::Engine(r.clone()));
                    }
                }
            }
            Err(e) => images.engine_error = Some(e.to_string()),
        }
    }
    let (mut report, advice) = advice::advise(&with_images, settings, opts, config, flags, root)?;
    let migration = migration(inputs, settings, &advice)?;
    // A failed build is an input the audit could not read.
    report.errors.extend(build_errors);
    Ok(Audit {
        target: inputs
            .paths
            .first()
            .map_or_else(String::new, |p| p.display().to_string()),
        report,
        advice,
        images,
        migration,
    })
}

/// The registry a dry run pretends built images go to: the audit cannot
/// know the team's, and a missing one is not a migration problem.
const DRY_RUN_REGISTRY: &str = "registry.invalid";

/// Converts the repository's Compose project without writing anything,
/// when the advice is to prepare the move or make it: the migration's
/// first step, measured.
pub fn migration(
    inputs: &Inputs,
    settings: &shipready_lint::Settings,
    advice: &shipready_advise::Advice,
) -> Result<Option<DryRun>, Error> {
    if advice.decision.recommendation == shipready_advise::framework::Stage::Compose {
        return Ok(None);
    }
    let project = load(inputs, settings, &Options::default())?;
    let Some(unit) = project.units.compose.first() else {
        return Ok(None);
    };
    let c = shipready_convert::convert(
        &unit.project,
        &shipready_convert::Options {
            registry: Some(DRY_RUN_REGISTRY.to_string()),
            tag: "dry-run".to_string(),
            ..shipready_convert::Options::default()
        },
    );
    let count =
        |l: shipready_convert::Level| c.summary.issues.iter().filter(|i| i.level == l).count();
    Ok(Some(DryRun {
        project: c.summary.project.clone(),
        objects: c.objects.len(),
        warnings: count(shipready_convert::Level::Warning),
        errors: count(shipready_convert::Level::Error),
        first_errors: c
            .summary
            .issues
            .iter()
            .filter(|i| i.level == shipready_convert::Level::Error)
            .take(3)
            .map(|i| match (&i.service, i.line) {
                (Some(s), Some(l)) => format!("{s} (line {l}): {}", i.message),
                (Some(s), None) => format!("{s}: {}", i.message),
                _ => i.message.clone(),
            })
            .collect(),
    }))
}
