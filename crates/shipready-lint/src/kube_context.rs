use crate::engine::run_enabled;
use crate::{Check, KubeUnit, Settings};
use shipready_diagnostics::Finding;
use shipready_kube::Object;
use shipready_yaml::Node;
use std::collections::HashMap;
use std::sync::OnceLock;

/// What a Kubernetes rule gets: every object of the run (so rules can
/// relate a Service to the Deployments it selects), spans global over the
/// run's files.
pub struct KubeContext<'a> {
    pub objects: &'a [Object],
    /// Validation problems of each object, computed once (strict decoding
    /// is the costly part).
    pub problems: &'a [Vec<shipready_kube::Problem>],
    pub settings: &'a Settings,
    /// The workloads and their labels, found once on first use.
    pods: OnceLock<Pods<'a>>,
}

/// Every workload of the run, with its pod labels as pairs and an index
/// from (namespace, label) to the workloads carrying it: a Service's
/// selector is looked up, not compared with every workload (all-pairs
/// made many manifests superlinear).
struct Pods<'a> {
    workloads: Vec<Workload<'a>>,
    labels: Vec<Vec<(String, String)>>,
    by_label: HashMap<(Option<String>, String, String), Vec<usize>>,
}

impl<'a> Pods<'a> {
    fn new(objects: &'a [Object]) -> Self {
        let workloads: Vec<Workload<'a>> = objects.iter().filter_map(workload).collect();
        let labels: Vec<Vec<(String, String)>> = workloads
            .iter()
            .map(|w| crate::rules::kube::labels(w.labels))
            .collect();
        let mut by_label: HashMap<_, Vec<usize>> = HashMap::new();
        for (i, (w, ls)) in workloads.iter().zip(&labels).enumerate() {
            for (k, v) in ls {
                let at = by_label
                    .entry((w.object.namespace.clone(), k.clone(), v.clone()))
                    .or_default();
                // A label written twice lists the workload once.
                if at.last() != Some(&i) {
                    at.push(i);
                }
            }
        }
        Pods {
            workloads,
            labels,
            by_label,
        }
    }
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
    pub fn new(
        objects: &'a [Object],
        problems: &'a [Vec<shipready_kube::Problem>],
        settings: &'a Settings,
    ) -> Self {
        KubeContext {
            objects,
            problems,
            settings,
            pods: OnceLock::new(),
        }
    }

    fn pods(&self) -> &Pods<'a> {
        self.pods.get_or_init(|| Pods::new(self.objects))
    }

    /// Every object that runs pods, in the order of the manifests.
    pub fn workloads(&self) -> &[Workload<'a>] {
        &self.pods().workloads
    }

    /// The workloads in `namespace` whose pod labels a non-empty
    /// `selector` selects (a Service's pods), in manifest order.
    pub fn selected(
        &self,
        namespace: &Option<String>,
        selector: &[(String, String)],
    ) -> Vec<&Workload<'a>> {
        let pods = self.pods();
        let Some((k, v)) = selector.first() else {
            return Vec::new();
        };
        let key = (namespace.clone(), k.clone(), v.clone());
        pods.by_label
            .get(&key)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .filter(|&&i| crate::rules::kube::selects(selector, &pods.labels[i]))
            .map(|&i| &pods.workloads[i])
            .collect()
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
    let ctx = KubeContext::new(&unit.objects, &unit.problems, settings);
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
