use crate::Context;
use shipready_diagnostics::{Edit, Finding, Span};

crate::declare_rule! {
    /// ## What it does
    /// Reports `FROM --platform=$TARGETPLATFORM`.
    ///
    /// ## Why is this bad?
    /// Stages are built for the target platform anyway, so the flag says
    /// nothing; it is usually a mix-up with `$BUILDPLATFORM`, which is what
    /// a cross-compiling build stage needs.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM --platform=$TARGETPLATFORM golang:1.23 AS build
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM --platform=$BUILDPLATFORM golang:1.23 AS build
    /// ```
    ///
    /// ## Fix safety
    /// Safe: removing the flag builds exactly the same stage.
    id: "SR-D063",
    name: "from-platform-redundant",
    summary: "FROM --platform=$TARGETPLATFORM is the default",
    severity: Style,
    category: Style,
    fix: Safe,
    default_enabled: true,
    hadolint: ["DL3065"],
    trivy: [],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for s in &ctx.stages {
        let inst = &ctx.df.instructions[s.from];
        let Some(flag) = inst.flag("platform") else {
            continue;
        };
        let value = flag.value.as_deref().unwrap_or("").trim_matches('"');
        if value != "$TARGETPLATFORM" && value != "${TARGETPLATFORM}" {
            continue;
        }
        let mut f = RULE
            .finding(
                flag.span,
                "`--platform=$TARGETPLATFORM` is what FROM does anyway",
            )
            .with_help("remove it (or use `$BUILDPLATFORM` for a stage that cross-compiles)");
        // The flag and the blanks after it, when they are plain source text.
        let rest = ctx.df.source.get(flag.span.end as usize..).unwrap_or("");
        let blanks = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        if ctx.text(flag.span).starts_with("--") && blanks > 0 {
            let span = Span::new(flag.span.start, flag.span.end + blanks as u32);
            f = f.with_fix("remove --platform", vec![Edit::replace(span, "")]);
        }
        out.push(f);
    }
}
