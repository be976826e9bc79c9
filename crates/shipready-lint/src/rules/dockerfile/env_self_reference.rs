use crate::Context;
use shipready_diagnostics::{Finding, Span};
use shipready_dockerfile::expand::expand;
use shipready_dockerfile::{arg_pairs, Args, Keyword};
use std::collections::HashSet;

crate::declare_rule! {
    /// ## What it does
    /// Reports an `ENV` whose value refers to a variable that the same
    /// `ENV` defines and that was not defined before it
    /// (`ENV GOPATH=/go PATH=$GOPATH/bin:$PATH`). A variable's reference to
    /// itself (`PATH=$PATH:/x`) is fine.
    ///
    /// ## Why is this bad?
    /// The builder expands every value with the variables as they were
    /// *before* the line, so the reference is empty: the example sets
    /// `PATH=/bin:…`, not `/go/bin:…`.
    ///
    /// ## Example
    /// ```dockerfile
    /// ENV GOPATH=/go PATH=$GOPATH/bin:$PATH
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// ENV GOPATH=/go
    /// ENV PATH=$GOPATH/bin:$PATH
    /// ```
    id: "SR-D055",
    name: "env-self-reference",
    summary: "ENV refers to a variable defined in the same ENV",
    severity: Error,
    category: Correctness,
    fix: None,
    default_enabled: true,
    hadolint: ["DL3044"],
    trivy: [],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    let escape = ctx.df.escape;
    let mut defined: HashSet<String> = HashSet::new();
    for (_, inst) in ctx.instructions() {
        match (&inst.keyword, &inst.args) {
            (Keyword::Arg, _) => {
                defined.extend(arg_pairs(inst, escape).into_iter().map(|(n, _)| n));
            }
            (Keyword::Env, Args::KeyValues(kvs)) => {
                let names: Vec<&str> = kvs.iter().map(|kv| kv.key.value.as_str()).collect();
                for (i, kv) in kvs.iter().enumerate() {
                    // Every reference comes back as unresolved when nothing
                    // is defined; single-quoted text is not expanded.
                    let refs = expand(&kv.value.value, escape, &|_| None).unresolved;
                    for r in refs {
                        let same_line = names
                            .iter()
                            .enumerate()
                            .any(|(j, n)| j != i && *n == r.as_str());
                        if same_line && !defined.contains(&r) {
                            out.push(
                                RULE.finding(
                                    kv.value.span,
                                    format!("`${r}` is not the `{r}` this ENV sets: every value is expanded before any is assigned"),
                                )
                                .with_help(format!("set `{r}` in an ENV of its own, before this one")),
                            );
                        }
                    }
                }
                defined.extend(names.iter().map(|n| n.to_string()));
            }
            _ => {}
        }
    }
}
