use crate::include;
use crate::interpolate::{substitute, Lookup};
use crate::names::{MAIN_NAMES, OVERRIDE_NAMES};
use crate::sources::Sources;
use crate::{dotenv, extends, merge, schema, shape, ComposeError};
use shipready_diagnostics::Span;
use shipready_yaml::{parse_stream_at, Limits, Mapping, Node, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A Compose file is kilobytes; anything this large is not one, and
/// refusing it keeps memory bounded.
const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// What `docker compose` would read in `dir` with no `-f`: the main file
/// and, when present, the override file.
pub fn discover(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Some(main) = MAIN_NAMES.iter().map(|n| dir.join(n)).find(|p| p.is_file()) {
        out.push(main);
        if let Some(o) = OVERRIDE_NAMES
            .iter()
            .map(|n| dir.join(n))
            .find(|p| p.is_file())
        {
            out.push(o);
        }
    }
    out
}

#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// `-f` files in order; empty means [`discover`] in `working_dir`.
    pub files: Vec<PathBuf>,
    pub working_dir: PathBuf,
    /// `--env-file`s; empty means `<project dir>/.env` when it exists.
    pub env_files: Vec<PathBuf>,
    /// Active profiles; empty means `COMPOSE_PROFILES`.
    pub profiles: Vec<String>,
    /// The process environment (it wins over `.env`, as in compose).
    pub environment: BTreeMap<String, String>,
    pub project_name: Option<String>,
    /// Texts already read, by absolute path: the loader uses them instead
    /// of reading the file (a run reads each file once; standard input
    /// has no file).
    pub texts: BTreeMap<PathBuf, String>,
}

impl LoadOptions {
    /// Options for the files in `dir` with this process's environment.
    pub fn for_dir(dir: &Path) -> Self {
        LoadOptions {
            working_dir: dir.to_path_buf(),
            environment: std::env::vars().collect(),
            ..LoadOptions::default()
        }
    }
}

/// Something compose would warn about; the project still loads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub file: PathBuf,
    pub span: Option<Span>,
    pub message: String,
    pub kind: WarningKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WarningKind {
    /// `${NAME}` with NAME unset: it became an empty string.
    UnsetVariable(String),
    /// A violation of the Compose schema or of a short syntax.
    Invalid,
}

/// A loaded project: the merged model, with spans into `sources`.
#[derive(Debug, Clone)]
pub struct Project {
    pub name: String,
    /// The directory relative paths are resolved against.
    pub dir: PathBuf,
    /// The `-f` files, in order.
    pub files: Vec<PathBuf>,
    /// Files read through `include:` (canonical paths): part of this
    /// project, not projects of their own.
    pub included: Vec<PathBuf>,
    pub sources: Sources,
    /// The merged document: `services`, `networks`, `volumes`, …
    pub model: Node,
    /// The variables substitution used (`.env` under the environment).
    pub environment: BTreeMap<String, String>,
    pub warnings: Vec<Warning>,
    /// Violations of the Compose schema: `docker compose` refuses the
    /// project; the rest of the model is still checked.
    pub invalid: Vec<Warning>,
}

impl Project {
    /// `(name key, service)` for every service, in file order.
    pub fn services(&self) -> impl Iterator<Item = (&Node, &Node)> {
        self.model
            .get("services")
            .and_then(Node::as_map)
            .into_iter()
            .flat_map(Mapping::iter)
    }
}

pub(crate) struct Loader {
    pub(crate) sources: Sources,
    /// What interpolation reads: the project's `.env` under the process
    /// environment (an included application swaps in its own).
    pub(crate) env: BTreeMap<String, String>,
    pub(crate) warnings: Vec<Warning>,
    pub(crate) invalid: Vec<Warning>,
    /// Files read for `extends`, by path, so each is read once.
    pub(crate) extended: BTreeMap<PathBuf, Node>,
    /// Texts the caller read already.
    pub(crate) provided: BTreeMap<PathBuf, String>,
    /// Files read through `include:`.
    pub(crate) included: Vec<PathBuf>,
}

impl Lookup for Loader {
    fn get(&self, name: &str) -> Option<&str> {
        self.env.get(name).map(String::as_str)
    }
}

fn err(file: &Path, span: Option<Span>, message: impl Into<String>) -> ComposeError {
    ComposeError {
        file: file.to_path_buf(),
        span,
        message: message.into(),
    }
}

