use crate::rules::common::secrets::secret_file_kind;
use crate::Context;
use shipready_diagnostics::{Finding, Span};
use shipready_dockerfile::Keyword;

crate::declare_rule! {
    /// ## What it does
    /// Reports COPY/ADD of files that hold secrets: `.env`, SSH keys
    /// (`id_rsa`, `id_ed25519`), `*.pem` / `*.key` / `*.p12`, `.npmrc`,
    /// `.pypirc`, `.netrc`, `.aws/credentials`, `.docker/config.json`, and
    /// the `.git` directory.
    ///
    /// ## Why is this bad?
    /// Anything copied into a layer stays in the image, even if a later
    /// step deletes it, and every registry and host that stores the image
    /// now has the secret. `.git` also ships the full history.
    ///
    /// ## Example
    /// ```dockerfile
    /// COPY .env id_rsa /app/
    /// ```
    ///
    /// ## Use instead
    /// Keep them out with `.dockerignore`; mount build-time secrets with
    /// `RUN --mount=type=secret` and give runtime secrets to the container
    /// from the orchestrator.
    id: "SR-D010",
    name: "secret-file-copied",
    summary: "A secret file is copied into the image",
    severity: Error,
    category: Security,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: [],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for (_, inst) in ctx.instructions() {
        let inst = inst.effective();
        if !matches!(inst.keyword, Keyword::Copy | Keyword::Add) || inst.flag("from").is_some() {
            continue;
        }
        let words = inst.words();
        let Some((_, sources)) = words.split_last() else {
            continue;
        };
        for src in sources {
            if let Some(kind) = secret_file_kind(&src.value) {
                out.push(
                    RULE.finding(src.span, format!("`{}` is {kind}; it stays in the image layer for anyone who pulls it", src.value))
                        .with_help("exclude it in .dockerignore; use `RUN --mount=type=secret` at build time or runtime secrets instead"),
                );
            }
        }
    }
}
