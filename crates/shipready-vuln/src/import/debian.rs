//! Debian's security tracker lists (`data/DSA/list`, `data/DLA/list`):
//!
//! ```text
//! [29 Mar 2023] DSA-5380-1 xorg-server - security update
//!     {CVE-2023-1393}
//!     [bullseye] - xorg-server 2:1.20.11-1+deb11u6
//! ```
//!
//! Each advisory becomes a record affecting the source package in each
//! release it names (`Debian:11` for bullseye), from the start up to the
//! fixed version; its CVEs are aliases. Releases marked `<not-affected>`,
//! `<unfixed>` or `<end-of-life>` name no fixed version and add nothing.

use super::Skip;
use crate::record::{Affected, Event, Range, Record};
use crate::severity::Rating;
use crate::version::Scheme;

/// Debian's release code names and numbers.
const RELEASES: &[(&str, &str)] = &[
    ("woody", "3.0"),
    ("sarge", "3.1"),
    ("etch", "4"),
    ("lenny", "5"),
    ("squeeze", "6"),
    ("wheezy", "7"),
    ("jessie", "8"),
    ("stretch", "9"),
    ("buster", "10"),
    ("bullseye", "11"),
    ("bookworm", "12"),
    ("trixie", "13"),
    ("forky", "14"),
];

pub(crate) fn convert(text: &str, source: &str, file: &str, skips: &mut Vec<Skip>) -> Vec<Record> {
    let mut out: Vec<Record> = Vec::new();
    for line in text.lines() {
        if line.starts_with('[') {
            // `[date] DSA-N-M package - description`
            let Some((_, rest)) = line.split_once("] ") else {
                continue;
            };
            let mut words = rest.splitn(2, ' ');
            let (Some(id), Some(tail)) = (words.next(), words.next()) else {
                continue;
            };
            let summary = tail.split_once(" - ").map_or(tail, |(_, d)| d).trim();
            let package = tail.split_whitespace().next().unwrap_or("");
            out.push(Record {
                id: id.to_string(),
                aliases: Vec::new(),
                summary: format!("{package}: {summary}"),
                published: None,
                modified: None,
                score: None,
                rating: Rating::Unknown,
                source: source.to_string(),
                url: Some(format!("https://security-tracker.debian.org/tracker/{id}")),
                affected: Vec::new(),
            });
            continue;
        }
        let Some(rec) = out.last_mut() else { continue };
        let t = line.trim();
        if let Some(cves) = t.strip_prefix('{').and_then(|c| c.strip_suffix('}')) {
            rec.aliases
                .extend(cves.split_whitespace().map(str::to_string));
            continue;
        }
        // `[bullseye] - package version`, or `[buster] - package <not-affected> (…)`.
        let Some((release, rest)) = t.strip_prefix('[').and_then(|r| r.split_once("] - ")) else {
            continue;
        };
        let mut words = rest.split_whitespace();
        let (Some(pkg), Some(version)) = (words.next(), words.next()) else {
            continue;
        };
        if version.starts_with('<') {
            continue;
        }
        let Some((_, number)) = RELEASES.iter().find(|(name, _)| *name == release) else {
            skips.push(Skip::new(
                file,
                &rec.id,
                format!("unknown Debian release `{release}`"),
            ));
            continue;
        };
        if Scheme::Dpkg.parse(version).is_err() {
            skips.push(Skip::new(
                file,
                &rec.id,
                format!("`{version}` is not a dpkg version"),
            ));
            continue;
        }
        rec.affected.push(Affected {
            ecosystem: format!("Debian:{number}"),
            name: pkg.to_ascii_lowercase(),
            ranges: vec![Range::Events {
                semver: false,
                events: vec![
                    Event::Introduced("0".into()),
                    Event::Fixed(version.to_string()),
                ],
            }],
            versions: Vec::new(),
        });
    }
    out.retain(|r| !r.affected.is_empty());
    out
}
