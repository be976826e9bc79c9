#[allow(unused_imports)]
use super::util::*;
use crate::Context;
use shipready_diagnostics::{Finding, Span};
#[allow(unused_imports)]
use shipready_dockerfile::{Args, Keyword};

crate::declare_rule! {
    /// ## What it does
    /// Reports EXPOSE ports outside 0–65535.
    ///
    /// ## Why is this bad?
    /// Such a port cannot exist; the build or the runtime rejects it, or it is a typo for another port.
    ///
    /// ## Example
    /// ```dockerfile
    /// EXPOSE 80800
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// EXPOSE 8080
    /// ```
    id: "SR-D028",
    name: "invalid-port",
    summary: "EXPOSE port outside 0–65535",
    severity: Error,
    category: Correctness,
    fix: None,
    default_enabled: true,
    hadolint: ["DL3011"],
    trivy: ["DS008"],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for (_, inst) in ctx.instructions() {
        if inst.keyword != Keyword::Expose {
            continue;
        }
        for w in inst.words() {
            let spec = w.value.split('/').next().unwrap_or("");
            if spec.contains('$') {
                continue;
            }
            for part in spec.split('-') {
                if part.parse::<u32>().is_ok_and(|p| p > 65535) {
                    out.push(
                        RULE.finding(w.span, format!("port {part} is outside 0–65535"))
                            .with_help("use a valid port number"),
                    );
                }
            }
        }
    }
}
