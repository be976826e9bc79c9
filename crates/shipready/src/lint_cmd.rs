use crate::cli::{Format, LintArgs};
use crate::discover::walk;
use crate::lint_compose;
use crate::lint_kube;
use crate::output::{emit, use_color};
use anyhow::{bail, Context as _};
use rayon::prelude::*;
use shipready_diagnostics::{LineIndex, RuleMeta};
use shipready_dockerfile::is_dockerfile_name;
use shipready_lint::cross_context::{dockerfile_facts, lint_cross, ComposeInput, ManifestInput};
use shipready_lint::fix::apply_safe_fixes;
use shipready_lint::sort_by_place;
use shipready_lint::{find_rule, lint_dockerfile, Settings};
use shipready_report::{FileReport, HumanOptions, InputError, Report};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Dockerfiles are kilobytes; anything this large is not one, and refusing
/// it keeps memory bounded.
const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;
/// `--fix` re-lints until nothing changes, at most this many rounds.
const MAX_FIX_ROUNDS: usize = 10;

struct Input {
    /// As reported to the user.
    name: String,
    /// None for standard input.
    path: Option<PathBuf>,
    /// Named on the command line (its errors decide exit code 2).
    explicit: bool,
}

pub fn lookup(id: &str) -> Option<&'static RuleMeta> {
    find_rule(id).first().map(|r| &r.meta)
}

pub fn run(args: LintArgs) -> anyhow::Result<u8> {
    let settings = load_settings(&args)?;
    let walk_default = args.compose_files.is_empty();
    let (mut inputs, mut compose, manifest_paths) =
        collect_inputs(&args.paths, &args.stdin_filename, walk_default)?;
    for f in &args.compose_files {
        if !f.is_file() {
            bail!("{}: no such Compose file", f.display());
        }
    }
    if !args.compose_files.is_empty() {
        compose.files.extend(args.compose_files.iter().cloned());
        compose.together = args.compose_files.clone();
    }
    let stdin_text = if inputs.iter().any(|i| i.path.is_none()) {
        let mut s = Vec::new();
        std::io::stdin()
            .lock()
            .read_to_end(&mut s)
            .context("reading standard input")?;
        Some(s)
    } else {
        None
    };
    let (mut manifests, manifest_errors) = read_manifests(&manifest_paths);
    // `helm template … | shipready lint -`: standard input holding
    // Kubernetes objects is read as manifests, anything else as a
    // Dockerfile.
    if let Some(text) = stdin_text
        .as_deref()
        .and_then(|b| std::str::from_utf8(b).ok())
    {
        let objects = lint_kube::may_hold_objects(text)
            && shipready_kube::parse_manifests(text, 0).is_ok_and(|o| !o.is_empty());
        if objects {
            inputs.retain(|i| i.path.is_some());
            manifests.push(lint_kube::Manifest {
                name: args.stdin_filename.clone(),
                text: text.to_string(),
                explicit: true,
            });
        }
    }
    let manifest_count = manifests.len();
    let fix = args.fix;
    let results: Vec<(bool, Result<FileReport, InputError>)> = inputs
        .par_iter()
        .map(|input| {
            let bytes = match &input.path {
                Some(p) => read_file(p),
                None => Ok(stdin_text.clone().unwrap_or_default()),
            };
            let result = bytes
                .and_then(decode)
                .map_err(|message| InputError {
                    file: input.name.clone(),
                    line: None,
                    column: None,
                    message,
                })
                .and_then(|text| lint_one(input, text, &settings, fix));
            (input.explicit, result)
        })
        .collect();

    let mut report = Report::default();
    let mut explicit_error = false;
    for (explicit, r) in results {
        match r {
            Ok(f) => {
                report.files_checked += 1;
                report.files.push(f);
            }
            Err(e) => {
                explicit_error |= explicit;
                report.errors.push(e);
            }
        }
    }
    let projects = add_compose(&mut report, &compose, &settings, &mut explicit_error);
    let (kube_reports, mut kube_errors) = lint_kube::lint(manifests, &settings);
    kube_errors.extend(manifest_errors);
    explicit_error |= !kube_errors.is_empty();
    report.errors.extend(kube_errors);
    report.files_checked += kube_reports.len();
    let manifest_inputs: Vec<ManifestInput> = kube_reports
        .iter()
        .map(|r| ManifestInput {
            name: r.path.clone(),
            text: r.source.clone(),
        })
        .collect();
    report.files.extend(kube_reports);
    add_cross(&mut report, &inputs, &projects, &manifest_inputs, &settings);

    let color = use_color(args.color, args.output.is_some());
    let version = env!("CARGO_PKG_VERSION");
    let text = match args.format {
        Format::Human => shipready_report::render_human(
            &report,
            &HumanOptions {
                color,
                concise: false,
                noun: "file",
            },
        ),
        Format::Concise => shipready_report::render_human(
            &report,
            &HumanOptions {
                color,
                concise: true,
                noun: "file",
            },
        ),
        Format::Json => shipready_report::render_json(&report, &lookup),
        Format::Sarif => shipready_report::render_sarif(&report, &lookup, version),
        Format::Github => shipready_report::render_github(&report),
        Format::Checkstyle => shipready_report::render_checkstyle(&report),
    };
    emit(&text, args.output.as_deref())?;

    if explicit_error && inputs.len() + compose.files.len() + manifest_count == 1 {
        return Ok(2);
    }
    let threshold = crate::rule_args::threshold(args.rules.fail_on, &settings);
    let failed = threshold.is_some_and(|t| {
        report
            .files
            .iter()
            .flat_map(|f| &f.findings)
            .any(|f| f.severity >= t)
    });
    Ok(if failed { 1 } else { 0 })
}

