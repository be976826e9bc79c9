#[allow(unused_imports)]
use super::util::*;
use crate::Context;
use shipready_diagnostics::{Finding, Span};
#[allow(unused_imports)]
use shipready_dockerfile::{Args, Keyword};

crate::declare_rule! {
    /// ## What it does
    /// Reports packages named in `npm install` without a version
    /// (`pkg@1.2.3`), and git dependencies (`git+https://…`, `github:u/r`,
    /// `u/r`) without a `#<commit or tag>`. Tarballs, local paths and
    /// aliases (`x@npm:y@1`) are not checked.
    ///
    /// ## Why is this bad?
    /// Unversioned packages take whatever is newest on the day of the build.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN npm install -g typescript
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// RUN npm install -g typescript@5.6.2
    /// ```
    id: "SR-D031",
    name: "npm-unpinned",
    summary: "npm install of packages without versions",
    severity: Warning,
    category: Reproducibility,
    fix: None,
    default_enabled: true,
    hadolint: ["DL3016"],
    trivy: [],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for (_, c) in ctx.commands() {
        if !c.is("npm")
            || !matches!(
                c.subcommand().map(|w| w.text.as_str()),
                Some("install" | "i" | "add")
            )
        {
            continue;
        }
        let unpinned: Vec<_> = c
            .operands(&["--prefix", "--registry", "--cache"])
            .into_iter()
            .filter(|w| {
                let t = w.text.as_str();
                let name = t
                    .strip_prefix('@')
                    .map_or(t, |r| r.split_once('/').map_or(r, |(_, n)| n));
                if is_git_source(t) {
                    // A git dependency is pinned by `#<commit or tag>`.
                    return !t.contains('#');
                }
                !(name.contains('@')
                    || t.starts_with('.')
                    || t.starts_with('/')
                    || t.starts_with('$')
                    || t.contains(':')
                    || t.ends_with(".tgz")
                    || t.ends_with(".tar.gz"))
            })
            .collect();
        out.extend(unpinned_packages(
            &RULE,
            &unpinned,
            "npm",
            "pin versions: `npm install <pkg>@<version>`",
        ));
    }
}

/// A package spec npm fetches from git: a `git+…` or `git://` URL, a
/// `github:`/`gitlab:`/`bitbucket:` shorthand, or GitHub's bare
/// `user/repo`. Tarball URLs, local paths and aliases (`x@npm:y`) are not.
fn is_git_source(t: &str) -> bool {
    if t.starts_with("git+") || t.starts_with("git://") {
        return true;
    }
    if ["github:", "gitlab:", "bitbucket:", "gist:"]
        .iter()
        .any(|p| t.starts_with(p))
    {
        return true;
    }
    !t.starts_with('@')
        && !t.starts_with('.')
        && !t.starts_with('/')
        && !t.contains(':')
        && !t.ends_with(".tgz")
        && !t.ends_with(".tar.gz")
        && t.split_once('/')
            .is_some_and(|(user, repo)| !user.is_empty() && !repo.is_empty() && !repo.contains('/'))
}
