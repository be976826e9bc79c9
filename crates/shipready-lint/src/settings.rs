//! `shipready.toml` and `.hadolint.yaml`, resolved into [`Settings`].
//!
//! Options are deserialised with `deny_unknown_fields`, so a typo is an
//! error naming the file, line and column instead of a silently ignored key.

use crate::registry::find_rule;
use serde::Deserialize;
use shipready_diagnostics::Severity;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{path}: {message}")]
    Invalid { path: PathBuf, message: String },
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// The kinds of value a label schema can demand (hadolint's `label-schema`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LabelType {
    Text,
    Url,
    Rfc3339,
    Semver,
    Hash,
    Spdx,
    Email,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Options {
    fail_on: Option<String>,
    select: Option<Vec<String>>,
    extend_select: Option<Vec<String>>,
    ignore: Option<Vec<String>>,
    severity: Option<BTreeMap<String, String>>,
    trusted_registries: Option<Vec<String>>,
    label_schema: Option<BTreeMap<String, LabelType>>,
    strict_labels: Option<bool>,
    image: Option<ImageOptions>,
    scan: Option<crate::scan_settings::RawScan>,
    /// `[profile]`, `[costs]` and `[thresholds]` are the advisor's
    /// (`shipready-advise` reads and checks them).
    #[allow(dead_code)]
    profile: Option<toml::Value>,
    #[allow(dead_code)]
    costs: Option<toml::Value>,
    #[allow(dead_code)]
    thresholds: Option<toml::Value>,
    per_file_ignores: Option<BTreeMap<toml::Spanned<String>, Vec<String>>>,
}

/// `[image]` in `shipready.toml`: the budget and dive's CI gates, with
/// dive's names and meanings (`highest-user-wasted-percent` is a ratio,
/// 0.1 = 10 %, as in `.dive-ci`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ImageOptions {
    max_size: Option<String>,
    lowest_efficiency: Option<Gate>,
    highest_wasted_bytes: Option<Gate>,
    highest_user_wasted_percent: Option<Gate>,
    required_labels: Option<Vec<String>>,
}

/// A gate value: a number, a size such as `"20MB"`, or `"disabled"` (dive
/// accepts the word for every gate).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Gate {
    Number(f64),
    Text(String),
}

/// Thresholds of the image rules. `None` switches a gate off.
#[derive(Debug, Clone, PartialEq)]
pub struct ImageGates {
    /// Uncompressed size budget in bytes (DESIGN: production images
    /// < 150 MB).
    pub max_size: u64,
    /// dive's `lowestEfficiency`, 0..1.
    pub lowest_efficiency: Option<f64>,
    /// dive's `highestWastedBytes`.
    pub highest_wasted_bytes: Option<u64>,
    /// dive's `highestUserWastedPercent`: a ratio, 0.1 = 10 %.
    pub highest_user_wasted_ratio: Option<f64>,
    /// Labels every release image should carry.
    pub required_labels: Vec<String>,
}

impl Default for ImageGates {
    /// dive's defaults for its gates (`lowestEfficiency` 0.9,
    /// `highestWastedBytes` disabled, `highestUserWastedPercent` 0.1) and
    /// the OCI annotations that trace an image to its source.
    fn default() -> Self {
        ImageGates {
            max_size: 150_000_000,
            lowest_efficiency: Some(0.9),
            highest_wasted_bytes: None,
            highest_user_wasted_ratio: Some(0.1),
            required_labels: [
                "org.opencontainers.image.source",
                "org.opencontainers.image.version",
                "org.opencontainers.image.revision",
            ]
            .map(String::from)
            .to_vec(),
        }
    }
}

