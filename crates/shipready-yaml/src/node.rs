use shipready_diagnostics::Span;

/// A YAML value with where it is written.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub span: Span,
    /// A tag other than the core schema's (`!reset`, `!override`, `!Ref`).
    pub tag: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    /// A string: quoted, block, or plain text that is no other type.
    Str(String),
    Seq(Vec<Node>),
    Map(Mapping),
}

/// Entries in file order; keys are nodes too, so a rule can point at one.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Mapping {
    pub entries: Vec<(Node, Node)>,
}

impl Mapping {
    /// The value of the entry whose key reads `key`.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|(_, v)| v)
    }

    /// The key node and value of the entry whose key reads `key`.
    pub fn entry(&self, key: &str) -> Option<(&Node, &Node)> {
        self.entries
            .iter()
            .find(|(k, _)| k.key_is(key))
            .map(|(k, v)| (k, v))
    }

    pub fn iter(&self) -> impl Iterator<Item = (&Node, &Node)> {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl Node {
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_map(&self) -> Option<&Mapping> {
        match &self.value {
            Value::Map(m) => Some(m),
            _ => None,
        }
    }

    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Seq(s) => Some(s),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self.value, Value::Null)
    }

    /// `get` on a mapping node; `None` for anything else.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.as_map().and_then(|m| m.get(key))
    }

    /// A scalar as the text a key or an environment value would be
    /// (`8080` → "8080", `true` → "true"); `None` for collections.
    pub fn key_text(&self) -> Option<String> {
        match &self.value {
            Value::Null => Some(String::new()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Int(i) => Some(i.to_string()),
            Value::Float(f) => Some(f.to_string()),
            Value::Str(s) => Some(s.clone()),
            Value::Seq(_) | Value::Map(_) => None,
        }
    }

    /// Whether this scalar's [`Node::key_text`] is `key`, without making
    /// the text: lookups by key run per entry, and allocating a string
    /// for each comparison made a Compose file with thousands of services
    /// spend most of its time copying keys.
    pub fn key_is(&self, key: &str) -> bool {
        match &self.value {
            Value::Str(s) => s == key,
            Value::Null => key.is_empty(),
            Value::Bool(b) => key == if *b { "true" } else { "false" },
            Value::Int(_) | Value::Float(_) => self.key_text().as_deref() == Some(key),
            Value::Seq(_) | Value::Map(_) => false,
        }
    }

    /// Nodes in this subtree, this one included.
    pub fn count(&self) -> usize {
        1 + match &self.value {
            Value::Seq(items) => items.iter().map(Node::count).sum(),
            Value::Map(m) => m.entries.iter().map(|(k, v)| k.count() + v.count()).sum(),
            _ => 0,
        }
    }

    /// The value as JSON, for schema validation. Keys become their text;
    /// a NaN or infinite float, which JSON cannot hold, becomes its YAML
    /// spelling as a string.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.value {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Int(i) => J::from(*i),
            Value::Float(f) => {
                serde_json::Number::from_f64(*f).map_or_else(|| J::String(f.to_string()), J::Number)
            }
            Value::Str(s) => J::String(s.clone()),
            Value::Seq(items) => J::Array(items.iter().map(Node::to_json).collect()),
            Value::Map(m) => J::Object(
                m.entries
                    .iter()
                    .map(|(k, v)| (k.key_text().unwrap_or_default(), v.to_json()))
                    .collect(),
            ),
        }
    }
}
