use crate::rules::image::human_size;
use crate::ImageContext;
use shipready_diagnostics::{Finding, ImagePlace};

crate::declare_rule! {
    /// ## What it does
    /// dive's CI gates, with dive's definitions and defaults:
    /// - efficiency (bytes of the final tree over bytes written by all
    ///   layers) below `lowest-efficiency` (default 0.9);
    /// - wasted bytes (files written more than once, or deleted later) above
    ///   `highest-wasted-bytes` (default `disabled`);
    /// - wasted bytes over the bytes added above the base layer above
    ///   `highest-user-wasted-percent`, a ratio (default 0.1 = 10 %).
    ///
    /// Set them in `shipready.toml` under `[image]`, or with
    /// `--lowest-efficiency`, `--highest-wasted-bytes` and
    /// `--highest-user-wasted-percent`; `disabled` switches one off. As in
    /// dive, a file written more than once counts as waste with every copy,
    /// the last included, so the user-wasted share can exceed 100 %. The
    /// finding points at the layer whose bytes are hidden the most.
    ///
    /// ## Why is this bad?
    /// A file deleted or overwritten in a later layer still ships in the
    /// earlier one: it is pulled, stored and scanned on every node. It is
    /// usually a cleanup in its own `RUN`, or a `chown` of a copied tree.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN apt-get update && apt-get install -y build-essential
    /// RUN make && apt-get purge -y build-essential
    /// COPY . /app
    /// RUN chown -R app /app
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// RUN apt-get update && apt-get install -y build-essential \
    ///  && make && apt-get purge -y build-essential && rm -rf /var/lib/apt/lists/*
    /// COPY --chown=app:app . /app
    /// ```
    id: "SR-I008",
    name: "image-wasted-space",
    summary: "Layers hide too many bytes (dive's efficiency gates)",
    severity: Warning,
    category: Size,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: [],
    checkov: [],
    image_check: check,
}

fn check(ctx: &ImageContext<'_>, out: &mut Vec<Finding<ImagePlace>>) {
    let a = ctx.analysis;
    let gates = &ctx.settings.image;
    let mut tripped = Vec::new();
    if let Some(min) = gates.lowest_efficiency {
        if a.efficiency < min {
            tripped.push(format!(
                "efficiency is {:.1} %, below the {:.1} % gate",
                a.efficiency * 100.0,
                min * 100.0
            ));
        }
    }
    if let Some(max) = gates.highest_wasted_bytes {
        if a.wasted_bytes > max {
            tripped.push(format!(
                "{} wasted, above the {} gate",
                human_size(a.wasted_bytes),
                human_size(max)
            ));
        }
    }
    if let Some(max) = gates.highest_user_wasted_ratio {
        let ratio = a.user_wasted_percent / 100.0;
        if ratio > max {
            tripped.push(format!(
                "{:.1} % of the bytes added above the base layer are wasted, above the {:.1} % gate",
                a.user_wasted_percent,
                max * 100.0
            ));
        }
    }
    let worst = a
        .layers
        .iter()
        .enumerate()
        .filter(|(_, l)| l.wasted_bytes > 0)
        .max_by_key(|(_, l)| l.wasted_bytes);
    for what in tripped {
        let mut f = RULE.finding(
            ImagePlace::image(),
            format!("{what}: bytes hidden by later layers still ship"),
        );
        let mut help = "delete files in the same RUN that creates them, use `COPY --chown` instead of a later `chown -R`, or build in a separate stage".to_string();
        if let Some((i, l)) = worst {
            help = format!(
                "{} has {} that later layers hide; {help}",
                super::origin(ctx, i),
                human_size(l.wasted_bytes)
            );
            f.at = ImagePlace::layer(i);
        }
        out.push(f.with_help(help));
    }
}
