use crate::rules::common::secrets::secret_pair;
use crate::ComposeContext;
use shipready_diagnostics::{Finding, Span};
use shipready_yaml::Node;

crate::declare_rule! {
    /// ## What it does
    /// Reports `environment` entries that hold a credential written in the
    /// file: a name like `*_PASSWORD`, `*_TOKEN`, `*_SECRET`, `API_KEY`
    /// with a literal value, or a value that is a known token format. A
    /// value taken from a variable (`${DB_PASSWORD}`) is not reported, nor
    /// are `*_FILE` pointers to secret files. The message never prints
    /// the value.
    ///
    /// ## Why is this bad?
    /// The file is committed, copied into CI logs and readable by anyone
    /// with `docker inspect` on the host. Compose `secrets:` mount the
    /// value as a file that only the service reads.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   db:
    ///     environment:
    ///       POSTGRES_PASSWORD: hunter2
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   db:
    ///     environment:
    ///       POSTGRES_PASSWORD_FILE: /run/secrets/db_password
    ///     secrets: [db_password]
    /// secrets:
    ///   db_password:
    ///     file: ./secrets/db_password.txt
    /// ```
    id: "SR-C015",
    name: "compose-secret-in-environment",
    summary: "A credential is written into `environment`",
    severity: Error,
    category: Security,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: [],
    checkov: [],
    compose_check: check,
}

/// The text of the value as written, to tell a `${…}` reference from a
/// literal: interpolation has already replaced it in the model.
fn written<'a>(ctx: &'a ComposeContext<'_>, node: &Node) -> &'a str {
    ctx.project
        .sources
        .locate(node.span)
        .and_then(|(src, local)| src.text.get(local.range()))
        .unwrap_or("")
}

fn check(ctx: &ComposeContext<'_>, out: &mut Vec<Finding<Span>>) {
    for svc in ctx.services() {
        let Some(env) = svc.get("environment").and_then(Node::as_map) else {
            continue;
        };
        for (k, v) in env.iter() {
            let (Some(name), Some(value)) = (k.key_text(), v.key_text()) else {
                continue;
            };
            if value.is_empty() || written(ctx, v).contains('$') {
                continue;
            }
            let Some(what) = secret_pair(&name, &value, "file") else {
                continue;
            };
            out.push(
                RULE.finding(k.span, format!("`{name}` of service `{}` {what}: it is committed with the file and visible to `docker inspect`", svc.name))
                    .with_help("move it to a Compose secret (`secrets:`, read from /run/secrets/<name>) or at least to an untracked .env as `${NAME}`"),
            );
        }
    }
}
