//! Helpers shared by Dockerfile rules: package-manager commands, cache
//! mounts, labels, fix edits. Knowledge other kinds of rule share lives in
//! `rules::common`.

use shipready_dockerfile::shell::{Command, Word};
use shipready_dockerfile::Instruction;

/// `apt-get install` / `apt install` (also `sudo apt-get …`).
pub fn is_apt_install(c: &Command) -> bool {
    (c.is("apt-get") || c.is("apt")) && c.subcommand().is_some_and(|w| w.text == "install")
}

pub fn is_apk_add(c: &Command) -> bool {
    c.is("apk") && c.subcommand().is_some_and(|w| w.text == "add")
}

pub fn is_pip_install(c: &Command) -> bool {
    let pip = c
        .program()
        .is_some_and(|p| p == "pip" || p.starts_with("pip3") || p.starts_with("pip2"));
    if pip {
        return c.subcommand().is_some_and(|w| w.text == "install");
    }
    // python -m pip install …
    let p = c.program().unwrap_or("");
    if p.starts_with("python") {
        let a = c.args();
        return a
            .windows(3)
            .any(|w| w[0].text == "-m" && w[1].text == "pip" && w[2].text == "install");
    }
    false
}

/// `npm install|i|ci|add`, `yarn install|add`, `pnpm install|add|i`.
pub fn is_node_install(c: &Command) -> bool {
    let sub = c.subcommand().map(|w| w.text.as_str());
    match c.program() {
        Some("npm") => matches!(sub, Some("install" | "i" | "ci" | "add" | "isntall")),
        Some("yarn") => matches!(sub, None | Some("install" | "add")),
        Some("pnpm") => matches!(sub, Some("install" | "i" | "add")),
        _ => false,
    }
}

/// Commands that install an application's dependencies from a lock or
/// manifest file, i.e. what should run before the source is copied.
pub fn is_dependency_install(c: &Command) -> bool {
    if is_node_install(c) || is_pip_install(c) {
        return true;
    }
    let sub = c.subcommand().map(|w| w.text.as_str());
    matches!(
        (c.program(), sub),
        (Some("bundle"), Some("install") | None)
            | (Some("composer"), Some("install"))
            | (Some("go"), Some("mod"))
            | (Some("poetry"), Some("install"))
            | (Some("pipenv"), Some("install"))
            | (Some("uv"), Some("sync" | "pip"))
            | (
                Some("mvn" | "mvnw"),
                Some("dependency:go-offline" | "dependency:resolve")
            )
            | (Some("cargo"), Some("fetch"))
            | (Some("dotnet"), Some("restore"))
    )
}

/// Operands of a package install, without flags and their values.
pub fn packages<'a>(c: &'a Command, value_flags: &[&str]) -> Vec<&'a Word> {
    c.operands(value_flags)
        .into_iter()
        .filter(|w| !w.text.is_empty())
        .collect()
}

pub const APT_VALUE_FLAGS: &[&str] = &[
    "-o",
    "-t",
    "-c",
    "--target-release",
    "--option",
    "--config-file",
];

/// An edit inserting ` flag` after `word`, only when the word's source text
/// is exactly the word (so the offset is certain: not inside `sh -c '…'`
/// or an escaped word).
pub fn insert_after(
    ctx: &crate::Context<'_>,
    word: &Word,
    flag: &str,
) -> Option<shipready_diagnostics::Edit> {
    (ctx.text(word.span) == word.text)
        .then(|| shipready_diagnostics::Edit::insert(word.span.end, format!(" {flag}")))
}

/// True when the RUN mounts a cache or a tmpfs at a path starting with
/// `target`: what is written there never reaches the layer.
pub fn has_cache_mount(inst: &Instruction, target: &str) -> bool {
    cache_mounts(inst).any(|v| {
        v.split(',').any(|kv| {
            kv.strip_prefix("target=")
                .or_else(|| kv.strip_prefix("dst="))
                .or_else(|| kv.strip_prefix("destination="))
                .is_some_and(|t| t.starts_with(target))
        })
    })
}

/// True when the RUN has any `--mount=type=cache` (or `type=tmpfs`).
pub fn has_any_cache_mount(inst: &Instruction) -> bool {
    cache_mounts(inst).next().is_some()
}

/// Values of the RUN's `--mount=type=cache,…` and `--mount=type=tmpfs,…`
/// flags, as hadolint counts both.
fn cache_mounts(inst: &Instruction) -> impl Iterator<Item = &str> {
    inst.effective()
        .flags
        .iter()
        .filter(|f| f.name == "mount")
        .filter_map(|f| f.value.as_deref())
        .filter(|v| {
            v.split(',')
                .any(|kv| kv == "type=cache" || kv == "type=tmpfs")
        })
}

