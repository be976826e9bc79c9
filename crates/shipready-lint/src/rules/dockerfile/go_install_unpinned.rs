use super::util::unpinned_packages;
use crate::Context;
use shipready_diagnostics::{Finding, Span};

crate::declare_rule! {
    /// ## What it does
    /// Reports `go install`, `go get` and `go run` of a module path
    /// without `@<version>`, and with
    /// `@latest` (which is a moving target too). Local packages (`.`,
    /// `./cmd/app`, absolute paths) are the project's own code and are not
    /// checked.
    ///
    /// ## Why is this bad?
    /// Without a version, `go install` builds whatever the module's default
    /// branch holds on the day of the build.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN go install github.com/go-delve/delve/cmd/dlv@latest
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// RUN go install github.com/go-delve/delve/cmd/dlv@v1.23.1
    /// ```
    id: "SR-D051",
    name: "go-install-unpinned",
    summary: "go install without a fixed @version",
    severity: Warning,
    category: Reproducibility,
    fix: None,
    default_enabled: true,
    hadolint: ["DL3062"],
    trivy: [],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for (_, c) in ctx.commands() {
        let sub = c.subcommand().map(|w| w.text.as_str());
        if !(c.is("go") && matches!(sub, Some("install" | "get" | "run"))) {
            continue;
        }
        let mut operands = c.operands(&["-o", "-tags", "-ldflags", "-gcflags", "-mod", "-C", "-p"]);
        // `go run <package> args…`: only the first operand is a package.
        if sub == Some("run") {
            operands.truncate(1);
        }
        let unpinned: Vec<_> = operands
            .into_iter()
            .filter(|w| {
                let t = w.text.as_str();
                let local = t.starts_with('.')
                    || t.starts_with('/')
                    || t.starts_with('$')
                    || t.ends_with(".go");
                let pinned = t
                    .rsplit_once('@')
                    .is_some_and(|(_, v)| !v.is_empty() && v != "latest");
                !local && !pinned
            })
            .collect();
        out.extend(unpinned_packages(
            &RULE,
            &unpinned,
            "go",
            "pin a version: `go install <module>@v1.2.3`",
        ));
    }
}
