//! The security context every converted container gets, stricter than
//! Compose's defaults: non-root, no privilege escalation, a read-only root
//! filesystem (the caller mounts an emptyDir at `/tmp`), every capability
//! dropped except those `cap_add` asks for, and the runtime's seccomp
//! profile. `privileged: true` is not carried over; the caller warns.

use crate::options::ImageFacts;
use k8s_openapi::api::core::v1::{Capabilities, SeccompProfile, SecurityContext};
use shipready_yaml::{Node, Value};

/// Who a Compose `user:` says the process is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum User {
    /// Not set: the image decides (`runAsNonRoot` makes the kubelet refuse
    /// root).
    Unset,
    /// `1000` or `1000:1000`.
    Numeric { uid: i64, gid: Option<i64> },
    /// `app` or `app:app`: only the image's `/etc/passwd` knows the UID.
    Named(String),
    /// `0` or `root`: a root process cannot be made non-root by a flag.
    Root,
}

pub fn user(svc: &Node) -> User {
    user_of_text(&svc.get("user").and_then(Node::key_text).unwrap_or_default())
}

/// A `user:` or `USER` value read as the Engine reads it.
pub fn user_of_text(text: &str) -> User {
    let text = text.to_string();
    if text.is_empty() {
        return User::Unset;
    }
    let (u, g) = match text.split_once(':') {
        Some((u, g)) => (u.to_string(), Some(g.to_string())),
        None => (text.clone(), None),
    };
    if u == "root" || u == "0" {
        return User::Root;
    }
    match u.parse::<i64>() {
        Ok(uid) if uid > 0 => User::Numeric {
            uid,
            gid: g.and_then(|g| g.parse().ok()),
        },
        _ => User::Named(text),
    }
}

/// Who the container runs as, and where that came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunAs {
    /// `(uid, gid)` for `runAsUser` / `runAsGroup`.
    pub ids: Option<(i64, Option<i64>)>,
    /// `user: 1000`, `the image's /etc/passwd (app)`, …
    pub source: String,
    /// Why the pod may not start under `runAsNonRoot`, when it may not.
    pub warning: Option<String>,
}

fn named(spec: &str, facts: Option<&ImageFacts>, from: &str) -> RunAs {
    let (name, group) = match spec.split_once(':') {
        Some((u, g)) => (u, Some(g)),
        None => (spec, None),
    };
    let Some(facts) = facts.filter(|f| f.passwd.is_some()) else {
        return RunAs {
            ids: None,
            source: format!("{from} `{spec}`"),
            warning: Some(format!("{from} `{spec}` is a name and the image is not available locally to read its /etc/passwd: the kubelet refuses a non-numeric user under runAsNonRoot; set a numeric `user:` (or pull the image and convert again)")),
        };
    };
    match facts.lookup(name) {
        Some((0, _)) => RunAs {
            ids: None,
            source: format!("{from} `{spec}`"),
            warning: Some(format!("{from} `{spec}` is UID 0 in the image's /etc/passwd: runAsNonRoot stops the pod from starting; run as a non-root user")),
        },
        Some((uid, primary)) => {
            let gid = match group {
                Some(g) => g.parse().ok().or_else(|| facts.group_id(g)),
                None => Some(primary),
            };
            RunAs {
                ids: Some((uid, gid)),
                source: format!("{from} `{spec}`, UID {uid} in the image's /etc/passwd"),
                warning: None,
            }
        }
        None => RunAs {
            ids: None,
            source: format!("{from} `{spec}`"),
            warning: Some(format!("{from} `{spec}` is not in the image's /etc/passwd: the container would not start; use a user the image defines")),
        },
    }
}

/// Resolves Compose's `user:` (else the image's own `USER`) to numeric
/// IDs: a number is taken as it is, a name is looked up in the image's
/// `/etc/passwd` when the caller could read the image (no other
/// converter does; the kubelet cannot check a name against
/// `runAsNonRoot`).
pub fn run_as(compose: &User, facts: Option<&ImageFacts>) -> RunAs {
    match compose {
        User::Numeric { uid, gid } => RunAs {
            ids: Some((*uid, *gid)),
            source: format!("user: {uid}"),
            warning: None,
        },
        User::Root => RunAs {
            ids: None,
            source: "user: root".into(),
            warning: Some("`user:` is root: runAsNonRoot stops the pod from starting; run as a non-root UID (the image must allow it)".into()),
        },
        User::Named(spec) => named(spec, facts, "user:"),
        User::Unset => match facts {
            None => RunAs {
                ids: None,
                source: "the image's USER (not read: the image is not available locally)".into(),
                warning: None,
            },
            Some(f) => match user_of_text(&f.user) {
                User::Unset | User::Root => RunAs {
                    ids: None,
                    source: "the image's USER".into(),
                    warning: Some("the image runs as root (no USER, or USER 0): runAsNonRoot stops the pod from starting; add `USER 10001` to the Dockerfile or set a numeric `user:`".into()),
                },
                User::Numeric { uid, gid } => RunAs {
                    ids: Some((uid, gid)),
                    source: format!("the image's USER {uid}"),
                    warning: None,
                },
                User::Named(spec) => named(&spec, Some(f), "the image's USER"),
            },
        },
    }
}

