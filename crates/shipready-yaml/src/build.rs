use crate::node::{Mapping, Node, Value};
use crate::offsets::Offsets;
use crate::scalar::resolve_plain;
use crate::YamlError;
use saphyr_parser::{Event, Parser, ScalarStyle, Tag};
use shipready_diagnostics::Span;
use std::collections::HashMap;

/// Guards against hostile input. The defaults are far above what any
/// Compose file or manifest needs.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Collections nested deeper than this are refused.
    pub max_depth: usize,
    /// Nodes that alias expansion may add to a document.
    pub max_alias_nodes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_depth: 256,
            max_alias_nodes: 1_000_000,
        }
    }
}

/// One `---`-separated document of a stream.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub root: Node,
    /// From the document's first byte to its last.
    pub span: Span,
}

enum Frame {
    Seq {
        items: Vec<Node>,
        start: u32,
        anchor: usize,
        tag: Option<String>,
    },
    Map {
        entries: Vec<(Node, Node)>,
        merges: Vec<Node>,
        key: Option<(Node, bool)>,
        start: u32,
        anchor: usize,
        tag: Option<String>,
    },
}

struct Builder<'t> {
    offsets: Offsets,
    limits: Limits,
    stack: Vec<Frame>,
    /// Anchored nodes and their node counts, for this document.
    anchors: HashMap<usize, (Node, usize)>,
    expanded: usize,
    root: Option<Node>,
    text: &'t str,
    base: u32,
}

/// Parses every document of `text`.
pub fn parse_stream(text: &str, limits: &Limits) -> Result<Vec<Document>, YamlError> {
    parse_stream_at(text, 0, limits)
}

/// As [`parse_stream`], with every span (errors' too) shifted by `base`:
/// a loader reading several files gives each its own range.
pub fn parse_stream_at(text: &str, base: u32, limits: &Limits) -> Result<Vec<Document>, YamlError> {
    let mut b = Builder {
        offsets: Offsets::new(text, base),
        base,
        limits: *limits,
        stack: Vec::new(),
        anchors: HashMap::new(),
        expanded: 0,
        root: None,
        text,
    };
    let mut docs = Vec::new();
    let mut doc_start = 0;
    for item in Parser::new_from_str(text) {
        let (event, span) = item.map_err(|e| {
            let at = b.offsets.byte(e.marker().index());
            YamlError::new(e.info().to_string(), Span::new(at, at))
        })?;
        let start = b.offsets.byte(span.start.index());
        let end = b.offsets.byte(span.end.index());
        match event {
            Event::DocumentStart(_) => {
                doc_start = start;
                b.anchors.clear();
                b.expanded = 0;
                b.root = None;
            }
            Event::DocumentEnd => {
                let root = b.root.take().unwrap_or(Node {
                    value: Value::Null,
                    span: Span::new(start, start),
                    tag: None,
                });
                let last = root.span.end.max(doc_start);
                docs.push(Document {
                    root,
                    span: Span::new(doc_start, last),
                });
            }
            Event::Scalar(text, style, anchor, tag) => {
                let merge = style == ScalarStyle::Plain && tag.is_none() && text == "<<";
                let end = quoted_end(b.text, start - b.base, style).map_or(end, |e| e + b.base);
                let node = scalar(&text, style, tag.as_deref(), Span::new(start, end));
                b.register(anchor, &node);
                b.complete(node, merge)?;
            }
            Event::Alias(id) => {
                let Some((node, count)) = b.anchors.get(&id) else {
                    return Err(YamlError::new(
                        "alias to an unknown anchor",
                        Span::new(start, end),
                    ));
                };
                b.expanded += count;
                if b.expanded > b.limits.max_alias_nodes {
                    return Err(YamlError::new(
                        format!(
                            "aliases expand to more than {} nodes (a \"billion laughs\" file?); refusing to expand further",
                            b.limits.max_alias_nodes
                        ),
                        Span::new(start, end),
                    ));
                }
                let node = node.clone();
                b.complete(node, false)?;
            }
            Event::SequenceStart(anchor, tag) => {
                b.open(Span::new(start, end))?;
                b.stack.push(Frame::Seq {
                    items: Vec::new(),
                    start,
                    anchor,
                    tag: custom_tag(tag.as_deref()),
                });
            }
            Event::MappingStart(anchor, tag) => {
                b.open(Span::new(start, end))?;
                b.stack.push(Frame::Map {
                    entries: Vec::new(),
                    merges: Vec::new(),
                    key: None,
                    start,
                    anchor,
                    tag: custom_tag(tag.as_deref()),
                });
            }
            Event::SequenceEnd => {
                let Some(Frame::Seq {
                    mut items,
                    start: s,
                    anchor,
                    tag,
                }) = b.stack.pop()
                else {
                    return Err(YamlError::new("unbalanced sequence", Span::new(start, end)));
                };
                let e = items.last().map_or(end, |n| n.span.end.max(s)).max(s);
                let e = if b.flow_close(end) { end } else { e };
                // Every tree of a run stays alive until its rules have
                // run; growth slack was 7 % of the peak at 4 corpus
                // copies.
                items.shrink_to_fit();
                let node = Node {
                    value: Value::Seq(items),
                    span: Span::new(s, e),
                    tag,
                };
                b.register(anchor, &node);
                b.complete(node, false)?;
            }
            Event::MappingEnd => {
                let Some(Frame::Map {
                    entries,
                    merges,
                    key,
                    start: s,
                    anchor,
                    tag,
                }) = b.stack.pop()
                else {
                    return Err(YamlError::new("unbalanced mapping", Span::new(start, end)));
                };
                if let Some((k, _)) = key {
                    return Err(YamlError::new("a key without a value", k.span));
                }
                let last = entries
                    .iter()
                    .map(|(_, v)| v.span.end)
                    .chain(merges.iter().map(|m| m.span.end))
                    .max()
                    .unwrap_or(end)
                    .max(s);
                let e = if b.flow_close(end) { end } else { last };
                let mapping = merge(entries, merges, b.text, b.base)?;
                let node = Node {
                    value: Value::Map(mapping),
                    span: Span::new(s, e),
                    tag,
                };
                b.register(anchor, &node);
                b.complete(node, false)?;
            }
            Event::StreamStart | Event::StreamEnd | Event::Nothing => {}
        }
    }
    Ok(docs)
}

