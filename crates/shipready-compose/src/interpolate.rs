//! `${VAR}` substitution as the Compose Specification defines it (and
//! compose-go implements): `$VAR`, `${VAR}`, `${VAR:-default}`,
//! `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`, `${VAR:+alt}`,
//! `${VAR+alt}`, `$$` for a literal `$`, and defaults that hold further
//! substitutions (`${A:-${B:-x}}`). Written here rather than taken from a
//! crate because none implements Compose's operator set and error texts.

/// What a substitution needs from the environment.
pub trait Lookup {
    fn get(&self, name: &str) -> Option<&str>;
}

impl Lookup for std::collections::BTreeMap<String, String> {
    fn get(&self, name: &str) -> Option<&str> {
        std::collections::BTreeMap::get(self, name).map(String::as_str)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InterpolationError {
    /// `${VAR:?message}` with VAR unset (or empty).
    Required { name: String, message: String },
    /// `${` without its `}`, `${}`, a bad name.
    Invalid(String),
}

impl std::fmt::Display for InterpolationError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InterpolationError::Required { name, message } if message.is_empty() => {
                write!(f, "required variable {name} is missing a value")
            }
            InterpolationError::Required { name, message } => {
                write!(f, "required variable {name} is missing a value: {message}")
            }
            InterpolationError::Invalid(s) => write!(f, "invalid interpolation format for {s:?}"),
        }
    }
}

/// The result and the variables read while unset (compose warns about
/// each and uses an empty string).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Substituted {
    pub value: String,
    pub unset: Vec<String>,
}

pub fn substitute(text: &str, env: &dyn Lookup) -> Result<Substituted, InterpolationError> {
    let mut out = Substituted::default();
    let mut rest = text;
    while let Some(i) = rest.find('$') {
        out.value.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        if let Some(r) = after.strip_prefix('$') {
            out.value.push('$');
            rest = r;
        } else if let Some(body) = after.strip_prefix('{') {
            let end =
                closing_brace(body).ok_or_else(|| InterpolationError::Invalid(text.into()))?;
            braced(&body[..end], text, env, &mut out)?;
            rest = &body[end + 1..];
        } else {
            let n = name_len(after);
            if n == 0 {
                // A lone `$` (e.g. `$ 5`) stays as written, as compose does.
                out.value.push('$');
                rest = after;
                continue;
            }
            lookup(&after[..n], env, &mut out);
            rest = &after[n..];
        }
    }
    out.value.push_str(rest);
    Ok(out)
}

fn name_len(s: &str) -> usize {
    let mut chars = s.char_indices();
    match chars.next() {
        Some((_, c)) if c == '_' || c.is_ascii_alphabetic() => {}
        _ => return 0,
    }
    chars
        .find(|(_, c)| !(*c == '_' || c.is_ascii_alphanumeric()))
        .map_or(s.len(), |(i, _)| i)
}

/// Index of the `}` closing a `${`, nested `${…}` skipped.
fn closing_brace(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'$' if b.get(i + 1) == Some(&b'$') => i += 1,
            b'$' if b.get(i + 1) == Some(&b'{') => {
                depth += 1;
                i += 1;
            }
            b'}' if depth == 0 => return Some(i),
            b'}' => depth -= 1,
            _ => {}
        }
        i += 1;
    }
    None
}

fn lookup(name: &str, env: &dyn Lookup, out: &mut Substituted) {
    match env.get(name) {
        Some(v) => out.value.push_str(v),
        None => {
            if !out.unset.iter().any(|u| u == name) {
                out.unset.push(name.to_string());
            }
        }
    }
}

