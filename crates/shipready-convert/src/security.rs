//! The security context every converted container gets, stricter than
//! Compose's defaults: non-root, no privilege escalation, a read-only root
//! filesystem (the caller mounts an emptyDir at `/tmp`), every capability
//! dropped except those `cap_add` asks for, and the runtime's seccomp
//! profile. `privileged: true` is not carried over; the caller warns.

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
    let Some(text) = svc
        .get("user")
        .and_then(Node::key_text)
        .filter(|s| !s.is_empty())
    else {
        return User::Unset;
    };
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
}
