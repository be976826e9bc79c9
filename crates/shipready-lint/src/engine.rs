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

fn lint_parsed(df: &Dockerfile, settings: &Settings) -> Vec<Finding> {
    let ctx = Context::new(df, settings);
    let mut findings = Vec::new();
    for rule in all_rules() {
        let Check::Dockerfile(check) = rule.check else {
            continue;
        };
        if settings.is_enabled(rule.meta.id, rule.meta.default_enabled) {
            check(&ctx, &mut findings);
        }
    }
    suppress::apply(df, settings, &mut findings);
    for f in &mut findings {
        if let Some(sev) = settings.severity.get(f.rule) {
            f.severity = *sev;
        }
    }
    findings.sort_by(|a, b| a.span.start.cmp(&b.span.start).then(a.rule.cmp(b.rule)));
    findings.dedup_by(|a, b| a.rule == b.rule && a.span == b.span);
    findings
}
