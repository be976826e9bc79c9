//! npm range expressions (`<=1.0.0`, `>=2.0.0 <2.1.4 || >=3.0.0`,
//! `1.2.x`, `1.0.0 - 1.2.0`, `^1.2`), as the Node.js security working
//! group's advisories write them, evaluated through the `semver` crate's
//! requirements. The two grammars differ: npm separates comparators with
//! spaces, and a bare version means exactly that version (Cargo reads it
//! as `^`), so each comparator is rewritten first.

use semver::VersionReq;

/// Whether `version` satisfies the expression; an expression or version
/// that does not read matches nothing (and was counted at import).
pub fn matches(expr: &str, version: &str) -> bool {
    let Some(v) = crate::version::semverish_parse(version) else {
        return false;
    };
    alternatives(expr).is_some_and(|alts| alts.iter().any(|req| req.matches(&v)))
}

/// The expression as Cargo requirements, one per `||` alternative.
pub fn alternatives(expr: &str) -> Option<Vec<VersionReq>> {
    let expr = expr.trim();
    if expr.is_empty() || expr == "*" {
        return VersionReq::parse("*").ok().map(|r| vec![r]);
    }
    expr.split("||").map(alternative).collect()
}

fn alternative(alt: &str) -> Option<VersionReq> {
    let alt = alt.trim();
    if let Some((lo, hi)) = alt.split_once(" - ") {
        return VersionReq::parse(&format!(">={}, <={}", lo.trim(), hi.trim())).ok();
    }
    let mut comparators = Vec::new();
    let mut pending_op: Option<&str> = None;
    for tok in alt.split_whitespace() {
        // `>= 1.2.3`: an operator written apart from its version.
        if matches!(tok, ">" | ">=" | "<" | "<=" | "=" | "^" | "~") {
            pending_op = Some(tok);
            continue;
        }
        let tok = match pending_op.take() {
            Some(op) => format!("{op}{tok}"),
            None => tok.to_string(),
        };
        let op_len = tok.len() - tok.trim_start_matches(['>', '<', '=', '^', '~']).len();
        let c = if op_len > 0 {
            let (op, ver) = tok.split_at(op_len);
            format!("{op}{}", ver.trim_start_matches('v'))
                .replace(".x", ".*")
                .replace(".X", ".*")
        } else if tok.contains(['x', 'X', '*']) {
            tok.replace(['x', 'X'], "*")
        } else {
            format!("={}", tok.trim_start_matches('v'))
        };
        comparators.push(c);
    }
    if comparators.is_empty() {
        return None;
    }
    VersionReq::parse(&comparators.join(", ")).ok()
}

#[cfg(test)]
mod tests {
    use super::matches;

    #[test]
    fn npm_ranges() {
        assert!(matches("<=1.0.0", "1.0.0"));
        assert!(!matches("<=1.0.0", "1.0.1"));
        assert!(matches(">=2.0.0 <2.1.4 || >=3.0.0 <3.0.2", "2.1.3"));
        assert!(matches(">=2.0.0 <2.1.4 || >=3.0.0 <3.0.2", "3.0.1"));
        assert!(!matches(">=2.0.0 <2.1.4 || >=3.0.0 <3.0.2", "2.5.0"));
        assert!(matches("1.2.3", "1.2.3"));
        assert!(!matches("1.2.3", "1.2.4"), "a bare version is exact in npm");
        assert!(matches("1.2.x", "1.2.9"));
        assert!(matches("1.0.0 - 1.2.0", "1.1.0"));
        assert!(matches("< 4.17.21", "4.17.20"));
        assert!(matches("<=v2.0.0-alpha7", "2.0.0-alpha7"));
        assert!(!matches("not a range", "1.0.0"));
    }
}