impl Builder<'_> {
    fn open(&self, span: Span) -> Result<(), YamlError> {
        if self.stack.len() >= self.limits.max_depth {
            return Err(YamlError::new(
                format!("nested deeper than {} levels", self.limits.max_depth),
                span,
            ));
        }
        Ok(())
    }

    /// A flow collection's end event sits on its `]`/`}`: include it.
    fn flow_close(&self, end: u32) -> bool {
        let i = end.saturating_sub(self.base) as usize;
        i > 0 && matches!(self.text.as_bytes().get(i - 1), Some(b']' | b'}'))
    }

    fn register(&mut self, anchor: usize, node: &Node) {
        if anchor != 0 {
            self.anchors.insert(anchor, (node.clone(), node.count()));
        }
    }

    fn complete(&mut self, node: Node, is_merge_key: bool) -> Result<(), YamlError> {
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map {
                entries,
                merges,
                key,
                ..
            }) => match key.take() {
                None => *key = Some((node, is_merge_key)),
                Some((_, true)) => merges.push(node),
                Some((k, false)) => entries.push((k, node)),
            },
        }
        Ok(())
    }
}

/// Explicit keys (duplicates refused), then what `<<` brings that they do
/// not already have, first source first.
fn merge(
    entries: Vec<(Node, Node)>,
    merges: Vec<Node>,
    source_text: &str,
    base: u32,
) -> Result<Mapping, YamlError> {
    let mut seen: HashMap<String, Span> = HashMap::with_capacity(entries.len());
    for (k, _) in &entries {
        let Some(text) = k.key_text() else { continue };
        if let Some(first) = seen.insert(text.clone(), k.span) {
            let line = source_text
                .get(..first.start.saturating_sub(base) as usize)
                .map_or(0, |t| t.matches('\n').count())
                + 1;
            return Err(YamlError::new(
                format!("duplicate key `{text}` (first set on line {line}); a parser keeps one of them silently"),
                k.span,
            ));
        }
    }
    let mut out = entries;
    for source in merges {
        let maps: Vec<Node> = match source.value {
            Value::Map(_) => vec![source],
            Value::Seq(items) => items,
            _ => {
                return Err(YamlError::new(
                    "`<<` merges a mapping or a list of mappings",
                    source.span,
                ))
            }
        };
        for m in maps {
            let Value::Map(mapping) = m.value else {
                return Err(YamlError::new(
                    "`<<` merges a mapping or a list of mappings",
                    m.span,
                ));
            };
            for (k, v) in mapping.entries {
                let Some(text) = k.key_text() else { continue };
                if seen.contains_key(&text) {
                    continue;
                }
                seen.insert(text, k.span);
                out.push((k, v));
            }
        }
    }
    out.shrink_to_fit();
    Ok(Mapping { entries: out })
}

/// Where a quoted scalar ends: after its closing quote. saphyr-parser's
/// end marker for a quoted scalar runs on over the blanks and the comment
/// after it (`"8080:8080" # note`), which would put a finding, or an
/// ignore comment, inside the string.
fn quoted_end(text: &str, start: u32, style: ScalarStyle) -> Option<u32> {
    let bytes = text.as_bytes();
    let start = start as usize;
    let quote = match style {
        ScalarStyle::DoubleQuoted => b'"',
        ScalarStyle::SingleQuoted => b'\'',
        _ => return None,
    };
    if bytes.get(start) != Some(&quote) {
        return None;
    }
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quote == b'"' => i += 2,
            b'\'' if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 2,
            b if b == quote => return u32::try_from(i + 1).ok(),
            _ => i += 1,
        }
    }
    None
}

fn custom_tag(tag: Option<&Tag>) -> Option<String> {
    let t = tag?;
    (t.handle != "!!" && !t.is_yaml_core_schema()).then(|| format!("{}{}", t.handle, t.suffix))
}

fn scalar(text: &str, style: ScalarStyle, tag: Option<&Tag>, span: Span) -> Node {
    let core = tag.filter(|t| t.handle == "!!" || t.is_yaml_core_schema());
    let value = match core.map(|t| t.suffix.as_str()) {
        Some("str") | Some("tag:yaml.org,2002:str") => Value::Str(text.to_string()),
        Some(_) => resolve_plain(text),
        None if style == ScalarStyle::Plain => resolve_plain(text),
        None => Value::Str(text.to_string()),
    };
    Node {
        value,
        span,
        tag: custom_tag(tag),
    }
}
