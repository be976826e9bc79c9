//! Numbers as the advice prints them.

/// `150000` → `150,000` (a dozen lines do not justify a formatting crate).
pub fn thousands(v: f64) -> String {
    let n = v.round() as i64;
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

/// `EUR 12,000`.
pub fn eur(v: f64) -> String {
    format!("EUR {}", thousands(v))
}

#[cfg(test)]
mod tests {
    #[test]
    fn groups_of_three() {
        for (v, s) in [
            (0.0, "0"),
            (999.0, "999"),
            (1000.0, "1,000"),
            (150_000.4, "150,000"),
            (-1234567.0, "-1,234,567"),
        ] {
            assert_eq!(super::thousands(v), s);
        }
    }
}