/// `cap_add` as Kubernetes capability names (`CAP_NET_BIND_SERVICE` →
/// `NET_BIND_SERVICE`); `ALL` is refused.
pub fn cap_add(svc: &Node) -> Result<Vec<String>, String> {
    let Some(Value::Seq(items)) = svc.get("cap_add").map(|n| &n.value) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for i in items {
        let Some(c) = i.key_text() else { continue };
        let c = c.to_ascii_uppercase();
        let c = c.strip_prefix("CAP_").unwrap_or(&c).to_string();
        if c == "ALL" {
            return Err(
                "cap_add: ALL gives every capability; name the ones the service needs".into(),
            );
        }
        if !out.contains(&c) {
            out.push(c);
        }
    }
    Ok(out)
}

/// The container's security context. `uid` comes from [`user`] (or, when
/// the caller could read it, from the image).
pub fn context(uid: Option<(i64, Option<i64>)>, caps: Vec<String>) -> SecurityContext {
    SecurityContext {
        run_as_non_root: Some(true),
        run_as_user: uid.map(|u| u.0),
        run_as_group: uid.and_then(|u| u.1),
        allow_privilege_escalation: Some(false),
        read_only_root_filesystem: Some(true),
        capabilities: Some(Capabilities {
            drop: Some(vec!["ALL".to_string()]),
            add: (!caps.is_empty()).then_some(caps),
        }),
        seccomp_profile: Some(SeccompProfile {
            type_: "RuntimeDefault".to_string(),
            ..SeccompProfile::default()
        }),
        ..SecurityContext::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn svc(yaml: &str) -> Node {
        crate::yaml(yaml)
    }

    #[test]
    fn compose_users_are_read_as_the_engine_does() {
        assert_eq!(user(&svc("image: a\n")), User::Unset);
        assert_eq!(
            user(&svc("user: \"1000\"\n")),
            User::Numeric {
                uid: 1000,
                gid: None
            }
        );
        assert_eq!(
            user(&svc("user: 1000\n")),
            User::Numeric {
                uid: 1000,
                gid: None
            }
        );
        assert_eq!(
            user(&svc("user: 1000:2000\n")),
            User::Numeric {
                uid: 1000,
                gid: Some(2000)
            }
        );
        assert_eq!(user(&svc("user: app\n")), User::Named("app".into()));
        assert_eq!(user(&svc("user: root\n")), User::Root);
        assert_eq!(user(&svc("user: \"0:0\"\n")), User::Root);
    }

    #[test]
    fn the_context_is_strict_and_keeps_what_cap_add_asks() {
        let caps = cap_add(&svc(
            "cap_add: [CAP_NET_BIND_SERVICE, chown, NET_BIND_SERVICE]\n",
        ))
        .unwrap();
        assert_eq!(caps, ["NET_BIND_SERVICE", "CHOWN"]);
        let c = context(Some((1000, Some(1000))), caps);
        assert_eq!(c.run_as_non_root, Some(true));
        assert_eq!(c.run_as_user, Some(1000));
        assert_eq!(c.allow_privilege_escalation, Some(false));
        assert_eq!(c.read_only_root_filesystem, Some(true));
        let caps = c.capabilities.unwrap();
        assert_eq!(caps.drop.unwrap(), ["ALL"]);
        assert_eq!(caps.add.unwrap(), ["NET_BIND_SERVICE", "CHOWN"]);
        assert_eq!(c.seccomp_profile.unwrap().type_, "RuntimeDefault");
        assert!(cap_add(&svc("cap_add: [ALL]\n")).is_err());
        assert!(context(None, Vec::new())
            .capabilities
            .unwrap()
            .add
            .is_none());
    }

    #[test]
    fn names_are_resolved_from_the_images_passwd() {
        let facts = ImageFacts {
            user: "node".into(),
            passwd: Some(
                "root:x:0:0::/root:/bin/sh\nnode:x:1000:1000::/home/node:/bin/sh\n".into(),
            ),
            group: Some("staff:x:50:\n".into()),
            exposed_ports: Vec::new(),
        };
        let r = run_as(&User::Unset, Some(&facts));
        assert_eq!(r.ids, Some((1000, Some(1000))));
        assert!(r.warning.is_none());
        let r = run_as(&User::Named("node:staff".into()), Some(&facts));
        assert_eq!(r.ids, Some((1000, Some(50))));
        let r = run_as(&User::Named("root".into()), Some(&facts));
        assert!(r.warning.unwrap().contains("UID 0"));
        let r = run_as(&User::Named("ghost".into()), Some(&facts));
        assert!(r.warning.unwrap().contains("not in the image"));
        // Without the image, a name cannot be checked.
        let r = run_as(&User::Named("node".into()), None);
        assert!(r.ids.is_none());
        assert!(r.warning.unwrap().contains("non-numeric"));
        // An image without USER runs as root.
        let root = ImageFacts::default();
        assert!(run_as(&User::Unset, Some(&root))
            .warning
            .unwrap()
            .contains("root"));
        assert!(run_as(&User::Unset, None).warning.is_none());
        assert_eq!(
            run_as(&User::Numeric { uid: 5, gid: None }, None).ids,
            Some((5, None))
        );
    }
}
