use crate::engine::run_enabled;
use crate::{Check, DockerfileUnit, ImageContext, ImageUnit, Provenance, Settings};
use shipready_diagnostics::{Finding, Location};

/// Runs the enabled image rules on an analysed image. With the Dockerfile
/// it was built from, a finding the Dockerfile explains moves to the
/// instruction that caused it, and keeps its place in the image as a
/// related location.
pub fn lint_image(
    unit: &ImageUnit,
    dockerfiles: &[DockerfileUnit],
    settings: &Settings,
) -> Vec<Finding> {
    let ctx = ImageContext {
        image: &unit.image,
        analysis: &unit.analysis,
        settings,
    };
    let found = run_enabled(settings, &ctx, |c| match c {
        Check::Image(f) => Some(f),
        _ => None,
    });
    let dockerfile = unit.dockerfile.and_then(|i| dockerfiles.get(i));
    let provenance = dockerfile.map(|d| (d, Provenance::new(&d.df, &unit.image)));
    found
        .into_iter()
        .map(|f| {
            let traced = provenance
                .as_ref()
                .and_then(|(d, p)| Some((d, p.span_for(&f.at)?)));
            match traced {
                Some((d, span)) => {
                    let place = f.at.clone();
                    f.locate(|_| d.at(span))
                        .with_related(Location::image(unit.file, place), "in the image")
                }
                None => f.locate(|place| Location::image(unit.file, place)),
            }
        })
        .collect()
}
