//! Splitting an instruction line into keyword, builder flags and arguments,
//! one function per argument shape, mirroring BuildKit's dispatch table
//! (`parser/line_parsers.go`).

use crate::{Args, Flag, Instruction, KeyValue, Keyword, Located, LogicalLine, ParseError};
use shipready_diagnostics::Span;

/// Go's `reWhitespace`: `[\t\v\f\r ]+`.
fn is_hspace(c: char) -> bool {
    matches!(c, '\t' | '\u{0b}' | '\u{0c}' | '\r' | ' ')
}

pub(crate) fn node_from_line(line: LogicalLine, escape: char) -> Result<Instruction, ParseError> {
    let text = line.text.as_str();
    let lead = text.len() - text.trim_start().len();
    let trimmed_end = text.trim_end().len();
    let body = &text[lead..trimmed_end];
    let kw_len = body.find(is_hspace).unwrap_or(body.len());
    let kw_text = &body[..kw_len];
    let keyword_span = line.span(lead, lead + kw_len);
    let keyword = Keyword::parse(kw_text).ok_or_else(|| {
        ParseError::new(
            format!("unknown instruction: {}", kw_text.to_ascii_uppercase()),
            keyword_span,
        )
    })?;
    let after_kw = body[kw_len..].trim_start_matches(is_hspace);
    let rest_start = trimmed_end - after_kw.len();
    let (flags, args_rel) = extract_flags(after_kw);
    let args_offset = rest_start + args_rel;
    let rest = &text[args_offset..trimmed_end];
    let flags = flags
        .into_iter()
        .map(|(word, s, e)| {
            let word = word.strip_prefix("--").unwrap_or(&word).to_string();
            let (name, value) = match word.split_once('=') {
                Some((n, v)) => (n.to_string(), Some(v.to_string())),
                None => (word, None),
            };
            Flag {
                name,
                value,
                span: line.span(rest_start + s, rest_start + e),
            }
        })
        .collect();

    let loc = |s: usize, e: usize| line.span(args_offset + s, args_offset + e);
    let args = match keyword {
        Keyword::Add | Keyword::Copy | Keyword::Volume => match parse_json(rest, &loc)? {
            Some(items) => Args::Exec(items),
            None => whitespace_words(rest, &loc),
        },
        Keyword::Arg => {
            let words = parse_words(rest, escape);
            if words.is_empty() {
                Args::None
            } else {
                Args::Words(
                    words
                        .into_iter()
                        .map(|(w, s, e)| Located::new(w, loc(s, e)))
                        .collect(),
                )
            }
        }
        Keyword::Cmd | Keyword::Entrypoint | Keyword::Run | Keyword::Shell => {
            maybe_json(rest, &loc)?
        }
        Keyword::Env | Keyword::Label => name_val(rest, keyword, escape, &loc)?,
        Keyword::Expose | Keyword::From => whitespace_words(rest, &loc),
        Keyword::Healthcheck => healthcheck(rest, &loc)?,
        Keyword::Maintainer | Keyword::Stopsignal | Keyword::User | Keyword::Workdir => {
            if rest.is_empty() {
                Args::None
            } else {
                Args::Text(Located::new(rest.to_string(), loc(0, rest.len())))
            }
        }
        Keyword::Onbuild => {
            if rest.is_empty() {
                Args::None
            } else {
                let inner = node_from_line(line.tail(args_offset), escape)?;
                Args::Onbuild(Box::new(inner))
            }
        }
    };
    if matches!(args, Args::None) {
        return Err(ParseError::new(
            format!("{} requires at least one argument", keyword.as_str()),
            keyword_span,
        ));
    }
    Ok(Instruction {
        keyword,
        keyword_span,
        span: keyword_span,
        start_line: 0,
        end_line: 0,
        flags,
        args,
        heredocs: Vec::new(),
        line,
        args_offset,
    })
}

