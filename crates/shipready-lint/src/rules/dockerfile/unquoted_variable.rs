use crate::{shell_texts, Context};
use shipready_diagnostics::{Finding, Span};
use shipready_dockerfile::shell::split_expansions;
use shipready_dockerfile::Args::Exec;

crate::declare_rule! {
    /// ## What it does
    /// Reports a variable expanded outside double quotes in a `RUN`
    /// command when its value may hold spaces or glob characters:
    /// ShellCheck's SC2086, which hadolint reports. As in ShellCheck, a
    /// variable last given a plain word (`v=1.2`) on every path to the
    /// expansion is safe, and so are the shell's numeric variables; as in
    /// hadolint, so are the Dockerfile's `ENV` and `ARG` in scope.
    /// Assignments, `case` words, `for` lists, `[[ ]]`, arithmetic and
    /// heredoc bodies are never split and are not reported.
    ///
    /// ## Why is this bad?
    /// The value is split on whitespace and every piece is globbed: a
    /// path with a space becomes two arguments, an empty value disappears,
    /// and a `*` in it matches files in the working directory.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN dir=$(mktemp -d) && cp app.tar $dir/
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// RUN dir="$(mktemp -d)" && cp app.tar "$dir/"
    /// ```
    id: "SR-D073",
    name: "unquoted-variable",
    summary: "An unquoted variable is split into words and globbed",
    severity: Info,
    category: Correctness,
    fix: None,
    default_enabled: true,
    hadolint: ["SC2086"],
    trivy: [],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for run in &ctx.runs {
        let inst = run.inst.effective();
        if matches!(inst.args, Exec(_)) {
            continue;
        }
        let known = ctx.declared_names(run.stage, run.index);
        let known: Vec<&str> = known.iter().map(String::as_str).collect();
        for (text, map) in shell_texts(inst) {
            for (s, e) in split_expansions(text, &known) {
                let name = text[s..e].trim_start_matches('$');
                let name = name.trim_start_matches('{').trim_end_matches('}');
                out.push(
                    RULE.finding(
                        map(s, e),
                        format!(
                            "`{}` is not quoted: its value is split on whitespace and globbed",
                            &text[s..e]
                        ),
                    )
                    .with_help(format!(
                        "quote it: \"${{{name}}}\" (or use it inside a quoted word)"
                    )),
                );
            }
        }
    }
}
