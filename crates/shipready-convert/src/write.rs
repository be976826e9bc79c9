//! The objects laid out for a reviewer and for a tool:
//!
//! - plain YAML: one multi-document stream, or one file per object
//!   (`<name>-<kind>.yaml`);
//! - a Kustomize base: the files and a `kustomization.yaml` listing them;
//! - a Helm chart: `Chart.yaml`, `values.yaml` (namespace, and each
//!   service's image and replicas) and one template per object, whose
//!   `helm template` with the default values is the plain output.
//!
//! A directory is written only when it is empty or was written by an
//! earlier conversion (it holds [`MARKER`], the list of files written):
//! files of the earlier run that this one no longer makes are removed, so
//! `kubectl apply -f DIR` never applies a deleted service; a directory of
//! anything else is refused, never overwritten.

use crate::object::Object;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The file that marks a directory as a conversion's output.
pub const MARKER: &str = ".shipready-convert";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    Yaml,
    Kustomize,
    Helm,
}

fn to_yaml(v: &Value) -> String {
    // Serialising a JSON value to YAML cannot fail: every key is a string.
    serde_yaml_ng::to_string(v).unwrap_or_default()
}

/// Every object as one multi-document YAML stream.
pub fn stream(objects: &[Object]) -> String {
    objects
        .iter()
        .map(|o| to_yaml(&o.value))
        .collect::<Vec<_>>()
        .join("---\n")
}

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{0}: the directory holds files shipready did not write; choose an empty directory (nothing was written)")]
    NotOurs(PathBuf),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> WriteError + '_ {
    move |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Writes `files` (relative path → text) under `dir` as described above.
fn write_files(dir: &Path, files: &BTreeMap<String, String>) -> Result<Vec<PathBuf>, WriteError> {
    let marker = dir.join(MARKER);
    let previous: Vec<String> = match std::fs::read_to_string(&marker) {
        Ok(t) => t.lines().map(str::to_string).collect(),
        Err(_) => {
            let non_empty = std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_some());
            if non_empty {
                return Err(WriteError::NotOurs(dir.to_path_buf()));
            }
            Vec::new()
        }
    };
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    for old in &previous {
        // Only plain relative names the marker lists; never a path out
        // of the directory.
        let safe = !old.is_empty()
            && Path::new(old)
                .components()
                .all(|c| matches!(c, std::path::Component::Normal(_)));
        if safe && !files.contains_key(old) {
            let p = dir.join(old);
            if p.is_file() {
                std::fs::remove_file(&p).map_err(io(&p))?;
            }
        }
    }
    let mut written = Vec::new();
    for (rel, text) in files {
        let p = dir.join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        std::fs::write(&p, text).map_err(io(&p))?;
        written.push(p);
    }
    let list: String = files.keys().map(|k| format!("{k}\n")).collect();
    std::fs::write(&marker, list).map_err(io(&marker))?;
    Ok(written)
}

/// One file per object.
pub fn files(objects: &[Object]) -> BTreeMap<String, String> {
    objects
        .iter()
        .map(|o| (o.file_name(), to_yaml(&o.value)))
        .collect()
}

/// The files of a Kustomize base.
pub fn kustomize(objects: &[Object]) -> BTreeMap<String, String> {
    let mut out = files(objects);
    let resources: Vec<Value> = objects
        .iter()
        .map(|o| Value::String(o.file_name()))
        .collect();
    let k = serde_json::json!({
        "apiVersion": "kustomize.config.k8s.io/v1beta1",
        "kind": "Kustomization",
        "resources": resources,
    });
    out.insert("kustomization.yaml".into(), to_yaml(&k));
    out
}

/// What the chart makes a value of, as placeholders in the objects
/// before they are written and the template expressions after.
struct Holes {
    /// placeholder → template expression
    exprs: Vec<(String, String)>,
    values: Value,
}

fn placeholder(what: &str, service: &str) -> String {
    format!("__shipready_{what}_{service}__")
}

/// The pod spec of a workload object, when it is one.
fn pod_spec(v: &mut Value) -> Option<&mut Value> {
    let kind = v.get("kind")?.as_str()?.to_string();
    let spec = v.get_mut("spec")?;
    let spec = if kind == "CronJob" {
        spec.get_mut("jobTemplate")?.get_mut("spec")?
    } else {
        spec
    };
    spec.get_mut("template")?.get_mut("spec")
}