/// Config is discovered from the first named path (or the current
/// directory) upwards, unless `--config` names one.
fn load_settings(args: &LintArgs) -> anyhow::Result<Settings> {
    let start = args
        .paths
        .iter()
        .find(|p| p.as_os_str() != "-")
        .map(|p| {
            if p.is_dir() {
                p.clone()
            } else {
                p.parent().map(Path::to_path_buf).unwrap_or_default()
            }
        })
        .unwrap_or_else(|| PathBuf::from("."));
    crate::rule_args::load_settings(&args.rules, &start)
}

/// Compose files to lint: those named on the command line (each its own
/// project, as `-f`) and those found by walking (grouped per directory).
#[derive(Default)]
struct ComposeInputs {
    files: Vec<PathBuf>,
    explicit: Vec<PathBuf>,
    walked: Vec<PathBuf>,
    /// `--compose-file`s: one project, in order.
    together: Vec<PathBuf>,
}

/// Loads and lints the Compose projects in parallel, then merges their
/// reports: a main file shared by several projects (`compose.yaml` under
/// `compose.prod.yaml` and under `compose.dev.yaml`) is reported once.
fn add_compose(
    report: &mut Report,
    compose: &ComposeInputs,
    settings: &Settings,
    explicit_error: &mut bool,
) -> Vec<ComposeInput> {
    let mut projects: Vec<(bool, Vec<PathBuf>)> = compose
        .explicit
        .iter()
        .map(|f| (true, vec![f.clone()]))
        .collect();
    if !compose.together.is_empty() {
        projects.push((true, compose.together.clone()));
    }
    projects.extend(
        lint_compose::projects(&compose.walked)
            .into_iter()
            .map(|p| (false, p)),
    );
    let results: Vec<(bool, lint_compose::ProjectResult)> = projects
        .par_iter()
        .map(|(explicit, files)| (*explicit, lint_compose::lint_project(files, settings)))
        .collect();
    let mut merged: Vec<FileReport> = Vec::new();
    let mut loaded = Vec::new();
    for (explicit, (files, errors, project)) in results {
        loaded.extend(project);
        *explicit_error |= explicit && !errors.is_empty();
        for e in errors {
            if !report
                .errors
                .iter()
                .any(|x| x.file == e.file && x.message == e.message)
            {
                report.errors.push(e);
            }
        }
        for f in files {
            match merged.iter_mut().find(|m| m.path == f.path) {
                Some(m) => {
                    for finding in f.findings {
                        if !m
                            .findings
                            .iter()
                            .any(|x| x.rule == finding.rule && x.span == finding.span)
                        {
                            m.findings.push(finding);
                        }
                    }
                }
                None => merged.push(f),
            }
        }
    }
    for mut f in merged {
        sort_by_place(&mut f.findings);
        report.files_checked += 1;
        report.files.push(f);
    }
    loaded
}

