//! How bad a vulnerability is: a CVSS vector scored (v4, v3.x, v2 through
//! RustSec's `cvss` crate), else the feed's own word (GitHub's
//! `MODERATE`), else UNKNOWN: never a guess.

use serde::Serialize;

/// A rating, ordered: `Unknown` < `Low` < … < `Critical`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Rating {
    Unknown,
    Low,
    Medium,
    High,
    Critical,
}

impl Rating {
    pub fn as_str(self) -> &'static str {
        match self {
            Rating::Unknown => "UNKNOWN",
            Rating::Low => "LOW",
            Rating::Medium => "MEDIUM",
            Rating::High => "HIGH",
            Rating::Critical => "CRITICAL",
        }
    }

    /// A feed's word for its severity.
    pub fn from_word(s: &str) -> Option<Rating> {
        Some(match s.to_ascii_uppercase().as_str() {
            "LOW" | "NEGLIGIBLE" => Rating::Low,
            "MEDIUM" | "MODERATE" => Rating::Medium,
            "HIGH" | "IMPORTANT" => Rating::High,
            "CRITICAL" => Rating::Critical,
            "UNKNOWN" => Rating::Unknown,
            _ => return None,
        })
    }

    fn of(s: cvss::Severity) -> Rating {
        match s {
            cvss::Severity::None => Rating::Unknown,
            cvss::Severity::Low => Rating::Low,
            cvss::Severity::Medium => Rating::Medium,
            cvss::Severity::High => Rating::High,
            cvss::Severity::Critical => Rating::Critical,
        }
    }
}

impl std::str::FromStr for Rating {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Rating::from_word(s)
            .ok_or_else(|| format!("unknown severity `{s}` (critical, high, medium, low)"))
    }
}

/// A score and a rating from the vectors a record gives (`CVSS_V4`
/// preferred, then `CVSS_V3`, then `CVSS_V2`) and its own severity word.
pub fn assess(vectors: &[(String, String)], word: Option<&str>) -> (Option<f64>, Rating) {
    for wanted in ["CVSS_V4", "CVSS_V3", "CVSS_V2"] {
        for (kind, vector) in vectors {
            if kind != wanted {
                continue;
            }
            if let Ok(c) = vector.parse::<cvss::Cvss>() {
                return (Some(c.score()), Rating::of(c.severity()));
            }
        }
    }
    (
        None,
        word.and_then(Rating::from_word).unwrap_or(Rating::Unknown),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vectors_are_scored() {
        let v3 = (
            "CVSS_V3".to_string(),
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H".to_string(),
        );
        assert_eq!(
            assess(std::slice::from_ref(&v3), None),
            (Some(9.8), Rating::Critical)
        );
        let v4 = (
            "CVSS_V4".to_string(),
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N".to_string(),
        );
        let (score, rating) = assess(&[v3, v4], None);
        assert_eq!((score, rating), (Some(9.3), Rating::Critical));
        assert_eq!(assess(&[], Some("MODERATE")), (None, Rating::Medium));
        assert_eq!(
            assess(&[("CVSS_V3".into(), "garbage".into())], None),
            (None, Rating::Unknown)
        );
    }
}
