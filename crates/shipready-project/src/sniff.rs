//! What a file is, from what it holds, for files whose name does not say
//! (`docker compose -f any-name.yaml` accepts any name):
//! - YAML or JSON with `apiVersion` and `kind` holds Kubernetes objects;
//! - YAML or JSON with a top-level `services:` mapping (and no objects)
//!   is a Compose file;
//! - a file whose first instruction is a Dockerfile instruction is a
//!   Dockerfile.
//!
//! These are cheap looks at the text; the real parse happens once, in
//! the loader of the kind chosen.

use shipready_dockerfile::Keyword;

/// Both keys appear: worth parsing as manifests.
pub fn may_hold_objects(text: &str) -> bool {
    text.contains("apiVersion") && text.contains("kind")
}

/// A Helm or Go template (`{{ … }}`): render it first (`helm template … |
/// shipready lint -`).
pub fn is_template(text: &str) -> bool {
    text.contains("{{")
}

/// A top-level `services` key: `services:` at the start of a line in
/// block YAML, or a `"services"` key in a JSON (or flow YAML) document.
pub fn has_services_key(text: &str) -> bool {
    let block = text.lines().any(|l| {
        l.strip_prefix("services")
            .is_some_and(|r| r.trim_start().starts_with(':'))
    });
    block || (text.trim_start().starts_with('{') && text.contains("\"services\""))
}

/// The first instruction (after comments, parser directives and blank
/// lines) is one a Dockerfile has.
pub fn starts_like_dockerfile(text: &str) -> bool {
    let Some(line) = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
    else {
        return false;
    };
    let word = line.split_whitespace().next().unwrap_or("");
    Keyword::parse(word).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_decides() {
        assert!(has_services_key(
            "version: '3'\nservices:\n  web:\n    image: x\n"
        ));
        assert!(has_services_key(
            "{\"services\": {\"web\": {\"image\": \"x\"}}}"
        ));
        assert!(!has_services_key(
            "jobs:\n  build:\n    services:\n      db: {}\n"
        ));
        assert!(!has_services_key("my_services:\n  a: 1\n"));
        assert!(starts_like_dockerfile(
            "# syntax=docker/dockerfile:1\n\nFROM alpine\n"
        ));
        assert!(starts_like_dockerfile("arg BASE=alpine\nfrom $BASE\n"));
        assert!(!starts_like_dockerfile("services:\n  web: {}\n"));
        assert!(!starts_like_dockerfile(""));
        assert!(may_hold_objects("apiVersion: v1\nkind: Pod\n"));
    }
}
