use crate::Context;
use shipready_diagnostics::{Finding, Span};
use shipready_dockerfile::Keyword;

crate::declare_rule! {
    /// ## What it does
    /// Reports `ADD https://…` without `--checksum`.
    ///
    /// ## Why is this bad?
    /// The download is not verified, cannot be cleaned up in the same layer,
    /// and changes under the same URL silently change the image.
    ///
    /// ## Example
    /// ```dockerfile
    /// ADD https://example.com/tool.tar.gz /tmp/
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// ADD --checksum=sha256:<sum> https://example.com/tool.tar.gz /tmp/
    /// ```
    /// or `RUN curl -fsSLO … && echo "<sum>  tool.tar.gz" | sha256sum -c - && tar …`.
    id: "SR-D015",
    name: "add-remote-url",
    summary: "ADD downloads a URL without a checksum",
    severity: Warning,
    category: Security,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: ["DS005"],
    checkov: ["CKV_DOCKER_4"],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for (_, inst) in ctx.instructions() {
        if inst.keyword != Keyword::Add || inst.flag("checksum").is_some() {
            continue;
        }
        let words = inst.words();
        let Some((_, sources)) = words.split_last() else {
            continue;
        };
        for s in sources {
            let v = s.value.as_str();
            if (v.starts_with("http://") || v.starts_with("https://")) && !v.ends_with(".git") {
                out.push(
                    RULE.finding(s.span, "ADD fetches this URL unverified; its content can change between builds")
                        .with_help("add `--checksum=sha256:<sum>` or download with curl and verify the checksum in the same RUN"),
                );
            }
        }
    }
}