/// A size or ratio gate (`--max-size`, `[image] lowest-efficiency`) that
/// does not read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GateError {
    #[error("`{0}`: expected a number with an optional unit")]
    NotASize(String),
    #[error("`{value}`: unknown unit `{unit}` (use B, KB, MB, GB, KiB, MiB or GiB)")]
    UnknownUnit { value: String, unit: String },
    #[error("`{0}`: expected a ratio such as 0.9, or `disabled`")]
    NotARatio(String),
    #[error("`{0}`: a ratio is between 0 and 1 (0.1 = 10 %)")]
    RatioOutOfRange(String),
}

/// `150MB`, `1.5GiB`, `2000000`: decimal units for KB/MB/GB (as registries
/// and `docker images` count), binary for KiB/MiB/GiB.
pub fn parse_size(s: &str) -> Result<u64, GateError> {
    let t = s.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: f64 = num
        .parse()
        .map_err(|_| GateError::NotASize(s.to_string()))?;
    let mult = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "kb" | "k" => 1e3,
        "mb" | "m" => 1e6,
        "gb" | "g" => 1e9,
        "kib" => 1024.0,
        "mib" => 1024.0 * 1024.0,
        "gib" => 1024.0 * 1024.0 * 1024.0,
        other => {
            return Err(GateError::UnknownUnit {
                value: s.to_string(),
                unit: other.to_string(),
            })
        }
    };
    Ok((n * mult) as u64)
}

/// A ratio gate: a number in 0..=1, or `disabled`.
pub fn parse_ratio(s: &str) -> Result<Option<f64>, GateError> {
    if s.trim() == "disabled" {
        return Ok(None);
    }
    let v: f64 = s
        .trim()
        .parse()
        .map_err(|_| GateError::NotARatio(s.to_string()))?;
    if !(0.0..=1.0).contains(&v) {
        return Err(GateError::RatioOutOfRange(s.to_string()));
    }
    Ok(Some(v))
}

/// A byte gate: a size, or `disabled`.
pub fn parse_size_gate(s: &str) -> Result<Option<u64>, GateError> {
    if s.trim() == "disabled" {
        return Ok(None);
    }
    parse_size(s).map(Some)
}

