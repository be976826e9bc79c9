use crate::{all_rules, suppress, Check, Context, Settings};
use shipready_diagnostics::Finding;
use shipready_dockerfile::{parse, Dockerfile, ParseError};

/// Everything linting one file produced.
#[derive(Debug)]
pub struct FileResult {
    pub findings: Vec<Finding>,
    pub error: Option<ParseError>,
}

/// Parses and lints one Dockerfile's text.
pub fn lint_dockerfile(source: &str, settings: &Settings) -> FileResult {
    let df = match parse(source) {
        Ok(df) => df,
        Err(e) => {
            return FileResult {
                findings: Vec::new(),
                error: Some(e),
            }
        }
    };
    FileResult {
        findings: lint_parsed(&df, settings),
        error: None,
    }
}

/// Runs the enabled rules whose check `pick` selects on `ctx`.
pub(crate) fn run_enabled<C>(
    settings: &Settings,
    ctx: &C,
    pick: impl Fn(Check) -> Option<fn(&C, &mut Vec<Finding>)>,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    for rule in all_rules() {
        let Some(check) = pick(rule.check) else {
            continue;
        };
        if settings.is_enabled(rule.meta.id, rule.meta.default_enabled) {
            check(ctx, &mut findings);
        }
    }
    findings
}

/// `[severity]` overrides from the configuration.
pub(crate) fn apply_severities(settings: &Settings, findings: &mut [Finding]) {
    for f in findings {
        if let Some(sev) = settings.severity.get(f.rule) {
            f.severity = *sev;
        }
    }
}

/// File order, one finding per rule and place.
pub fn sort_by_place(findings: &mut Vec<Finding>) {
    findings.sort_by(|a, b| a.span.start.cmp(&b.span.start).then(a.rule.cmp(b.rule)));
    findings.dedup_by(|a, b| a.rule == b.rule && a.span == b.span);
}

fn lint_parsed(df: &Dockerfile, settings: &Settings) -> Vec<Finding> {
    let ctx = Context::new(df, settings);
    let mut findings = run_enabled(settings, &ctx, |c| match c {
        Check::Dockerfile(f) => Some(f),
        _ => None,
    });
    suppress::apply(df, settings, &mut findings);
    apply_severities(settings, &mut findings);
    sort_by_place(&mut findings);
    findings
}
