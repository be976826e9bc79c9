//! How a service is reached. Every service with ports gets a Service
//! named as it is, so other pods keep using the Compose name as a host
//! name. Published ports make it a LoadBalancer; with an Ingress host
//! label (`shipready.dev/ingress-host: shop.example.com`, or kompose's
//! `kompose.service.expose`) the Service stays ClusterIP behind an
//! Ingress instead. kompose's `kompose.service.type` picks the type
//! outright (clusterip, nodeport, loadbalancer, headless).

use crate::ports::{service_ports, Port};
use k8s_openapi::api::core::v1::{Service, ServiceSpec};
use k8s_openapi::api::networking::v1::{
    HTTPIngressPath, HTTPIngressRuleValue, Ingress, IngressBackend, IngressRule,
    IngressServiceBackend, IngressSpec, IngressTLS, ServiceBackendPort,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use shipready_yaml::Node;

fn label(svc: &Node, keys: &[&str]) -> Option<String> {
    let labels = svc.get("labels")?;
    keys.iter()
        .find_map(|k| labels.get(k).and_then(Node::key_text))
        .filter(|s| !s.is_empty())
}

/// An Ingress the labels ask for: `(host, path)` rules, TLS secret,
/// class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IngressWish {
    pub rules: Vec<(Option<String>, String)>,
    pub tls_secret: Option<String>,
    pub class: Option<String>,
}

pub fn ingress_wish(svc: &Node) -> Option<IngressWish> {
    let hosts = label(
        svc,
        &["shipready.dev/ingress-host", "kompose.service.expose"],
    )?;
    if hosts == "false" {
        return None;
    }
    let rules = if hosts == "true" {
        vec![(None, "/".to_string())]
    } else {
        hosts
            .split(',')
            .map(str::trim)
            .filter(|h| !h.is_empty())
            .map(|h| match h.split_once('/') {
                Some((host, path)) => (Some(host.to_string()), format!("/{path}")),
                None => (Some(h.to_string()), "/".to_string()),
            })
            .collect()
    };
    Some(IngressWish {
        rules,
        tls_secret: label(
            svc,
            &[
                "shipready.dev/ingress-tls-secret",
                "kompose.service.expose.tls-secret",
            ],
        ),
        class: label(
            svc,
            &[
                "shipready.dev/ingress-class",
                "kompose.service.expose.ingress-class-name",
            ],
        ),
    })
}

/// The Service type: kompose's label, else LoadBalancer for published
/// ports without an Ingress, else ClusterIP. `Err` for an unknown type.
pub fn service_type(svc: &Node, ports: &[Port], ingress: bool) -> Result<(String, bool), String> {
    if let Some(t) = label(svc, &["kompose.service.type", "shipready.dev/service-type"]) {
        return match t.to_ascii_lowercase().as_str() {
            "clusterip" => Ok(("ClusterIP".into(), false)),
            "nodeport" => Ok(("NodePort".into(), false)),
            "loadbalancer" => Ok(("LoadBalancer".into(), false)),
            "headless" => Ok(("ClusterIP".into(), true)),
            other => Err(format!(
                "service type `{other}` is not one of clusterip, nodeport, loadbalancer, headless"
            )),
        };
    }
    let published = ports.iter().any(|p| p.published.is_some());
    Ok(if published && !ingress {
        ("LoadBalancer".into(), false)
    } else {
        ("ClusterIP".into(), false)
    })
}

pub fn service(
    meta: ObjectMeta,
    selector: std::collections::BTreeMap<String, String>,
    ports: &[Port],
    type_: &str,
    headless: bool,
) -> Service {
    Service {
        metadata: meta,
        spec: Some(ServiceSpec {
            type_: Some(type_.to_string()),
            cluster_ip: headless.then(|| "None".to_string()),
            selector: Some(selector),
            ports: Some(service_ports(ports)),
            ..ServiceSpec::default()
        }),
        ..Service::default()
    }
}

/// The Ingress to `service` on its Service `port`.
pub fn ingress(meta: ObjectMeta, wish: &IngressWish, service: &str, port: i32) -> Ingress {
    let backend = IngressBackend {
        service: Some(IngressServiceBackend {
            name: service.to_string(),
            port: Some(ServiceBackendPort {
                number: Some(port),
                ..ServiceBackendPort::default()
            }),
        }),
        ..IngressBackend::default()
    };
    let rules = wish
        .rules
        .iter()
        .map(|(host, path)| IngressRule {
            host: host.clone(),
            http: Some(HTTPIngressRuleValue {
                paths: vec![HTTPIngressPath {
                    path: Some(path.clone()),
                    path_type: "Prefix".to_string(),
                    backend: backend.clone(),
                }],
            }),
        })
        .collect();
    let hosts: Vec<String> = wish.rules.iter().filter_map(|(h, _)| h.clone()).collect();
    Ingress {
        metadata: meta,
        spec: Some(IngressSpec {
            ingress_class_name: wish.class.clone(),
            rules: Some(rules),
            tls: wish.tls_secret.as_ref().map(|s| {
                vec![IngressTLS {
                    hosts: (!hosts.is_empty()).then_some(hosts),
                    secret_name: Some(s.clone()),
                }]
            }),
            ..IngressSpec::default()
        }),
        ..Ingress::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn port(target: u16, published: Option<u16>) -> Port {
        Port {
            target,
            published,
            protocol: "TCP".into(),
        }
    }

    #[test]
    fn published_ports_are_a_load_balancer_unless_an_ingress_is_asked() {
        let plain = crate::yaml("image: a\n");
        assert_eq!(
            service_type(&plain, &[port(80, Some(8080))], false)
                .unwrap()
                .0,
            "LoadBalancer"
        );
        assert_eq!(
            service_type(&plain, &[port(80, None)], false).unwrap().0,
            "ClusterIP"
        );
        assert_eq!(
            service_type(&plain, &[port(80, Some(8080))], true)
                .unwrap()
                .0,
            "ClusterIP"
        );
        let kompose = crate::yaml("labels: {kompose.service.type: headless}\n");
        assert_eq!(
            service_type(&kompose, &[], false).unwrap(),
            ("ClusterIP".into(), true)
        );
        assert!(service_type(
            &crate::yaml("labels: {kompose.service.type: magic}\n"),
            &[],
            false
        )
        .is_err());
    }

    #[test]
    fn ingress_hosts_come_from_labels() {
        let svc = crate::yaml(
            "labels:\n  shipready.dev/ingress-host: shop.example.com, shop.example.com/api\n  kompose.service.expose.tls-secret: shop-tls\n",
        );
        let w = ingress_wish(&svc).unwrap();
        assert_eq!(
            w.rules,
            [
                (Some("shop.example.com".to_string()), "/".to_string()),
                (Some("shop.example.com".to_string()), "/api".to_string())
            ]
        );
        let ing = ingress(ObjectMeta::default(), &w, "web", 80);
        let spec = ing.spec.unwrap();
        assert_eq!(
            spec.tls.unwrap()[0].secret_name.as_deref(),
            Some("shop-tls")
        );
        assert_eq!(spec.rules.unwrap().len(), 2);
        assert_eq!(
            ingress_wish(&crate::yaml("labels: {kompose.service.expose: \"true\"}\n"))
                .unwrap()
                .rules,
            [(None, "/".to_string())]
        );
        assert!(ingress_wish(&crate::yaml("image: a\n")).is_none());
    }
}
