//! Compose `ports` and `expose` as the ports of a ClusterIP Service, and
//! whether any is published (which asks for a LoadBalancer or an Ingress).
//! Short syntax (`8080:80`, `127.0.0.1:8443:443/tcp`, `80`) and the long
//! form are read; a range (`8000-8010:8000-8010`) is refused with the
//! reason: a Service names each port, and a range usually means a protocol
//! (RTP, FTP passive) that wants host networking, not a Service.

use k8s_openapi::api::core::v1::ServicePort;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use shipready_yaml::{Node, Value};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Port {
    /// The container port.
    pub target: u16,
    /// The host port, when published.
    pub published: Option<u16>,
    /// `TCP`, `UDP` or `SCTP`.
    pub protocol: String,
}

/// A problem with one entry, with the node to point at.
#[derive(Debug, Clone, PartialEq)]
pub struct PortError {
    pub message: String,
    pub span: shipready_diagnostics::Span,
}

fn protocol(p: &str) -> Option<String> {
    let p = p.to_ascii_uppercase();
    matches!(p.as_str(), "TCP" | "UDP" | "SCTP").then_some(p)
}

fn number(s: &str) -> Option<u16> {
    s.parse::<u16>().ok().filter(|p| *p > 0)
}

fn short(text: &str) -> Result<Port, String> {
    let (spec, proto) = match text.rsplit_once('/') {
        Some((s, p)) => (
            s,
            protocol(p).ok_or_else(|| format!("port `{text}`: unknown protocol `{p}`"))?,
        ),
        None => (text, "TCP".to_string()),
    };
    // [ip:][host:]container; an IPv6 address comes in brackets.
    let parts: Vec<&str> = match spec.rfind(']') {
        Some(i) => std::iter::once(&spec[..=i])
            .chain(spec[i + 1..].trim_start_matches(':').split(':'))
            .collect(),
        None => spec.split(':').collect(),
    };
    if parts.iter().any(|p| p.contains('-') && !p.starts_with('[')) {
        return Err(format!("port `{text}` is a range; a Kubernetes Service lists each port by name (publish the ports one by one, or run this service with host networking outside Kubernetes)"));
    }
    let (host, container) = match parts.as_slice() {
        [c] => (None, *c),
        [h, c] => (Some(*h), *c),
        [_ip, h, c] => (Some(*h), *c),
        _ => {
            return Err(format!(
                "port `{text}` is not [ip:][host:]container[/protocol]"
            ))
        }
    };
    let target = number(container)
        .ok_or_else(|| format!("port `{text}`: `{container}` is not a port number"))?;
    let published = match host {
        None | Some("") => None,
        Some(h) => {
            Some(number(h).ok_or_else(|| format!("port `{text}`: `{h}` is not a port number"))?)
        }
    };
    Ok(Port {
        target,
        published,
        protocol: proto,
    })
}

fn long(m: &Node) -> Result<Port, String> {
    let text = |k: &str| m.get(k).and_then(Node::key_text);
    let target = text("target")
        .and_then(|t| number(&t))
        .ok_or("a long-form port needs a numeric `target`")?;
    let published = match text("published") {
        None => None,
        Some(p) if p.contains('-') => {
            return Err(format!(
                "published `{p}` is a range; a Service lists each port by name"
            ))
        }
        Some(p) => Some(number(&p).ok_or_else(|| format!("published `{p}` is not a port number"))?),
    };
    let proto = match text("protocol") {
        None => "TCP".to_string(),
        Some(p) => protocol(&p).ok_or_else(|| format!("unknown protocol `{p}`"))?,
    };
    Ok(Port {
        target,
        published,
        protocol: proto,
    })
}

/// The service's ports, `ports` then `expose`, one per (target,
/// protocol); errors point at their entry.
pub fn from_service(svc: &Node) -> (Vec<Port>, Vec<PortError>) {
    let mut out: Vec<Port> = Vec::new();
    let mut errors = Vec::new();
    let mut add = |p: Port| match out
        .iter_mut()
        .find(|o| o.target == p.target && o.protocol == p.protocol)
    {
        Some(o) => o.published = o.published.or(p.published),
        None => out.push(p),
    };
    let seq = |k: &str| match svc.get(k).map(|n| &n.value) {
        Some(Value::Seq(items)) => items.clone(),
        _ => Vec::new(),
    };
    for item in seq("ports") {
        let parsed = match &item.value {
            Value::Map(_) => long(&item),
            _ => item.key_text().map_or_else(
                || Err("a port is a string or a mapping".to_string()),
                |t| short(&t),
            ),
        };
        match parsed {
            Ok(p) => add(p),
            Err(message) => errors.push(PortError {
                message,
                span: item.span,
            }),
        }
    }
    for item in seq("expose") {
        let Some(t) = item.key_text() else { continue };
        match short(&t) {
            Ok(p) if p.published.is_none() => add(p),
            Ok(_) => errors.push(PortError {
                message: format!("expose `{t}`: expose takes container ports only"),
                span: item.span,
            }),
            Err(message) => errors.push(PortError {
                message,
                span: item.span,
            }),
        }
    }
    (out, errors)
}

