//! `shipready advise`: the repository through the pipeline, then the
//! decision framework, the costs and the plan.

use super::vulns;
use crate::cli::{AdviseArgs, AdviseFormat, ProfileArgs};
use crate::exit::ExitStatus;
use crate::output::{emit, use_color};
use anyhow::{bail, Context as _};
use shipready_advise::profile::{Compliance, Hosting};
use shipready_advise::{AdviceConfig, Profile};
use shipready_project::{discover_settings, Inputs, Options};
use std::path::PathBuf;

fn hosting(s: &str) -> anyhow::Result<Hosting> {
    Ok(match s {
        "aws" => Hosting::Aws,
        "gcp" => Hosting::Gcp,
        "azure" => Hosting::Azure,
        "on-prem" => Hosting::OnPrem,
        "vps" => Hosting::Vps,
        "paas" => Hosting::Paas,
        "other" => Hosting::Other,
        _ => bail!("--hosting {s}: one of aws, gcp, azure, on-prem, vps, paas, other"),
    })
}

pub fn flags(args: &ProfileArgs) -> anyhow::Result<Profile> {
    let compliance = if args.compliance.is_empty() {
        None
    } else {
        let mut out = Vec::new();
        for c in &args.compliance {
            out.push(Compliance::parse(c).with_context(|| {
                format!(
                    "--compliance {c}: one of none, gdpr, soc2, iso27001, pci-dss, hipaa, fedramp"
                )
            })?);
        }
        Some(out)
    };
    Ok(Profile {
        team_size: args.team_size,
        daily_active_users: args.dau,
        services: args.services,
        regions: args.regions,
        compliance,
        hosting: args.hosting.as_deref().map(hosting).transpose()?,
        deploys_per_day: args.deploys_per_day,
        nodes: args.nodes,
        ..Profile::default()
    })
}

/// The advisor's tables from the `shipready.toml` lint found, if any.
pub fn config(settings: &shipready_lint::Settings) -> anyhow::Result<AdviceConfig> {
    Ok(match &settings.config_file {
        Some(p) => {
            let text = fs_err::read_to_string(p)?;
            AdviceConfig::parse(p, &text)?
        }
        None => AdviceConfig::default(),
    })
}

/// What `advise` and `audit` both set up: the repository, the profile
/// flags, the settings and the advisor's tables, the inputs and options.
pub struct Prepared {
    pub path: PathBuf,
    pub flags: Profile,
    pub settings: shipready_lint::Settings,
    pub config: AdviceConfig,
    pub inputs: Inputs,
    pub options: Options,
    pub root: PathBuf,
}

pub fn prepare(
    path: Option<&std::path::Path>,
    profile: &ProfileArgs,
    config_file: Option<&std::path::Path>,
    vuln_args: &crate::cli::VulnArgs,
    no_vulns: bool,
) -> anyhow::Result<Prepared> {
    let path = path.map_or_else(|| PathBuf::from("."), std::path::Path::to_path_buf);
    let flags = flags(profile)?;
    let settings = discover_settings(config_file, &path)?;
    let config = config(&settings)?;
    let vulns = vulns::optional(vuln_args, no_vulns, &path)?;
    let inputs = Inputs {
        paths: vec![path.clone()],
        ..Inputs::default()
    };
    let options = Options {
        packages: vulns.is_some(),
        vulns,
        ..Options::default()
    };
    let root = shipready_project::advice::repository_root(&path);
    Ok(Prepared {
        path,
        flags,
        settings,
        config,
        inputs,
        options,
        root,
    })
}

pub fn run(args: AdviseArgs) -> anyhow::Result<ExitStatus> {
    let p = prepare(
        args.path.as_deref(),
        &args.profile,
        args.config.as_deref(),
        &args.vulns,
        args.no_vulns,
    )?;
    let (report, advice) = shipready_project::advice::advise(
        &p.inputs,
        &p.settings,
        &p.options,
        &p.config,
        &p.flags,
        &p.root,
    )?;
    let text = match args.format {
        AdviseFormat::Table => shipready_report::render_advice_table(
            &advice,
            use_color(args.color, args.output.is_some()),
            args.verbose,
        ),
        AdviseFormat::Json => shipready_report::render_advice_json(&advice),
    };
    emit(&text, args.output.as_deref())?;
    for e in &report.errors {
        let at = e.line.map_or(String::new(), |l| format!(":{l}"));
        eprintln!("error: {}{at}: {}", e.file, e.message);
    }
    if !report.errors.is_empty() && !args.allow_input_errors {
        return Ok(ExitStatus::Error);
    }
    Ok(ExitStatus::Success)
}
