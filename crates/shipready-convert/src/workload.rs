//! The pod template wrapped in the workload its [`Kind`] says. Rollouts
//! never drop capacity: a Deployment surges one new pod before it stops
//! an old one (`maxUnavailable: 0`), unless it holds a ReadWriteOnce
//! claim, which the new pod could not attach on another node while the
//! old one holds it; such a Deployment is recreated instead. A CronJob
//! never overlaps itself (`concurrencyPolicy: Forbid`).

use crate::kind::Kind;
use crate::object::{selector, Object};
use crate::storage;
use k8s_openapi::api::apps::v1::{
    DaemonSet, DaemonSetSpec, Deployment, DeploymentSpec, DeploymentStrategy,
    RollingUpdateDeployment, StatefulSet, StatefulSetSpec,
};
use k8s_openapi::api::batch::v1::{CronJob, CronJobSpec, Job, JobSpec, JobTemplateSpec};
use k8s_openapi::api::core::v1::{PersistentVolumeClaim, PodTemplateSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

/// What the workload is made of.
pub struct Parts<'a> {
    pub meta: ObjectMeta,
    pub template: PodTemplateSpec,
    pub replicas: i32,
    /// From `update_config`.
    pub strategy: Option<DeploymentStrategy>,
    pub has_claim: bool,
    /// A StatefulSet's claims per replica: (volume name, volume).
    pub claims: &'a [(String, storage::Volume)],
    /// The Service in front of it, for a StatefulSet.
    pub service: Option<String>,
    pub backoff_limit: Option<i32>,
}

fn pod_selector(meta: &ObjectMeta) -> LabelSelector {
    let name = meta.name.clone().unwrap_or_default();
    LabelSelector {
        match_labels: Some(selector(&name)),
        ..LabelSelector::default()
    }
}

fn surge() -> DeploymentStrategy {
    DeploymentStrategy {
        type_: Some("RollingUpdate".into()),
        rolling_update: Some(RollingUpdateDeployment {
            max_unavailable: Some(IntOrString::Int(0)),
            max_surge: Some(IntOrString::Int(1)),
        }),
    }
}

/// `claim_meta` makes the metadata of a claim template.
pub fn build(kind: &Kind, p: Parts<'_>, claim_meta: impl Fn(&str) -> ObjectMeta) -> Object {
    let name = p.meta.name.clone().unwrap_or_default();
    let sel = pod_selector(&p.meta);
    match kind {
        Kind::Deployment => {
            let strategy = if p.has_claim {
                DeploymentStrategy {
                    type_: Some("Recreate".into()),
                    rolling_update: None,
                }
            } else {
                p.strategy.unwrap_or_else(surge)
            };
            Object::of(
                &name,
                &Deployment {
                    metadata: p.meta,
                    spec: Some(DeploymentSpec {
                        replicas: Some(p.replicas),
                        selector: sel,
                        template: p.template,
                        strategy: Some(strategy),
                        ..DeploymentSpec::default()
                    }),
                    ..Deployment::default()
                },
            )
        }
        Kind::StatefulSet => {
            let templates: Vec<PersistentVolumeClaim> = p
                .claims
                .iter()
                .map(|(vol, v)| {
                    let mut m = claim_meta(vol);
                    // A template's namespace is the StatefulSet's.
                    m.namespace = None;
                    storage::claim(v, m)
                })
                .collect();
            Object::of(
                &name,
                &StatefulSet {
                    metadata: p.meta,
                    spec: Some(StatefulSetSpec {
                        replicas: Some(p.replicas),
                        selector: sel,
                        service_name: p.service,
                        template: p.template,
                        volume_claim_templates: (!templates.is_empty()).then_some(templates),
                        ..StatefulSetSpec::default()
                    }),
                    ..StatefulSet::default()
                },
            )
        }
        Kind::DaemonSet => Object::of(
            &name,
            &DaemonSet {
                metadata: p.meta,
                spec: Some(DaemonSetSpec {
                    selector: sel,
                    template: p.template,
                    ..DaemonSetSpec::default()
                }),
                ..DaemonSet::default()
            },
        ),
        Kind::Job => Object::of(
            &name,
            &Job {
                metadata: p.meta,
                spec: Some(job_spec(p.template, p.backoff_limit)),
                ..Job::default()
            },
        ),
        Kind::CronJob { schedule } => Object::of(
            &name,
            &CronJob {
                metadata: p.meta,
                spec: Some(CronJobSpec {
                    schedule: schedule.clone(),
                    concurrency_policy: Some("Forbid".into()),
                    job_template: JobTemplateSpec {
                        spec: Some(job_spec(p.template, p.backoff_limit)),
                        ..JobTemplateSpec::default()
                    },
                    ..CronJobSpec::default()
                }),
                ..CronJob::default()
            },
        ),
    }
}

fn job_spec(template: PodTemplateSpec, backoff_limit: Option<i32>) -> JobSpec {
    JobSpec {
        template,
        backoff_limit,
        ..JobSpec::default()
    }
}
