//! A service's environment as container `env`: plain values inline, and
//! every value that looks like a credential (by its name, `*_PASSWORD`,
//! `*_TOKEN`, …, or by its value, a known token format; the lint rules'
//! one list) moved to a Secret and read with `secretKeyRef`, never left
//! in plaintext in the Deployment or a ConfigMap. Each moved key comes
//! back with the reason, for the conversion's warning: the Secret is still
//! committed with the manifests until it moves to a secret manager.

use k8s_openapi::api::core::v1::{EnvVar, EnvVarSource, SecretKeySelector};
use shipready_lint::rules::common::secrets::{looks_like_secret_name, looks_like_secret_value};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Environment {
    /// The container's `env`, in the order given.
    pub env: Vec<EnvVar>,
    /// The Secret's data, by key.
    pub secret: BTreeMap<String, String>,
    /// `(key, why)` for each key moved to the Secret.
    pub moved: Vec<(String, String)>,
}

/// `vars` as the service's resolved environment (name, value); the
/// secrets go to the Secret named `secret_name`.
pub fn split(vars: &[(String, String)], secret_name: &str) -> Environment {
    let mut out = Environment::default();
    for (name, value) in vars {
        let why = looks_like_secret_value(value)
            .map(|what| format!("its value is {what}"))
            .or_else(|| {
                looks_like_secret_name(name).then(|| "its name says it is a credential".to_string())
            });
        match why {
            Some(why) if !value.is_empty() => {
                out.secret.insert(name.clone(), value.clone());
                out.moved.push((name.clone(), why));
                out.env.push(EnvVar {
                    name: name.clone(),
                    value_from: Some(EnvVarSource {
                        secret_key_ref: Some(SecretKeySelector {
                            name: secret_name.to_string(),
                            key: name.clone(),
                            ..SecretKeySelector::default()
                        }),
                        ..EnvVarSource::default()
                    }),
                    ..EnvVar::default()
                });
            }
            _ => out.env.push(EnvVar {
                name: name.clone(),
                value: Some(value.clone()),
                ..EnvVar::default()
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn credentials_move_to_the_secret_and_the_rest_stays_inline() {
        let e = split(
            &vars(&[
                ("DATABASE_HOST", "db"),
                ("POSTGRES_PASSWORD", "hunter2"),
                ("PAYMENT", "sk_live_EXAMPLE0not0a0real0key"),
                ("POSTGRES_PASSWORD_FILE", "/run/secrets/pg"),
                ("EMPTY_TOKEN", ""),
            ]),
            "api-env",
        );
        let inline: Vec<(&str, Option<&str>)> = e
            .env
            .iter()
            .map(|v| (v.name.as_str(), v.value.as_deref()))
            .collect();
        assert_eq!(
            inline,
            [
                ("DATABASE_HOST", Some("db")),
                ("POSTGRES_PASSWORD", None),
                ("PAYMENT", None),
                ("POSTGRES_PASSWORD_FILE", Some("/run/secrets/pg")),
                ("EMPTY_TOKEN", Some("")),
            ]
        );
        let r = e.env[1]
            .value_from
            .as_ref()
            .unwrap()
            .secret_key_ref
            .as_ref()
            .unwrap();
        assert_eq!(
            (r.name.as_str(), r.key.as_str()),
            ("api-env", "POSTGRES_PASSWORD")
        );
        assert_eq!(
            e.secret.keys().collect::<Vec<_>>(),
            ["PAYMENT", "POSTGRES_PASSWORD"]
        );
        assert_eq!(e.moved[0].1, "its name says it is a credential");
        assert!(e.moved[1].1.starts_with("its value is"), "{:?}", e.moved);
    }
}
