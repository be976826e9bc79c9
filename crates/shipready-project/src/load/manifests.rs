//! Kubernetes manifests: every file that holds objects, on one number
//! line (each file its own range of offsets, so a Service meets the
//! Deployment it selects in another file), parsed in parallel, each object
//! validated once.

use super::{Project, Source};
use rayon::prelude::*;
use shipready_diagnostics::{FileKind, LineIndex, SourceFile, Span};
use shipready_kube::{parse_manifests, Object};
use shipready_report::InputError;

pub fn load(project: &mut Project, sources: Vec<Source>) {
    // Bases first, from the lengths alone, so the files parse in parallel;
    // a file that turns out to hold no objects leaves its range unused.
    let mut base: u32 = 0;
    let with_bases: Vec<(u32, Source)> = sources
        .into_iter()
        .map(|s| {
            let b = base;
            base = base.saturating_add(s.text.len() as u32 + 1);
            (b, s)
        })
        .collect();
    let parsed: Vec<(u32, Source, Result<Vec<Object>, shipready_yaml::YamlError>)> = with_bases
        .into_par_iter()
        .map(|(b, s)| {
            let objects = parse_manifests(&s.text, b);
            (b, s, objects)
        })
        .collect();
    for (b, source, objects) in parsed {
        match objects {
            Ok(objs) if objs.is_empty() => {
                if source.explicit {
                    project.error(InputError::whole(
                        source.name,
                        "no Kubernetes objects (`apiVersion` and `kind`) in this file",
                    ));
                }
            }
            Ok(objs) => {
                let path = source.absolute(&mut project.canonical);
                let id = project.files.add(SourceFile::new(
                    source.name,
                    path,
                    FileKind::Manifest,
                    source.text,
                ));
                project.units.kube.files.push((b, id));
                project.units.kube.objects.extend(objs);
            }
            Err(e) => {
                let local = Span::new(e.span.start.saturating_sub(b), e.span.end.saturating_sub(b));
                let at = LineIndex::new(&source.text).line_col(&source.text, local.start);
                project.error(InputError {
                    file: source.name,
                    line: Some(at.line),
                    column: Some(at.column),
                    message: e.message,
                });
            }
        }
    }
    project.units.kube.problems = project
        .units
        .kube
        .objects
        .par_iter()
        .map(shipready_kube::validate)
        .collect();
}
