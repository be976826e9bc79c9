//! A service's environment: `environment` as `env`, each `env_file` as a
//! ConfigMap read with `envFrom`, and every credential of either moved to
//! the service's Secret (never plaintext in a ConfigMap).

use super::Svc;
use crate::environment;
use crate::object::Object;
use crate::summary::Summary;
use k8s_openapi::api::core::v1::{ConfigMap, ConfigMapEnvSource, EnvFromSource, EnvVar, Secret};
use shipready_compose::Project;
use shipready_yaml::{Node, Value};
use std::collections::BTreeMap;

pub(super) struct Env {
    pub vars: Vec<EnvVar>,
    pub env_from: Vec<EnvFromSource>,
    pub objects: Vec<Object>,
}

pub(super) fn build(s: &Svc<'_>, summary: &mut Summary) -> Env {
    let (ctx, svc, compose, name) = (s.ctx, s.node, s.compose, s.name.as_str());
    // Environment: env, a Secret for credentials, a ConfigMap for env_file.
    let secret_name = format!("{name}-env");
    let mut vars = Vec::new();
    let mut env_from = Vec::new();
    let mut config_env: BTreeMap<String, String> = BTreeMap::new();
    let mut secret_data: BTreeMap<String, String> = BTreeMap::new();
    for f in shipready_compose::config::env_files(ctx.project, svc) {
        match f.vars {
            Err(e) => s.fail(summary, svc.get("env_file").map(|n| n.span), e),
            Ok(None) => {}
            Ok(Some(fvars)) => {
                let split = environment::split(&fvars, &secret_name);
                for (k, why) in &split.moved {
                    summary.warn(Some(compose), svc.get("env_file").map(|n| n.span), format!("env_file `{}`: {k} moved to Secret `{secret_name}` ({why}); the Secret is still plaintext in the manifests until it moves to a secret manager", f.path));
                }
                secret_data.extend(split.secret);
                for e in split.env {
                    if e.value_from.is_some() {
                        summary.mapped(
                            compose,
                            format!("env {}", e.name),
                            format!("Secret {secret_name}"),
                        );
                        vars.push(e);
                    } else {
                        summary.mapped(
                            compose,
                            format!("env {}", e.name),
                            format!("ConfigMap {name}-env"),
                        );
                        config_env.insert(e.name, e.value.unwrap_or_default());
                    }
                }
            }
        }
    }
    if !config_env.is_empty() {
        env_from.push(EnvFromSource {
            config_map_ref: Some(ConfigMapEnvSource {
                name: format!("{name}-env"),
                optional: None,
            }),
            ..EnvFromSource::default()
        });
    }
    let own = environment::split(
        &environment_vars(ctx.project, svc, compose, summary),
        &secret_name,
    );
    for (k, why) in &own.moved {
        summary.warn(Some(compose), svc.get("environment").map(|n| n.span), format!("environment {k} moved to Secret `{secret_name}` ({why}); the Secret is still plaintext in the manifests until it moves to a secret manager"));
    }
    for e in &own.env {
        summary.mapped(
            compose,
            format!("env {}", e.name),
            if e.value_from.is_some() {
                format!("Secret {secret_name}")
            } else {
                "env".to_string()
            },
        );
    }
    secret_data.extend(own.secret);
    // `environment` wins over `env_file`, as in Compose: drop the file's
    // copy of a key the service sets itself.
    vars.retain(|v| !own.env.iter().any(|o| o.name == v.name));
    vars.extend(own.env);

    let mut objects = Vec::new();
    if !config_env.is_empty() {
        objects.push(Object::of(
            &format!("{name}-env"),
            &ConfigMap {
                metadata: s.meta(&format!("{name}-env")),
                data: Some(config_env),
                ..ConfigMap::default()
            },
        ));
    }
    if !secret_data.is_empty() {
        objects.push(Object::of(
            &secret_name,
            &Secret {
                metadata: s.meta(&secret_name),
                type_: Some("Opaque".into()),
                string_data: Some(secret_data),
                ..Secret::default()
            },
        ));
    }
    Env {
        vars,
        env_from,
        objects,
    }
}

/// The service's `environment:` as (name, value); variables with no
/// value anywhere are reported and left out.
fn environment_vars(
    project: &Project,
    svc: &Node,
    service: &str,
    summary: &mut Summary,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let unset = |k: &str, summary: &mut Summary| {
        summary.dropped(
            service,
            format!("env {k}"),
            "no value in the file or this machine's environment; set it in the workload's env",
        );
    };
    match svc.get("environment").map(|n| &n.value) {
        Some(Value::Map(m)) => {
            for (k, v) in &m.entries {
                let Some(k) = k.key_text() else { continue };
                match (&v.value, v.key_text()) {
                    (Value::Null, _) | (_, None) => match project.environment.get(&k) {
                        Some(val) => out.push((k, val.clone())),
                        None => unset(&k, summary),
                    },
                    (_, Some(val)) => out.push((k, val)),
                }
            }
        }
        Some(Value::Seq(items)) => {
            for i in items {
                let Some(t) = i.key_text() else { continue };
                match t.split_once('=') {
                    Some((k, v)) => out.push((k.to_string(), v.to_string())),
                    None => match project.environment.get(&t) {
                        Some(val) => out.push((t.clone(), val.clone())),
                        None => unset(&t, summary),
                    },
                }
            }
        }
        _ => {}
    }
    out
}
