//! The comment grammar: `shipready ignore=ID,ID reason`,
//! `shipready global ignore=…`, and hadolint's `hadolint ignore=…`.

/// A comment's text after `#`: whether it is global, which tool wrote it,
/// and the comma-separated list (the reason that follows is dropped).
pub(crate) fn parse_pragma(text: &str) -> Option<(bool, &str, &str)> {
    let (tool, rest) = text.trim().split_once(char::is_whitespace)?;
    if tool != "shipready" && tool != "hadolint" {
        return None;
    }
    let rest = rest.trim_start();
    let (global, rest) = match rest.strip_prefix("global") {
        Some(r) => (true, r.trim_start()),
        None => (false, rest),
    };
    let list = rest.strip_prefix("ignore=")?;
    Some((global, tool, list.split_whitespace().next().unwrap_or("")))
}

/// The codes of a pragma's list.
pub(crate) fn codes(list: &str) -> Vec<super::Code> {
    list.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(super::Code::new)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::parse_pragma;

    #[test]
    fn the_grammar() {
        assert_eq!(
            parse_pragma("shipready ignore=SR-D001,DL3008 because"),
            Some((false, "shipready", "SR-D001,DL3008"))
        );
        assert_eq!(
            parse_pragma(" hadolint global ignore=DL3008"),
            Some((true, "hadolint", "DL3008"))
        );
        assert_eq!(parse_pragma("checkov:skip=CKV_K8S_8"), None);
        assert_eq!(parse_pragma("shipready ignores nothing"), None);
    }
}
