use crate::engine::{apply_severities, run_enabled};
use crate::{Check, ImageContext, Settings};
use shipready_diagnostics::Finding;
use shipready_image::{Analysis, Image};

/// Runs the enabled image rules on an analysed image. Findings come out
/// in rule order, then layer, then path, so the output is stable.
pub fn lint_image(image: &Image, analysis: &Analysis, settings: &Settings) -> Vec<Finding> {
    let ctx = ImageContext {
        image,
        analysis,
        settings,
    };
    let mut findings = run_enabled(settings, &ctx, |c| match c {
        Check::Image(f) => Some(f),
        _ => None,
    });
    apply_severities(settings, &mut findings);
    let key = |f: &Finding| {
        let place = f.image.as_deref();
        (
            f.rule,
            place.and_then(|p| p.layer),
            place.and_then(|p| p.path.clone()),
        )
    };
    findings.sort_by_cached_key(key);
    findings
}