fn chart_objects(objects: &[Object], namespace: &str) -> (Vec<(Object, String)>, Holes) {
    let mut holes = Holes {
        exprs: vec![(
            "__shipready_namespace__".into(),
            "{{ .Values.namespace }}".into(),
        )],
        values: serde_json::json!({ "namespace": namespace, "createNamespace": true, "services": {} }),
    };
    let mut out = Vec::new();
    for o in objects {
        let mut v = o.value.clone();
        if o.kind == "Namespace" {
            if let Some(m) = v.get_mut("metadata") {
                m["name"] = Value::String("__shipready_namespace__".into());
            }
        } else if let Some(m) = v.get_mut("metadata").and_then(Value::as_object_mut) {
            if m.contains_key("namespace") {
                m.insert(
                    "namespace".into(),
                    Value::String("__shipready_namespace__".into()),
                );
            }
        }
        let name = o.name.clone();
        let mut service_values = serde_json::Map::new();
        if let Some(Value::Number(n)) = v.get("spec").and_then(|s| s.get("replicas")).cloned() {
            if matches!(o.kind.as_str(), "Deployment" | "StatefulSet") {
                v["spec"]["replicas"] = Value::String(placeholder("replicas", &name));
                holes.exprs.push((
                    placeholder("replicas", &name),
                    format!("{{{{ (index .Values.services \"{name}\").replicas }}}}"),
                ));
                service_values.insert("replicas".into(), Value::Number(n));
            }
        }
        if let Some(spec) = pod_spec(&mut v) {
            if let Some(Value::Array(cs)) = spec.get_mut("containers") {
                for c in cs.iter_mut() {
                    if c.get("name").and_then(Value::as_str) != Some(name.as_str()) {
                        continue;
                    }
                    if let Some(Value::String(image)) = c.get("image").cloned() {
                        c["image"] = Value::String(placeholder("image", &name));
                        holes.exprs.push((
                            placeholder("image", &name),
                            format!("{{{{ (index .Values.services \"{name}\").image | quote }}}}"),
                        ));
                        service_values.insert("image".into(), Value::String(image));
                    }
                }
            }
        }
        if !service_values.is_empty() {
            holes.values["services"][&name] = Value::Object(service_values);
        }
        out.push((o.clone(), to_yaml(&v)));
    }
    (out, holes)
}

/// The files of a Helm chart named `chart`.
pub fn helm(
    objects: &[Object],
    namespace: &str,
    chart: &str,
    app_version: &str,
) -> BTreeMap<String, String> {
    let (templated, holes) = chart_objects(objects, namespace);
    let mut out = BTreeMap::new();
    for (o, mut text) in templated {
        for (hole, expr) in &holes.exprs {
            text = text.replace(hole, expr);
        }
        if o.kind == "Namespace" {
            text = format!("{{{{- if .Values.createNamespace }}}}\n{text}{{{{- end }}}}\n");
        }
        out.insert(format!("templates/{}", o.file_name()), text);
    }
    let chart_yaml = serde_json::json!({
        "apiVersion": "v2",
        "name": chart,
        "description": format!("{chart}, converted from Compose by shipready"),
        "type": "application",
        "version": "0.1.0",
        "appVersion": app_version,
    });
    out.insert("Chart.yaml".into(), to_yaml(&chart_yaml));
    out.insert(
        "values.yaml".into(),
        format!(
            "# The namespace every object goes to, the images and the replica counts.\n# `createNamespace: false` when the namespace exists already.\n{}",
            to_yaml(&holes.values)
        ),
    );
    out
}

/// Writes `layout` to `dir`.
pub fn write(
    layout: Layout,
    objects: &[Object],
    dir: &Path,
    namespace: &str,
    chart: &str,
    app_version: &str,
) -> Result<Vec<PathBuf>, WriteError> {
    let files = match layout {
        Layout::Yaml => files(objects),
        Layout::Kustomize => kustomize(objects),
        Layout::Helm => helm(objects, namespace, chart, app_version),
    };
    write_files(dir, &files)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn objects() -> Vec<Object> {
        vec![
            Object {
                kind: "Namespace".into(),
                name: "shop".into(),
                value: serde_json::json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "shop"}}),
            },
            Object {
                kind: "Deployment".into(),
                name: "web".into(),
                value: serde_json::json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "shop"},
                    "spec": {"replicas": 2, "template": {"spec": {"containers": [{"name": "web", "image": "nginx:1.27"}]}}}}),
            },
        ]
    }

    #[test]
    fn the_chart_makes_values_of_namespace_images_and_replicas() {
        let files = helm(&objects(), "shop", "shop", "v1");
        let d = &files["templates/web-deployment.yaml"];
        assert!(d.contains("namespace: {{ .Values.namespace }}"), "{d}");
        assert!(
            d.contains("image: {{ (index .Values.services \"web\").image | quote }}"),
            "{d}"
        );
        assert!(
            d.contains("replicas: {{ (index .Values.services \"web\").replicas }}"),
            "{d}"
        );
        let values = &files["values.yaml"];
        assert!(
            values.contains("image: nginx:1.27") && values.contains("replicas: 2"),
            "{values}"
        );
        assert!(
            files["templates/shop-namespace.yaml"].starts_with("{{- if .Values.createNamespace }}")
        );
    }

    #[test]
    fn directories_of_other_files_are_refused_and_stale_files_removed() {
        let dir = std::env::temp_dir().join(format!("shipready-write-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("notes.txt"), "mine").unwrap();
        assert!(matches!(
            write(Layout::Yaml, &objects(), &dir, "shop", "shop", "v1"),
            Err(WriteError::NotOurs(_))
        ));
        assert_eq!(
            std::fs::read_to_string(dir.join("notes.txt")).unwrap(),
            "mine"
        );
        std::fs::remove_file(dir.join("notes.txt")).unwrap();
        let written = write(Layout::Yaml, &objects(), &dir, "shop", "shop", "v1").unwrap();
        assert_eq!(written.len(), 2);
        // A second run without the Deployment removes its file.
        write(Layout::Yaml, &objects()[..1], &dir, "shop", "shop", "v1").unwrap();
        assert!(!dir.join("web-deployment.yaml").exists());
        assert!(dir.join("shop-namespace.yaml").exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn kustomize_lists_every_file() {
        let files = kustomize(&objects());
        let k = &files["kustomization.yaml"];
        assert!(
            k.contains("- shop-namespace.yaml") && k.contains("- web-deployment.yaml"),
            "{k}"
        );
    }
}
