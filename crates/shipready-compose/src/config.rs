//! The services of a loaded project in the shape `docker compose config
//! --format json` prints them: long-form ports (ranges expanded) and
//! volumes, `env_file` contents folded into `environment`, health-check
//! tests and durations normalised, `depends_on` with its defaults, memory
//! in bytes. The differential test compares this with the real binary;
//! the converter and the rules that need one shape read it too.
//!
//! One documented difference: compose re-escapes `$` as `$$` in its
//! output so the file can be loaded again; this keeps the value as the
//! container sees it.

use crate::duration;
use crate::loader::{is_path, Project};
use serde_json::{json, Map, Value as J};
use shipready_yaml::Node;
use std::collections::BTreeMap;

/// `{service name: normalised service}` for every active service.
pub fn services_json(project: &Project) -> J {
    let mut out = Map::new();
    for (k, svc) in project.services() {
        let Some(name) = k.key_text() else { continue };
        out.insert(name, service(project, svc));
    }
    J::Object(out)
}

fn service(project: &Project, svc: &Node) -> J {
    let mut s = match svc.to_json() {
        J::Object(m) => m,
        _ => Map::new(),
    };
    if let Some(J::Object(b)) = s.get_mut("build") {
        b.entry("dockerfile").or_insert_with(|| "Dockerfile".into());
        if let Some(J::Object(args)) = b.get_mut("args") {
            stringify_values(args);
        }
    }
    if let Some(J::Array(ports)) = s.remove("ports") {
        s.insert(
            "ports".into(),
            J::Array(ports.iter().flat_map(port).collect()),
        );
    }
    if let Some(J::Array(vols)) = s.remove("volumes") {
        let mut vols: Vec<J> = vols.iter().map(volume).collect();
        for v in &mut vols {
            if let Some(J::String(t)) = v.get_mut("target") {
                *t = clean_target(t);
            }
        }
        s.insert("volumes".into(), J::Array(vols));
    }
    // Folded into `environment`, as compose prints it.
    s.remove("env_file");
    let env = environment(project, svc, s.remove("environment"));
    if !env.is_empty() {
        s.insert("environment".into(), J::Object(env));
    }
    if let Some(J::Object(deps)) = s.get_mut("depends_on") {
        for (_, d) in deps.iter_mut() {
            if let J::Object(d) = d {
                d.entry("condition")
                    .or_insert_with(|| "service_started".into());
                d.entry("required").or_insert(J::Bool(true));
            }
        }
    }
    if let Some(J::Object(h)) = s.get_mut("healthcheck") {
        if let Some(J::String(t)) = h.get("test").cloned() {
            h.insert("test".into(), json!(["CMD-SHELL", t]));
        }
        for key in ["interval", "timeout", "start_period", "start_interval"] {
            go_duration(h, key);
        }
    }
    if let Some(J::Object(d)) = s.get_mut("deploy") {
        deploy(d);
    }
    J::Object(s)
}

fn stringify_values(m: &mut Map<String, J>) {
    for (_, v) in m.iter_mut() {
        match v {
            J::Number(n) => *v = J::String(n.to_string()),
            J::Bool(b) => *v = J::String(b.to_string()),
            _ => {}
        }
    }
}

fn go_duration(m: &mut Map<String, J>, key: &str) {
    if let Some(J::String(s)) = m.get(key) {
        if let Some(ns) = duration::parse(s) {
            m.insert(key.into(), J::String(duration::format(ns)));
        }
    }
}

/// `512M`, `1g`, `100000`: go-units' RAMInBytes (binary units, any case,
/// an optional `b`).
pub fn bytes(text: &str) -> Option<u64> {
    let t = text.trim().to_ascii_lowercase();
    let t = t.strip_suffix('b').unwrap_or(&t);
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: f64 = num.parse().ok()?;
    let mult: f64 = match unit {
        "" => 1.0,
        "k" => 1024.0,
        "m" => 1024.0 * 1024.0,
        "g" => 1024.0 * 1024.0 * 1024.0,
        "t" => 1024f64.powi(4),
        "p" => 1024f64.powi(5),
        _ => return None,
    };
    Some((n * mult) as u64)
}

