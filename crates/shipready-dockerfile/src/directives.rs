use crate::ParseError;
use shipready_diagnostics::Span;

/// A parser directive at the top of the file: `# syntax=`, `# escape=`,
/// `# check=`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// Lower-cased name.
    pub name: String,
    pub value: String,
    pub span: Span,
}

/// BuildKit's directive scanner: directives are recognised only until the
/// first line that is not one (a blank line, another comment, an unknown
/// directive or an instruction).
#[derive(Debug)]
pub(crate) struct DirectiveScanner {
    done: bool,
    line: usize,
    pub escape: char,
    pub found: Vec<Directive>,
}

impl DirectiveScanner {
    pub fn new() -> Self {
        DirectiveScanner {
            done: false,
            line: 0,
            escape: '\\',
            found: Vec::new(),
        }
    }

    /// `line` has its newline and leading whitespace removed already;
    /// `offset` is its byte offset in the file.
    pub fn feed(&mut self, line: &str, offset: usize) -> Result<(), ParseError> {
        self.line += 1;
        if self.done {
            return Ok(());
        }
        // A shebang-like first line (`#!/usr/bin/env …`) does not end the
        // directive block, as in BuildKit.
        if self.line == 1 && line.starts_with("#!") {
            return Ok(());
        }
        let Some((name, value)) = match_directive(line) else {
            self.done = true;
            return Ok(());
        };
        let name = name.to_ascii_lowercase();
        if !matches!(name.as_str(), "syntax" | "escape" | "check") {
            self.done = true;
            return Ok(());
        }
        let span = Span::from_usize(offset, offset + line.len());
        if self.found.iter().any(|d| d.name == name) {
            return Err(ParseError::new(
                format!("only one {name} parser directive can be used"),
                span,
            ));
        }
        if name == "escape" {
            self.escape = match value {
                "\\" => '\\',
                "`" => '`',
                other => {
                    return Err(ParseError::new(
                        format!("invalid escape token `{other}`: only \\ and ` are allowed"),
                        span,
                    ))
                }
            };
        }
        self.found.push(Directive {
            name,
            value: value.to_string(),
            span,
        });
        Ok(())
    }
}

/// `^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$`, by hand: this runs on
/// every leading line and a regex would cost more than the whole parse.
fn match_directive(line: &str) -> Option<(&str, &str)> {
    let rest = line.strip_prefix('#')?.trim_start();
    let name_len = rest
        .char_indices()
        .take_while(|(i, c)| {
            if *i == 0 {
                c.is_ascii_alphabetic()
            } else {
                c.is_ascii_alphanumeric()
            }
        })
        .count();
    if name_len == 0 {
        return None;
    }
    let (name, rest) = rest.split_at(name_len);
    let rest = rest.trim_start().strip_prefix('=')?;
    let value = rest.trim();
    if value.is_empty() {
        return None;
    }
    Some((name, value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_like_buildkit() {
        assert_eq!(match_directive("# escape=`"), Some(("escape", "`")));
        assert_eq!(
            match_directive("#syntax = docker/dockerfile:1 "),
            Some(("syntax", "docker/dockerfile:1"))
        );
        assert_eq!(match_directive("# not a directive"), None);
        assert_eq!(match_directive("# 1x=y"), None);
        assert_eq!(match_directive("# x="), None);
    }
}
