use crate::{all_rules, Check, ImageContext, Settings};
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
    let mut findings = Vec::new();
    for rule in all_rules() {
        let Check::Image(check) = rule.check else {
            continue;
        };
        if settings.is_enabled(rule.meta.id, rule.meta.default_enabled) {
            check(&ctx, &mut findings);
        }
    }
    for f in &mut findings {
        if let Some(sev) = settings.severity.get(f.rule) {
            f.severity = *sev;
        }
    }
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