/// The cross-file checks over what this run read: the Dockerfiles, the
/// Compose projects and the manifests; findings join their file's report.
fn add_cross(
    report: &mut Report,
    inputs: &[Input],
    compose: &[ComposeInput],
    manifests: &[ManifestInput],
    settings: &Settings,
) {
    let dockerfiles = inputs
        .iter()
        .filter_map(|i| {
            let path = i.path.as_ref()?;
            let file = report.files.iter().find(|f| f.path == i.name)?;
            dockerfile_facts(i.name.clone(), path, file.source.clone())
        })
        .collect();
    for cf in lint_cross(dockerfiles, compose, manifests, settings) {
        if let Some(f) = report.files.iter_mut().find(|f| f.path == cf.file) {
            f.findings.push(cf.finding);
            sort_by_place(&mut f.findings);
        }
    }
}

/// A YAML/JSON path to read as manifests, and whether it was named.
type ManifestPath = (PathBuf, bool);

/// Reads the candidate manifest files in parallel. A walked file that
/// cannot be read as text is not a manifest and is left alone; a named
/// one is reported.
fn read_manifests(paths: &[ManifestPath]) -> (Vec<lint_kube::Manifest>, Vec<InputError>) {
    let results: Vec<Option<Result<lint_kube::Manifest, InputError>>> = paths
        .par_iter()
        .map(|(p, explicit)| match read_file(p).and_then(decode) {
            Ok(text) => Some(Ok(lint_kube::Manifest {
                name: p.display().to_string(),
                text,
                explicit: *explicit,
            })),
            Err(message) if *explicit => Some(Err(InputError {
                file: p.display().to_string(),
                line: None,
                column: None,
                message,
            })),
            Err(_) => None,
        })
        .collect();
    let mut ok = Vec::new();
    let mut errors = Vec::new();
    for r in results.into_iter().flatten() {
        match r {
            Ok(m) => ok.push(m),
            Err(e) => errors.push(e),
        }
    }
    (ok, errors)
}

fn collect_inputs(
    paths: &[PathBuf],
    stdin_name: &str,
    walk_default: bool,
) -> anyhow::Result<(Vec<Input>, ComposeInputs, Vec<ManifestPath>)> {
    let paths: Vec<PathBuf> = if paths.is_empty() && walk_default {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    };
    let mut compose = ComposeInputs::default();
    let mut manifests: Vec<ManifestPath> = Vec::new();
    let mut inputs = Vec::new();
    for p in &paths {
        if p.as_os_str() == "-" {
            inputs.push(Input {
                name: stdin_name.to_string(),
                path: None,
                explicit: true,
            });
            continue;
        }
        // One stat per named path (the corpus bench names 513 files).
        let meta = std::fs::metadata(p);
        if meta.as_ref().is_ok_and(|m| m.is_dir()) {
            let found = walk(p);
            let lone_dockerfile_dir = found.dockerfiles.is_empty()
                && found.compose.is_empty()
                && p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(is_dockerfile_name);
            if lone_dockerfile_dir {
                bail!("{}: is a directory, not a Dockerfile", p.display());
            }
            inputs.extend(found.dockerfiles.into_iter().map(|f| Input {
                name: f.display().to_string(),
                path: Some(f),
                explicit: false,
            }));
            compose.files.extend(found.compose.iter().cloned());
            compose.walked.extend(found.compose);
            manifests.extend(found.manifests.into_iter().map(|m| (m, false)));
        } else if meta.is_ok() && lint_compose::is_compose_file(p) {
            compose.files.push(p.clone());
            compose.explicit.push(p.clone());
        } else if meta.is_ok()
            && p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(crate::discover::is_yaml_or_json)
        {
            manifests.push((p.clone(), true));
        } else if meta.is_ok() {
            inputs.push(Input {
                name: p.display().to_string(),
                path: Some(p.clone()),
                explicit: true,
            });
        } else {
            bail!("{}: no such file or directory", p.display());
        }
    }
    Ok((inputs, compose, manifests))
}

