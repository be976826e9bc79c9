use crate::Context;
use shipready_diagnostics::{Finding, Span};
use shipready_dockerfile::{expand::unquote, Keyword};

crate::declare_rule! {
    /// ## What it does
    /// Reports `COPY` or `ADD` to a relative destination in a stage where
    /// no `WORKDIR` has been set (in the stage or in the stage it is built
    /// `FROM`). Destinations that are absolute, Windows drive paths or
    /// variables are fine.
    ///
    /// ## Why is this bad?
    /// A relative destination is resolved against the base image's working
    /// directory, which you do not control and which is `/` for most bases:
    /// `COPY . .` then scatters the source tree over the root filesystem.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// COPY . .
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// WORKDIR /app
    /// COPY . .
    /// ```
    id: "SR-D056",
    name: "copy-relative-without-workdir",
    summary: "COPY to a relative path with no WORKDIR set",
    severity: Warning,
    category: Correctness,
    fix: None,
    default_enabled: true,
    hadolint: ["DL3045"],
    trivy: [],
    checkov: [],
    check: check,
}

fn is_absolute(dest: &str) -> bool {
    let b = dest.as_bytes();
    dest.starts_with('/')
        || dest.starts_with('$')
        || (b.len() >= 3
            && b[0].is_ascii_alphabetic()
            && b[1] == b':'
            && (b[2] == b'\\' || b[2] == b'/'))
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding<Span>>) {
    let mut workdir_set = vec![false; ctx.stages.len()];
    for stage in &ctx.stages {
        let mut set = stage.parent.is_some_and(|p| workdir_set[p]);
        // ONBUILD triggers count as the instructions they hold.
        for inst in ctx
            .df
            .stage_instructions(stage)
            .iter()
            .map(|i| i.effective())
        {
            match inst.keyword {
                Keyword::Workdir => set = true,
                Keyword::Copy | Keyword::Add if !set => {
                    let Some(dest) = inst.words().last() else {
                        continue;
                    };
                    let path = unquote(&dest.value, ctx.df.escape);
                    // A Windows path (`c:\app\x`) is judged as written too:
                    // with the default escape character, unquoting would
                    // eat its backslashes.
                    let raw = dest.value.trim_matches(['"', '\'']);
                    if !is_absolute(&path) && !is_absolute(raw) && !dest.value.starts_with('$') {
                        out.push(
                            RULE.finding(
                                dest.span,
                                format!("`{path}` is relative to the base image's working directory, and no WORKDIR is set"),
                            )
                            .with_help("add `WORKDIR /app` (or another absolute path) before it"),
                        );
                    }
                }
                _ => {}
            }
        }
        workdir_set[stage.index] = set;
    }
}