/// The one finding for a package install whose operands `unpinned` lack
/// versions: spans them all and lists them.
pub fn unpinned_packages(
    rule: &'static crate::Rule,
    unpinned: &[&Word],
    manager: &str,
    help: &str,
) -> Option<shipready_diagnostics::Finding<shipready_diagnostics::Span>> {
    let (first, last) = (unpinned.first()?, unpinned.last()?);
    let names: Vec<_> = unpinned.iter().map(|w| w.text.as_str()).collect();
    Some(
        rule.finding(
            first.span.cover(last.span),
            format!("unpinned {manager} packages: {}", names.join(", ")),
        )
        .with_help(help.to_string()),
    )
}

/// Every instruction of kind `keyword` after the first in each stage (for
/// "only the last one takes effect" rules).
pub fn repeated_in_stage<'a>(
    ctx: &'a crate::Context<'_>,
    keyword: shipready_dockerfile::Keyword,
) -> Vec<&'a Instruction> {
    let mut out = Vec::new();
    for stage in &ctx.stages {
        let all = ctx
            .df
            .stage_instructions(stage)
            .iter()
            .filter(|i| i.keyword == keyword);
        out.extend(all.skip(1));
    }
    out
}

/// The RPM-family manager (`yum`, `dnf`, `microdnf`, `zypper`) when `c`
/// installs packages with it.
pub fn rpm_install(c: &Command) -> Option<&'static str> {
    let manager = match c.program()? {
        "yum" => "yum",
        "dnf" | "dnf5" => "dnf",
        "microdnf" => "microdnf",
        "zypper" => "zypper",
        _ => return None,
    };
    let sub = rpm_subcommand(c)?.text.as_str();
    let installs = match manager {
        "zypper" => matches!(sub, "install" | "in"),
        _ => {
            matches!(sub, "install" | "groupinstall" | "localinstall")
                // dnf and microdnf take `in` for install; yum does not.
                || (sub == "in" && manager != "yum")
                || (sub == "module"
                    && c.operands(RPM_VALUE_FLAGS)
                        .first()
                        .is_some_and(|w| w.text == "install"))
        }
    };
    installs.then_some(manager)
}

/// yum/dnf/zypper flags that take the next word as their value.
pub const RPM_VALUE_FLAGS: &[&str] = &[
    "-c",
    "--config",
    "--installroot",
    "--releasever",
    "--setopt",
    "--enablerepo",
    "--disablerepo",
    "--repo",
    "--repoid",
    "-x",
    "--exclude",
    "-r",
    "--from",
    "-t",
    "--type",
    "--root",
    "-R",
];

/// Every `LABEL key=value` of the file as (instruction index, key, value),
/// with quotes removed.
pub fn labels<'a, 'd: 'a>(
    ctx: &'a crate::Context<'d>,
) -> impl Iterator<Item = (usize, &'a shipready_dockerfile::KeyValue, String)> + use<'a, 'd> {
    ctx.instructions()
        .filter(|(_, i)| i.keyword == shipready_dockerfile::Keyword::Label)
        .flat_map(|(index, i)| match &i.args {
            shipready_dockerfile::Args::KeyValues(kvs) => {
                kvs.iter().map(move |kv| (index, kv)).collect()
            }
            _ => Vec::new(),
        })
        .map(|(index, kv)| {
            let key = shipready_dockerfile::expand::unquote(&kv.key.value, ctx.df.escape);
            (index, kv, key)
        })
}

/// The subcommand of yum/dnf/zypper, skipping global options and their
/// values (`dnf --enablerepo crb install`).
pub fn rpm_subcommand(c: &Command) -> Option<&Word> {
    c.positional(RPM_VALUE_FLAGS).next()
}

/// Shows every node of every shell-form RUN text to `f`, with the RUN and
/// the text (whose byte ranges `syntax.map` turns into file spans): the
/// walk the ShellCheck rules share.
pub fn shell_nodes<'c>(
    ctx: &'c crate::Context<'_>,
    mut f: impl FnMut(
        &'c crate::Run<'_>,
        &'c crate::Syntax<'_>,
        shipready_dockerfile::shell::ast::Node<'c>,
    ),
) {
    for run in &ctx.runs {
        for syntax in run.syntax() {
            syntax.ast.walk(&mut |node| f(run, syntax, node));
        }
    }
}

/// The file span of a word of a shell text.
pub fn word_span(
    syntax: &crate::Syntax<'_>,
    w: &shipready_dockerfile::shell::Word,
) -> shipready_diagnostics::Span {
    (syntax.map)(w.span.start as usize, w.span.end as usize)
}
