use super::util::{is_apk_add, is_apt_install, packages, APT_VALUE_FLAGS};
use crate::Context;
use shipready_diagnostics::{Finding, Span};

crate::declare_rule! {
    /// ## What it does
    /// Finds compilers and build toolchains installed or used in the final
    /// stage: `gcc`, `g++`, `make`, `build-essential`, `*-dev` headers, a
    /// JDK, Go or Rust toolchains, `go build`, `cargo build`, `mvn package`,
    /// and `npm install`/`npm ci` without `--omit=dev`.
    ///
    /// ## Why is this bad?
    /// Toolchains add hundreds of megabytes and a large attack surface to
    /// an image that only needs to run the result. A multi-stage build
    /// compiles in one stage and copies the artefact into a slim one.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.22
    /// COPY . .
    /// RUN go build -o /app .
    /// CMD ["/app"]
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM golang:1.22 AS build
    /// COPY . .
    /// RUN CGO_ENABLED=0 go build -o /app .
    /// FROM gcr.io/distroless/static-debian12:nonroot
    /// COPY --from=build /app /app
    /// CMD ["/app"]
    /// ```
    id: "SR-D003",
    name: "build-tools-in-final-stage",
    summary: "Build toolchain in the final stage; use a multi-stage build",
    severity: Warning,
    category: Size,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: [],
    checkov: [],
    check: check,
}

fn is_toolchain_package(p: &str) -> bool {
    let name = p.split(['=', '>', '<']).next().unwrap_or(p);
    matches!(
        name,
        "gcc"
            | "g++"
            | "make"
            | "build-essential"
            | "build-base"
            | "clang"
            | "cmake"
            | "autoconf"
            | "automake"
            | "libtool"
            | "golang"
            | "go"
            | "cargo"
            | "rustc"
            | "maven"
            | "gradle"
            | "default-jdk"
            | "openjdk-17-jdk"
            | "openjdk-21-jdk"
            | "openjdk-11-jdk"
            | "musl-dev"
    ) || (name.ends_with("-dev") && name.starts_with("lib"))
        || (name.starts_with("openjdk") && name.contains("-jdk"))
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    let chain = ctx.final_chain();
    let Some(&last) = chain.first() else { return };
    for run in ctx.runs.iter().filter(|r| r.stage == last) {
        for c in &run.script.commands {
            let what = if is_apt_install(c) || is_apk_add(c) {
                packages(c, APT_VALUE_FLAGS)
                    .into_iter()
                    .find(|w| is_toolchain_package(&w.text))
                    .map(|w| format!("installs the build package `{}`", w.text))
            } else {
                let sub = c.subcommand().map(|w| w.text.as_str());
                match (c.program(), sub) {
                    (Some("go"), Some("build")) => Some("compiles with `go build`".to_string()),
                    (Some("cargo"), Some("build" | "install")) => {
                        Some("compiles with `cargo`".to_string())
                    }
                    (Some("mvn" | "gradle" | "./gradlew" | "gradlew" | "./mvnw"), Some(s))
                        if s.contains("package") || s == "build" || s == "install" =>
                    {
                        Some(format!("builds with `{}`", c.program().unwrap_or_default()))
                    }
                    (Some("npm"), Some("install" | "i" | "ci"))
                        if !c.has_flag(None, &["--omit", "--production", "--only"])
                            && c.operands(&[]).is_empty() =>
                    {
                        Some("installs devDependencies with `npm install`".to_string())
                    }
                    _ => None,
                }
            };
            if let Some(what) = what {
                out.push(
                    RULE.finding(c.program_span(), format!("the final stage {what}; the toolchain ships in the image"))
                        .with_help("build in a separate `AS build` stage and `COPY --from=build` only the artefact into a slim final stage"),
                );
                return;
            }
        }
    }
}
