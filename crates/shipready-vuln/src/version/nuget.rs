//! NuGet's order (and Composer's, which has the same shape): up to four
//! dot-separated numbers (missing ones are zero; `1.0` == `1.0.0.0`), a
//! SemVer pre-release after `-` (before the release; identifiers compared
//! one by one, numbers numerically and before words, case-insensitive;
//! fewer identifiers first), build metadata after `+` ignored. Composer's
//! `v` prefix and stability words (`1.0.0-beta2`, `1.0.0RC1`) read the same.

use super::key::{num, Key, Part};

pub fn key(s: &str) -> Option<Key> {
    let s = s.trim_start_matches(['v', 'V']);
    let s = s.split('+').next().unwrap_or(s);
    let (core, pre) = match s.find(|c: char| c == '-' || c.is_ascii_alphabetic()) {
        Some(i) => (&s[..i], Some(s[i..].trim_start_matches('-'))),
        None => (s, None),
    };
    let mut parts = Vec::new();
    for n in core.trim_end_matches('.').split('.') {
        if n.is_empty() || !n.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        parts.push(Part::Num(num(n)));
    }
    while parts.len() > 1 && parts.last() == Some(&Part::Num(0)) {
        parts.pop();
    }
    if let Some(pre) = pre.filter(|p| !p.is_empty()) {
        parts.push(Part::Pre(0, 0));
        for id in pre.split(['.', '-']).filter(|x| !x.is_empty()) {
            let mut rest = id;
            while !rest.is_empty() {
                let digits = rest.starts_with(|c: char| c.is_ascii_digit());
                let end = rest
                    .find(|c: char| c.is_ascii_digit() != digits)
                    .unwrap_or(rest.len());
                let tok = &rest[..end];
                parts.push(if digits {
                    Part::Revision(num(tok))
                } else {
                    Part::Text(tok.to_ascii_lowercase())
                });
                rest = &rest[end..];
            }
        }
        // The end of the pre-release sorts before any further identifier.
        parts.push(Part::Tilde);
    }
    Some(Key::new(parts))
}
