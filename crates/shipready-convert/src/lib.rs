//! `shipready convert`: Compose → production-grade Kubernetes (issue #12).
//! [`convert`] takes a loaded Compose project and returns the objects and
//! a [`Summary`] of what was mapped, defaulted and dropped, with every
//! problem at its service and line; [`write`] lays the objects out as
//! plain YAML, one file per object, a Kustomize base or a Helm chart.
//! Each Compose concept is its own module:
//!
//! - [`availability`]: PodDisruptionBudget, topology spread, autoscaler;
//! - [`command`]: `entrypoint` → `command`, `command` → `args`;
//! - [`deploy`]: replicas, rollouts and placement;
//! - [`depends`]: `depends_on` with `service_healthy` as a wait in an init
//!   container;
//! - [`environment`]: `env`, with credentials moved to a Secret;
//! - [`expose`]: Service and Ingress;
//! - [`files`]: single-file binds, `configs:` and `secrets:` as mounted
//!   keys of ConfigMaps and Secrets;
//! - [`image`]: the image reference, `--registry` for built ones;
//! - [`kind`]: which workload a service becomes;
//! - [`names`]: Compose names as RFC 1123 labels, with the reason when
//!   one had to change;
//! - [`networks`]: Compose networks as NetworkPolicies;
//! - [`ports`]: `ports` and `expose` as Service ports, ranges refused;
//! - [`probes`]: a healthcheck as readiness, liveness and startup probes;
//! - [`resources`]: requests and limits, with marked defaults;
//! - [`security`]: the strict container security context, Compose's
//!   `user:` (resolved in the image's `/etc/passwd`) and `cap_add`;
//! - [`storage`]: named volumes as PersistentVolumeClaims;
//! - [`unmapped`]: keys with no equivalent, with the reason;
//! - [`volumes`]: mounts told apart (PVC, emptyDir, ConfigMap, dropped);
//! - [`workload`]: the pod template in its workload.

pub mod availability;
pub mod command;
pub mod depends;
pub mod deploy;
pub mod environment;
pub mod expose;
pub mod files;
pub mod image;
pub mod kind;
pub mod names;
pub mod networks;
pub mod object;
pub mod options;
pub mod ports;
pub mod probes;
pub mod resources;
pub mod security;
mod service;
pub mod storage;
pub mod summary;
pub mod unmapped;
pub mod volumes;
pub mod workload;
pub mod write;

pub use object::Object;
pub use options::{ImageFacts, Options};
pub use service::{DEFAULTED_PROBES, DEFAULTED_REPLICAS, DEFAULT_REPLICAS};
pub use summary::{Entry, Issue, Level, ServiceOutcome, Summary};

use k8s_openapi::api::core::v1::Namespace;
use shipready_compose::{Project, WarningKind};
use shipready_diagnostics::LineIndex;
use std::collections::{BTreeMap, BTreeSet};

/// The objects of a project and what the conversion says about them.
#[derive(Debug, Clone, Default)]
pub struct Conversion {
    /// In apply order (see [`Object::rank`]), then by name.
    pub objects: Vec<Object>,
    pub summary: Summary,
}

/// Capabilities the `restricted` Pod Security Standard allows to add.
const RESTRICTED_ADDS: &[&str] = &["NET_BIND_SERVICE"];