impl Gate {
    fn text(&self) -> String {
        match self {
            Gate::Number(n) => n.to_string(),
            Gate::Text(t) => t.clone(),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct HadolintOptions {
    ignored: Option<Vec<String>>,
    trusted_registries: Option<Vec<String>>,
    #[serde(rename = "override")]
    overrides: Option<HadolintOverride>,
    #[serde(rename = "label-schema")]
    label_schema: Option<BTreeMap<String, LabelType>>,
    #[serde(rename = "strict-labels")]
    strict_labels: Option<bool>,
    #[serde(rename = "failure-threshold")]
    failure_threshold: Option<String>,
    // Output options of hadolint itself; accepted and ignored.
    format: Option<String>,
    #[serde(rename = "no-fail")]
    no_fail: Option<bool>,
    #[serde(rename = "no-color")]
    no_color: Option<bool>,
    #[serde(rename = "disable-ignore-pragma")]
    disable_ignore_pragma: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct HadolintOverride {
    error: Option<Vec<String>>,
    warning: Option<Vec<String>>,
    info: Option<Vec<String>>,
    style: Option<Vec<String>>,
}

/// Resolved configuration.
#[derive(Debug, Clone)]
pub struct Settings {
    /// When set, only these rules run.
    pub select: Option<HashSet<&'static str>>,
    /// Opt-in rules switched on.
    pub extend_select: HashSet<&'static str>,
    pub ignore: HashSet<&'static str>,
    pub severity: HashMap<&'static str, Severity>,
    pub trusted_registries: Vec<String>,
    pub label_schema: BTreeMap<String, LabelType>,
    pub strict_labels: bool,
    pub fail_on: Severity,
    /// Honour `# hadolint ignore=` pragmas.
    pub ignore_pragmas: bool,
    pub image: ImageGates,
    /// `[scan]`: the vulnerability gate.
    pub scan: crate::ScanSettings,
    /// `[per-file-ignores]` of `shipready.toml`.
    pub per_file_ignores: Vec<PerFileIgnore>,
    /// The `shipready.toml` these settings came from, when there is one
    /// (stale per-file ignores are reported in it).
    pub config_file: Option<PathBuf>,
}

/// One `[per-file-ignores]` entry: a glob and the rules it switches off.
#[derive(Debug, Clone)]
pub struct PerFileIgnore {
    pub pattern: String,
    matcher: globset::GlobMatcher,
    /// The directory the pattern is relative to: the config file's.
    root: PathBuf,
    pub codes: Vec<String>,
    /// The entry's key in the config file.
    pub span: shipready_diagnostics::Span,
}

impl PerFileIgnore {
    /// Whether an absolute path is one of the entry's files.
    pub fn matches(&self, path: &Path) -> bool {
        let Ok(rel) = path.strip_prefix(&self.root) else {
            return false;
        };
        if self.matcher.is_match(rel) {
            return true;
        }
        // A pattern without a directory names files anywhere.
        !self.pattern.contains('/') && rel.file_name().is_some_and(|n| self.matcher.is_match(n))
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            select: None,
            extend_select: HashSet::new(),
            ignore: HashSet::new(),
            severity: HashMap::new(),
            trusted_registries: Vec::new(),
            label_schema: BTreeMap::new(),
            strict_labels: false,
            fail_on: Severity::Warning,
            ignore_pragmas: true,
            image: ImageGates::default(),
            scan: crate::ScanSettings::default(),
            per_file_ignores: Vec::new(),
            config_file: None,
        }
    }
}

fn invalid(path: &Path, message: impl Into<String>) -> ConfigError {
    ConfigError::Invalid {
        path: path.to_path_buf(),
        message: message.into(),
    }
}

/// Rule IDs for a user-given key: our ID, name or an upstream ID.
fn resolve(path: &Path, key: &str) -> Result<Vec<&'static str>, ConfigError> {
    let rules = find_rule(key);
    if rules.is_empty() {
        return Err(invalid(
            path,
            format!("unknown rule `{key}` (see `shipready rules` for the list)"),
        ));
    }
    Ok(rules.iter().map(|r| r.meta.id).collect())
}

fn resolve_all(path: &Path, keys: &[String]) -> Result<HashSet<&'static str>, ConfigError> {
    let mut out = HashSet::new();
    for k in keys {
        out.extend(resolve(path, k)?);
    }
    Ok(out)
}

fn severity(path: &Path, s: &str) -> Result<Severity, ConfigError> {
    s.parse()
        .map_err(|e: shipready_diagnostics::UnknownSeverity| invalid(path, e.to_string()))
}

impl Settings {
    /// Reads `shipready.toml` from `text`.
    pub fn apply_toml(&mut self, path: &Path, text: &str) -> Result<(), ConfigError> {
        let opts: Options = toml::from_str(text)
            .map_err(|e| invalid(path, e.to_string().trim_end().to_string()))?;
        if let Some(s) = opts.fail_on {
            self.fail_on = severity(path, &s)?;
        }
        if let Some(sel) = opts.select {
            self.select = Some(resolve_all(path, &sel)?);
        }
        if let Some(sel) = opts.extend_select {
            self.extend_select.extend(resolve_all(path, &sel)?);
        }
        if let Some(ign) = opts.ignore {
            self.ignore.extend(resolve_all(path, &ign)?);
        }
        for (k, v) in opts.severity.unwrap_or_default() {
            let sev = severity(path, &v)?;
            for id in resolve(path, &k)? {
                self.severity.insert(id, sev);
            }
        }
        if let Some(r) = opts.trusted_registries {
            self.trusted_registries = r;
        }
        if let Some(l) = opts.label_schema {
            self.label_schema = l;
        }
        if let Some(s) = opts.strict_labels {
            self.strict_labels = s;
        }
        if let Some(img) = opts.image {
            self.apply_image(path, img)?;
        }
        if let Some(scan) = opts.scan {
            self.scan.apply(scan).map_err(|e| invalid(path, e))?;
        }
        let root = path.parent().map(Path::to_path_buf).unwrap_or_default();
        for (pattern, codes) in opts.per_file_ignores.unwrap_or_default() {
            let span = pattern.span();
            let pattern = pattern.into_inner();
            let matcher = globset::GlobBuilder::new(&pattern)
                .literal_separator(true)
                .build()
                .map_err(|e| invalid(path, format!("[per-file-ignores] `{pattern}`: {e}")))?
                .compile_matcher();
            for c in &codes {
                resolve(path, c)?;
            }
            self.per_file_ignores.push(PerFileIgnore {
                pattern,
                matcher,
                root: root.clone(),
                codes,
                span: shipready_diagnostics::Span::from_usize(span.start, span.end),
            });
        }
        self.config_file = Some(path.to_path_buf());
        Ok(())
    }

