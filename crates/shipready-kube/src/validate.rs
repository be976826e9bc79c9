//! Strict offline validation, the way `kubectl apply --validate=strict`
//! decodes client-side: the object is deserialised into its Kubernetes
//! API type, and every field the type does not have is reported (through
//! `serde_ignored`), as is every wrong type or missing required field
//! (through `serde_path_to_error`, so the path points at the value).

use serde::de::DeserializeOwned;
use serde_json::Value;

/// One step of a path into an object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// What decoding found: fields the type does not know, and the errors
/// that stopped it.
#[derive(Debug, Default)]
pub struct Decoded {
    pub unknown: Vec<Vec<Seg>>,
    pub errors: Vec<(Vec<Seg>, String)>,
}

/// serde stops at the first error, kubectl reports them all: after an
/// error, the offending value is taken out and the object decoded again,
/// a bounded number of times.
const MAX_ROUNDS: usize = 16;

pub(crate) fn decode_all<T: DeserializeOwned>(json: &Value) -> Decoded {
    let mut json = json.clone();
    let mut out = Decoded::default();
    for _ in 0..MAX_ROUNDS {
        let round = decode::<T>(&json);
        for u in round.unknown {
            if !out.unknown.contains(&u) {
                out.unknown.push(u);
            }
        }
        let Some((path, message)) = round.errors.into_iter().next() else {
            break;
        };
        let seen = out.errors.iter().any(|(p, _)| *p == path);
        if !seen {
            out.errors.push((path.clone(), message));
        }
        if seen || path.is_empty() || !remove(&mut json, &path) {
            break;
        }
    }
    out
}

/// Takes the value at `path` out of `json`; false when there is none.
fn remove(json: &mut Value, path: &[Seg]) -> bool {
    let Some((last, parents)) = path.split_last() else {
        return false;
    };
    let mut node = json;
    for seg in parents {
        node = match (seg, node) {
            (Seg::Key(k), Value::Object(m)) => match m.get_mut(k) {
                Some(n) => n,
                None => return false,
            },
            (Seg::Index(i), Value::Array(a)) => match a.get_mut(*i) {
                Some(n) => n,
                None => return false,
            },
            _ => return false,
        };
    }
    match (last, node) {
        (Seg::Key(k), Value::Object(m)) => m.remove(k).is_some(),
        // Removing an item would shift the paths of the others.
        (Seg::Index(i), Value::Array(a)) if *i < a.len() => {
            a[*i] = Value::Object(Default::default());
            true
        }
        _ => false,
    }
}

fn ignored_path(p: &serde_ignored::Path<'_>, out: &mut Vec<Seg>) {
    use serde_ignored::Path as P;
    match p {
        P::Root => {}
        P::Seq { parent, index } => {
            ignored_path(parent, out);
            out.push(Seg::Index(*index));
        }
        P::Map { parent, key } => {
            ignored_path(parent, out);
            out.push(Seg::Key(key.clone()));
        }
        P::Some { parent } | P::NewtypeStruct { parent } | P::NewtypeVariant { parent } => {
            ignored_path(parent, out)
        }
    }
}

/// The callback behind a `dyn`, on purpose: a closure has its own type
/// per `T`, and the wrapped deserializer would then instantiate the whole
/// Kubernetes type graph again for each of the ~95 kinds (a release build
/// took twenty minutes and 8 GB). One callback type shares it all.
type OnIgnored<'a> = &'a mut dyn FnMut(serde_ignored::Path<'_>);

pub(crate) fn decode<T: DeserializeOwned>(json: &Value) -> Decoded {
    let mut unknown = Vec::new();
    let result = {
        let mut record = |p: serde_ignored::Path<'_>| {
            let mut segs = Vec::new();
            ignored_path(&p, &mut segs);
            unknown.push(segs);
        };
        let mut on_ignored: OnIgnored<'_> = &mut record;
        let ignoring = serde_ignored::Deserializer::new(json, &mut on_ignored);
        serde_path_to_error::deserialize::<_, T>(ignoring).map(|_| ())
    };
    let errors = result.err().map(|e| {
        let segs = e
            .path()
            .iter()
            .filter_map(|s| match s {
                serde_path_to_error::Segment::Seq { index } => Some(Seg::Index(*index)),
                serde_path_to_error::Segment::Map { key } => Some(Seg::Key(key.clone())),
                _ => None,
            })
            .collect();
        (segs, e.into_inner().to_string())
    });
    Decoded {
        unknown,
        errors: errors.into_iter().collect(),
    }
}

/// Kubernetes reads these as resource quantities, which accept a number
/// (`cpu: 0.5`); the Rust type takes only the string form, so numbers
/// under them become strings before decoding.
const QUANTITY_MAPS: &[&str] = &[
    "limits",
    "requests",
    "hard",
    "capacity",
    "allocatable",
    "overhead",
    "default",
    "defaultRequest",
    "max",
    "min",
    "maxLimitRequestRatio",
];
const QUANTITY_FIELDS: &[&str] = &["sizeLimit", "storage"];

pub(crate) fn quantities_as_strings(v: &mut Value) {
    match v {
        Value::Object(m) => {
            for (k, child) in m.iter_mut() {
                if QUANTITY_MAPS.contains(&k.as_str()) {
                    if let Value::Object(q) = child {
                        for (_, val) in q.iter_mut() {
                            if let Value::Number(n) = val {
                                *val = Value::String(n.to_string());
                            }
                        }
                    }
                } else if QUANTITY_FIELDS.contains(&k.as_str()) {
                    if let Value::Number(n) = child {
                        *child = Value::String(n.to_string());
                    }
                }
                quantities_as_strings(child);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(quantities_as_strings),
        _ => {}
    }
}
