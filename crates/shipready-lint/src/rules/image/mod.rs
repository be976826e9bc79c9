//! Image rules, one per file: they read a built image's config, layers
//! and final file tree (`shipready image`). `ALL` is ordered by ID.

pub mod base_os_eol;
pub mod deleted_secret;
pub mod env_secret;
pub mod exposes_ssh;
pub mod latest_tag;
pub mod missing_labels;
pub mod over_budget;
pub mod package_cache;
pub mod path_escape;
pub mod runs_as_root;
pub mod secret_file;
pub mod setuid_file;
pub mod shell_present;
pub mod wasted_space;
pub mod without_healthcheck;
pub mod world_writable;

use crate::Rule;

pub static ALL: &[&Rule] = &[
    &runs_as_root::RULE,
    &without_healthcheck::RULE,
    &exposes_ssh::RULE,
    &env_secret::RULE,
    &latest_tag::RULE,
    &missing_labels::RULE,
    &over_budget::RULE,
    &wasted_space::RULE,
    &package_cache::RULE,
    &secret_file::RULE,
    &deleted_secret::RULE,
    &setuid_file::RULE,
    &world_writable::RULE,
    &shell_present::RULE,
    &base_os_eol::RULE,
    &path_escape::RULE,
];

/// "layer 3 (`RUN apt-get install …`)", or "layer 1" when the layer has no
/// history line (an imported base).
pub fn origin(ctx: &crate::ImageContext<'_>, layer: usize) -> String {
    match ctx
        .image
        .layers
        .get(layer)
        .and_then(|l| l.created_by.as_deref())
    {
        Some(c) if !c.trim().is_empty() => format!("layer {} (`{}`)", layer + 1, step(Some(c))),
        _ => format!("layer {}", layer + 1),
    }
}

/// Paths grouped by the layer that put them in the final tree, so a base
/// image's dozen setuid files make one finding, not twelve.
pub fn by_layer(
    ctx: &crate::ImageContext<'_>,
    paths: Vec<String>,
) -> std::collections::BTreeMap<Option<usize>, Vec<String>> {
    let mut groups: std::collections::BTreeMap<Option<usize>, Vec<String>> = Default::default();
    for p in paths {
        let layer = ctx.layer_of(p.trim_start_matches('/'));
        groups.entry(layer).or_default().push(p);
    }
    groups
}

/// `a, b, c and 7 more`.
pub fn list(paths: &[String]) -> String {
    const SHOWN: usize = 6;
    let head = paths
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if paths.len() > SHOWN {
        format!("{head} and {} more", paths.len() - SHOWN)
    } else {
        head
    }
}

pub use shipready_diagnostics::human_size;

/// A layer's history line as the Dockerfile step it was, shortened for a
/// message: without the classic builder's `/bin/sh -c #(nop)` and
/// BuildKit's `# buildkit` suffix.
pub fn step(created_by: Option<&str>) -> String {
    let Some(c) = created_by else {
        return "no history".to_string();
    };
    let c = c.trim();
    let c = c.strip_suffix("# buildkit").unwrap_or(c).trim_end();
    let c = match c.strip_prefix("/bin/sh -c #(nop)") {
        Some(meta) => without_content_hash(meta.trim_start()),
        None => match run_command(c) {
            Some(run) => format!("RUN {run}"),
            None => c.to_string(),
        },
    };
    let words: String = c.split_whitespace().collect::<Vec<_>>().join(" ");
    if words.chars().count() > 60 {
        let cut: String = words.chars().take(57).collect();
        format!("{cut}...")
    } else {
        words
    }
}

/// The classic builder writes `COPY file:<sha256> in /dst`: the hash says
/// nothing to a reader, the destination does.
fn without_content_hash(meta: &str) -> String {
    let mut words = meta.split_whitespace();
    let (Some(kw), Some(src)) = (words.next(), words.next()) else {
        return meta.to_string();
    };
    let hashed = ["file:", "dir:", "multi:"]
        .iter()
        .any(|p| src.starts_with(p));
    match (hashed, words.next()) {
        (true, Some("in")) => format!("{kw} … {}", words.collect::<Vec<_>>().join(" ")),
        _ => meta.to_string(),
    }
}

/// The shell command of a RUN history line: classic `/bin/sh -c cmd`,
/// BuildKit `RUN /bin/sh -c cmd`, either with build arguments first
/// (`|2 A=1 B=2 /bin/sh -c cmd`).
pub fn run_command(created_by: &str) -> Option<&str> {
    let c = created_by
        .strip_prefix("RUN ")
        .unwrap_or(created_by)
        .trim_start();
    let c = match c.strip_prefix('|') {
        Some(rest) => {
            let (n, mut rest) = rest.split_once(' ')?;
            for _ in 0..n.parse::<usize>().ok()? {
                rest = rest.split_once(' ').map_or("", |(_, r)| r);
            }
            rest
        }
        None => c,
    };
    c.strip_prefix("/bin/sh -c ").map(str::trim_start)
}

#[cfg(test)]
mod tests {
    use super::{run_command, step};

    #[test]
    fn history_lines_read_as_steps() {
        assert_eq!(
            step(Some("/bin/sh -c #(nop)  CMD [\"/app\"]")),
            "CMD [\"/app\"]"
        );
        assert_eq!(
            step(Some("RUN /bin/sh -c rm -f x # buildkit")),
            "RUN rm -f x"
        );
        assert_eq!(
            step(Some("/bin/sh -c apt-get   update")),
            "RUN apt-get update"
        );
        assert_eq!(step(Some("COPY . /app # buildkit")), "COPY . /app");
        assert_eq!(
            step(Some("/bin/sh -c #(nop) COPY dir:188d421ca2336 in /app/ ")),
            "COPY … /app/"
        );
        assert_eq!(run_command("|2 A=1 B=x y /bin/sh -c make"), None);
        assert_eq!(run_command("|2 A=1 B=2 /bin/sh -c make"), Some("make"));
        assert_eq!(
            run_command("RUN |1 V=3 /bin/sh -c make all"),
            Some("make all")
        );
        assert_eq!(step(None), "no history");
    }
}
