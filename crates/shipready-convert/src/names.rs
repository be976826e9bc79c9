//! Kubernetes object names from Compose service names. A Service name is
//! an RFC 1035 label and most objects RFC 1123 labels: lower case
//! alphanumerics and `-`, starting with a letter (so it is both), ending
//! alphanumeric, at most 63 characters. A name that had to change comes
//! back with the reason, for the conversion's warnings.

/// The longest DNS label.
pub const MAX_LABEL: usize = 63;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub name: String,
    /// Why `name` differs from the Compose name, when it does.
    pub changed: Option<String>,
}

/// `name` as a DNS label, or `None` when nothing of it can be kept
/// (`___`, only digits and punctuation after the first letter is gone).
pub fn label(compose: &str) -> Option<Label> {
    let mut out = String::new();
    for c in compose.chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' {
            out.push(c);
        } else if !out.ends_with('-') {
            // `_`, `.`, spaces and anything else become one dash.
            out.push('-');
        }
    }
    let trimmed = out.trim_start_matches(|c: char| !c.is_ascii_lowercase());
    let mut name: String = trimmed.chars().take(MAX_LABEL).collect();
    while name.ends_with('-') {
        name.pop();
    }
    if name.is_empty() {
        return None;
    }
    let changed = (name != compose).then(|| {
        let mut why = Vec::new();
        if compose.chars().any(|c| c.is_ascii_uppercase()) {
            why.push("lower-cased");
        }
        if compose
            .chars()
            .any(|c| !c.is_ascii_alphanumeric() && c != '-')
        {
            why.push("characters outside [a-z0-9-] became `-`");
        }
        if !compose.starts_with(|c: char| c.is_ascii_alphabetic()) {
            why.push("a label starts with a letter");
        }
        if compose.chars().count() > MAX_LABEL {
            why.push("shortened to 63 characters");
        }
        if why.is_empty() {
            why.push("dashes at the ends removed");
        }
        format!(
            "`{compose}` is not a DNS label; it becomes `{name}` ({})",
            why.join(", ")
        )
    });
    Some(Label { name, changed })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_names_are_kept_and_others_say_why() {
        assert_eq!(
            label("web").unwrap(),
            Label {
                name: "web".into(),
                changed: None
            }
        );
        assert_eq!(label("api-v2").unwrap().changed, None);
        for (compose, want, says) in [
            ("My_Service", "my-service", "lower-cased"),
            ("db.primary", "db-primary", "became `-`"),
            ("1worker", "worker", "starts with a letter"),
            ("a__b", "a-b", "became `-`"),
            ("web-", "web", "dashes at the ends"),
        ] {
            let l = label(compose).unwrap();
            assert_eq!(l.name, want, "{compose}");
            assert!(
                l.changed.as_deref().unwrap().contains(says),
                "{compose}: {:?}",
                l.changed
            );
        }
        let long = "x".repeat(80);
        let l = label(&long).unwrap();
        assert_eq!(l.name.len(), 63);
        assert!(l.changed.unwrap().contains("63 characters"));
        assert_eq!(label("___"), None);
        assert_eq!(label("123"), None);
    }

    #[test]
    fn every_result_is_a_dns_label() {
        for s in [
            "A",
            "a-",
            "-a",
            "a.b.c",
            "ÄÖÜ service",
            "x_y_z",
            "0a0",
            "web--api",
        ] {
            if let Some(l) = label(s) {
                let n = &l.name;
                assert!(n.len() <= 63 && !n.is_empty(), "{s}");
                assert!(n.starts_with(|c: char| c.is_ascii_lowercase()), "{s}: {n}");
                assert!(n.ends_with(|c: char| c.is_ascii_alphanumeric()), "{s}: {n}");
                assert!(
                    n.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                    "{s}: {n}"
                );
            }
        }
    }
}