fn deploy(d: &mut Map<String, J>) {
    if let Some(J::Object(r)) = d.get_mut("resources") {
        for part in ["limits", "reservations"] {
            if let Some(J::Object(p)) = r.get_mut(part) {
                if let Some(J::String(c)) = p.get("cpus").cloned() {
                    if let Ok(f) = c.parse::<f64>() {
                        p.insert("cpus".into(), json!(f));
                    }
                }
                let mem = p.get("memory").cloned();
                if let Some(m) = mem {
                    let text = match &m {
                        J::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    if let Some(b) = bytes(&text) {
                        p.insert("memory".into(), J::String(b.to_string()));
                    }
                }
            }
        }
    }
    if let Some(J::Object(rp)) = d.get_mut("restart_policy") {
        go_duration(rp, "delay");
        go_duration(rp, "window");
    }
    for key in ["update_config", "rollback_config"] {
        if let Some(J::Object(u)) = d.get_mut(key) {
            go_duration(u, "delay");
            go_duration(u, "monitor");
        }
    }
    d.entry("placement").or_insert_with(|| json!({}));
}

/// Short port syntax, `[[ip:]published:]target[/protocol]` with ranges,
/// into long-form entries.
fn port(p: &J) -> Vec<J> {
    let text = match p {
        J::Object(m) => {
            let mut m = m.clone();
            m.entry("mode").or_insert_with(|| "ingress".into());
            m.entry("protocol").or_insert_with(|| "tcp".into());
            if let Some(v) = m.get("published").cloned() {
                if !v.is_string() {
                    m.insert("published".into(), J::String(v.to_string()));
                }
            }
            if let Some(J::String(t)) = m.get("target").cloned() {
                if let Ok(n) = t.parse::<u64>() {
                    m.insert("target".into(), json!(n));
                }
            }
            return vec![J::Object(m)];
        }
        J::Number(n) => n.to_string(),
        J::String(s) => s.clone(),
        _ => return vec![],
    };
    let (spec, protocol) = text.split_once('/').unwrap_or((&text, "tcp"));
    // An IPv6 host is bracketed; the last two colons split the rest.
    let (host_ip, rest) = match spec.rfind(']') {
        Some(i) if spec.starts_with('[') => {
            (Some(&spec[1..i]), spec[i + 1..].trim_start_matches(':'))
        }
        _ => {
            let parts: Vec<&str> = spec.split(':').collect();
            if parts.len() == 3 {
                (Some(parts[0]), &spec[parts[0].len() + 1..])
            } else {
                (None, spec)
            }
        }
    };
    let (published, target) = match rest.split_once(':') {
        Some((p, t)) => (Some(p), t),
        None => (None, rest),
    };
    let range = |s: &str| -> Option<(u64, u64)> {
        match s.split_once('-') {
            Some((a, b)) => Some((a.parse().ok()?, b.parse().ok()?)),
            None => s.parse().ok().map(|n| (n, n)),
        }
    };
    let Some((t0, t1)) = range(target) else {
        return vec![json!({"mode": "ingress", "target": target, "protocol": protocol})];
    };
    let pub_range = published.filter(|p| !p.is_empty()).and_then(range);
    (t0..=t1)
        .enumerate()
        .map(|(i, t)| {
            let mut m = Map::new();
            m.insert("mode".into(), "ingress".into());
            if let Some(ip) = host_ip.filter(|ip| !ip.is_empty()) {
                m.insert("host_ip".into(), ip.into());
            }
            m.insert("target".into(), json!(t));
            match (pub_range, published) {
                (Some((p0, p1)), _) if p0 != p1 && p1 - p0 == t1 - t0 => {
                    m.insert("published".into(), J::String((p0 + i as u64).to_string()));
                }
                (Some((p0, p1)), _) if p0 != p1 => {
                    m.insert("published".into(), J::String(format!("{p0}-{p1}")));
                }
                (Some((p0, _)), _) => {
                    m.insert("published".into(), J::String(p0.to_string()));
                }
                (None, Some(p)) if !p.is_empty() => {
                    m.insert("published".into(), J::String(p.to_string()));
                }
                _ => {}
            }
            m.insert("protocol".into(), protocol.into());
            J::Object(m)
        })
        .collect()
}

/// A container path as Go's `path.Clean` leaves it: no trailing `/`, no
/// `.` or `..` segments, no doubled `/`.
fn clean_target(t: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for seg in t.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let joined = parts.join("/");
    if t.starts_with('/') {
        format!("/{joined}")
    } else if joined.is_empty() {
        ".".into()
    } else {
        joined
    }
}

/// Short volume syntax `source:target[:options]` into the long form.
fn volume(v: &J) -> J {
    let J::String(text) = v else {
        return v.clone();
    };
    let parts: Vec<&str> = text.split(':').collect();
    let (source, target, opts) = match parts.as_slice() {
        [t] => (None, *t, None),
        [s, t] => (Some(*s), *t, None),
        [s, t, o, ..] => (Some(*s), *t, Some(*o)),
        [] => (None, "", None),
    };
    let mut m = Map::new();
    let bind = source.is_some_and(is_path);
    m.insert("type".into(), if bind { "bind" } else { "volume" }.into());
    if let Some(s) = source {
        m.insert("source".into(), s.into());
    }
    m.insert("target".into(), target.into());
    let mut bind_opts = Map::new();
    for o in opts.unwrap_or("").split(',').filter(|o| !o.is_empty()) {
        match o {
            "ro" => {
                m.insert("read_only".into(), J::Bool(true));
            }
            "z" | "Z" => {
                bind_opts.insert("selinux".into(), o.into());
            }
            "rw" | "nocopy" => {}
            p @ ("shared" | "rshared" | "slave" | "rslave" | "private" | "rprivate") => {
                bind_opts.insert("propagation".into(), p.into());
            }
            _ => {}
        }
    }
    if bind {
        bind_opts.insert("create_host_path".into(), J::Bool(true));
        m.insert("bind".into(), J::Object(bind_opts));
    } else {
        m.insert("volume".into(), json!({}));
    }
    J::Object(m)
}

/// One `env_file` of a service, read: its absolute path, and its
/// variables in file order, or why it could not be read (`None` for an
/// optional file that does not exist).
#[derive(Debug, Clone)]
pub struct EnvFile {
    pub path: String,
    pub vars: Result<Option<Vec<(String, String)>>, String>,
}

/// The service's `env_file`s, each read on its own (the converter keeps
/// them apart from `environment`: they become a ConfigMap). Substitutions
/// in a file see the project environment, as compose does.
pub fn env_files(project: &Project, svc: &Node) -> Vec<EnvFile> {
    let Some(value) = svc.get("env_file").map(Node::to_json) else {
        return Vec::new();
    };
    let files: Vec<(String, bool)> = match value {
        J::String(p) => vec![(p, true)],
        J::Array(items) => items
            .iter()
            .filter_map(|i| match i {
                J::String(p) => Some((p.clone(), true)),
                J::Object(m) => Some((
                    m.get("path")?.as_str()?.to_string(),
                    m.get("required").and_then(J::as_bool).unwrap_or(true),
                )),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    files
        .into_iter()
        .map(|(path, required)| {
            let vars = match std::fs::read_to_string(&path) {
                Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => Ok(None),
                Err(e) => Err(format!("env_file `{path}`: {e}")),
                Ok(text) => crate::dotenv::parse(&text, &project.environment)
                    // Sorted by key: the order a ConfigMap's data has.
                    .map(|vars| Some(vars.into_iter().collect()))
                    .map_err(|e| format!("env_file `{path}` line {}: {}", e.line, e.message)),
            };
            EnvFile { path, vars }
        })
        .collect()
}

/// `env_file` contents under `environment`; a bare `KEY` takes the
/// project environment's value, or stays `null`.
fn environment(project: &Project, svc: &Node, env: Option<J>) -> Map<String, J> {
    let mut out: BTreeMap<String, J> = BTreeMap::new();
    // compose refuses a required file it cannot read; the differential
    // test compares projects it loads, so an unreadable one adds nothing.
    for f in env_files(project, svc) {
        if let Ok(Some(vars)) = f.vars {
            for (k, v) in vars {
                out.insert(k, J::String(v));
            }
        }
    }
    if let Some(J::Object(m)) = env {
        for (k, v) in m {
            let v = match v {
                J::Null => project
                    .environment
                    .get(&k)
                    .map_or(J::Null, |s| J::String(s.clone())),
                J::String(s) => J::String(s),
                other => J::String(other.to_string()),
            };
            out.insert(k, v);
        }
    }
    out.into_iter().collect()
}