/// BuildKit's `extractBuilderFlags`: leading `--words`, quotes removed,
/// a lone `--` ends the flags. Returns the flags with their byte ranges and
/// the offset where the arguments start.
fn extract_flags(line: &str) -> (Vec<(String, usize, usize)>, usize) {
    #[derive(PartialEq)]
    enum Phase {
        Spaces,
        Word,
        Quote,
    }
    let b = line.as_bytes();
    let mut words = Vec::new();
    let mut phase = Phase::Spaces;
    let mut word: Vec<u8> = Vec::new();
    let mut word_start = 0;
    let mut quote = 0u8;
    let mut blank_ok = false;
    let mut pos = 0;
    let finish = |w: &[u8]| String::from_utf8_lossy(w).into_owned();
    while pos <= b.len() {
        let ch = b.get(pos).copied().unwrap_or(0);
        if phase == Phase::Spaces {
            if pos == b.len() {
                break;
            }
            if ch.is_ascii_whitespace() || ch == 0x0b {
                pos += 1;
                continue;
            }
            if ch != b'-' || b.get(pos + 1) != Some(&b'-') {
                return (words, pos);
            }
            phase = Phase::Word;
            word_start = pos;
        }
        if pos == b.len() {
            if word != b"--" && (blank_ok || !word.is_empty()) {
                words.push((finish(&word), word_start, pos));
            }
            break;
        }
        if phase == Phase::Word {
            if ch.is_ascii_whitespace() || ch == 0x0b {
                phase = Phase::Spaces;
                if word == b"--" {
                    return (words, pos);
                }
                if blank_ok || !word.is_empty() {
                    words.push((finish(&word), word_start, pos));
                }
                word.clear();
                blank_ok = false;
                pos += 1;
                continue;
            }
            if ch == b'\'' || ch == b'"' {
                quote = ch;
                blank_ok = true;
                phase = Phase::Quote;
                pos += 1;
                continue;
            }
            if ch == b'\\' {
                if pos + 1 == b.len() {
                    pos += 1;
                    continue;
                }
                pos += 1;
            }
            word.push(b[pos]);
            pos += 1;
            continue;
        }
        // Phase::Quote
        if ch == quote {
            phase = Phase::Word;
            pos += 1;
            continue;
        }
        if ch == b'\\' {
            if pos + 1 == b.len() {
                phase = Phase::Word;
                pos += 1;
                continue;
            }
            pos += 1;
        }
        word.push(b[pos]);
        pos += 1;
    }
    (words, b.len())
}

/// BuildKit's `parseWords`: whitespace-separated words, quotes and escapes
/// kept in the word text. Returns `(word, start, end)`.
pub(crate) fn parse_words(rest: &str, escape: char) -> Vec<(String, usize, usize)> {
    #[derive(PartialEq)]
    enum Phase {
        Spaces,
        Word,
        Quote,
    }
    let mut words = Vec::new();
    let mut phase = Phase::Spaces;
    let mut word = String::new();
    let mut start = 0;
    let mut quote = '\0';
    let mut blank_ok = false;
    let mut it = rest.char_indices().peekable();
    loop {
        let Some((pos, ch)) = it.next() else {
            if phase != Phase::Spaces && (blank_ok || !word.is_empty()) {
                words.push((std::mem::take(&mut word), start, rest.len()));
            }
            break;
        };
        if phase == Phase::Spaces {
            if ch.is_whitespace() {
                continue;
            }
            phase = Phase::Word;
            start = pos;
        }
        if phase == Phase::Word {
            if ch.is_whitespace() {
                phase = Phase::Spaces;
                if blank_ok || !word.is_empty() {
                    words.push((std::mem::take(&mut word), start, pos));
                }
                blank_ok = false;
                continue;
            }
            if ch == '\'' || ch == '"' {
                quote = ch;
                blank_ok = true;
                phase = Phase::Quote;
            }
            if ch == escape {
                match it.next() {
                    None => continue,
                    Some((_, next)) => {
                        word.push(ch);
                        word.push(next);
                        continue;
                    }
                }
            }
            word.push(ch);
            continue;
        }
        // Phase::Quote
        if ch == quote {
            phase = Phase::Word;
        }
        if ch == escape && quote != '\'' {
            match it.next() {
                None => {
                    phase = Phase::Word;
                    continue;
                }
                Some((_, next)) => {
                    word.push(ch);
                    word.push(next);
                    continue;
                }
            }
        }
        word.push(ch);
    }
    words
}

type Loc<'a> = dyn Fn(usize, usize) -> Span + 'a;

