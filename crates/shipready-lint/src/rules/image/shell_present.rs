use crate::ImageContext;
use shipready_diagnostics::{Finding, ImagePlace};
use shipready_image::inspect;

crate::declare_rule! {
    /// ## What it does
    /// Lists shells, package managers and downloaders (`sh`, `bash`,
    /// `busybox`, `apt-get`, `apk`, `dnf`, `pip`, `npm`, `curl`, `wget`, …)
    /// in the final image: what a distroless image leaves out.
    ///
    /// ## Why is this bad?
    /// An attacker who gets code execution in the service uses these to
    /// fetch and run the next stage. A runtime image needs the service and
    /// its libraries, not the tools that built it.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12
    /// COPY . /app
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM python:3.12 AS build
    /// COPY . /app
    /// RUN pip install --target /deps -r /app/requirements.txt
    ///
    /// FROM gcr.io/distroless/python3-debian12
    /// COPY --from=build /deps /deps
    /// COPY --from=build /app /app
    /// ```
    id: "SR-I014",
    name: "image-shell-present",
    summary: "The image ships a shell, package manager or downloader",
    severity: Info,
    category: Security,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: [],
    checkov: [],
    image_check: check,
}

fn check(ctx: &ImageContext<'_>, out: &mut Vec<Finding<ImagePlace>>) {
    let tools = inspect::shells_and_tools(ctx.analysis);
    let mut groups: std::collections::BTreeMap<Option<usize>, Vec<String>> = Default::default();
    for t in tools {
        // Through symlinks: `/bin/sh` is written by whichever layer wrote
        // the program it resolves to.
        let real = ctx
            .analysis
            .resolve(t.trim_start_matches('/'))
            .ok()
            .flatten();
        let layer = real.and_then(|r| ctx.layer_of(&r));
        groups.entry(layer).or_default().push(t);
    }
    for (layer, paths) in groups {
        let from = layer.map_or(String::new(), |l| {
            format!(", from {}", super::origin(ctx, l))
        });
        out.push(
            RULE.finding(
                ImagePlace {
                    layer,
                    path: paths.first().filter(|_| paths.len() == 1).cloned(),
                    config: None,
                },
                format!(
                    "shell or tool in the final image{from}: {}; a foothold for whoever gets code execution",
                    super::list(&paths)
                ),
            )
            .with_help("copy only the service and its libraries into a distroless or `scratch` final stage")
        );
    }
}