/// The Service's ports: named (`http-8080`, `udp-53`), the Service port
/// the published one when there is one, else the container's.
pub fn service_ports(ports: &[Port]) -> Vec<ServicePort> {
    ports
        .iter()
        .map(|p| ServicePort {
            name: Some(format!(
                "{}-{}",
                if p.protocol == "TCP" {
                    "tcp".to_string()
                } else {
                    p.protocol.to_ascii_lowercase()
                },
                p.target
            )),
            port: i32::from(p.published.unwrap_or(p.target)),
            target_port: Some(IntOrString::Int(i32::from(p.target))),
            protocol: Some(p.protocol.clone()),
            ..ServicePort::default()
        })
        .collect()
}

/// Ports well-known images listen on. Compose needs no `ports:` or
/// `expose:` for one service to reach another, a Kubernetes pod needs a
/// Service; without these a converted database would be unreachable.
const WELL_KNOWN: &[(&str, u16)] = &[
    ("redis", 6379),
    ("valkey", 6379),
    ("postgres", 5432),
    ("postgis", 5432),
    ("mysql", 3306),
    ("mariadb", 3306),
    ("mongo", 27017),
    ("rabbitmq", 5672),
    ("memcached", 11211),
    ("elasticsearch", 9200),
    ("opensearch", 9200),
    ("nginx", 80),
    ("httpd", 80),
    ("traefik", 80),
];

/// The ports a service without `ports:` and `expose:` still listens on:
/// the image's `EXPOSE` when the image was read, else the well-known port
/// of its image name; with where they came from.
pub fn implied(reference: &str, exposed: Option<&[String]>) -> Option<(Vec<Port>, String)> {
    if let Some(exposed) = exposed.filter(|e| !e.is_empty()) {
        let ports: Vec<Port> = exposed
            .iter()
            .filter_map(|e| {
                let (n, proto) = e.split_once('/').unwrap_or((e, "tcp"));
                Some(Port {
                    target: n.parse().ok()?,
                    published: None,
                    protocol: proto.to_ascii_uppercase(),
                })
            })
            .collect();
        if !ports.is_empty() {
            return Some((ports, "the image's EXPOSE".into()));
        }
    }
    let name = crate::image::name(reference);
    WELL_KNOWN.iter().find(|(n, _)| *n == name).map(|(n, p)| {
        (
            vec![Port {
                target: *p,
                published: None,
                protocol: "TCP".into(),
            }],
            format!("the port `{n}` listens on"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn svc(yaml: &str) -> Node {
        crate::yaml(yaml)
    }

    #[test]
    fn short_long_and_expose_forms() {
        let (ports, errors) = from_service(&svc(
            "ports:\n  - \"8080:80\"\n  - 127.0.0.1:8443:443/tcp\n  - \"53:53/udp\"\n  - 9000\n  - target: 5000\n    published: \"5001\"\n    protocol: tcp\nexpose: [\"80\", \"7000\"]\n",
        ));
        assert!(errors.is_empty(), "{errors:?}");
        let got: Vec<(u16, Option<u16>, &str)> = ports
            .iter()
            .map(|p| (p.target, p.published, p.protocol.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (80, Some(8080), "TCP"),
                (443, Some(8443), "TCP"),
                (53, Some(53), "UDP"),
                (9000, None, "TCP"),
                (5000, Some(5001), "TCP"),
                (7000, None, "TCP")
            ]
        );
        let sp = service_ports(&ports);
        assert_eq!(sp[0].name.as_deref(), Some("tcp-80"));
        assert_eq!(sp[0].port, 8080);
        assert_eq!(sp[2].name.as_deref(), Some("udp-53"));
        assert_eq!(sp[3].port, 9000);
    }

    #[test]
    fn ranges_and_garbage_are_errors_at_their_entry() {
        let (ports, errors) = from_service(&svc(
            "ports:\n  - \"8000-8010:8000-8010\"\n  - \"x:80\"\n  - \"80/icmp\"\n  - \"8080:80\"\n",
        ));
        assert_eq!(ports.len(), 1);
        assert_eq!(errors.len(), 3);
        assert!(errors[0].message.contains("is a range"), "{errors:?}");
        assert!(
            errors[1].message.contains("`x` is not a port number"),
            "{errors:?}"
        );
        assert!(errors[2].message.contains("unknown protocol"), "{errors:?}");
        assert!(errors[0].span.start < errors[1].span.start);
    }

    #[test]
    fn implied_ports_come_from_the_image_or_its_name() {
        let (p, from) = implied("redis:7", None).unwrap();
        assert_eq!((p[0].target, from.contains("redis")), (6379, true));
        let exposed = vec!["8080/tcp".to_string(), "53/udp".to_string()];
        let (p, from) = implied("example/app:1", Some(&exposed)).unwrap();
        assert_eq!(p.len(), 2);
        assert_eq!(p[1].protocol, "UDP");
        assert!(from.contains("EXPOSE"));
        assert!(implied("example/app:1", None).is_none());
        assert_eq!(
            implied("docker.io/library/postgres@sha256:ab", None)
                .unwrap()
                .0[0]
                .target,
            5432
        );
    }
}
