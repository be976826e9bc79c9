#[allow(unused_imports)]
use super::util::*;
use crate::Context;
use shipready_diagnostics::{Finding, Span};
#[allow(unused_imports)]
use shipready_dockerfile::{Args, Keyword};

crate::declare_rule! {
    /// ## What it does
    /// Reports packages named in `pip install` (or `pipx install`) without
    /// a version specifier (`pkg==1.2`; any PEP 440 specifier counts),
    /// outside requirement files, constraints and local paths. A VCS URL
    /// (`git+https://…`) needs a ref: `…/repo.git@v1.2`.
    ///
    /// ## Why is this bad?
    /// Unpinned packages make every build resolve anew; a new release can break the image with no change in the repository.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN pip install flask
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// RUN pip install flask==3.0.3
    /// ```
    id: "SR-D030",
    name: "pip-unpinned",
    summary: "pip install without versions",
    severity: Warning,
    category: Reproducibility,
    fix: None,
    default_enabled: true,
    hadolint: ["DL3013"],
    trivy: [],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for (_, c) in ctx.commands() {
        // pipx installs an application from PyPI just as unpinned; it
        // keeps no download cache, so only this rule reads it.
        let pipx = c.is("pipx") && c.subcommand().is_some_and(|w| w.text == "install");
        if !(is_pip_install(c) || pipx)
            || c.has_flag(Some('r'), &["--requirement"])
                && c.operands(&["-r", "--requirement", "-c", "--constraint"])
                    .is_empty()
        {
            continue;
        }
        if c.has_flag(Some('c'), &["--constraint"]) {
            continue;
        }
        let ops = c.operands(&[
            "-r",
            "--requirement",
            "-c",
            "--constraint",
            "-i",
            "--index-url",
            "--extra-index-url",
            "-f",
            "--find-links",
            "--target",
            "-t",
            "--prefix",
            "--root",
            "--platform",
            "--python-version",
            "--trusted-host",
            "-e",
            "--editable",
        ]);
        // `python -m pip install …`: `pip` is taken as the subcommand, so
        // the operands start with `install`.
        let python = c.program().is_some_and(|p| p.starts_with("python"));
        let skip = usize::from(python && ops.first().is_some_and(|w| w.text == "install"));
        let ops: Vec<_> = ops.into_iter().skip(skip).collect();
        let unpinned: Vec<_> = ops
            .iter()
            .copied()
            .filter(|w| {
                let t = w.text.as_str();
                if let Some(pinned) = vcs_pinned(t) {
                    return !pinned;
                }
                // Any PEP 440 specifier counts, as in hadolint: `!=` and
                // `>` bound the version as deliberately as `==`.
                !(t.contains("==")
                    || t.contains(">=")
                    || t.contains("~=")
                    || t.contains("!=")
                    || t.contains('>')
                    || t.contains('@')
                    || t.contains('/')
                    || t.starts_with('.')
                    || t.starts_with('$')
                    || t.ends_with(".whl")
                    || t.ends_with(".tar.gz")
                    || t.ends_with(".zip")
                    || t.contains("<"))
            })
            .collect();
        out.extend(unpinned_packages(
            &RULE,
            &unpinned,
            "pip",
            "pin versions (`pkg==1.2.3`) or install from a locked requirements file",
        ));
    }
}

/// For a VCS requirement (`git+https://host/org/repo.git@v1.2#egg=x`,
/// also `hg+`, `svn+`, `bzr+`): whether it names a ref. The `@` of a
/// `git@host` login is not one; only an `@` in the path is.
fn vcs_pinned(t: &str) -> Option<bool> {
    let t = t.rsplit_once(" @ ").map_or(t, |(_, url)| url);
    let rest = ["git+", "hg+", "svn+", "bzr+"]
        .iter()
        .find_map(|p| t.strip_prefix(p))?;
    let after_scheme = rest.split_once("://").map_or(rest, |(_, r)| r);
    let path = after_scheme.split_once('/').map_or("", |(_, p)| p);
    let path = path.split_once('#').map_or(path, |(p, _)| p);
    Some(path.contains('@'))
}
