//! What a credential looks like: variable names and values (ENV, ARG,
//! Compose `environment`, Kubernetes `env`, an image's config) and file
//! names (COPY sources, files in image layers). One list for every rule.

/// Variable names that usually hold credentials.
pub fn looks_like_secret_name(name: &str) -> bool {
    let n = name.to_ascii_uppercase();
    let n = n.as_str();
    // Names that merely point at a secret (a file, a key id, a user) are fine.
    const SAFE_SUFFIXES: &[&str] = &[
        "_FILE",
        "_PATH",
        "_DIR",
        "_ID",
        "_USER",
        "_USERNAME",
        "_NAME",
        "_URL",
        "_HOST",
        "_PORT",
        "_VERSION",
        "_TYPE",
        "_LENGTH",
        "_ENABLED",
    ];
    if SAFE_SUFFIXES.iter().any(|s| n.ends_with(s)) {
        return false;
    }
    const MARKERS: &[&str] = &[
        "PASSWORD",
        "PASSWD",
        "PASS",
        "SECRET",
        "TOKEN",
        "API_KEY",
        "APIKEY",
        "PRIVATE_KEY",
        "ACCESS_KEY",
        "AUTH_KEY",
        "CREDENTIALS",
        "CLIENT_SECRET",
    ];
    MARKERS.iter().any(|m| {
        n == *m
            || n.ends_with(&format!("_{m}"))
            || n.starts_with(&format!("{m}_"))
            || n.contains(&format!("_{m}_"))
    })
}

/// Values that are credentials whatever the variable is called.
pub fn looks_like_secret_value(value: &str) -> Option<&'static str> {
    let v = value.trim_matches(['"', '\'']);
    if v.len() == 20
        && (v.starts_with("AKIA") || v.starts_with("ASIA"))
        && v.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    {
        return Some("an AWS access key ID");
    }
    if v.contains("-----BEGIN") && v.contains("PRIVATE KEY") {
        return Some("a private key");
    }
    for (prefix, what) in [
        ("ghp_", "a GitHub token"),
        ("github_pat_", "a GitHub token"),
        ("glpat-", "a GitLab token"),
        ("xoxb-", "a Slack token"),
        ("xoxp-", "a Slack token"),
        ("sk_live_", "a Stripe key"),
        ("AIza", "a Google API key"),
        ("npm_", "an npm token"),
    ] {
        if v.starts_with(prefix) && v.len() >= prefix.len() + 16 {
            return Some(what);
        }
    }
    None
}

/// True when `value` is only a reference (`$X`, `${X}`) or empty.
pub fn is_reference_or_empty(value: &str) -> bool {
    let v = value.trim_matches(['"', '\'']);
    v.is_empty() || (v.starts_with('$') && !v[1..].contains(' '))
}

/// Why a `name=value` pair written into a file is a credential: the value
/// is a known token format ("holds an AWS access key ID"), or the name
/// says so and the value is `literal` (`None` when it is neither).
pub fn secret_pair(name: &str, value: &str, literal: &str) -> Option<String> {
    if let Some(what) = looks_like_secret_value(value) {
        return Some(format!("holds {what}"));
    }
    looks_like_secret_name(name).then(|| format!("is a credential written into the {literal}"))
}

/// Directories that only ever hold public certificates.
const CERT_DIRS: &[&str] = &[
    "etc/ssl/certs/",
    "usr/share/ca-certificates/",
    "etc/pki/ca-trust/",
    "etc/ca-certificates/",
    "usr/local/share/ca-certificates/",
];

/// What kind of credential a file or directory path names, if any: a
/// COPY source as written (`./.env`, `keys/`) or a path in an image
/// (`app/.git/config`, `root/.ssh/id_rsa`). By name and place only: the
/// contents are never read.
pub fn secret_file_kind(path: &str) -> Option<&'static str> {
    let p = path.trim_start_matches("./").trim_matches('/');
    let base = p.rsplit('/').next().unwrap_or(p);
    if p.split('/').any(|part| part == ".git") {
        return Some("a git repository (full history, remotes, maybe tokens)");
    }
    match base {
        "id_rsa" | "id_dsa" | "id_ecdsa" | "id_ed25519" => return Some("an SSH private key"),
        ".env" => return Some("an environment file (usually credentials)"),
        ".npmrc" => return Some("an npm config (often an auth token)"),
        ".pypirc" => return Some("a PyPI config (often an upload token)"),
        ".netrc" | ".git-credentials" => return Some("stored login credentials"),
        "application_default_credentials.json" => return Some("Google Cloud credentials"),
        "credentials.json" => return Some("a credentials file"),
        _ => {}
    }
    let example = [".example", ".sample", ".template", ".dist"]
        .iter()
        .any(|e| base.ends_with(e));
    if base.starts_with(".env.") && !example {
        return Some("an environment file (usually credentials)");
    }
    if p.ends_with(".aws/credentials") {
        return Some("AWS credentials");
    }
    if p.ends_with(".docker/config.json") {
        return Some("Docker registry credentials");
    }
    let key_file = base
        .rsplit_once('.')
        .is_some_and(|(_, ext)| matches!(ext, "pem" | "key" | "p12" | "pfx" | "jks"));
    if key_file && !CERT_DIRS.iter().any(|d| p.starts_with(d)) {
        return Some("a private key or keystore");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::secret_file_kind;

    #[test]
    fn secret_files_by_name_and_place() {
        for (path, kind) in [
            (".env", "an environment file"),
            ("./.env.production", "an environment file"),
            ("root/.ssh/id_ed25519", "an SSH private key"),
            (".git", "a git repository"),
            ("app/.git/config", "a git repository"),
            ("home/app/.aws/credentials", "AWS credentials"),
            ("certs/server.key", "a private key"),
            ("etc/ssl/private/server.key", "a private key"),
            (".npmrc", "an npm config"),
        ] {
            let got = secret_file_kind(path).unwrap_or("-");
            assert!(got.starts_with(kind), "{path}: {got}");
        }
        for path in [
            ".env.example",
            ".env.template",
            "etc/ssl/certs/ca.pem",
            "src/main.rs",
            "app/envsetup.sh",
            "srv/repo.git/HEAD",
            "gitignore",
            "app/.github/workflows/ci.yml",
        ] {
            assert_eq!(secret_file_kind(path), None, "{path}");
        }
    }
}
