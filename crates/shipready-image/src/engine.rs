//! Images in the local Docker Engine (or Podman's compatible socket):
//! `GET /images/{name}/get` streams the same tar `docker save` writes, and
//! it goes straight into the one-pass archive reader, never to disk.
//!
//! bollard is async; a small thread runs its runtime and hands the chunks
//! over a bounded channel, so memory stays at a few chunks whatever the
//! image size.

use crate::{archive, Image, ImageError, ReadOptions};
use bytes::Bytes;
use futures_util::StreamExt;
use std::io::{self, Read};
use std::sync::mpsc::{sync_channel, Receiver};

/// Where the Engine is, for messages.
fn host() -> String {
    std::env::var("DOCKER_HOST").unwrap_or_else(|_| "unix:///var/run/docker.sock".into())
}

fn engine_error(reference: &str, e: &bollard::errors::Error) -> ImageError {
    use bollard::errors::Error as E;
    match e {
        E::DockerResponseServerError {
            status_code: 404, ..
        } => ImageError::invalid(
            reference,
            "the Docker Engine has no such image (`docker images` lists what it has)",
        ),
        other => ImageError::Engine {
            host: host(),
            why: explain(other),
        },
    }
}

/// The client's error, with the cause a user can act on when the socket
/// itself refused: hyper wraps the `io::Error` several levels deep.
fn explain(e: &bollard::errors::Error) -> String {
    const NOT_LISTENING: &str = "nothing is listening there: start the daemon, or point DOCKER_HOST at a running Engine (Podman: `podman system service`)";
    if let bollard::errors::Error::SocketNotFoundError(_) = e {
        return NOT_LISTENING.to_string();
    }
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = source {
        if let Some(io) = err.downcast_ref::<std::io::Error>() {
            use std::io::ErrorKind as K;
            let hint = match io.kind() {
                K::PermissionDenied => {
                    "permission denied on the socket: add this user to the `docker` group, or point DOCKER_HOST at a socket it may open"
                }
                K::NotFound | K::ConnectionRefused => NOT_LISTENING,
                _ => "",
            };
            if !hint.is_empty() {
                return hint.to_string();
            }
        }
        source = err.source();
    }
    format!("{e} (is it running, and may this user open its socket?)")
}

/// The error for an Engine the client cannot reach.
pub(crate) fn engine_unreachable(e: &bollard::errors::Error) -> ImageError {
    ImageError::Engine {
        host: host(),
        why: explain(e),
    }
}

/// Which of `references` the local Engine has (`GET /images/{name}/json`),
/// in order. An Engine that cannot be reached is an error: the caller
/// decides whether images are optional.
pub fn engine_has(references: &[String]) -> Result<Vec<bool>, ImageError> {
    let docker = bollard::Docker::connect_with_defaults().map_err(|e| ImageError::Engine {
        host: host(),
        why: explain(&e),
    })?;
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| ImageError::Engine {
            host: host(),
            why: format!("cannot start the client: {e}"),
        })?;
    rt.block_on(async {
        let mut out = Vec::with_capacity(references.len());
        for r in references {
            match docker.inspect_image(r).await {
                Ok(_) => out.push(true),
                Err(bollard::errors::Error::DockerResponseServerError {
                    status_code: 404, ..
                }) => out.push(false),
                Err(e) => {
                    return Err(ImageError::Engine {
                        host: host(),
                        why: explain(&e),
                    })
                }
            }
        }
        Ok(out)
    })
}

/// Reads `reference` (`name:tag`, an ID) from the Engine named by
/// `DOCKER_HOST`, or the default socket.
pub fn open_engine(reference: &str, opts: &ReadOptions) -> Result<Image, ImageError> {
    let docker =
        bollard::Docker::connect_with_defaults().map_err(|e| engine_error(reference, &e))?;
    let (tx, rx) = sync_channel::<Result<Bytes, ImageError>>(8);
    let name = reference.to_string();
    let feeder = std::thread::spawn(move || {
        let rt = match tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
        {
            Ok(rt) => rt,
            Err(e) => {
                let _ = tx.send(Err(ImageError::Engine {
                    host: host(),
                    why: format!("cannot start the client: {e}"),
                }));
                return;
            }
        };
        rt.block_on(async {
            let mut stream = docker.export_image(&name);
            while let Some(chunk) = stream.next().await {
                let item = chunk.map_err(|e| engine_error(&name, &e));
                let failed = item.is_err();
                // The reader hung up (it failed, or it has what it needs).
                if tx.send(item).is_err() || failed {
                    return;
                }
            }
        });
    });
    let mut reader = ChannelReader {
        rx,
        chunk: Bytes::new(),
        error: None,
    };
    let result = archive::read_tar(&mut reader, reference, opts);
    let deferred = reader.error.take();
    drop(reader);
    let _ = feeder.join();
    match (result, deferred) {
        // An Engine error explains a read failure better than "truncated".
        (Err(_), Some(e)) => Err(e),
        (Ok(mut image), _) => {
            image.format = "docker-engine";
            if image.reference != reference && !image.tags.iter().any(|t| t == reference) {
                image.reference = reference.to_string();
            }
            Ok(image)
        }
        (Err(e), None) => Err(e),
    }
}

struct ChannelReader {
    rx: Receiver<Result<Bytes, ImageError>>,
    chunk: Bytes,
    error: Option<ImageError>,
}

impl Read for ChannelReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.chunk.is_empty() {
            match self.rx.recv() {
                Ok(Ok(b)) => self.chunk = b,
                Ok(Err(e)) => {
                    let msg = e.to_string();
                    self.error = Some(e);
                    return Err(io::Error::other(msg));
                }
                Err(_) => return Ok(0),
            }
        }
        let n = buf.len().min(self.chunk.len());
        buf[..n].copy_from_slice(&self.chunk[..n]);
        self.chunk = self.chunk.slice(n..);
        Ok(n)
    }
}