impl Loader {
    /// Reads, parses, interpolates, validates, shapes and resolves the
    /// relative paths of one file (against `base_dir`).
    pub(crate) fn read_file(&mut self, path: &Path, base_dir: &Path) -> Result<Node, ComposeError> {
        let text = match self.provided.get(path) {
            Some(t) => t.clone(),
            None => read_text(path)?,
        };
        let base = self
            .sources
            .add(path, path.display().to_string(), text.clone());
        let docs = parse_stream_at(&text, base, &Limits::default())
            .map_err(|e| err(path, Some(e.span), e.message))?;
        // Several documents in one file merge in order, as compose-go does.
        let mut root: Option<Node> = None;
        for doc in docs {
            let mut node = doc.root;
            if node.is_null() {
                continue;
            }
            if node.as_map().is_none() {
                return Err(err(
                    path,
                    Some(node.span),
                    "a Compose file is a mapping (`services:`, `volumes:`, …) at the top level",
                ));
            }
            self.interpolate(&mut node, path)?;
            for (span, message) in schema::validate(&node) {
                self.invalid.push(Warning {
                    file: path.to_path_buf(),
                    span: Some(span),
                    message,
                    kind: WarningKind::Invalid,
                });
            }
            self.check_short_volumes(&node, path);
            shape::file(&mut node);
            resolve_paths(&mut node, base_dir, &self.env);
            root = Some(match root {
                None => node,
                Some(prev) => merge::merge(prev, node, &mut Vec::new()),
            });
        }
        Ok(root.unwrap_or(Node {
            value: Value::Map(Mapping::default()),
            span: Span::new(base, base),
            tag: None,
        }))
    }

    /// compose refuses `src::dst` and `:dst` (often an unset variable in
    /// the source); the schema cannot say so, the parser of the short
    /// syntax does.
    fn check_short_volumes(&mut self, root: &Node, path: &Path) {
        let services = root.get("services").and_then(Node::as_map);
        for (_, svc) in services.into_iter().flat_map(Mapping::iter) {
            let vols = svc.get("volumes").and_then(Node::as_seq).unwrap_or(&[]);
            for v in vols {
                let Some(text) = v.as_str() else { continue };
                if text.split(':').count() > 1 && text.split(':').any(str::is_empty) {
                    self.invalid.push(Warning {
                        file: path.to_path_buf(),
                        span: Some(v.span),
                        message: format!(
                            "volume `{text}`: empty section between colons (an unset variable?)"
                        ),
                        kind: WarningKind::Invalid,
                    });
                }
            }
        }
    }

    fn interpolate(&mut self, node: &mut Node, path: &Path) -> Result<(), ComposeError> {
        match &mut node.value {
            Value::Str(s) if s.contains('$') => {
                let out =
                    substitute(s, self).map_err(|e| err(path, Some(node.span), e.to_string()))?;
                for name in out.unset {
                    let message = format!("variable {name} is not set; it becomes an empty string");
                    if !self
                        .warnings
                        .iter()
                        .any(|w| w.message == message && w.file == path)
                    {
                        self.warnings.push(Warning {
                            file: path.to_path_buf(),
                            span: Some(node.span),
                            message,
                            kind: WarningKind::UnsetVariable(name),
                        });
                    }
                }
                *s = out.value;
            }
            Value::Seq(items) => {
                for i in items {
                    self.interpolate(i, path)?;
                }
            }
            Value::Map(m) => {
                for (_, v) in &mut m.entries {
                    self.interpolate(v, path)?;
                }
            }
            _ => {}
        }
        Ok(())
    }
}

