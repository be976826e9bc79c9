use crate::Context;
use shipready_diagnostics::{Edit, Finding, Span};
use shipready_dockerfile::Keyword;

crate::declare_rule! {
    /// ## What it does
    /// Reports ADD of local files and folders that are not archives.
    ///
    /// ## Why is this bad?
    /// ADD also downloads URLs and unpacks archives; using it for plain
    /// files hides that magic from readers and surprises when a file
    /// happens to be a tarball. COPY says exactly what happens.
    ///
    /// ## Example
    /// ```dockerfile
    /// ADD app.py /app/
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// COPY app.py /app/
    /// ```
    ///
    /// ## Fix safety
    /// Safe: for non-archive local sources ADD and COPY do the same.
    id: "SR-D016",
    name: "add-instead-of-copy",
    summary: "ADD used for local files; use COPY",
    severity: Error,
    category: Style,
    fix: Safe,
    default_enabled: true,
    hadolint: ["DL3020"],
    trivy: ["DS005"],
    checkov: ["CKV_DOCKER_4"],
    check: check,
}

pub(crate) fn is_archive(path: &str) -> bool {
    let p = path.to_ascii_lowercase();
    [
        ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz", ".tar.zst", ".gz",
        ".bz2", ".xz", ".zst", ".lz", ".lzma", ".tb2", ".tz2",
    ]
    .iter()
    .any(|e| p.ends_with(e))
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for (_, inst) in ctx.instructions() {
        if inst.keyword != Keyword::Add || !inst.heredocs.is_empty() {
            continue;
        }
        let words = inst.words();
        let Some((_, sources)) = words.split_last() else {
            continue;
        };
        let local_plain = !sources.is_empty()
            && sources.iter().all(|s| {
                let v = s.value.as_str();
                !v.contains("://") && !v.starts_with("git@") && !is_archive(v) && !v.contains('$')
            });
        // ADD-only flags (--checksum, --keep-git-dir) keep it an ADD.
        let add_only_flag = inst
            .flags
            .iter()
            .any(|f| matches!(f.name.as_str(), "checksum" | "keep-git-dir" | "unpack"));
        if local_plain && !add_only_flag {
            out.push(
                RULE.finding(inst.keyword_span, "ADD copies local files here; COPY says the same without ADD's URL and archive magic")
                    .with_help("replace ADD with COPY")
                    .with_fix("replace ADD with COPY", vec![Edit::replace(inst.keyword_span, "COPY")]),
            );
        }
    }
}