fn read_file(path: &Path) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if meta.is_dir() {
        return Err("is a directory, not a file".into());
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!(
            "file is {:.1} MB; files larger than {} MB are not linted",
            meta.len() as f64 / 1e6,
            MAX_FILE_BYTES / 1024 / 1024
        ));
    }
    let f = std::fs::File::open(path).map_err(|e| format!("cannot read: {e}"))?;
    let mut buf = Vec::with_capacity(meta.len() as usize);
    // `take` bounds memory even if the file grows while we read it.
    f.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut buf)
        .map_err(|e| format!("cannot read: {e}"))?;
    if buf.len() as u64 > MAX_FILE_BYTES {
        return Err(format!(
            "file is larger than {} MB; not linted",
            MAX_FILE_BYTES / 1024 / 1024
        ));
    }
    Ok(buf)
}

/// 1-based line of byte `pos`.
fn line_at(bytes: &[u8], pos: usize) -> usize {
    memchr::memchr_iter(b'\n', &bytes[..pos.min(bytes.len())]).count() + 1
}

/// Takes the bytes by value so a valid file becomes its `String` without a
/// copy.
fn decode(bytes: Vec<u8>) -> Result<String, String> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!(
            "input is larger than {} MB; not linted",
            MAX_FILE_BYTES / 1024 / 1024
        ));
    }
    if let Some(pos) = memchr::memchr(0, &bytes) {
        let line = line_at(&bytes, pos);
        return Err(format!("binary file (NUL byte on line {line}), not text"));
    }
    String::from_utf8(bytes).map_err(|e| {
        let pos = e.utf8_error().valid_up_to();
        let line = line_at(e.as_bytes(), pos);
        format!("invalid UTF-8 on line {line} (byte {pos}); files must be UTF-8")
    })
}

fn lint_one(
    input: &Input,
    mut text: String,
    settings: &Settings,
    fix: bool,
) -> Result<FileReport, InputError> {
    let parse_error = |text: &str, e: shipready_dockerfile::ParseError| {
        let pos = LineIndex::new(text).line_col(text, e.span.start);
        InputError {
            file: input.name.clone(),
            line: Some(pos.line),
            column: Some(pos.column),
            message: e.message,
        }
    };
    let mut result = lint_dockerfile(&text, settings);
    if fix && input.path.is_some() {
        let original = text.clone();
        for _ in 0..MAX_FIX_ROUNDS {
            let (fixed, n) = apply_safe_fixes(&text, &result.findings);
            if n == 0 || fixed == text {
                break;
            }
            let next = lint_dockerfile(&fixed, settings);
            if let Some(e) = next.error {
                // A fix must never break the file; keep the last good text.
                return Err(InputError { file: input.name.clone(), line: None, column: None, message: format!("internal error: a fix produced an unparsable file ({}); file left unchanged", e.message) });
            }
            text = fixed;
            result = next;
        }
        if text != original {
            if let Some(p) = &input.path {
                std::fs::write(p, &text).map_err(|e| InputError {
                    file: input.name.clone(),
                    line: None,
                    column: None,
                    message: format!("cannot write fixes: {e}"),
                })?;
            }
        }
    }
    if let Some(e) = result.error {
        return Err(parse_error(&text, e));
    }
    Ok(FileReport {
        path: input.name.clone(),
        source: text,
        findings: result.findings,
    })
}
