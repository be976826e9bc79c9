//! Alpine's order (apk-tools `version.c`): numbers separated by dots, an
//! optional letter, suffixes (`_alpha` < `_beta` < `_pre` < `_rc` < none <
//! `_cvs` < `_svn` < `_git` < `_hg` < `_p`), each with an optional number,
//! then `-r<revision>`. `1.2_rc1` < `1.2` < `1.2-r1` < `1.2_p1` < `1.2a` <
//! `1.2.1`.

use super::key::{num, Key, Part};

const PRE: &[&str] = &["alpha", "beta", "pre", "rc"];
const POST: &[&str] = &["cvs", "svn", "git", "hg", "p"];

pub fn key(s: &str) -> Option<Key> {
    let (body, rev) = match s.rsplit_once("-r") {
        Some((b, r)) if !r.is_empty() && r.bytes().all(|c| c.is_ascii_digit()) => (b, Some(num(r))),
        _ => (s, None),
    };
    let mut parts = Vec::new();
    let (numbers, suffixes) = body
        .split_once('_')
        .map_or((body, None), |(n, s)| (n, Some(s)));
    for (i, comp) in numbers.split('.').enumerate() {
        let digits_end = comp
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(comp.len());
        if digits_end == 0 {
            return None;
        }
        parts.push(Part::Num(num(&comp[..digits_end])));
        let rest = &comp[digits_end..];
        match rest.len() {
            0 => {}
            // A letter is only allowed after the last number.
            1 if rest.as_bytes()[0].is_ascii_lowercase() && i == numbers.split('.').count() - 1 => {
                parts.push(Part::Letter(rest.as_bytes()[0] as char));
            }
            _ => return None,
        }
    }
    for suffix in suffixes.into_iter().flat_map(|s| s.split('_')) {
        let split = suffix
            .find(|c: char| c.is_ascii_digit())
            .unwrap_or(suffix.len());
        let (name, n) = suffix.split_at(split);
        if !n.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let n = if n.is_empty() { 0 } else { num(n) };
        if let Some(r) = PRE.iter().position(|p| *p == name) {
            parts.push(Part::Pre(r as u8, n));
        } else if let Some(r) = POST.iter().position(|p| *p == name) {
            parts.push(Part::Post(r as u8, n));
        } else {
            return None;
        }
    }
    if let Some(r) = rev {
        parts.push(Part::Revision(r));
    }
    Some(Key::new(parts))
}
