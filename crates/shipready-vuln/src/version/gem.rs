//! RubyGems' order (`Gem::Version`): segments split at dots and at
//! changes between digits and letters; numbers compare numerically, a
//! text segment marks a pre-release and sorts before any number (and
//! before the end); trailing zeros do not count (`1.0` == `1`).

use super::key::{num, Key, Part};

pub fn key(s: &str) -> Option<Key> {
    if !s
        .bytes()
        .all(|c| c.is_ascii_alphanumeric() || c == b'.' || c == b'-')
    {
        return None;
    }
    // `1.0.0-rc1` is the same as `1.0.0.pre.rc1` for Gem::Version.
    let s = s.replace('-', ".pre.");
    let mut parts: Vec<Part> = Vec::new();
    for seg in s.split('.').filter(|x| !x.is_empty()) {
        let mut rest = seg;
        while !rest.is_empty() {
            let digits = rest.starts_with(|c: char| c.is_ascii_digit());
            let end = rest
                .find(|c: char| c.is_ascii_digit() != digits)
                .unwrap_or(rest.len());
            let (tok, tail) = rest.split_at(end);
            parts.push(if digits {
                Part::Num(num(tok))
            } else {
                // A pre-release word sorts before the end: rank 0, then
                // the word.
                Part::Pre(0, 0)
            });
            if !digits {
                parts.push(Part::Text(tok.to_string()));
            }
            rest = tail;
        }
    }
    if parts.is_empty() {
        return None;
    }
    // Trailing zeros before the end (and before a pre-release) do not
    // count.
    let cut = parts
        .iter()
        .position(|p| matches!(p, Part::Pre(..)))
        .unwrap_or(parts.len());
    let mut head: Vec<Part> = parts[..cut].to_vec();
    while head.len() > 1 && head.last() == Some(&Part::Num(0)) {
        head.pop();
    }
    head.extend_from_slice(&parts[cut..]);
    Some(Key::new(head))
}
