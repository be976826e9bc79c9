use super::util::is_dependency_install;
use crate::Context;
use shipready_diagnostics::{Finding, Span};
use shipready_dockerfile::Keyword;

crate::declare_rule! {
    /// ## What it does
    /// Reports a `COPY . .` (the whole build context) that comes before the
    /// dependency install step (`npm ci`, `pip install -r`, `bundle
    /// install`, `go mod download`, `composer install`, …) in the same stage.
    ///
    /// ## Why is this bad?
    /// Any source change invalidates the cache of every later layer, so
    /// every commit re-downloads all dependencies: slow builds and CI
    /// minutes spent on work that did not change.
    ///
    /// ## Example
    /// ```dockerfile
    /// COPY . .
    /// RUN npm ci
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// COPY package.json package-lock.json ./
    /// RUN npm ci
    /// COPY . .
    /// ```
    id: "SR-D008",
    name: "copy-context-before-install",
    summary: "Whole context copied before installing dependencies",
    severity: Warning,
    category: BuildCache,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: [],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for stage in &ctx.stages {
        let body = ctx.df.stage_instructions(stage);
        let copy = body.iter().enumerate().find(|(_, i)| {
            matches!(i.keyword, Keyword::Copy | Keyword::Add)
                && i.flag("from").is_none()
                && i.words().len() >= 2
                && i.words()[..i.words().len() - 1]
                    .iter()
                    .any(|w| matches!(w.value.as_str(), "." | "./" | "*"))
        });
        let Some((copy_off, copy)) = copy else {
            continue;
        };
        let copy_index = stage.body.start + copy_off;
        let install = ctx
            .runs
            .iter()
            .filter(|r| r.index > copy_index && r.stage == stage.index)
            .find_map(|r| {
                r.script
                    .commands
                    .iter()
                    .find(|c| is_dependency_install(c) && !installs_local_project(c))
            });
        if let Some(cmd) = install {
            out.push(
                RULE.finding(copy.span, format!(
                    "the whole build context is copied before `{}`, so every source change re-installs all dependencies",
                    cmd.program().unwrap_or_default()
                ))
                .with_help("copy only the dependency manifests (package.json and lock file, requirements.txt, go.mod/go.sum, Gemfile.lock…) first, install, then `COPY . .`"),
            );
        }
    }
}

/// `pip install .` / `pip install -e .` installs the copied project itself.
fn installs_local_project(c: &shipready_dockerfile::shell::Command) -> bool {
    c.operands(&["-r", "-c", "--requirement"])
        .iter()
        .any(|w| w.text == "." || w.text.starts_with("./"))
        && !c.has_flag(Some('r'), &["--requirement"])
}
