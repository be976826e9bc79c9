//! apk's `/lib/apk/db/installed`: one record a package, `X:value` lines,
//! with the origin (`o:`), the source package Alpine's secdb names.

use super::{push, CatalogError, Found, Site};
use crate::files::FileKind;
use crate::model::{Ecosystem, Package, SourcePackage};

pub fn catalog(site: &Site<'_>, text: &str) -> Result<Vec<Package>, CatalogError> {
    let mut out = Vec::new();
    let mut start = 1u32;
    let mut fields: Vec<(char, &str)> = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().chain(std::iter::once(&"")).enumerate() {
        if line.trim().is_empty() {
            if !fields.is_empty() {
                record(&mut out, site, start, &fields)?;
                fields.clear();
            }
            start = i as u32 + 2;
            continue;
        }
        let mut chars = line.chars();
        if let (Some(k), Some(':')) = (chars.next(), chars.next()) {
            fields.push((k, &line[2..]));
        }
    }
    Ok(out)
}

fn record(
    out: &mut Vec<Package>,
    site: &Site<'_>,
    line: u32,
    fields: &[(char, &str)],
) -> Result<(), CatalogError> {
    let get = |k: char| fields.iter().find(|(c, _)| *c == k).map(|(_, v)| *v);
    let (Some(name), Some(version)) = (get('P'), get('V')) else {
        return Err(CatalogError::at(
            line,
            "an apk record without a name (P:) or version (V:)",
        ));
    };
    let mut f = Found::new(name, version, Some(line));
    f.arch = get('A');
    if let Some(l) = get('L').filter(|l| !l.is_empty()) {
        f.licenses.push(l.to_string());
    }
    f.source = Some(SourcePackage {
        name: get('o').unwrap_or(name).to_string(),
        version: version.to_string(),
    });
    push(out, Ecosystem::Apk, FileKind::ApkInstalled, site, f)
}