/// Converts every service of `project`. With errors in the summary the
/// objects are incomplete and must not be written.
pub fn convert(project: &Project, opts: &Options) -> Conversion {
    let mut summary = Summary {
        project: project.name.clone(),
        ..Summary::default()
    };
    for w in &project.invalid {
        summary.error(None, w.span, format!("invalid Compose: {}", w.message));
    }
    for w in &project.warnings {
        if let WarningKind::UnsetVariable(v) = &w.kind {
            summary.error(None, w.span, format!("${{{v}}} is not set: the manifests would carry an empty value; set it in the environment or the project's .env"));
        }
    }
    let part_of = names::label(&project.name).map_or_else(|| "app".to_string(), |l| l.name);
    let namespace = match &opts.namespace {
        Some(n) => match names::label(n) {
            Some(l) if l.changed.is_none() => n.clone(),
            _ => {
                summary.error(None, None, format!("--namespace `{n}` is not a DNS label (lower case letters, digits and `-`, at most 63)"));
                n.clone()
            }
        },
        None => part_of.clone(),
    };
    summary.namespace = namespace.clone();

    // Names first: dependencies and policies refer to each other's.
    let mut dns: BTreeMap<String, String> = BTreeMap::new();
    let mut taken: BTreeMap<String, String> = BTreeMap::new();
    let services: Vec<(String, &shipready_yaml::Node, shipready_diagnostics::Span)> = project
        .services()
        .filter_map(|(k, v)| Some((k.key_text()?, v, k.span)))
        .collect();
    for (compose, _, span) in &services {
        match names::label(compose) {
            None => summary.error(
                Some(compose),
                Some(*span),
                format!(
                    "service name `{compose}` has nothing a DNS label can keep; rename the service"
                ),
            ),
            Some(l) => {
                if let Some(why) = &l.changed {
                    summary.warn(
                        Some(compose),
                        Some(*span),
                        format!("{why}; other services must use the new name as the host name"),
                    );
                }
                if let Some(other) = taken.insert(l.name.clone(), compose.clone()) {
                    summary.error(
                        Some(compose),
                        Some(*span),
                        format!(
                            "services `{other}` and `{compose}` both become `{}`; rename one",
                            l.name
                        ),
                    );
                }
                dns.insert(compose.clone(), l.name);
            }
        }
    }
    let mut first_port = BTreeMap::new();
    for (compose, svc, _) in &services {
        let (mut p, _) = ports::from_service(svc);
        if p.is_empty() {
            let reference = dns
                .get(compose)
                .and_then(|d| image::of_service(svc, d, opts.registry.as_deref(), &opts.tag).ok())
                .map(|i| i.reference)
                .unwrap_or_default();
            let exposed = opts
                .images
                .get(&reference)
                .map(|f| f.exposed_ports.as_slice());
            p = ports::implied(&reference, exposed)
                .map(|(p, _)| p)
                .unwrap_or_default();
        }
        if let (Some(name), Some(sp)) = (dns.get(compose), ports::service_ports(&p).first()) {
            first_port.insert(name.clone(), sp.port);
        }
    }
    let ctx = service::Context {
        project,
        opts,
        namespace: namespace.clone(),
        part_of: part_of.clone(),
        names: dns.clone(),
        first_port,
    };
    let mut objects = Vec::new();
    let mut nets = BTreeMap::new();
    let mut published = BTreeSet::new();
    for (compose, svc, span) in &services {
        let Some(c) = service::convert(&ctx, compose, *span, svc, &mut summary) else {
            continue;
        };
        let name = dns[compose].clone();
        if c.published {
            published.insert(name.clone());
        }
        nets.insert(name.clone(), networks::networks_of(svc));
        summary.services.push(ServiceOutcome {
            compose: compose.clone(),
            name,
            workload: c.workload,
            objects: c.objects.iter().map(Object::id).collect(),
        });
        objects.extend(c.objects);
    }
    for mut p in networks::policies(&nets, &published, Some(&namespace)) {
        let name = p.metadata.name.clone().unwrap_or_default();
        p.metadata = object::meta(&name, &namespace, &part_of, Some(&name));
        if let Some(s) = summary.services.iter_mut().find(|s| s.name == name) {
            s.objects.push(format!("NetworkPolicy/{name}"));
        }
        objects.push(Object::of(&name, &p));
    }
    objects.push(Object::of(
        &namespace,
        &namespace_object(&namespace, &part_of, &objects),
    ));
    objects.sort_by(|a, b| (a.rank(), &a.name).cmp(&(b.rank(), &b.name)));
    for pair in objects.windows(2) {
        if pair[0].kind == pair[1].kind && pair[0].name == pair[1].name {
            summary.error(
                None,
                None,
                format!(
                    "two objects are named {}: rename a service, volume, config or secret",
                    pair[0].id()
                ),
            );
        }
    }
    locate(project, &mut summary);
    relative_paths(project, &mut summary);
    Conversion { objects, summary }
}

