use crate::Context;
use shipready_diagnostics::{Finding, Span};
#[allow(unused_imports)]
use shipready_dockerfile::{Args, Keyword};

crate::declare_rule! {
    /// ## What it does
    /// Reports CMD and ENTRYPOINT written in shell form (`CMD npm start`).
    ///
    /// ## Why is this bad?
    /// Shell form runs the process under `/bin/sh -c`: the shell is PID 1, does not forward SIGTERM, and the application is killed after the stop timeout instead of shutting down gracefully.
    ///
    /// ## Example
    /// ```dockerfile
    /// CMD npm start
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// CMD ["npm", "start"]
    /// ```
    id: "SR-D037",
    name: "cmd-entrypoint-shell-form",
    summary: "CMD/ENTRYPOINT in shell form",
    severity: Warning,
    category: Operability,
    fix: None,
    default_enabled: true,
    hadolint: ["DL3025"],
    trivy: [],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for (_, inst) in ctx.instructions() {
        let inst = inst.effective();
        if !matches!(inst.keyword, Keyword::Cmd | Keyword::Entrypoint) {
            continue;
        }
        if let Args::Text(t) = &inst.args {
            // Broken JSON is reported by exec-form-invalid-json.
            if super::exec_form_invalid_json::looks_like_broken_exec(&t.value) {
                continue;
            }
            out.push(RULE.finding(t.span, format!("{} in shell form runs under /bin/sh, which does not forward SIGTERM to the application", inst.keyword.as_str()))
                .with_help("use the JSON form: `[\"executable\", \"arg\"]` (prefix `exec` if a shell is really needed)"));
        }
    }
}
