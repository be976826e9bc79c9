//! `shipready audit` on the pipeline: lint everything, analyse and scan
//! the images that Compose and Kubernetes name and the local Docker
//! Engine has, and advise, in one run with one report. Each part degrades
//! on its own: no Engine, no image, no database each leave a note, not a
//! failure.

use crate::{advice, load, Error, ImageInput, Inputs, Options};
use shipready_advise::{AdviceConfig, Profile};
use shipready_report::audit::{Audit, ImageCheck};
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

/// Lints, analyses and scans what exists, and advises.
pub fn audit(
    inputs: &Inputs,
    settings: &shipready_lint::Settings,
    opts: &Options,
    config: &AdviceConfig,
    flags: &Profile,
    root: &Path,
) -> Result<Audit, Error> {
    // A first, cheap load finds what the project names; the run below
    // reads the files again with the images added.
    let first = load(inputs, settings, &Options::default())?;
    let candidates = image_candidates(&first);
    drop(first);
    let mut images = ImageCheck {
        named: candidates.clone(),
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
    let (report, advice) = advice::advise(&with_images, settings, opts, config, flags, root)?;
    Ok(Audit {
        target: inputs
            .paths
            .first()
            .map_or_else(String::new, |p| p.display().to_string()),
        report,
        advice,
        images,
    })
}
