//! History lines of both builders map back to the final stage's
//! instructions; base-image layers map to nothing. (The classic builder is
//! also covered end to end on a real image in the CLI tests; BuildKit needs
//! buildx, which this machine's Engine lacks, so its dialect is checked
//! here on archives whose history lines are the ones BuildKit writes.)

use shipready_dockerfile::parse;
use shipready_image::{open_stream, ReadOptions};
use shipready_lint::Provenance;
use shipready_testkit::spec::ImageSpec;

const DOCKERFILE: &str = "\
FROM golang:1.22 AS build
RUN go build -o /out/server .

FROM debian:12-slim
ARG VERSION=1
COPY --from=build /out/server /app/server
RUN apt-get update \\
 && apt-get install -y --no-install-recommends ca-certificates
WORKDIR /app
RUN echo \"$VERSION\" > /app/VERSION
USER 10001
";

fn lines_of(spec: &str) -> Vec<Option<u32>> {
    let df = parse(DOCKERFILE).expect("parses");
    let archive = ImageSpec::parse(spec).expect("spec").docker_archive();
    let image = open_stream(&archive[..], "t", &ReadOptions::default()).expect("reads");
    let p = Provenance::new(&df, &image);
    p.layers
        .iter()
        .map(|l| l.map(|i| df.instructions[i].start_line))
        .collect()
}

#[test]
fn buildkit_history_lines() {
    let spec = r##"
[[layers]]
created_by = "# debian.sh --arch 'amd64' out/ 'bookworm' '@1700000000'"
files = [{ path = "etc/debian_version", text = "12.5" }]
[[layers]]
created_by = "COPY /out/server /app/server # buildkit"
files = [{ path = "app/server", size = 10 }]
[[layers]]
created_by = "RUN /bin/sh -c apt-get update  && apt-get install -y --no-install-recommends ca-certificates # buildkit"
files = [{ path = "etc/ssl/certs/ca.pem", size = 10 }]
[[layers]]
created_by = "WORKDIR /app"
[[layers]]
created_by = "RUN |1 VERSION=1 /bin/sh -c echo \"$VERSION\" > /app/VERSION # buildkit"
files = [{ path = "app/VERSION", text = "1" }]
"##;
    assert_eq!(lines_of(spec), [None, Some(6), Some(7), Some(9), Some(10)]);
}

#[test]
fn classic_builder_history_lines() {
    let spec = r##"
[[layers]]
created_by = "/bin/sh -c #(nop) ADD file:4b03b5f551e3fbdf47ec609712007327828f7530cc3455c43bbcdcaf449a75a9 in / "
files = [{ path = "etc/debian_version", text = "12.5" }]
[[layers]]
created_by = "/bin/sh -c #(nop) COPY file:0e1f9a3c in /app/server "
files = [{ path = "app/server", size = 10 }]
[[layers]]
created_by = "/bin/sh -c apt-get update  && apt-get install -y --no-install-recommends ca-certificates"
files = [{ path = "etc/ssl/certs/ca.pem", size = 10 }]
[[layers]]
created_by = "|1 VERSION=1 /bin/sh -c echo \"$VERSION\" > /app/VERSION"
files = [{ path = "app/VERSION", text = "1" }]
"##;
    // The base's ADD is not the final stage's: it maps to nothing.
    assert_eq!(lines_of(spec), [None, Some(6), Some(7), Some(10)]);
}

#[test]
fn a_rebuilt_dockerfile_that_no_longer_matches_maps_nothing_wrong() {
    let spec = r##"
[[layers]]
created_by = "/bin/sh -c make install"
files = [{ path = "usr/bin/x", size = 1 }]
"##;
    assert_eq!(lines_of(spec), [None]);
}