/// Makes the paths compose resolves absolute: build contexts, env files,
/// bind-mount sources, secret and config files, extends files.
fn resolve_paths(root: &mut Node, dir: &Path, env: &BTreeMap<String, String>) {
    let abs = |p: &str| -> String { absolute(p, dir, env) };
    let Value::Map(m) = &mut root.value else {
        return;
    };
    for (k, v) in &mut m.entries {
        match k.key_text().as_deref() {
            Some("services") => {
                if let Value::Map(services) = &mut v.value {
                    for (_, svc) in &mut services.entries {
                        resolve_service_paths(svc, &abs);
                    }
                }
            }
            Some("secrets" | "configs") => {
                if let Value::Map(items) = &mut v.value {
                    for (_, item) in &mut items.entries {
                        if let Value::Map(fields) = &mut item.value {
                            set_str(fields, "file", &abs);
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

fn set_str(m: &mut Mapping, key: &str, f: &dyn Fn(&str) -> String) {
    for (k, v) in &mut m.entries {
        if k.key_text().as_deref() == Some(key) {
            if let Value::Str(s) = &mut v.value {
                *s = f(s);
            }
        }
    }
}

fn resolve_service_paths(svc: &mut Node, abs: &dyn Fn(&str) -> String) {
    let Value::Map(m) = &mut svc.value else {
        return;
    };
    for (k, v) in &mut m.entries {
        match k.key_text().as_deref() {
            Some("build") => {
                if let Value::Map(b) = &mut v.value {
                    // A URL or a git remote is not a path.
                    let remote = b.get("context").and_then(Node::as_str).is_some_and(|c| {
                        c.contains("://") || c.starts_with("git@") || c.ends_with(".git")
                    });
                    if !remote {
                        set_str(b, "context", abs);
                    }
                }
            }
            Some("env_file") => match &mut v.value {
                Value::Str(s) => *s = abs(s),
                Value::Seq(items) => {
                    for item in items {
                        match &mut item.value {
                            Value::Str(s) => *s = abs(s),
                            Value::Map(f) => set_str(f, "path", abs),
                            _ => {}
                        }
                    }
                }
                _ => {}
            },
            Some("extends") => {
                if let Value::Map(e) = &mut v.value {
                    set_str(e, "file", abs);
                }
            }
            Some("volumes") => {
                if let Value::Seq(items) = &mut v.value {
                    for item in items {
                        match &mut item.value {
                            Value::Str(s) => {
                                let (src, rest) = s.split_once(':').unwrap_or((s.as_str(), ""));
                                if is_path(src) && !rest.is_empty() {
                                    *s = format!("{}:{rest}", abs(src));
                                }
                            }
                            Value::Map(f) => {
                                let bind = f.get("type").and_then(Node::as_str) == Some("bind");
                                if bind {
                                    set_str(f, "source", abs);
                                }
                            }
                            _ => {}
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

/// Reads a Compose file from disk, bounded in size, as UTF-8.
fn read_text(path: &Path) -> Result<String, ComposeError> {
    let meta = std::fs::metadata(path).map_err(|e| err(path, None, format!("cannot read: {e}")))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(err(
            path,
            None,
            format!(
                "is {:.1} MB; a Compose file this large is not one (limit {} MiB)",
                meta.len() as f64 / 1e6,
                MAX_FILE_BYTES >> 20
            ),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| err(path, None, format!("cannot read: {e}")))?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..at].iter().filter(|b| **b == b'\n').count() + 1;
        err(
            path,
            None,
            format!("line {line}: not UTF-8 text (byte {at})"),
        )
    })
}

/// A volume source that is a host path, not a volume name.
/// Whether a volume source is a host path (a bind mount) rather than a
/// volume name, as compose decides.
pub fn is_path(src: &str) -> bool {
    src.starts_with('.') || src.starts_with('/') || src.starts_with('~') || src.contains('/')
}

pub(crate) fn absolute_path(p: &str, dir: &Path, env: &BTreeMap<String, String>) -> String {
    absolute(p, dir, env)
}

fn absolute(p: &str, dir: &Path, env: &BTreeMap<String, String>) -> String {
    let expanded = match p.strip_prefix('~') {
        Some(rest) if rest.is_empty() || rest.starts_with('/') => {
            format!("{}{rest}", env.get("HOME").map_or("", String::as_str))
        }
        _ => p.to_string(),
    };
    // compose keeps an absolute path as written and cleans a joined one
    // (Go's filepath.Join), trailing slash and all.
    if Path::new(&expanded).is_absolute() {
        return expanded;
    }
    clean(&dir.join(&expanded)).display().to_string()
}

/// `a/./b/../c` → `a/c`, lexically, as Go's `filepath.Clean`.
fn clean(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Loads a project as `docker compose` would for `config`.
pub fn load(opts: &LoadOptions) -> Result<Project, ComposeError> {
    let working_dir = if opts.working_dir.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        opts.working_dir.clone()
    };
    let working_dir = std::fs::canonicalize(&working_dir).unwrap_or(working_dir);
    let files: Vec<PathBuf> = if opts.files.is_empty() {
        discover(&working_dir)
    } else {
        opts.files
            .iter()
            .map(|f| {
                if f.is_absolute() {
                    f.clone()
                } else {
                    working_dir.join(f)
                }
            })
            .collect()
    };
    let Some(first) = files.first() else {
        return Err(err(
            &working_dir,
            None,
            "no compose.yaml, compose.yml, docker-compose.yaml or docker-compose.yml here",
        ));
    };
    let dir = first
        .parent()
        .map_or_else(|| working_dir.clone(), Path::to_path_buf);
    let dir = std::fs::canonicalize(&dir).unwrap_or(dir);

    // .env under the process environment: the shell wins, as in compose.
    let mut env = BTreeMap::new();
    let env_files: Vec<(PathBuf, bool)> = if opts.env_files.is_empty() {
        vec![(dir.join(".env"), false)]
    } else {
        opts.env_files.iter().map(|p| (p.clone(), true)).collect()
    };
    for (path, required) in env_files {
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                let vars = dotenv::parse(&text, &opts.environment)
                    .map_err(|e| err(&path, None, format!("line {}: {}", e.line, e.message)))?;
                env.extend(vars);
            }
            Err(e) if required || e.kind() != std::io::ErrorKind::NotFound => {
                return Err(err(&path, None, format!("cannot read the env file: {e}")));
            }
            Err(_) => {}
        }
    }
    env.extend(opts.environment.clone());

    let mut loader = Loader {
        sources: Sources::default(),
        env,
        warnings: Vec::new(),
        invalid: Vec::new(),
        extended: BTreeMap::new(),
        provided: opts.texts.clone(),
        included: Vec::new(),
    };
    let mut model: Option<Node> = None;
    for f in &files {
        let mut root = loader
            .read_file(f, &dir)
            .map_err(|e| localise(e, &loader.sources))?;
        extends::resolve_file(&mut loader, &mut root, f)
            .map_err(|e| localise(e, &loader.sources))?;
        let canonical = std::fs::canonicalize(f).unwrap_or_else(|_| f.clone());
        include::resolve(&mut loader, &mut root, f, &dir, &mut vec![canonical])
            .map_err(|e| localise(e, &loader.sources))?;
        model = Some(match model {
            None => root,
            Some(prev) => merge::merge(prev, root, &mut Vec::new()),
        });
    }
    let mut model = model.unwrap_or(Node {
        value: Value::Map(Mapping::default()),
        span: Span::default(),
        tag: None,
    });
    let profiles: Vec<String> = if opts.profiles.is_empty() {
        loader
            .env
            .get("COMPOSE_PROFILES")
            .map(|p| {
                p.split(',')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    } else {
        opts.profiles.clone()
    };
    drop_inactive(&mut model, &profiles);
    let name = opts
        .project_name
        .clone()
        .or_else(|| loader.env.get("COMPOSE_PROJECT_NAME").cloned())
        .or_else(|| model.get("name").and_then(Node::as_str).map(String::from))
        .unwrap_or_else(|| {
            dir.file_name()
                .map(|n| normalise_name(&n.to_string_lossy()))
                .unwrap_or_default()
        });
    Ok(Project {
        name,
        dir,
        files,
        included: loader.included,
        sources: loader.sources,
        model,
        environment: loader.env,
        warnings: loader.warnings,
        invalid: loader.invalid,
    })
}

/// Errors leave the loader with a span local to their file: the project,
/// and with it the shared number line, does not exist.
fn localise(mut e: ComposeError, sources: &Sources) -> ComposeError {
    if let Some(span) = e.span {
        e.span = sources
            .locate(span)
            .filter(|(src, _)| src.path == e.file)
            .map(|(_, local)| local);
    }
    e
}

/// Project names are lowercase letters, digits, `-` and `_`.
fn normalise_name(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .filter(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-' || *c == '_')
        .collect()
}

/// Services with `profiles` none of which is active are not part of the
/// project (`*` activates all).
fn drop_inactive(model: &mut Node, active: &[String]) {
    let all = active.iter().any(|p| p == "*");
    if let Some(services) = shape::services_mut(model) {
        services.entries.retain(|(_, svc)| {
            let Some(p) = svc.get("profiles").and_then(Node::as_seq) else {
                return true;
            };
            all || p
                .iter()
                .filter_map(Node::key_text)
                .any(|name| active.contains(&name))
        });
    }
}