fn whitespace_words(rest: &str, loc: &Loc<'_>) -> Args {
    if rest.is_empty() {
        return Args::None;
    }
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in rest
        .char_indices()
        .chain(std::iter::once((rest.len(), ' ')))
    {
        if is_hspace(c) {
            if let Some(s) = start.take() {
                out.push(Located::new(rest[s..i].to_string(), loc(s, i)));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    Args::Words(out)
}

fn maybe_json(rest: &str, loc: &Loc<'_>) -> Result<Args, ParseError> {
    if rest.is_empty() {
        return Ok(Args::None);
    }
    Ok(match parse_json(rest, loc)? {
        Some(items) => Args::Exec(items),
        None => Args::Text(Located::new(rest.to_string(), loc(0, rest.len()))),
    })
}

/// `Ok(None)` when `rest` is not a JSON array (BuildKit then falls back to
/// shell form); an error when it is an array with a non-string element.
fn parse_json(rest: &str, loc: &Loc<'_>) -> Result<Option<Vec<Located<String>>>, ParseError> {
    if !rest.starts_with('[') {
        return Ok(None);
    }
    let Ok(values) = serde_json::from_str::<Vec<serde_json::Value>>(rest) else {
        return Ok(None);
    };
    let spans = json_string_spans(rest);
    let mut out = Vec::with_capacity(values.len());
    for (i, v) in values.into_iter().enumerate() {
        let serde_json::Value::String(s) = v else {
            return Err(ParseError::new(
                "when using JSON array syntax, arrays must be comprised of strings only",
                loc(0, rest.len()),
            ));
        };
        let span = spans
            .get(i)
            .map_or_else(|| loc(0, rest.len()), |&(s, e)| loc(s, e));
        out.push(Located::new(s, span));
    }
    Ok(Some(out))
}

/// Byte ranges of the top-level string tokens of a JSON array, quotes
/// included. The array was already validated by serde_json.
fn json_string_spans(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'"' {
            let start = i;
            i += 1;
            while i < b.len() && b[i] != b'"' {
                if b[i] == b'\\' {
                    i += 1;
                }
                i += 1;
            }
            out.push((start, (i + 1).min(b.len())));
        }
        i += 1;
    }
    out
}

fn name_val(rest: &str, keyword: Keyword, escape: char, loc: &Loc<'_>) -> Result<Args, ParseError> {
    let words = parse_words(rest, escape);
    let Some(first) = words.first() else {
        return Ok(Args::None);
    };
    if !first.0.contains('=') {
        // Legacy `ENV key value…`: the value is the rest of the line.
        let key_end = rest.find(is_hspace).unwrap_or(rest.len());
        let value_start = rest[key_end..].find(|c| !is_hspace(c)).map(|i| key_end + i);
        let Some(vs) = value_start else {
            return Err(ParseError::new(
                format!("{} must have two arguments", keyword.as_str()),
                loc(0, rest.len()),
            ));
        };
        return Ok(Args::KeyValues(vec![KeyValue {
            key: Located::new(rest[..key_end].to_string(), loc(0, key_end)),
            value: Located::new(rest[vs..].to_string(), loc(vs, rest.len())),
            separator: "",
        }]));
    }
    let mut pairs = Vec::with_capacity(words.len());
    for (word, s, e) in words {
        let Some(eq) = word.find('=') else {
            return Err(ParseError::new(
                format!("syntax error - can't find = in {word:?}. Must be of the form: name=value"),
                loc(s, e),
            ));
        };
        pairs.push(KeyValue {
            key: Located::new(word[..eq].to_string(), loc(s, s + eq)),
            value: Located::new(word[eq + 1..].to_string(), loc(s + eq + 1, e)),
            separator: "=",
        });
    }
    Ok(Args::KeyValues(pairs))
}

fn healthcheck(rest: &str, loc: &Loc<'_>) -> Result<Args, ParseError> {
    let b = rest.as_bytes();
    let sep = b
        .iter()
        .position(|c| c.is_ascii_whitespace() || *c == 0x0b)
        .unwrap_or(b.len());
    if sep == 0 {
        return Ok(Args::None);
    }
    let next = b[sep..]
        .iter()
        .position(|c| !(c.is_ascii_whitespace() || *c == 0x0b))
        .map_or(b.len(), |i| sep + i);
    let shifted = |s: usize, e: usize| loc(next + s, next + e);
    let cmd = maybe_json(&rest[next..], &shifted)?;
    Ok(Args::Healthcheck {
        kind: Located::new(rest[..sep].to_string(), loc(0, sep)),
        cmd: Box::new(cmd),
    })
}
