use crate::Context;
use shipready_diagnostics::{Finding, Span};
#[allow(unused_imports)]
use shipready_dockerfile::{Args, Keyword};

crate::declare_rule! {
    /// ## What it does
    /// Reports `COPY --from=name` where `name` is neither an earlier stage alias nor a stage index nor an image reference.
    ///
    /// ## Why is this bad?
    /// A typo in a stage name makes BuildKit pull an image of that name, or fail, instead of copying from your stage.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.22 AS build
    /// FROM scratch
    /// COPY --from=buld /app /app
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// COPY --from=build /app /app
    /// ```
    id: "SR-D034",
    name: "copy-from-unknown-stage",
    summary: "COPY --from names no earlier stage",
    severity: Warning,
    category: Correctness,
    fix: None,
    default_enabled: true,
    hadolint: ["DL3022"],
    trivy: [],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for (i, inst) in ctx.instructions() {
        let inst = inst.effective();
        if inst.keyword != Keyword::Copy {
            continue;
        }
        let Some(flag) = inst.flag("from") else {
            continue;
        };
        let Some(from) = flag.value.as_deref() else {
            continue;
        };
        // An image reference (has a tag, digest or registry) or a variable.
        if from.contains([':', '@', '/', '$']) {
            continue;
        }
        let earlier = ctx
            .stages
            .iter()
            .take_while(|s| s.from < i)
            .collect::<Vec<_>>();
        let known = from.parse::<usize>().is_ok_and(|n| n < earlier.len())
            || earlier.iter().any(|s| {
                s.name
                    .as_ref()
                    .is_some_and(|n| n.value.eq_ignore_ascii_case(from))
            });
        if !known {
            out.push(RULE.finding(flag.span, format!("`--from={from}` is not an earlier stage; BuildKit will treat it as an image name")).with_help("name a stage defined above with `FROM … AS name`, or use a full image reference"));
        }
    }
}
