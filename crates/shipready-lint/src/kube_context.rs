use crate::engine::run_enabled;
use crate::{Check, KubeUnit, Settings};
use shipready_diagnostics::Finding;
use shipready_kube::Object;
use shipready_yaml::Node;

/// What a Kubernetes rule gets: every object of the run (so rules can
/// relate a Service to the Deployments it selects), spans global over the
/// run's files.
pub struct KubeContext<'a> {
    pub objects: &'a [Object],
    /// Validation problems of each object, computed once (strict decoding
    /// is the costly part).
    pub problems: &'a [Vec<shipready_kube::Problem>],
    pub settings: &'a Settings,
}

/// An object that runs pods, with its pod template.
pub struct Workload<'a> {
    pub object: &'a Object,
    /// The pod spec (`spec.template.spec`, or a Pod's `spec`).
    pub pod: &'a Node,
    /// The pod template's labels (a Pod's own labels).
    pub labels: Option<&'a Node>,
}

impl Workload<'_> {
    /// `Deployment/web` for messages.
    pub fn label(&self) -> String {
        self.object.label()
    }

    /// Regular containers, then init containers.
    pub fn containers(&self) -> impl Iterator<Item = (&Node, bool)> {
        let get = |k: &str| self.pod.get(k).and_then(Node::as_seq).unwrap_or(&[]);
        get("containers")
            .iter()
            .map(|c| (c, false))
            .chain(get("initContainers").iter().map(|c| (c, true)))
    }

    pub fn container_name(c: &Node) -> String {
        c.get("name")
            .and_then(Node::key_text)
            .unwrap_or_else(|| "?".into())
    }
}

impl<'a> KubeContext<'a> {
    pub fn workloads(&self) -> Vec<Workload<'a>> {
        self.objects.iter().filter_map(workload).collect()
    }

    pub fn of_kind(&self, kind: &'a str) -> impl Iterator<Item = &'a Object> + 'a {
        self.objects.iter().filter(move |o| o.kind == kind)
    }
}

/// The pod template of an object that runs pods (shared with the
/// cross-file checks).
pub fn workload(o: &Object) -> Option<Workload<'_>> {
    let template = match o.kind.as_str() {
        "Pod" => {
            return Some(Workload {
                object: o,
                pod: o.node.get("spec")?,
                labels: o.node.get("metadata").and_then(|m| m.get("labels")),
            })
        }
        "Deployment"
        | "StatefulSet"
        | "DaemonSet"
        | "ReplicaSet"
        | "Job"
        | "ReplicationController" => o.node.get("spec")?.get("template")?,
        "CronJob" => o
            .node
            .get("spec")?
            .get("jobTemplate")?
            .get("spec")?
            .get("template")?,
        _ => return None,
    };
    Some(Workload {
        object: o,
        pod: template.get("spec")?,
        labels: template.get("metadata").and_then(|m| m.get("labels")),
    })
}

/// Runs the enabled Kubernetes rules on every object of a run.
pub fn lint_kube(unit: &KubeUnit, settings: &Settings) -> Vec<Finding> {
    let ctx = KubeContext {
        objects: &unit.objects,
        problems: &unit.problems,
        settings,
    };
    run_enabled(settings, &ctx, |c| match c {
        Check::Kube(f) => Some(f),
        _ => None,
    })
    .into_iter()
    .filter_map(|f| {
        let at = unit.locate(f.at)?;
        Some(f.locate(|_| at))
    })
    .collect()
}