    fn apply_image(&mut self, path: &Path, img: ImageOptions) -> Result<(), ConfigError> {
        let at = |key: &str, e: GateError| invalid(path, format!("[image] {key}: {e}"));
        if let Some(v) = img.max_size {
            self.image.max_size = parse_size(&v).map_err(|e| at("max-size", e))?;
        }
        if let Some(g) = img.lowest_efficiency {
            self.image.lowest_efficiency =
                parse_ratio(&g.text()).map_err(|e| at("lowest-efficiency", e))?;
        }
        if let Some(g) = img.highest_wasted_bytes {
            self.image.highest_wasted_bytes =
                parse_size_gate(&g.text()).map_err(|e| at("highest-wasted-bytes", e))?;
        }
        if let Some(g) = img.highest_user_wasted_percent {
            self.image.highest_user_wasted_ratio =
                parse_ratio(&g.text()).map_err(|e| at("highest-user-wasted-percent", e))?;
        }
        if let Some(l) = img.required_labels {
            self.image.required_labels = l;
        }
        Ok(())
    }

    /// Reads hadolint's `.hadolint.yaml`, mapping DL codes to our rules.
    pub fn apply_hadolint_yaml(&mut self, path: &Path, text: &str) -> Result<(), ConfigError> {
        if text.trim().is_empty() {
            return Ok(());
        }
        let opts: HadolintOptions = serde_yaml_ng::from_str(text).map_err(|e| {
            let msg = e.to_string();
            match e.location() {
                Some(l) if !msg.contains(" line ") => invalid(
                    path,
                    format!("line {}, column {}: {msg}", l.line(), l.column()),
                ),
                _ => invalid(path, msg),
            }
        })?;
        for code in opts.ignored.unwrap_or_default() {
            // Codes we have no equivalent for (shellcheck's SC*) are ignored
            // quietly: hadolint users keep them in shared configs.
            self.ignore
                .extend(find_rule(&code).iter().map(|r| r.meta.id));
        }
        if let Some(r) = opts.trusted_registries {
            self.trusted_registries = r;
            self.extend_select
                .extend(find_rule("DL3026").iter().map(|r| r.meta.id));
        }
        if let Some(o) = opts.overrides {
            for (sev, codes) in [
                (Severity::Error, o.error),
                (Severity::Warning, o.warning),
                (Severity::Info, o.info),
                (Severity::Style, o.style),
            ] {
                for code in codes.unwrap_or_default() {
                    for r in find_rule(&code) {
                        self.severity.insert(r.meta.id, sev);
                    }
                }
            }
        }
        if let Some(l) = opts.label_schema {
            self.label_schema = l;
        }
        if let Some(s) = opts.strict_labels {
            self.strict_labels = s;
        }
        if let Some(t) = opts.failure_threshold {
            if t != "none" {
                self.fail_on = severity(path, &t)?;
            }
        }
        if opts.disable_ignore_pragma == Some(true) {
            self.ignore_pragmas = false;
        }
        let _ = (opts.format, opts.no_fail, opts.no_color);
        Ok(())
    }

