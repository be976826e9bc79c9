//! One Compose service as its Kubernetes objects: the pod template built
//! from the mappings of the other modules, wrapped in its workload, with
//! its Service, Ingress, configuration, storage and availability objects.
//! Every decision that is not a plain copy lands in the summary.

mod env;
mod health;
mod mounts;
mod pod;

use crate::object::{meta, selector, Object};
use crate::options::Options;
use crate::summary::Summary;
use crate::{
    availability, command, depends, deploy, expose, image, kind, ports, resources, security,
    unmapped,
};
use k8s_openapi::api::core::v1::{
    Container, ContainerPort, PodDNSConfig, PodSecurityContext, PodSpec, PodTemplateSpec,
    SeccompProfile,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use shipready_compose::Project;
use shipready_diagnostics::Span;
use shipready_yaml::Node;
use std::collections::BTreeMap;

/// The annotation that lists the probes made up for a service without a
/// healthcheck.
pub const DEFAULTED_PROBES: &str = "shipready.dev/defaulted-probes";
/// The annotation that marks a replica count the converter chose.
pub const DEFAULTED_REPLICAS: &str = "shipready.dev/defaulted-replicas";
/// Replicas of a stateless Deployment whose Compose file sets none: two,
/// so a node drain or a rollout is not an outage.
pub const DEFAULT_REPLICAS: i32 = 2;

/// What the project-wide pass knows when it converts one service.
pub(crate) struct Context<'a> {
    pub project: &'a Project,
    pub opts: &'a Options,
    pub namespace: String,
    /// The project's name as a label value.
    pub part_of: String,
    /// Compose service name → DNS name.
    pub names: BTreeMap<String, String>,
    /// DNS name → the port of its Service other pods wait on.
    pub first_port: BTreeMap<String, i32>,
}

/// One converted service.
pub(crate) struct Converted {
    pub objects: Vec<Object>,
    /// Reached from outside (a LoadBalancer, NodePort or Ingress).
    pub published: bool,
    pub workload: String,
}

/// The service being converted, as the steps see it.
pub(crate) struct Svc<'a> {
    pub ctx: &'a Context<'a>,
    pub compose: &'a str,
    /// Its DNS name.
    pub name: String,
    pub node: &'a Node,
    /// The service's key, where a problem without a place of its own is
    /// reported.
    pub key_span: Span,
}

impl Svc<'_> {
    fn fail(&self, summary: &mut Summary, at: Option<Span>, msg: String) {
        summary.error(Some(self.compose), Some(at.unwrap_or(self.key_span)), msg);
    }

    fn meta(&self, n: &str) -> ObjectMeta {
        meta(n, &self.ctx.namespace, &self.ctx.part_of, Some(&self.name))
    }
}

