use super::util::insert_after;
use crate::Context;
use shipready_diagnostics::{Finding, Span};

crate::declare_rule! {
    /// ## What it does
    /// Reports `useradd` with a UID longer than 5 digits and without `-l`
    /// (`--no-log-init`).
    ///
    /// ## Why is this bad?
    /// useradd reserves a record for every UID up to the new one in
    /// `/var/log/lastlog` and `faillog`. On disk those files are sparse, but
    /// image layers are not: a UID of 1000000 adds hundreds of MB.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN useradd -u 1000000 app
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// RUN useradd -l -u 1000000 app
    /// ```
    ///
    /// ## Fix safety
    /// Safe: `-l` only skips the login records, which a container never
    /// reads.
    id: "SR-D057",
    name: "useradd-high-uid",
    summary: "useradd with a high UID and no -l",
    severity: Warning,
    category: Size,
    fix: Safe,
    default_enabled: true,
    hadolint: ["DL3046"],
    trivy: [],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for (_, c) in ctx.commands() {
        if !c.is("useradd") || c.has_flag(Some('l'), &["--no-log-init"]) {
            continue;
        }
        let Some(uid) = c.flag_value(Some('u'), &["--uid"]) else {
            continue;
        };
        if uid.len() <= 5 || !uid.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let mut f = RULE
            .finding(
                c.program_span(),
                format!("`useradd -u {uid}` without `-l` writes lastlog/faillog records for every UID below it into the layer"),
            )
            .with_help("add `-l` (`--no-log-init`)");
        if let Some(edit) = c.program_word().and_then(|w| insert_after(ctx, w, "-l")) {
            f = f.with_fix("add -l", vec![edit]);
        }
        out.push(f);
    }
}