    /// Loads `shipready.toml` and `.hadolint.yaml` found in `dir` or its
    /// ancestors (the nearest of each wins).
    pub fn discover(dir: &Path) -> Result<Settings, ConfigError> {
        let mut settings = Settings::default();
        let mut hadolint = None;
        let mut ours = None;
        for d in dir.ancestors() {
            if hadolint.is_none() {
                for name in [".hadolint.yaml", ".hadolint.yml"] {
                    let p = d.join(name);
                    if p.is_file() {
                        hadolint = Some(p);
                        break;
                    }
                }
            }
            if ours.is_none() {
                let p = d.join("shipready.toml");
                if p.is_file() {
                    ours = Some(p);
                }
            }
            if d.join(".git").exists() {
                break;
            }
        }
        if let Some(p) = hadolint {
            let text = read(&p)?;
            settings.apply_hadolint_yaml(&p, &text)?;
        }
        if let Some(p) = ours {
            let text = read(&p)?;
            settings.apply_toml(&p, &text)?;
        }
        Ok(settings)
    }

    pub fn is_enabled(&self, id: &'static str, default_enabled: bool) -> bool {
        if self.ignore.contains(id) {
            return false;
        }
        match &self.select {
            Some(sel) => sel.contains(id) || self.extend_select.contains(id),
            None => default_enabled || self.extend_select.contains(id),
        }
    }
}

pub(crate) fn read(path: &Path) -> Result<String, ConfigError> {
    std::fs::read_to_string(path).map_err(|source| ConfigError::Io {
        path: path.to_path_buf(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_name_the_line() {
        let mut s = Settings::default();
        let err = s
            .apply_toml(
                Path::new("shipready.toml"),
                "fail-on = \"error\"\nignor = [\"x\"]\n",
            )
            .unwrap_err()
            .to_string();
        assert!(err.contains("shipready.toml"), "{err}");
        assert!(err.contains("line 2"), "{err}");
        assert!(err.contains("ignor"), "{err}");
    }

    #[test]
    fn image_gates_read_like_dive() {
        let mut s = Settings::default();
        s.apply_toml(
            Path::new("shipready.toml"),
            "[image]\nmax-size = \"1.5GiB\"\nlowest-efficiency = 0.95\nhighest-wasted-bytes = \"20MB\"\nhighest-user-wasted-percent = \"disabled\"\n",
        )
        .unwrap();
        assert_eq!(s.image.max_size, 1_610_612_736);
        assert_eq!(s.image.lowest_efficiency, Some(0.95));
        assert_eq!(s.image.highest_wasted_bytes, Some(20_000_000));
        assert_eq!(s.image.highest_user_wasted_ratio, None);
        let err = s
            .apply_toml(
                Path::new("shipready.toml"),
                "[image]\nlowest-efficiency = 90\n",
            )
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("lowest-efficiency") && err.contains("between 0 and 1"),
            "{err}"
        );
        assert!(parse_size("12 parsecs").is_err());
        assert_eq!(parse_size("42").unwrap(), 42);
    }

    #[test]
    fn hadolint_codes_map_to_our_rules() {
        let mut s = Settings::default();
        s.apply_hadolint_yaml(
            Path::new(".hadolint.yaml"),
            "ignored: [DL3008, SC2086]\noverride:\n  error: [DL3007]\nfailure-threshold: error\n",
        )
        .unwrap();
        let pin = find_rule("DL3008")[0].meta.id;
        assert!(s.ignore.contains(pin));
        let latest = find_rule("DL3007")[0].meta.id;
        assert_eq!(s.severity.get(latest), Some(&Severity::Error));
        assert_eq!(s.fail_on, Severity::Error);
        let err = s
            .apply_hadolint_yaml(Path::new(".hadolint.yaml"), "ignores: [DL3008]\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("unknown field `ignores`"), "{err}");
        assert!(err.contains("line 1"), "{err}");
    }
}
