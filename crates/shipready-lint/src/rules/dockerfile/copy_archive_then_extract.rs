use crate::Context;
use shipready_diagnostics::{Finding, Span};
use shipready_dockerfile::shell::Command;
use shipready_dockerfile::{expand::unquote, Keyword};

crate::declare_rule! {
    /// ## What it does
    /// Reports a local tar archive that is `COPY`'d into a stage and then
    /// unpacked with `tar -x` by a later RUN of the same stage.
    ///
    /// Only tar archives (plain, gzip, bzip2, xz) are reported: those are
    /// what `ADD` unpacks. A `.zip` needs `unzip` either way.
    ///
    /// ## Why is this bad?
    /// The archive stays in the COPY layer even if the RUN deletes it, so
    /// the image carries both the packed and the unpacked bytes. `ADD`
    /// unpacks a local tar in a single layer.
    ///
    /// ## Example
    /// ```dockerfile
    /// COPY app.tar.gz /tmp/
    /// RUN tar -xzf /tmp/app.tar.gz -C /opt && rm /tmp/app.tar.gz
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// ADD app.tar.gz /opt/
    /// ```
    id: "SR-D052",
    name: "copy-archive-then-extract",
    summary: "tar archive copied, then extracted in a later layer",
    severity: Info,
    category: Size,
    fix: None,
    default_enabled: true,
    hadolint: ["DL3010"],
    trivy: [],
    checkov: [],
    check: check,
}

const TAR_SUFFIXES: &[&str] = &[
    ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tbz", ".tar.xz", ".txz",
];

fn basename(path: &str) -> &str {
    path.trim_end_matches('/')
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(path)
}

fn is_tar(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    TAR_SUFFIXES.iter().any(|s| lower.ends_with(s))
}

fn is_tar_extract(c: &Command) -> bool {
    c.is("tar")
        && c.args().iter().any(|w| {
            let t = w.text.as_str();
            t == "--extract"
                || t == "--get"
                || (t.starts_with('-') && !t.starts_with("--") && t.contains('x'))
        })
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for stage in &ctx.stages {
        let body = &ctx.df.instructions[stage.body.clone()];
        for (off, inst) in body.iter().enumerate() {
            if inst.keyword != Keyword::Copy || inst.flag("from").is_some() {
                continue;
            }
            let words = inst.words();
            let Some((dest, sources)) = words.split_last() else {
                continue;
            };
            let dest_name = unquote(&dest.value, ctx.df.escape);
            let mut archives: Vec<(String, _)> = if is_tar(&dest_name) {
                vec![(basename(&dest_name).to_string(), dest.span)]
            } else {
                sources
                    .iter()
                    .map(|s| (unquote(&s.value, ctx.df.escape), s.span))
                    .filter(|(v, _)| is_tar(v))
                    .map(|(v, span)| (basename(&v).to_string(), span))
                    .collect()
            };
            let index = stage.body.start + off;
            archives.retain(|(name, _)| {
                ctx.runs
                    .iter()
                    .filter(|r| r.stage == stage.index && r.index > index)
                    .flat_map(|r| &r.script.commands)
                    .any(|c| {
                        is_tar_extract(c) && c.args().iter().any(|w| basename(&w.text) == name)
                    })
            });
            for (name, span) in archives {
                out.push(
                    RULE.finding(
                        span,
                        format!("`{name}` is copied, then unpacked by a later RUN: the archive stays in the image"),
                    )
                    .with_help("use `ADD <archive> <dir>/`, which unpacks a local tar in one layer"),
                );
            }
        }
    }
}