fn braced(
    body: &str,
    whole: &str,
    env: &dyn Lookup,
    out: &mut Substituted,
) -> Result<(), InterpolationError> {
    let n = name_len(body);
    if n == 0 {
        return Err(InterpolationError::Invalid(whole.into()));
    }
    let (name, op) = body.split_at(n);
    let value = env.get(name);
    let set = value.is_some();
    let non_empty = value.is_some_and(|v| !v.is_empty());
    let nested = |arg: &str, out: &mut Substituted| -> Result<(), InterpolationError> {
        let inner = substitute(arg, env)?;
        out.value.push_str(&inner.value);
        for u in inner.unset {
            if !out.unset.contains(&u) {
                out.unset.push(u);
            }
        }
        Ok(())
    };
    let arg = |prefix: &str| op.strip_prefix(prefix);
    if op.is_empty() {
        lookup(name, env, out);
    } else if let Some(d) = arg(":-") {
        if non_empty {
            out.value.push_str(value.unwrap_or(""));
        } else {
            nested(d, out)?;
        }
    } else if let Some(d) = arg("-") {
        if set {
            out.value.push_str(value.unwrap_or(""));
        } else {
            nested(d, out)?;
        }
    } else if let Some(m) = arg(":?") {
        if !non_empty {
            return Err(InterpolationError::Required {
                name: name.into(),
                message: substitute(m, env)?.value,
            });
        }
        out.value.push_str(value.unwrap_or(""));
    } else if let Some(m) = arg("?") {
        if !set {
            return Err(InterpolationError::Required {
                name: name.into(),
                message: substitute(m, env)?.value,
            });
        }
        out.value.push_str(value.unwrap_or(""));
    } else if let Some(a) = arg(":+") {
        if non_empty {
            nested(a, out)?;
        }
    } else if let Some(a) = arg("+") {
        if set {
            nested(a, out)?;
        }
    } else {
        return Err(InterpolationError::Invalid(whole.into()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn env() -> BTreeMap<String, String> {
        [("TAG", "1.4"), ("EMPTY", ""), ("HOST", "db")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn sub(s: &str) -> String {
        substitute(s, &env()).expect("substitutes").value
    }

    #[test]
    fn operators() {
        assert_eq!(sub("app:${TAG}"), "app:1.4");
        assert_eq!(sub("app:$TAG-x"), "app:1.4-x");
        assert_eq!(sub("${MISSING:-d}"), "d");
        assert_eq!(sub("${EMPTY:-d}"), "d");
        assert_eq!(sub("${EMPTY-d}"), "");
        assert_eq!(sub("${MISSING-d}"), "d");
        assert_eq!(sub("${TAG:+set}"), "set");
        assert_eq!(sub("${EMPTY:+set}"), "");
        assert_eq!(sub("${EMPTY+set}"), "set");
        assert_eq!(sub("${MISSING:-${HOST:-x}}:5432"), "db:5432");
        assert_eq!(sub("${MISSING:-${NOPE:-x}}"), "x");
        assert_eq!(sub("$$HOME and $$"), "$HOME and $");
        assert_eq!(sub("cost $ 5"), "cost $ 5");
    }

    #[test]
    fn unset_variables_are_reported_and_blank() {
        let s = substitute("${A}/$B/${A}", &env()).expect("substitutes");
        assert_eq!(s.value, "//");
        assert_eq!(s.unset, ["A", "B"]);
    }

    #[test]
    fn errors() {
        let e = substitute("${DB_PASSWORD:?set it in .env}", &env()).expect_err("required");
        assert_eq!(
            e.to_string(),
            "required variable DB_PASSWORD is missing a value: set it in .env"
        );
        assert!(substitute("${EMPTY:?x}", &env()).is_err());
        assert!(substitute("${EMPTY?x}", &env()).is_ok());
        assert!(matches!(
            substitute("${TAG", &env()),
            Err(InterpolationError::Invalid(_))
        ));
        assert!(matches!(
            substitute("${}", &env()),
            Err(InterpolationError::Invalid(_))
        ));
        assert!(matches!(
            substitute("${TAG/x}", &env()),
            Err(InterpolationError::Invalid(_))
        ));
    }
}
