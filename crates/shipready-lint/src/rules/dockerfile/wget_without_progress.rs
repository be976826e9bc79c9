use crate::Context;
use shipready_diagnostics::{Finding, Span};

crate::declare_rule! {
    /// ## What it does
    /// Reports `wget` with neither `--progress=…`, `-q` / `--quiet`,
    /// `-nv` / `--no-verbose`, nor a log file (`-o` / `-a`).
    ///
    /// ## Why is this bad?
    /// Without a terminal, wget prints a progress line per kilobyte chunk:
    /// a large download fills the build log with thousands of lines and
    /// hides the error you are looking for.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN wget https://example.com/big.tar.gz
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// RUN wget -q https://example.com/big.tar.gz
    /// ```
    id: "SR-D058",
    name: "wget-without-progress",
    summary: "wget with its default progress output",
    severity: Info,
    category: Operability,
    fix: None,
    default_enabled: true,
    hadolint: ["DL3047"],
    trivy: [],
    checkov: [],
    check: check,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    for (_, c) in ctx.commands() {
        if !c.is("wget") {
            continue;
        }
        let quiet = c.has_flag(None, &["--progress", "--no-verbose"])
            || c.has_flag(Some('q'), &["--quiet"])
            || c.has_flag(Some('o'), &["--output-file"])
            || c.has_flag(Some('a'), &["--append-output"])
            || c.args().iter().any(|w| w.text == "-nv");
        if !quiet {
            out.push(
                RULE.finding(
                    c.program_span(),
                    "wget's progress output floods the build log",
                )
                .with_help("add `-q` (or `--progress=dot:giga` with GNU wget)"),
            );
        }
    }
}
