//! `shipready audit`: lint, images, vulnerabilities and the advice on one
//! repository; one scorecard and one exit code.

use super::{advise, threshold};
use crate::cli::{AuditArgs, AuditFormat};
use crate::exit::ExitStatus;
use crate::output::{emit, use_color};

pub fn run(args: AuditArgs) -> anyhow::Result<ExitStatus> {
    let advise::Prepared {
        path,
        flags,
        settings,
        config,
        inputs,
        options,
        root,
    } = advise::prepare(
        args.path.as_deref(),
        &args.profile,
        args.config.as_deref(),
        &args.vulns,
        args.no_vulns,
    )?;
    let audit = if args.no_images {
        let (report, advice) = shipready_project::advice::advise(
            &inputs, &settings, &options, &config, &flags, &root,
        )?;
        let migration = shipready_project::audit::migration(&inputs, &settings, &advice)?;
        shipready_report::audit::Audit {
            target: path.display().to_string(),
            report,
            advice,
            images: shipready_report::audit::ImageCheck::default(),
            migration,
        }
    } else {
        let tty = std::io::IsTerminal::is_terminal(&std::io::stderr());
        let bar = indicatif::ProgressBar::new_spinner();
        if tty {
            // Reading images from the Engine and matching packages are the
            // long steps; a spinner shows the run is alive.
            bar.set_message("auditing: lint, images, packages");
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
        } else {
            bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
        }
        let mut on_line = |tag: &str, line: &str| {
            bar.set_message(format!(
                "building {tag}: {}",
                line.chars().take(80).collect::<String>()
            ));
            bar.tick();
        };
        let audit = shipready_project::audit::audit(
            &inputs,
            &settings,
            &options,
            &config,
            &flags,
            &root,
            shipready_project::audit::AuditOptions {
                build: args.build,
                on_build_line: &mut on_line,
            },
        )?;
        bar.finish_and_clear();
        audit
    };
    let gate = settings.scan.fail_on;
    let text = match args.format {
        AuditFormat::Table => shipready_report::audit::render_audit_table(
            &audit,
            gate,
            use_color(args.color, args.output.is_some()),
        ),
        AuditFormat::Json => shipready_report::audit::render_audit_json(&audit, gate),
        AuditFormat::Markdown => shipready_report::audit::render_audit_markdown(&audit, gate),
        AuditFormat::Sarif => {
            shipready_report::render_sarif(&audit.report, env!("CARGO_PKG_VERSION"))
        }
        AuditFormat::Junit => shipready_report::render_junit(&audit.report),
        AuditFormat::Gitlab => shipready_report::render_gitlab(&audit.report),
    };
    emit(&text, args.output.as_deref())?;
    if let Some(html) = &args.html {
        let title = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        let page = shipready_report::render_audit_html(&audit, &title.display().to_string(), gate);
        fs_err::write(html, page)?;
    }
    if args.format != AuditFormat::Table {
        for e in &audit.report.errors {
            let at = e.line.map_or(String::new(), |l| format!(":{l}"));
            eprintln!("error: {}{at}: {}", e.file, e.message);
        }
    }
    let status = ExitStatus::of(
        &audit.report,
        threshold(args.fail_on, &settings),
        args.allow_input_errors,
    );
    let vulnerable = gate.is_some_and(|g| {
        audit
            .report
            .packages
            .iter()
            .flat_map(|p| p.scan.iter().flat_map(|s| &s.matches))
            .any(|m| m.rating >= g)
    });
    Ok(match status {
        ExitStatus::Success if vulnerable => ExitStatus::Failure,
        s => s,
    })
}
