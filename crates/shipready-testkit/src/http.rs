//! A small HTTP/1.1 server on 127.0.0.1 for the `db update` tests: it
//! serves what a test puts at a path, and can answer with a rate limit
//! first or cut a body short, as real mirrors do. Written on `std::net`
//! rather than a server crate: one thread, a handful of requests, and the
//! failure modes (a lying `Content-Length`) that a well-behaved server
//! library will not produce.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

/// What one request to a path gets.
#[derive(Debug, Clone)]
pub enum Reply {
    /// 200 with the body.
    Body(Vec<u8>),
    /// This status, with `Retry-After: 0` when it is 429 or 503.
    Status(u16),
    /// 200 that claims the whole length but sends only half the body.
    Truncated(Vec<u8>),
}

/// The replies for each path, used in order; the last repeats.
type Routes = Arc<Mutex<HashMap<String, Vec<Reply>>>>;

pub struct Server {
    addr: SocketAddr,
    routes: Routes,
    /// Paths requested, in order.
    log: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    pub fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let routes: Routes = Arc::default();
        let log: Arc<Mutex<Vec<String>>> = Arc::default();
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let (routes, log, stop) = (routes.clone(), log.clone(), stop.clone());
            std::thread::spawn(move || {
                for conn in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    if let Ok(conn) = conn {
                        serve(conn, &routes, &log);
                    }
                }
            })
        };
        Server {
            addr,
            routes,
            log,
            stop,
            thread: Some(thread),
        }
    }

    /// `http://127.0.0.1:PORT/path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}/{}", self.addr, path.trim_start_matches('/'))
    }

    /// What requests to `path` get, in order (the last repeats).
    pub fn route(&self, path: &str, replies: Vec<Reply>) {
        let key = format!("/{}", path.trim_start_matches('/'));
        self.routes.lock().unwrap().insert(key, replies);
    }

    pub fn requests(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop.
        let _ = TcpStream::connect(self.addr);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn serve(conn: TcpStream, routes: &Routes, log: &Arc<Mutex<Vec<String>>>) {
    let mut reader = BufReader::new(match conn.try_clone() {
        Ok(c) => c,
        Err(_) => return,
    });
    let mut request = String::new();
    if reader.read_line(&mut request).is_err() {
        return;
    }
    // The headers: read to the blank line.
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
        line.clear();
    }
    let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
    log.lock().unwrap().push(path.clone());
    let reply = {
        let mut routes = routes.lock().unwrap();
        match routes.get_mut(&path) {
            Some(list) if list.len() > 1 => Some(list.remove(0)),
            Some(list) => list.first().cloned(),
            None => None,
        }
    };
    let mut out = conn;
    let _ = match reply {
        None => out
            .write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"),
        Some(Reply::Status(code)) => {
            let retry = if code == 429 || code == 503 {
                "Retry-After: 0\r\n"
            } else {
                ""
            };
            out.write_all(
                format!(
                    "HTTP/1.1 {code} Test\r\n{retry}Content-Length: 0\r\nConnection: close\r\n\r\n"
                )
                .as_bytes(),
            )
        }
        Some(Reply::Body(b)) => out
            .write_all(
                format!(
                    "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    b.len()
                )
                .as_bytes(),
            )
            .and_then(|()| out.write_all(&b)),
        Some(Reply::Truncated(b)) => out
            .write_all(
                format!(
                    "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    b.len()
                )
                .as_bytes(),
            )
            .and_then(|()| out.write_all(&b[..b.len() / 2])),
    };
    let _ = out.flush();
}
