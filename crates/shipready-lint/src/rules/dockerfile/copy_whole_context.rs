use crate::Context;
use shipready_diagnostics::{Finding, Span};
use shipready_dockerfile::{expand::unquote, Keyword};

crate::declare_rule! {
    /// ## What it does
    /// Reports `COPY .` / `ADD .` (the whole build context) in the final
    /// image's stages. Off by default: it is the normal way to build an
    /// application with a good `.dockerignore`; turn it on
    /// (`extend-select = ["SR-D067"]`) to require explicit paths.
    ///
    /// ## Why is this bad?
    /// Everything the `.dockerignore` does not exclude lands in the image:
    /// `.git`, `.env`, local configs and credentials, test data.
    ///
    /// ## Example
    /// ```dockerfile
    /// COPY . /app
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// COPY src/ /app/src/
    /// COPY package.json package-lock.json /app/
    /// ```
    id: "SR-D067",
    name: "copy-whole-context",
    summary: "COPY of the entire build context",
    severity: Info,
    category: Security,
    fix: None,
    default_enabled: false,
    hadolint: ["DL4007"],
    trivy: [],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    let chain = ctx.final_chain();
    for (index, inst) in ctx.instructions() {
        if !matches!(inst.keyword, Keyword::Copy | Keyword::Add) || inst.flag("from").is_some() {
            continue;
        }
        if !ctx.stage_of(index).is_some_and(|s| chain.contains(&s)) {
            continue;
        }
        let words = inst.words();
        let Some((_, sources)) = words.split_last() else {
            continue;
        };
        for s in sources {
            let v = unquote(&s.value, ctx.df.escape);
            if v == "." || v == "./" {
                out.push(
                    RULE.finding(s.span, "copies the whole build context into the image")
                        .with_help(
                            "copy the paths the application needs, and keep `.dockerignore` strict",
                        ),
                );
            }
        }
    }
}
