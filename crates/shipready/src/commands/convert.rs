//! `shipready convert`: flags → the pipeline's Compose project → the
//! converter → the manifests (stdout or `-o DIR`) and the summary.
//!
//! Nothing is written when the conversion has errors: half a set of
//! manifests applied to a cluster is worse than none. The exit status is
//! 2 then (an input that could not be converted), else 0.

use crate::cli::{ColorChoice, ConvertArgs, ConvertLayout, ConvertSummary};
use crate::exit::ExitStatus;
use crate::output::{emit, use_color};
use anyhow::bail;
use shipready_convert::write::{self, Layout};
use shipready_project::convert::{head_commit, ConvertRequest};
use shipready_project::discover_settings;
use shipready_report::convert::{
    render_convert_human, render_convert_json, render_convert_markdown, ConvertView, Written,
};
use std::io::{IsTerminal as _, Write as _};
use std::path::PathBuf;

pub fn run(args: ConvertArgs) -> anyhow::Result<ExitStatus> {
    let dir = args.path.clone().unwrap_or_else(|| PathBuf::from("."));
    let layout = match args.format {
        ConvertLayout::Yaml => Layout::Yaml,
        ConvertLayout::Kustomize => Layout::Kustomize,
        ConvertLayout::Helm => Layout::Helm,
    };
    if layout != Layout::Yaml && args.output.is_none() {
        bail!(
            "--format {} writes several files: name the directory with -o DIR",
            match layout {
                Layout::Kustomize => "kustomize",
                _ => "helm",
            }
        );
    }
    let start = args.files.first().map_or(dir.clone(), |f| {
        f.parent()
            .map_or_else(|| PathBuf::from("."), std::path::Path::to_path_buf)
    });
    let settings = discover_settings(args.config.as_deref(), &start)?;
    let tag = args
        .tag
        .clone()
        .or_else(|| head_commit(&start))
        .unwrap_or_default();
    let converted = shipready_project::convert::convert(
        &settings,
        ConvertRequest {
            files: args.files.clone(),
            dir: dir.clone(),
            options: shipready_convert::Options {
                namespace: args.namespace.clone(),
                registry: args.registry.clone(),
                tag: tag.clone(),
                images: Default::default(),
            },
            read_images: !args.no_images,
        },
    )?;
    let input_errors = &converted.report.errors;
    let conversion = converted.conversion.unwrap_or_default();
    let withheld = conversion.summary.has_errors() || !input_errors.is_empty();
    let mut written = Written {
        layout: format!("{:?}", args.format).to_ascii_lowercase(),
        output: args.output.as_ref().map(|o| o.display().to_string()),
        objects: conversion
            .objects
            .iter()
            .map(shipready_convert::Object::id)
            .collect(),
        withheld,
    };
    if withheld {
        written.objects.clear();
    } else {
        match &args.output {
            None => {
                let mut out = std::io::stdout().lock();
                out.write_all(write::stream(&conversion.objects).as_bytes())?;
                out.flush()?;
            }
            Some(o) => {
                let chart = shipready_convert::names::label(&conversion.summary.project)
                    .map_or_else(|| "app".to_string(), |l| l.name);
                write::write(
                    layout,
                    &conversion.objects,
                    o,
                    &conversion.summary.namespace,
                    &chart,
                    if tag.is_empty() { "0.1.0" } else { &tag },
                )?;
            }
        }
    }
    let view = ConvertView {
        summary: &conversion.summary,
        written: &written,
        images_read: &converted.images_read,
        images_note: converted.images_note.as_deref(),
        input_errors,
    };
    // The summary never mixes with manifests on standard output.
    let to_stdout = args.output.is_some() && args.summary_output.is_none();
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto if to_stdout => use_color(ColorChoice::Auto, false),
        ColorChoice::Auto => {
            args.summary_output.is_none()
                && std::env::var_os("NO_COLOR").is_none()
                && std::io::stderr().is_terminal()
        }
    };
    let text = match args.summary {
        ConvertSummary::Human => render_convert_human(&view, color),
        ConvertSummary::Json => render_convert_json(&view),
        ConvertSummary::Markdown => render_convert_markdown(&view),
    };
    match (&args.summary_output, to_stdout) {
        (Some(p), _) => emit(&text, Some(p))?,
        (None, true) => emit(&text, None)?,
        (None, false) => {
            let mut err = std::io::stderr().lock();
            err.write_all(text.as_bytes())?;
        }
    }
    Ok(if withheld {
        ExitStatus::Error
    } else {
        ExitStatus::Success
    })
}