/// The namespace, with the strictest Pod Security Standard its pods meet:
/// `restricted` unless a container adds a capability it does not allow.
fn namespace_object(name: &str, part_of: &str, objects: &[Object]) -> Namespace {
    let adds_more = objects.iter().any(|o| {
        let mut stack = vec![&o.value];
        while let Some(v) = stack.pop() {
            match v {
                serde_json::Value::Object(m) => {
                    if let Some(serde_json::Value::Array(adds)) = m.get("add") {
                        if adds
                            .iter()
                            .any(|a| a.as_str().is_some_and(|a| !RESTRICTED_ADDS.contains(&a)))
                        {
                            return true;
                        }
                    }
                    stack.extend(m.values());
                }
                serde_json::Value::Array(a) => stack.extend(a),
                _ => {}
            }
        }
        false
    });
    let level = if adds_more { "baseline" } else { "restricted" };
    let mut meta = object::meta(name, name, part_of, None);
    meta.namespace = None;
    if let Some(l) = meta.labels.as_mut() {
        l.insert("pod-security.kubernetes.io/enforce".into(), level.into());
        l.insert(
            "pod-security.kubernetes.io/warn".into(),
            "restricted".into(),
        );
    }
    Namespace {
        metadata: meta,
        ..Namespace::default()
    }
}

/// A file as the summary names it: relative to the current directory
/// when it is under it.
fn shown(cwd: Option<&std::path::Path>, path: &std::path::Path, name: &str) -> String {
    cwd.and_then(|cwd| path.strip_prefix(cwd).ok())
        .map_or_else(|| name.to_string(), |p| p.display().to_string())
}

/// Fills each issue's file and line from its span.
fn locate(project: &Project, summary: &mut Summary) {
    let mut lines: BTreeMap<usize, LineIndex> = BTreeMap::new();
    let cwd = std::env::current_dir().ok();
    for issue in &mut summary.issues {
        let Some(span) = issue.span else { continue };
        let Some((i, local)) = project.sources.locate_index(span) else {
            continue;
        };
        let src = &project.sources.files[i];
        let idx = lines.entry(i).or_insert_with(|| LineIndex::new(&src.text));
        issue.file = Some(shown(cwd.as_deref(), &src.path, &src.name));
        issue.line = Some(idx.line_col(&src.text, local.start).line);
    }
}

/// The loader makes every path absolute; the summary shows those under
/// the project directory as `./…`, as the Compose file wrote them, so it
/// reads the same on every machine.
fn relative_paths(project: &Project, summary: &mut Summary) {
    let dir = format!("{}/", project.dir.display());
    if dir == "/" {
        return;
    }
    let fix = |s: &mut String| {
        if s.contains(&dir) {
            *s = s.replace(&dir, "./");
        }
    };
    for i in &mut summary.issues {
        fix(&mut i.message);
    }
    for e in summary
        .mapped
        .iter_mut()
        .chain(summary.defaulted.iter_mut())
        .chain(summary.dropped.iter_mut())
    {
        fix(&mut e.item);
        fix(&mut e.detail);
    }
}

/// A YAML snippet as the node the mappings read, for the modules' tests.
#[cfg(test)]
pub(crate) fn yaml(text: &str) -> shipready_yaml::Node {
    shipready_yaml::parse_stream(text, &shipready_yaml::Limits::default())
        .expect("yaml")
        .remove(0)
        .root
}
