//! Maven's order (`ComparableVersion`), for what advisories name: items
//! split at `.`, `-` and digit/letter changes; numbers numerically;
//! qualifiers `alpha`/`a` < `beta`/`b` < `milestone`/`m` < `rc`/`cr` <
//! `snapshot` < release (none, `ga`, `final`, `release`) < `sp` < any
//! other word (as text); trailing zeros and release words do not count
//! (`1.0.0` == `1-ga` == `1`); a number sorts after any qualifier.

use super::key::{num, Key, Part};

const PRE: &[&[&str]] = &[
    &["alpha", "a"],
    &["beta", "b"],
    &["milestone", "m"],
    &["rc", "cr"],
    &["snapshot"],
];
const RELEASE: &[&str] = &["", "ga", "final", "release"];

pub fn key(s: &str) -> Option<Key> {
    let lower = s.to_ascii_lowercase();
    let mut items: Vec<&str> = Vec::new();
    for chunk in lower.split(['.', '-']) {
        let mut rest = chunk;
        while !rest.is_empty() {
            let digits = rest.starts_with(|c: char| c.is_ascii_digit());
            let end = rest
                .find(|c: char| c.is_ascii_digit() != digits)
                .unwrap_or(rest.len());
            items.push(&rest[..end]);
            rest = &rest[end..];
        }
    }
    if items.is_empty() || !items[0].starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let mut parts = Vec::new();
    let mut i = 0;
    while i < items.len() {
        let it = items[i];
        if it.starts_with(|c: char| c.is_ascii_digit()) {
            parts.push(Part::Num(num(it)));
        } else if RELEASE.contains(&it) {
            // Says "release": the same as nothing.
        } else {
            // A number right after a qualifier belongs to it (`rc1`).
            let n = items
                .get(i + 1)
                .filter(|n| n.starts_with(|c: char| c.is_ascii_digit()))
                .map(|n| num(n));
            if n.is_some() {
                i += 1;
            }
            let n = n.unwrap_or(0);
            match PRE.iter().position(|names| names.contains(&it)) {
                Some(rank) => parts.push(Part::Pre(rank as u8, n)),
                None if it == "sp" => parts.push(Part::Post(0, n)),
                None => {
                    parts.push(Part::Post(1, 0));
                    parts.push(Part::Text(it.to_string()));
                    parts.push(Part::Num(n));
                }
            }
        }
        i += 1;
    }
    // Trailing zeros before the end or a qualifier do not count.
    let cut = parts
        .iter()
        .position(|p| !matches!(p, Part::Num(_)))
        .unwrap_or(parts.len());
    let mut head: Vec<Part> = parts[..cut].to_vec();
    while head.len() > 1 && head.last() == Some(&Part::Num(0)) {
        head.pop();
    }
    head.extend_from_slice(&parts[cut..]);
    Some(Key::new(head))
}
