use crate::ComposeContext;
use shipready_diagnostics::{Finding, Span};
use shipready_yaml::Node;

crate::declare_rule! {
    /// ## What it does
    /// Reports database and cache ports published on all host interfaces:
    /// PostgreSQL 5432, MySQL/MariaDB 3306, SQL Server 1433, MongoDB 27017,
    /// Redis 6379, Memcached 11211, Elasticsearch 9200/9300, RabbitMQ
    /// 5672, Cassandra 9042, CockroachDB 26257, InfluxDB 8086, etcd 2379.
    /// A mapping bound to `127.0.0.1` (`"127.0.0.1:5432:5432"`) is fine.
    ///
    /// ## Why is this bad?
    /// Publishing a port binds it on 0.0.0.0 and Docker's iptables rules
    /// bypass the host firewall (ufw): the database answers the internet.
    /// Other services reach it over the Compose network without any
    /// published port.
    ///
    /// ## Example
    /// ```yaml
    /// services:
    ///   db:
    ///     image: postgres:16
    ///     ports: ["5432:5432"]
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   db:
    ///     image: postgres:16
    ///     ports: ["127.0.0.1:5432:5432"]   # or no ports at all
    /// ```
    id: "SR-C016",
    name: "compose-datastore-port-public",
    summary: "A database or cache port is published on all interfaces",
    severity: Warning,
    category: Security,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: [],
    checkov: [],
    compose_check: check,
}

const DATASTORES: &[(u32, &str)] = &[
    (5432, "PostgreSQL"),
    (3306, "MySQL"),
    (1433, "SQL Server"),
    (27017, "MongoDB"),
    (6379, "Redis"),
    (11211, "Memcached"),
    (9200, "Elasticsearch"),
    (9300, "Elasticsearch"),
    (5672, "RabbitMQ"),
    (9042, "Cassandra"),
    (26257, "CockroachDB"),
    (8086, "InfluxDB"),
    (2379, "etcd"),
];

/// (host ip, published, target) of a port entry; `published` empty when
/// the host port is random.
fn parts(port: &Node) -> Option<(String, String, String)> {
    if let Some(m) = port.as_map() {
        let f = |k: &str| m.get(k).and_then(Node::key_text).unwrap_or_default();
        return Some((f("host_ip"), f("published"), f("target")));
    }
    let text = port.key_text()?;
    let spec = text.split('/').next().unwrap_or(&text);
    if spec.starts_with('[') {
        let close = spec.find(']')?;
        let rest: Vec<&str> = spec[close + 1..]
            .trim_start_matches(':')
            .split(':')
            .collect();
        return Some((
            spec[1..close].to_string(),
            rest.first()?.to_string(),
            rest.get(1)?.to_string(),
        ));
    }
    let p: Vec<&str> = spec.split(':').collect();
    Some(match p.as_slice() {
        [t] => (String::new(), String::new(), t.to_string()),
        [pb, t] => (String::new(), pb.to_string(), t.to_string()),
        [ip, pb, t] => (ip.to_string(), pb.to_string(), t.to_string()),
        _ => return None,
    })
}

fn check(ctx: &ComposeContext<'_>, out: &mut Vec<Finding<Span>>) {
    for svc in ctx.services() {
        for port in svc.get("ports").and_then(Node::as_seq).unwrap_or(&[]) {
            let Some((ip, published, target)) = parts(port) else {
                continue;
            };
            let loopback = ip.starts_with("127.") || ip == "::1" || ip == "localhost";
            if loopback {
                continue;
            }
            let first = |s: &str| s.split('-').next().and_then(|n| n.parse::<u32>().ok());
            let Some(t) = first(&target) else { continue };
            let Some((_, what)) = DATASTORES.iter().find(|(p, _)| *p == t) else {
                continue;
            };
            let host = if published.is_empty() {
                "a random host port".to_string()
            } else {
                format!("host port {published}")
            };
            out.push(
                RULE.finding(port.span, format!("{what} port {t} of `{}` is published on {host} on all interfaces: Docker's rules bypass the host firewall", svc.name))
                    .with_help(format!("drop `ports:` (services reach it as `{}:{t}` on the Compose network) or bind it to loopback: `\"127.0.0.1:{t}:{t}\"`", svc.name)),
            );
        }
    }
}
