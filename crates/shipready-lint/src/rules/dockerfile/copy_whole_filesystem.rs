use crate::Context;
use shipready_diagnostics::{Finding, Span};
use shipready_dockerfile::{expand::unquote, Keyword};

crate::declare_rule! {
    /// ## What it does
    /// Reports `COPY --from=<stage> / /`, which copies another stage's
    /// whole filesystem.
    ///
    /// ## Why is this bad?
    /// It brings the build stage's compilers, package database, caches
    /// and shells into the image, undoing what the multi-stage build was
    /// for, and overwrites the final base's files.
    ///
    /// ## Example
    /// ```dockerfile
    /// COPY --from=build / /
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// COPY --from=build /app/server /usr/local/bin/server
    /// ```
    id: "SR-D065",
    name: "copy-whole-filesystem",
    summary: "COPY --from copies a stage's entire filesystem",
    severity: Warning,
    category: Size,
    fix: None,
    default_enabled: true,
    hadolint: ["DL3067"],
    trivy: [],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for (_, inst) in ctx.instructions() {
        if inst.keyword != Keyword::Copy {
            continue;
        }
        let Some(from) = inst.flag_value("from") else {
            continue;
        };
        let words = inst.words();
        let Some((dest, sources)) = words.split_last() else {
            continue;
        };
        let root = |w: &str| unquote(w, ctx.df.escape) == "/";
        if root(&dest.value) && sources.iter().any(|s| root(&s.value)) {
            out.push(
                RULE.finding(
                    inst.args_span(),
                    format!("copies all of `{from}`'s filesystem, build tools and caches included"),
                )
                .with_help("copy only the artefacts the application needs"),
            );
        }
    }
}
