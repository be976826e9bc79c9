use crate::Context;
use shipready_diagnostics::{Finding, Span};
#[allow(unused_imports)]
use shipready_dockerfile::{Args, Keyword};

crate::declare_rule! {
    /// ## What it does
    /// Reports a RUN whose shell script pipes commands while the stage's SHELL does not set `-o pipefail` (and the script does not `set -o pipefail`).
    ///
    /// ## Why is this bad?
    /// `/bin/sh` reports only the last command's status: `curl … | tar x` succeeds even when the download failed, and the image ships broken.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN curl -fsSL https://x/t.tgz | tar xz
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// SHELL ["/bin/bash", "-o", "pipefail", "-c"]
    /// RUN curl -fsSL https://x/t.tgz | tar xz
    /// ```
    id: "SR-D044",
    name: "pipe-without-pipefail",
    summary: "RUN with a pipe but no pipefail",
    severity: Warning,
    category: Correctness,
    fix: None,
    default_enabled: true,
    hadolint: ["DL4006"],
    trivy: [],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for run in &ctx.runs {
        if !run.script.has_pipe() || run.inst.effective().is_exec_form() {
            continue;
        }
        let stage = &ctx.stages[run.stage];
        let shell_has = ctx.df.instructions[stage.from..run.index].iter().rev().find(|i| i.keyword == Keyword::Shell).is_some_and(|i| {
            matches!(&i.args, Args::Exec(items) if items.windows(2).any(|w| w[0].value == "-o" && w[1].value == "pipefail") || items.iter().any(|it| it.value.contains("pipefail")))
        });
        let script_sets = run.script.commands.iter().any(|c| {
            c.is("set")
                && c.args()
                    .iter()
                    .any(|w| w.text == "pipefail" || w.text.contains("pipefail"))
        });
        if !shell_has && !script_sets {
            let first = run
                .script
                .commands
                .iter()
                .find(|c| c.pipe_out)
                .map_or(run.inst.keyword_span, |c| c.program_span());
            out.push(RULE.finding(first, "a failure before the last `|` is ignored without pipefail").with_help("add `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` before this RUN (or `set -o pipefail &&` in it)"));
        }
    }
}
