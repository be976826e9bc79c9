use crate::rules::common::secrets::{
    is_reference_or_empty, looks_like_secret_name, looks_like_secret_value,
};
use crate::Context;
use shipready_diagnostics::{Finding, Span};
use shipready_dockerfile::{arg_pairs, Args, Keyword};

crate::declare_rule! {
    /// ## What it does
    /// Reports ARG and ENV whose name says credential (`*_PASSWORD`,
    /// `*_TOKEN`, `*_SECRET`, `API_KEY`, …) or whose value is one (AWS
    /// access key IDs, private key headers, GitHub/GitLab/Slack/Stripe
    /// tokens).
    ///
    /// ## Why is this bad?
    /// ENV values are stored in the image config and ARG values in the
    /// build history: anyone who can pull the image can read them with
    /// `docker history` or `docker inspect`.
    ///
    /// ## Example
    /// ```dockerfile
    /// ARG NPM_TOKEN
    /// ENV DB_PASSWORD=hunter2
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci
    /// ```
    /// and inject runtime secrets from the orchestrator (Compose `secrets:`,
    /// Kubernetes Secrets).
    id: "SR-D009",
    name: "secret-in-arg-or-env",
    summary: "Credential passed through ARG or ENV",
    severity: Error,
    category: Security,
    fix: None,
    default_enabled: true,
    hadolint: ["DL3064"],
    trivy: ["DS031"],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for (_, inst) in ctx.instructions() {
        match (&inst.keyword, &inst.args) {
            (Keyword::Env, Args::KeyValues(kvs)) => {
                for kv in kvs {
                    let value = kv.value.value.as_str();
                    if let Some(what) = looks_like_secret_value(value) {
                        out.push(RULE.finding(kv.value.span, format!("ENV `{}` holds {what}, readable by anyone who pulls the image", kv.key.value))
                            .with_help("remove it from the Dockerfile, rotate it, and inject it at run time as a secret"));
                    } else if looks_like_secret_name(&kv.key.value) && !is_reference_or_empty(value)
                    {
                        out.push(RULE.finding(kv.key.span.cover(kv.value.span), format!("ENV `{}` bakes a credential into the image config", kv.key.value))
                            .with_help("set it at run time from a secret store (Compose `secrets:`, a Kubernetes Secret), not in the image"));
                    }
                }
            }
            (Keyword::Arg, Args::Words(words)) => {
                for (w, (name, default)) in words.iter().zip(arg_pairs(inst, ctx.df.escape)) {
                    let default = default.unwrap_or_default();
                    if let Some(what) = looks_like_secret_value(&default) {
                        out.push(
                            RULE.finding(w.span, format!("ARG `{name}` defaults to {what}"))
                                .with_help("remove the default and rotate the credential"),
                        );
                    } else if looks_like_secret_name(&name) {
                        out.push(RULE.finding(w.span, format!("ARG `{name}` passes a credential through the build; build args are kept in the image history"))
                            .with_help("use a BuildKit secret: `RUN --mount=type=secret,id=<name> …` and `docker build --secret id=<name>,src=…`"));
                    }
                }
            }
            _ => {}
        }
    }
}
