use crate::Context;
use shipready_diagnostics::{Finding, Span};
use shipready_dockerfile::{Args, Keyword};

crate::declare_rule! {
    /// ## What it does
    /// Reports a relative `WORKDIR` path.
    ///
    /// ## Why is this bad?
    /// A relative WORKDIR depends on every WORKDIR before it, including the
    /// base image's; an absolute path says where files land.
    ///
    /// ## Example
    /// ```dockerfile
    /// WORKDIR app
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// WORKDIR /app
    /// ```
    id: "SR-D020",
    name: "workdir-relative",
    summary: "WORKDIR is a relative path",
    severity: Error,
    category: Correctness,
    fix: None,
    default_enabled: true,
    hadolint: ["DL3000"],
    trivy: ["DS009"],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for (_, inst) in ctx.instructions() {
        if inst.keyword != Keyword::Workdir {
            continue;
        }
        let Args::Text(t) = &inst.args else { continue };
        let v = t.value.trim_matches(['"', '\'']);
        let absolute = v.starts_with('/')
            || v.starts_with('$')
            || v.as_bytes().get(1) == Some(&b':')
            || v.starts_with('\\');
        if !absolute {
            out.push(
                RULE.finding(t.span, format!("WORKDIR `{v}` is relative"))
                    .with_help(format!("use an absolute path such as `/{v}`")),
            );
        }
    }
}