pub(crate) fn convert(
    ctx: &Context<'_>,
    compose: &str,
    key_span: Span,
    svc: &Node,
    summary: &mut Summary,
) -> Option<Converted> {
    let name = ctx.names.get(compose)?.clone();
    let step = Svc {
        ctx,
        compose,
        name: name.clone(),
        node: svc,
        key_span,
    };
    let errors_before = summary
        .issues
        .iter()
        .filter(|i| i.level == crate::Level::Error)
        .count();
    let fail = |summary: &mut Summary, at: Option<Span>, msg: String| step.fail(summary, at, msg);
    let ns = ctx.namespace.as_str();
    let part_of = ctx.part_of.as_str();
    let m = |n: &str| step.meta(n);

    let kind = match kind::of_service(svc) {
        Ok(k) => k,
        Err(e) => {
            fail(summary, None, e);
            kind::Kind::Deployment
        }
    };
    let one_shot = matches!(kind, kind::Kind::Job | kind::Kind::CronJob { .. });
    let image = match image::of_service(svc, &name, ctx.opts.registry.as_deref(), &ctx.opts.tag) {
        Ok(i) => i,
        Err(e) => {
            fail(summary, svc.get("build").map(|b| b.span), e);
            image::Image {
                reference: String::new(),
                built: false,
            }
        }
    };
    if image.built {
        summary.mapped(
            compose,
            "build",
            format!("image {} (CI must build and push it)", image.reference),
        );
    } else if !image.reference.is_empty() && !image::is_pinned(&image.reference) {
        summary.warn(Some(compose), svc.get("image").map(|i| i.span), format!("image `{}` names no version: the cluster runs whatever `latest` is on each pull; pin a tag or digest (the converter never invents one)", image.reference));
    }

    // Network mode: pods have their own namespace.
    if let Some(nm) = svc.get("network_mode").and_then(Node::key_text) {
        summary.warn(Some(compose), svc.get("network_mode").map(|n| n.span), format!("network_mode `{nm}` is not carried over: the pod gets its own network namespace and other pods reach it through its Service (hostNetwork would tie it to one node's ports)"));
    }
    if svc.get("privileged").and_then(Node::key_text).as_deref() == Some("true") {
        summary.warn(Some(compose), svc.get("privileged").map(|n| n.span), "privileged: true is not carried over: a privileged pod owns its node; grant only the capabilities it needs with cap_add".into());
    }
    for (k, why) in unmapped::keys(
        svc.as_map()
            .into_iter()
            .flat_map(|m| m.entries.iter())
            .filter_map(|(k, _)| k.as_str()),
    ) {
        summary.dropped(compose, k, why);
    }

    // Ports.
    let (mut port_list, port_errors) = ports::from_service(svc);
    for e in port_errors {
        fail(summary, Some(e.span), e.message);
    }
    for p in &port_list {
        summary.mapped(
            compose,
            format!("port {}/{}", p.target, p.protocol.to_ascii_lowercase()),
            match p.published {
                Some(h) => format!("Service port {h} → {}", p.target),
                None => format!("Service port {}", p.target),
            },
        );
    }

    if port_list.is_empty() && !one_shot {
        let exposed = ctx
            .opts
            .images
            .get(&image.reference)
            .map(|f| f.exposed_ports.as_slice());
        if let Some((implied, from)) = ports::implied(&image.reference, exposed) {
            for p in &implied {
                summary.defaulted(compose, format!("port {}/{}", p.target, p.protocol.to_ascii_lowercase()), format!("Service port {} ({from}): Compose services reach each other without `expose:`, pods need a Service", p.target));
            }
            port_list = implied;
        }
    }

    let env = env::build(&step, summary);
    let (vars, env_from, mut objects) = (env.vars, env.env_from, env.objects);

    let (mut st, volume_objects) = mounts::build(&step, &kind, &image.reference, summary);
    objects.extend(volume_objects);

    let mut annotations = BTreeMap::new();
    let probes = health::build(&step, one_shot, &mut port_list, &mut annotations, summary);

    // Resources.
    let res = match resources::from_service(svc) {
        Ok(r) => r,
        Err(e) => {
            fail(summary, svc.get("deploy").map(|d| d.span), e);
            resources::Resources::default()
        }
    };
    if !res.defaulted.is_empty() {
        annotations.insert(
            resources::DEFAULTED_ANNOTATION.to_string(),
            res.defaulted.join(","),
        );
        summary.defaulted(
            compose,
            "resources",
            format!(
                "{} (annotation {})",
                res.defaulted.join(", "),
                resources::DEFAULTED_ANNOTATION
            ),
        );
    }

    // Who runs it.
    let facts = ctx.opts.images.get(&image.reference);
    let run_as = security::run_as(&security::user(svc), facts);
    if let Some(w) = &run_as.warning {
        summary.warn(
            Some(compose),
            svc.get("user").map(|u| u.span).or(Some(key_span)),
            w.clone(),
        );
    }
    match run_as.ids {
        Some((uid, _)) => summary.mapped(
            compose,
            "user",
            format!("runAsUser {uid} ({})", run_as.source),
        ),
        None if run_as.warning.is_none() => summary.defaulted(
            compose,
            "user",
            format!("runAsNonRoot without runAsUser: {}", run_as.source),
        ),
        None => {}
    }
    let caps = match security::cap_add(svc) {
        Ok(c) => c,
        Err(e) => {
            fail(summary, svc.get("cap_add").map(|c| c.span), e);
            Vec::new()
        }
    };

    for c in caps.iter().filter(|c| *c != "NET_BIND_SERVICE") {
        summary.warn(Some(compose), svc.get("cap_add").map(|n| n.span), format!("cap_add {c} is carried over: it widens what a compromised container can do, and the namespace can only enforce the `baseline` Pod Security Standard; keep it only if the service cannot work without it"));
    }
    let cmd = match command::from_service(svc) {
        Ok(c) => c,
        Err(e) => {
            fail(
                summary,
                svc.get("command").or(svc.get("entrypoint")).map(|c| c.span),
                e,
            );
            command::Command::default()
        }
    };

    // Dependencies.
    let (init, notes) = depends::init_containers(
        &depends::dependencies(svc),
        &ctx.names,
        &ctx.first_port,
        depends::WAIT_IMAGE,
    );
    for n in notes {
        summary.warn(
            Some(compose),
            svc.get("depends_on").map(|d| d.span),
            n.message,
        );
    }
    for c in &init {
        summary.mapped(compose, "depends_on", format!("init container {}", c.name));
    }

    // Deploy settings.
    let dep = match deploy::from_service(svc) {
        Ok(d) => d,
        Err(e) => {
            fail(summary, svc.get("deploy").map(|d| d.span), e);
            deploy::Deploy::default()
        }
    };
    for n in &dep.notes {
        summary.warn(Some(compose), svc.get("deploy").map(|d| d.span), n.clone());
    }
    let scale = svc
        .get("scale")
        .and_then(Node::key_text)
        .and_then(|s| s.parse::<i32>().ok());
    let explicit_replicas = dep.replicas.or(scale);
    let replicas = match (&kind, explicit_replicas) {
        (_, Some(n)) => n,
        (kind::Kind::Deployment, None) if !st.has_claim => {
            annotations.insert(DEFAULTED_REPLICAS.to_string(), DEFAULT_REPLICAS.to_string());
            summary.defaulted(compose, "replicas", format!("{DEFAULT_REPLICAS}: one replica makes every node drain and rollout an outage (deploy.replicas sets it)"));
            DEFAULT_REPLICAS
        }
        _ => 1,
    };
    if replicas < 2 && matches!(kind, kind::Kind::Deployment | kind::Kind::StatefulSet) {
        summary.warn(
            Some(compose),
            svc.get("deploy").map(|d| d.span).or(Some(key_span)),
            format!(
                "one replica{}: every node drain or rollout takes `{compose}` down",
                if st.has_claim && explicit_replicas.is_none() {
                    " (its volume can be attached to one node at a time)"
                } else {
                    ""
                }
            ),
        );
    }
    if st.has_claim && replicas > 1 && matches!(kind, kind::Kind::Deployment) {
        summary.warn(Some(compose), svc.get("volumes").map(|v| v.span), format!("{replicas} replicas share a ReadWriteOnce claim: replicas on other nodes cannot mount it; use a StatefulSet (x-shipready.kind: statefulset) or a ReadWriteMany class"));
    }

    // Pod-level settings.
    let mut node_selector = dep.node_selector.clone();
    if let Some(p) = svc.get("platform").and_then(Node::key_text) {
        let mut parts = p.split('/');
        if let Some(os) = parts.next().filter(|s| !s.is_empty()) {
            node_selector.insert("kubernetes.io/os".into(), os.to_string());
        }
        if let Some(arch) = parts.next() {
            node_selector.insert("kubernetes.io/arch".into(), arch.to_string());
        }
        summary.mapped(
            compose,
            "platform",
            "nodeSelector kubernetes.io/os and kubernetes.io/arch",
        );
    }
    let host_aliases = pod::extra_hosts(svc);
    let dns: Vec<String> = pod::seq_or_one(svc.get("dns"));
    let searches: Vec<String> = pod::seq_or_one(svc.get("dns_search"));
    let grace = svc
        .get("stop_grace_period")
        .and_then(Node::key_text)
        .and_then(|t| shipready_compose::duration::parse(&t))
        .map(|ns| {
            i64::try_from(ns)
                .unwrap_or(i64::MAX)
                .saturating_add(999_999_999)
                / 1_000_000_000
        });

    let mut pod_annotations = BTreeMap::new();
    for (k, v) in pod::labels_of(svc) {
        if k.starts_with("shipready.dev/") || k.starts_with("kompose.") {
            continue;
        }
        if pod::valid_annotation_key(&k) {
            pod_annotations.insert(k, v);
        } else {
            summary.dropped(
                compose,
                format!("label {k}"),
                "not a valid Kubernetes annotation key",
            );
        }
    }

    let pull_policy = svc
        .get("pull_policy")
        .and_then(Node::key_text)
        .and_then(|p| match p.as_str() {
            "always" => Some("Always".to_string()),
            "never" => Some("Never".to_string()),
            "missing" | "if_not_present" => Some("IfNotPresent".to_string()),
            _ => None,
        });
    let flag =
        |k: &str| (svc.get(k).and_then(Node::key_text).as_deref() == Some("true")).then_some(true);

    let container = Container {
        name: name.clone(),
        image: Some(image.reference.clone()),
        image_pull_policy: pull_policy,
        command: cmd.command,
        args: cmd.args,
        working_dir: svc.get("working_dir").and_then(Node::key_text),
        env: (!vars.is_empty()).then_some(vars),
        env_from: (!env_from.is_empty()).then_some(env_from),
        ports: (!port_list.is_empty()).then(|| {
            port_list
                .iter()
                .map(|p| ContainerPort {
                    container_port: i32::from(p.target),
                    protocol: Some(p.protocol.clone()),
                    ..ContainerPort::default()
                })
                .collect()
        }),
        readiness_probe: probes.as_ref().and_then(|p| p.readiness.clone()),
        liveness_probe: probes.as_ref().and_then(|p| p.liveness.clone()),
        startup_probe: probes.as_ref().and_then(|p| p.startup.clone()),
        resources: Some(res.requirements.clone()),
        security_context: Some(security::context(run_as.ids, caps)),
        volume_mounts: (!st.mounts.is_empty()).then(|| std::mem::take(&mut st.mounts)),
        tty: flag("tty"),
        stdin: flag("stdin_open"),
        ..Container::default()
    };
    let restart_policy = match &kind {
        kind::Kind::Job | kind::Kind::CronJob { .. } => {
            let restart = svc
                .get("restart")
                .and_then(Node::key_text)
                .unwrap_or_default();
            Some(
                if restart.starts_with("on-failure") {
                    "OnFailure"
                } else {
                    "Never"
                }
                .to_string(),
            )
        }
        _ => None,
    };
    let pod_spec = PodSpec {
        containers: vec![container],
        init_containers: (!init.is_empty()).then_some(init),
        volumes: (!st.volumes.is_empty()).then(|| std::mem::take(&mut st.volumes)),
        automount_service_account_token: Some(false),
        security_context: Some(PodSecurityContext {
            run_as_non_root: Some(true),
            fs_group: run_as.ids.and_then(|(_, g)| g),
            seccomp_profile: Some(SeccompProfile {
                type_: "RuntimeDefault".into(),
                ..SeccompProfile::default()
            }),
            ..PodSecurityContext::default()
        }),
        node_selector: (!node_selector.is_empty()).then_some(node_selector),
        affinity: dep.affinity.clone(),
        topology_spread_constraints: (replicas >= 2
            && !matches!(
                kind,
                kind::Kind::DaemonSet | kind::Kind::Job | kind::Kind::CronJob { .. }
            ))
        .then(|| availability::spread(selector(&name))),
        host_aliases: (!host_aliases.is_empty()).then_some(host_aliases),
        hostname: svc
            .get("hostname")
            .and_then(Node::key_text)
            .and_then(|h| crate::names::label(&h))
            .map(|l| l.name),
        dns_config: (!dns.is_empty() || !searches.is_empty()).then(|| PodDNSConfig {
            nameservers: (!dns.is_empty()).then_some(dns),
            searches: (!searches.is_empty()).then_some(searches),
            ..PodDNSConfig::default()
        }),
        termination_grace_period_seconds: grace,
        restart_policy,
        ..PodSpec::default()
    };
    let mut pod_meta = ObjectMeta {
        labels: Some(selector(&name)),
        ..ObjectMeta::default()
    };
    if let Some(l) = pod_meta.labels.as_mut() {
        l.insert(crate::object::PART_OF.to_string(), part_of.to_string());
    }
    pod_meta.annotations = (!pod_annotations.is_empty()).then_some(pod_annotations);
    let template = PodTemplateSpec {
        metadata: Some(pod_meta),
        spec: Some(pod_spec),
    };

    // Ingress and Service.
    let wish = expose::ingress_wish(svc);
    let mut published = false;
    if !port_list.is_empty() {
        match expose::service_type(svc, &port_list, wish.is_some()) {
            Ok((type_, headless)) => {
                published = type_ != "ClusterIP" || wish.is_some();
                objects.push(Object::of(
                    &name,
                    &expose::service(m(&name), selector(&name), &port_list, &type_, headless),
                ));
                if let Some(w) = &wish {
                    let port = port_list
                        .iter()
                        .find(|p| p.published.is_some())
                        .or(port_list.first())
                        .map_or(80, |p| i32::from(p.published.unwrap_or(p.target)));
                    objects.push(Object::of(
                        &name,
                        &expose::ingress(m(&name), w, &name, port),
                    ));
                    summary.mapped(compose, "labels (ingress)", format!("Ingress {name}"));
                }
            }
            Err(e) => fail(summary, svc.get("labels").map(|l| l.span), e),
        }
    } else if wish.is_some() {
        fail(
            summary,
            svc.get("labels").map(|l| l.span),
            "an Ingress is asked for but the service has no port to route to".into(),
        );
    }

    let mut wmeta = m(&name);
    wmeta.annotations = (!annotations.is_empty()).then_some(annotations);
    let workload = crate::workload::build(
        &kind,
        crate::workload::Parts {
            meta: wmeta,
            template,
            replicas,
            strategy: dep.strategy.clone(),
            has_claim: st.has_claim,
            claims: &st.templates,
            service: (!port_list.is_empty()).then(|| name.clone()),
            backoff_limit: pod::backoff_limit(svc),
        },
        |n| meta(n, ns, part_of, Some(&name)),
    );
    let workload_kind = workload.kind.clone();
    objects.push(workload);

    if replicas >= 2 && matches!(kind, kind::Kind::Deployment | kind::Kind::StatefulSet) {
        objects.push(Object::of(
            &name,
            &availability::disruption_budget(m(&name), selector(&name)),
        ));
    }
    match availability::autoscale(svc, replicas) {
        Ok(Some(a)) if matches!(kind, kind::Kind::Deployment | kind::Kind::StatefulSet) => {
            summary.mapped(
                compose,
                "labels (autoscaling)",
                format!(
                    "HorizontalPodAutoscaler {name}: {}–{} replicas",
                    a.min, a.max
                ),
            );
            objects.push(Object::of(
                &name,
                &availability::autoscaler(m(&name), &a, &workload_kind, &name),
            ));
        }
        Ok(Some(_)) => summary.warn(
            Some(compose),
            svc.get("labels").map(|l| l.span),
            format!("autoscaling labels ignored: a {workload_kind} does not scale by replicas"),
        ),
        Ok(None) => {}
        Err(e) => fail(summary, svc.get("labels").map(|l| l.span), e),
    }

    let errors_after = summary
        .issues
        .iter()
        .filter(|i| i.level == crate::Level::Error)
        .count();
    if errors_after > errors_before {
        return None;
    }
    Some(Converted {
        objects,
        published,
        workload: workload_kind,
    })
}
