use crate::rules::common::users::names_root;
use crate::Context;
use shipready_diagnostics::{Finding, Severity, Span};
use shipready_dockerfile::{Args, Keyword};

crate::declare_rule! {
    /// ## What it does
    /// Checks that the final stage switches to a non-root user: it reports
    /// `USER root` / `USER 0` as the last USER, and a final stage (and the
    /// stages it is built from) with no USER at all.
    ///
    /// ## Why is this bad?
    /// A process running as root inside the container is root on the
    /// container's filesystem and one kernel or runtime bug away from root
    /// on the node. Kubernetes `runAsNonRoot` refuses such images.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:20-slim
    /// COPY . /app
    /// CMD ["node", "/app/server.js"]
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:20-slim
    /// COPY --chown=node:node . /app
    /// USER node
    /// CMD ["node", "/app/server.js"]
    /// ```
    id: "SR-D001",
    name: "final-stage-runs-as-root",
    summary: "The final stage runs as root",
    severity: Error,
    category: Security,
    fix: None,
    default_enabled: true,
    hadolint: ["DL3002", "DL3063"],
    trivy: ["DS002"],
    checkov: ["CKV_DOCKER_3", "CKV_DOCKER_8"],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    let chain = ctx.final_chain();
    let Some(&last) = chain.first() else { return };
    for &s in &chain {
        let stage = &ctx.stages[s];
        let user = ctx
            .df
            .stage_instructions(stage)
            .iter()
            .rev()
            .find(|i| i.keyword == Keyword::User);
        if let Some(u) = user {
            if let Args::Text(t) = &u.args {
                if names_root(&t.value) {
                    out.push(
                        RULE.finding(t.span, "the image runs as root: the last USER is root")
                            .with_help("create an unprivileged user and end with `USER <name>` or a numeric UID such as `USER 10001`"),
                    );
                }
            }
            return;
        }
    }
    let stage = &ctx.stages[last];
    // The external image at the root of the FROM chain decides the user.
    let root = chain.last().map_or(last, |&r| r);
    let base = &ctx.stages[root].image;
    // Bases that document a non-root default user (`distroless/…:nonroot`,
    // `…-nonroot`); `name` is the whole reference, tag included.
    if base.name.contains("nonroot") {
        return;
    }
    let mut f = RULE.finding(
        ctx.df.instructions[stage.from].keyword_span,
        format!(
            "the final stage has no USER, so it runs as the base image's user (root for `{}`)",
            base.name
        ),
    );
    if base.unresolved.is_empty() && !base.is_scratch() && !known_root_base(base.short_name()) {
        // Custom bases may set a user; say so rather than assert.
        f.severity = Severity::Warning;
        f.message = format!(
            "the final stage has no USER; unless `{}` sets one, the container runs as root",
            base.name
        );
    }
    out.push(f.with_help(
        "add `USER <non-root user>` (or a numeric UID) after the last step that needs root",
    ));
}

/// Official images known to default to root.
fn known_root_base(name: &str) -> bool {
    matches!(
        name,
        "alpine"
            | "debian"
            | "ubuntu"
            | "centos"
            | "fedora"
            | "rockylinux"
            | "almalinux"
            | "amazonlinux"
            | "busybox"
            | "node"
            | "python"
            | "ruby"
            | "golang"
            | "openjdk"
            | "eclipse-temurin"
            | "php"
            | "nginx"
            | "httpd"
            | "redis"
            | "postgres"
            | "mysql"
            | "mariadb"
            | "tomcat"
            | "wordpress"
            | "buildpack-deps"
            | "rust"
            | "maven"
            | "gradle"
            | "perl"
            | "elixir"
            | "erlang"
            | "haskell"
            | "dotnet"
    )
}
