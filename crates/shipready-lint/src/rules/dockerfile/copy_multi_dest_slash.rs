use crate::Context;
use shipready_diagnostics::{Finding, Span};
#[allow(unused_imports)]
use shipready_dockerfile::{Args, Keyword};

crate::declare_rule! {
    /// ## What it does
    /// Reports COPY or ADD with more than one source whose destination does not end with `/`.
    ///
    /// ## Why is this bad?
    /// With several sources the destination must be a directory; without the slash the build fails.
    ///
    /// ## Example
    /// ```dockerfile
    /// COPY package.json yarn.lock /app
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// COPY package.json yarn.lock /app/
    /// ```
    id: "SR-D033",
    name: "copy-multiple-sources-need-dir",
    summary: "COPY/ADD with several sources needs a destination ending in /",
    severity: Error,
    category: Correctness,
    fix: None,
    default_enabled: true,
    hadolint: ["DL3021"],
    trivy: [],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for (_, inst) in ctx.instructions() {
        if !matches!(inst.keyword, Keyword::Copy | Keyword::Add) || !inst.heredocs.is_empty() {
            continue;
        }
        let words = inst.words();
        if words.len() > 2 {
            let dest = &words[words.len() - 1];
            if !dest.value.ends_with('/')
                && !dest.value.ends_with('\\')
                && !dest.value.contains('$')
            {
                out.push(
                    RULE.finding(
                        dest.span,
                        format!(
                            "{} sources are copied to `{}`, which must be a directory",
                            words.len() - 1,
                            dest.value
                        ),
                    )
                    .with_help(format!(
                        "end the destination with a slash: `{}/`",
                        dest.value
                    )),
                );
            }
        }
    }
}
