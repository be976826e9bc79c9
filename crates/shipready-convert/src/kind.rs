//! Which workload a Compose service becomes:
//!
//! - `deploy.mode: global` → DaemonSet (one per node, as Swarm's global);
//! - a one-shot service (`restart: "no"` or `on-failure`) → a Job, or a
//!   CronJob when the `shipready.dev/schedule` (or kompose's
//!   `kompose.cronjob.schedule`) label gives a schedule;
//! - named volumes and either `x-shipready.kind: statefulset` or a
//!   recognised database image → StatefulSet (stable identity and one
//!   volume per replica);
//! - anything else → Deployment.
//!
//! `x-shipready.kind` (deployment, statefulset, daemonset, job, cronjob)
//! always wins, as does kompose's `kompose.controller.type` label.

use shipready_yaml::{Node, Value};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Deployment,
    StatefulSet,
    DaemonSet,
    Job,
    CronJob { schedule: String },
}

/// Images whose data is the point: they get a StatefulSet when they keep
/// it in a named volume.
const DATABASES: &[&str] = &[
    "postgres",
    "postgis",
    "mysql",
    "mariadb",
    "mongo",
    "redis",
    "valkey",
    "elasticsearch",
    "opensearch",
    "cassandra",
    "rabbitmq",
    "kafka",
    "zookeeper",
    "etcd",
    "clickhouse",
    "cockroach",
    "influxdb",
    "neo4j",
    "couchdb",
    "minio",
    "nats",
];

fn label(svc: &Node, key: &str) -> Option<String> {
    let labels = svc.get("labels")?;
    match &labels.value {
        Value::Map(m) => m.get(key).and_then(Node::key_text),
        Value::Seq(items) => items
            .iter()
            .filter_map(Node::key_text)
            .find_map(|l| l.strip_prefix(&format!("{key}=")).map(str::to_string)),
        _ => None,
    }
}

fn has_named_volume(svc: &Node) -> bool {
    let Some(Value::Seq(items)) = svc.get("volumes").map(|n| &n.value) else {
        return false;
    };
    items.iter().any(|v| match &v.value {
        Value::Map(_) => {
            v.get("type")
                .and_then(Node::key_text)
                .as_deref()
                .unwrap_or("volume")
                == "volume"
                && v.get("source")
                    .and_then(Node::key_text)
                    .is_some_and(|s| !s.is_empty())
        }
        _ => v.key_text().is_some_and(|t| {
            let src = t.split(':').next().unwrap_or("");
            t.contains(':') && !src.is_empty() && !shipready_compose::is_path(src)
        }),
    })
}

/// The workload kind, or an error naming the bad setting.
pub fn of_service(svc: &Node) -> Result<Kind, String> {
    let schedule =
        label(svc, "shipready.dev/schedule").or_else(|| label(svc, "kompose.cronjob.schedule"));
    let explicit = svc
        .get("x-shipready")
        .and_then(|x| x.get("kind"))
        .and_then(Node::key_text)
        .or_else(|| label(svc, "kompose.controller.type"));
    if let Some(k) = explicit {
        return match k.to_ascii_lowercase().as_str() {
            "deployment" => Ok(Kind::Deployment),
            "statefulset" => Ok(Kind::StatefulSet),
            "daemonset" => Ok(Kind::DaemonSet),
            "job" => Ok(Kind::Job),
            "cronjob" => schedule
                .map(|schedule| Kind::CronJob { schedule })
                .ok_or_else(|| "kind cronjob needs a `shipready.dev/schedule` label (a cron expression)".to_string()),
            other => Err(format!("x-shipready.kind `{other}` is not one of deployment, statefulset, daemonset, job, cronjob")),
        };
    }
    if svc
        .get("deploy")
        .and_then(|d| d.get("mode"))
        .and_then(Node::key_text)
        .as_deref()
        == Some("global")
    {
        return Ok(Kind::DaemonSet);
    }
    let restart = svc
        .get("restart")
        .and_then(Node::key_text)
        .unwrap_or_default();
    let swarm_restart = svc
        .get("deploy")
        .and_then(|d| d.get("restart_policy"))
        .and_then(|r| r.get("condition"))
        .and_then(Node::key_text)
        .unwrap_or_default();
    let one_shot = restart == "no"
        || restart.starts_with("on-failure")
        || swarm_restart == "none"
        || swarm_restart == "on-failure";
    if one_shot {
        return Ok(match schedule {
            Some(schedule) => Kind::CronJob { schedule },
            None => Kind::Job,
        });
    }
    let database = svc
        .get("image")
        .and_then(Node::key_text)
        .is_some_and(|i| DATABASES.contains(&crate::image::name(&i).as_str()));
    if database && has_named_volume(svc) {
        return Ok(Kind::StatefulSet);
    }
    Ok(Kind::Deployment)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(yaml: &str) -> Result<Kind, String> {
        of_service(&crate::yaml(yaml))
    }

    #[test]
    fn each_kind_from_what_the_service_says() {
        assert_eq!(kind("image: shop/api:1\n"), Ok(Kind::Deployment));
        assert_eq!(
            kind("image: postgres:16\nvolumes: [pgdata:/var/lib/postgresql/data]\n"),
            Ok(Kind::StatefulSet)
        );
        assert_eq!(
            kind("image: docker.io/library/redis:7.4@sha256:abc\nvolumes: [\"cache:/data\"]\n"),
            Ok(Kind::StatefulSet)
        );
        // A database without a named volume keeps nothing: a Deployment.
        assert_eq!(
            kind(
                "image: postgres:16\nvolumes: [./init.sql:/docker-entrypoint-initdb.d/init.sql]\n"
            ),
            Ok(Kind::Deployment)
        );
        assert_eq!(
            kind("image: app:1\nvolumes: [data:/data]\nx-shipready: {kind: statefulset}\n"),
            Ok(Kind::StatefulSet)
        );
        assert_eq!(
            kind("image: agent:1\ndeploy: {mode: global}\n"),
            Ok(Kind::DaemonSet)
        );
        assert_eq!(kind("image: migrate:1\nrestart: \"no\"\n"), Ok(Kind::Job));
        assert_eq!(
            kind("image: migrate:1\nrestart: on-failure:3\n"),
            Ok(Kind::Job)
        );
        assert_eq!(
            kind("image: report:1\nrestart: \"no\"\nlabels: {shipready.dev/schedule: \"0 3 * * *\"}\n"),
            Ok(Kind::CronJob { schedule: "0 3 * * *".into() })
        );
        // kompose's labels carry over.
        assert_eq!(
            kind("image: r:1\nlabels: [\"kompose.controller.type=cronjob\", \"kompose.cronjob.schedule=*/5 * * * *\"]\n"),
            Ok(Kind::CronJob { schedule: "*/5 * * * *".into() })
        );
        assert_eq!(
            kind("image: a:1\nlabels: {kompose.controller.type: daemonset}\n"),
            Ok(Kind::DaemonSet)
        );
    }

    #[test]
    fn bad_kinds_are_errors() {
        assert!(kind("image: a:1\nx-shipready: {kind: pod}\n")
            .unwrap_err()
            .contains("`pod` is not one of"));
        assert!(kind("image: a:1\nx-shipready: {kind: cronjob}\n")
            .unwrap_err()
            .contains("needs a `shipready.dev/schedule`"));
    }
}
