//! A service's probes: its healthcheck as readiness, liveness (and
//! startup) probes; without one, TCP probes on its first port, marked as
//! defaulted; none for a Job, whose exit code is its health. A probe's
//! port is always one the container declares.

use super::{Svc, DEFAULTED_PROBES};
use crate::ports::{self, Port};
use crate::probes;
use crate::summary::Summary;
use k8s_openapi::api::core::v1::{Probe, TCPSocketAction};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use shipready_yaml::Node;
use std::collections::BTreeMap;

pub(super) fn build(
    s: &Svc<'_>,
    one_shot: bool,
    port_list: &mut Vec<Port>,
    annotations: &mut BTreeMap<String, String>,
    summary: &mut Summary,
) -> Option<probes::Probes> {
    let (svc, compose, key_span) = (s.node, s.compose, s.key_span);
    // Health checks.
    let mut probes = match svc.get("healthcheck") {
        Some(hc) => match probes::from_healthcheck(hc) {
            Ok(p) => p,
            Err(e) => {
                s.fail(summary, Some(hc.span), e);
                None
            }
        },
        None => None,
    };
    if one_shot {
        if probes.take().is_some() {
            summary.dropped(
                compose,
                "healthcheck",
                "a Job runs to completion; its success is the exit code",
            );
        }
    } else if let Some(p) = &probes {
        let mut what = vec!["readiness", "liveness"];
        if p.startup.is_some() {
            what.push("startup");
        }
        summary.mapped(
            compose,
            "healthcheck",
            format!("{} probes", what.join(", ")),
        );
    } else if svc
        .get("healthcheck")
        .is_some_and(|h| h.get("disable").and_then(Node::key_text).as_deref() == Some("true"))
    {
        summary.warn(Some(compose), svc.get("healthcheck").map(|h| h.span), "healthcheck is disabled: the pod gets no probes, so traffic reaches it before it is ready and a hung process is never restarted".into());
    } else if let Some(p) = port_list.iter().find(|p| p.protocol == "TCP") {
        let tcp = |period: i32| Probe {
            tcp_socket: Some(TCPSocketAction {
                port: IntOrString::Int(i32::from(p.target)),
                ..TCPSocketAction::default()
            }),
            period_seconds: Some(period),
            timeout_seconds: Some(3),
            failure_threshold: Some(3),
            ..Probe::default()
        };
        probes = Some(probes::Probes {
            readiness: Some(tcp(10)),
            liveness: Some(tcp(20)),
            startup: None,
        });
        annotations.insert(
            DEFAULTED_PROBES.to_string(),
            format!("tcpSocket:{}", p.target),
        );
        summary.defaulted(compose, "healthcheck", format!("TCP probes on port {}: the port accepting connections is all they prove; add a healthcheck that checks the application", p.target));
    } else {
        summary.warn(Some(compose), Some(key_span), "no healthcheck and no port: the pod gets no probes, so a hung process is never restarted; add a healthcheck".into());
    }
    // A probe's port must be one the container declares.
    if let Some(p) = &probes {
        for probe in [&p.readiness, &p.liveness, &p.startup]
            .into_iter()
            .flatten()
        {
            let port = probe
                .http_get
                .as_ref()
                .map(|h| &h.port)
                .or(probe.tcp_socket.as_ref().map(|t| &t.port));
            if let Some(IntOrString::Int(n)) = port {
                if let Ok(n) = u16::try_from(*n) {
                    if !port_list
                        .iter()
                        .any(|p| p.target == n && p.protocol == "TCP")
                    {
                        port_list.push(ports::Port {
                            target: n,
                            published: None,
                            protocol: "TCP".into(),
                        });
                    }
                }
            }
        }
    }

    probes
}
