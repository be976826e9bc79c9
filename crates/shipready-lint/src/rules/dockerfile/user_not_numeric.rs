use crate::Context;
use shipready_diagnostics::{Finding, Span};
use shipready_dockerfile::{expand::unquote, Keyword};

crate::declare_rule! {
    /// ## What it does
    /// Reports `USER` with a name instead of a numeric UID (`USER app`
    /// rather than `USER 10001` or `USER 10001:10001`). `root` is left to
    /// the root-user rule, and values from a `$VARIABLE` are not checked.
    ///
    /// ## Why is this bad?
    /// Kubernetes cannot prove that a named user is not root: a pod with
    /// `runAsNonRoot: true` refuses to start an image whose user is
    /// `app` ("image has non-numeric user, cannot verify user is
    /// non-root"). The name also means nothing outside the image's
    /// `/etc/passwd`, e.g. for file ownership on a mounted volume.
    ///
    /// ## Example
    /// ```dockerfile
    /// USER app
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// USER 10001:10001
    /// ```
    id: "SR-D064",
    name: "user-not-numeric",
    summary: "USER by name, not numeric UID",
    severity: Info,
    category: Security,
    fix: None,
    default_enabled: true,
    hadolint: ["DL3066"],
    trivy: [],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for (_, inst) in ctx.instructions() {
        if inst.keyword != Keyword::User {
            continue;
        }
        let raw = inst.args_text();
        if raw.contains('$') {
            continue;
        }
        let value = unquote(raw, ctx.df.escape);
        let user = value.split(':').next().unwrap_or("");
        if user.is_empty() || user == "root" || user.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        out.push(
            RULE.finding(
                inst.args_span(),
                format!(
                    "`USER {value}` names the user; Kubernetes `runAsNonRoot` cannot verify a name"
                ),
            )
            .with_help(format!(
                "use the numeric UID (and GID) of `{user}`, e.g. `USER 10001:10001`"
            )),
        );
    }
}
