//! A small threaded HTTP/1.1 server on 127.0.0.1 serving pages written for
//! these tests, and a CONNECT proxy in front of it: the web tests never touch
//! the internet.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

/// What the server answers to one request.
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Sent chunked, without a Content-Length.
    pub chunked: bool,
    /// Waited before answering.
    pub delay: Duration,
}

impl Reply {
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
            chunked: false,
            delay: Duration::ZERO,
        }
    }

    pub fn html(body: impl Into<Vec<u8>>) -> Reply {
        Reply::new(200, "text/html; charset=utf-8", body)
    }

    pub fn redirect(to: &str) -> Reply {
        let mut r = Reply::new(302, "text/plain", "moved");
        r.headers.push(("Location".into(), to.into()));
        r
    }

    pub fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.into(), value.into()));
        self
    }
}

type Route = dyn Fn(&str) -> Reply + Send + Sync;

pub struct Server {
    pub port: u16,
    /// Request lines received ("GET /a HTTP/1.1"), and the User-Agent of each.
    pub requests: Arc<Log>,
}

impl Server {
    /// Serves `route(path)` for every request until the test process ends.
    pub fn start(route: impl Fn(&str) -> Reply + Send + Sync + 'static) -> Server {
        listen(Arc::new(route), answer)
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// How many requests asked for `path`.
    pub fn hits(&self, path: &str) -> usize {
        self.requests.lock().unwrap().iter().filter(|(line, _)| line.split(' ').nth(1) == Some(path)).count()
    }
}

/// Reads one request's head: the request line and the User-Agent.
fn read_head(reader: &mut impl BufRead) -> std::io::Result<(String, String)> {
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut agent = String::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header == "\r\n" {
            break;
        }
        if let Some((name, value)) = header.split_once(':')
            && name.eq_ignore_ascii_case("user-agent")
        {
            agent = value.trim().to_string();
        }
    }
    Ok((line.trim_end().to_string(), agent))
}

fn answer(stream: TcpStream, route: &Route, log: &Log) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let (line, agent) = read_head(&mut reader)?;
    log.lock().unwrap().push((line.clone(), agent));
    let path = line.split(' ').nth(1).unwrap_or("/").to_string();
    send(stream, route(&path))
}

fn send(mut stream: TcpStream, reply: Reply) -> std::io::Result<()> {
    thread::sleep(reply.delay);
    let mut head = format!("HTTP/1.1 {} Test\r\nConnection: close\r\n", reply.status);
    for (name, value) in &reply.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if reply.chunked {
        head.push_str("Transfer-Encoding: chunked\r\n\r\n");
        stream.write_all(head.as_bytes())?;
        for chunk in reply.body.chunks(4096) {
            stream.write_all(format!("{:x}\r\n", chunk.len()).as_bytes())?;
            stream.write_all(chunk)?;
            stream.write_all(b"\r\n")?;
        }
        stream.write_all(b"0\r\n\r\n")?;
    } else {
        head.push_str(&format!("Content-Length: {}\r\n\r\n", reply.body.len()));
        stream.write_all(head.as_bytes())?;
        stream.write_all(&reply.body)?;
    }
    stream.flush()
}

/// An HTTP CONNECT proxy that records the targets asked for and then answers
/// the tunnelled request itself with `route`, as if it were every origin.
pub fn start_proxy(route: impl Fn(&str) -> Reply + Send + Sync + 'static) -> Server {
    listen(Arc::new(route), tunnel)
}

type Log = Mutex<Vec<(String, String)>>;

/// Accepts connections on a free port, each handled on its own thread.
fn listen(route: Arc<Route>, handle: fn(TcpStream, &Route, &Log) -> std::io::Result<()>) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let requests = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&requests);
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (route, log) = (Arc::clone(&route), Arc::clone(&log));
            thread::spawn(move || {
                let _ = handle(stream, &*route, &log);
            });
        }
    });
    Server { port, requests }
}

fn tunnel(mut stream: TcpStream, route: &Route, log: &Log) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let (connect, agent) = read_head(&mut reader)?;
    log.lock().unwrap().push((connect, agent));
    stream.write_all(b"HTTP/1.1 200 Connection Established\r\n\r\n")?;
    let (line, _) = read_head(&mut reader)?;
    let path = line.split(' ').nth(1).unwrap_or("/").to_string();
    send(stream, route(&path))
}

/// A port nothing listens on.
pub fn closed_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// `data` as a brotli stream of stored (uncompressed) meta-blocks, RFC 7932
/// §9.2: enough to test that a `br` body is decoded, without an encoder.
pub fn brotli_stored(data: &[u8]) -> Vec<u8> {
    let mut out = Bits::default();
    out.put(0, 1); // WBITS = 16
    for chunk in data.chunks(1 << 16) {
        out.put(0, 1); // ISLAST = 0 (a stored block is never the last)
        out.put(0, 2); // MNIBBLES = 4
        out.put(chunk.len() as u32 - 1, 16); // MLEN - 1
        out.put(1, 1); // ISUNCOMPRESSED
        out.bytes.extend_from_slice(chunk); // after padding to a byte
        out.used = 0;
    }
    out.put(1, 1); // ISLAST
    out.put(1, 1); // ISLASTEMPTY
    out.bytes
}

#[derive(Default)]
struct Bits {
    bytes: Vec<u8>,
    /// Bits used in the last byte; 0 when a new byte starts.
    used: u8,
}

impl Bits {
    fn put(&mut self, value: u32, n: u32) {
        for i in 0..n {
            if self.used == 0 {
                self.bytes.push(0);
            }
            *self.bytes.last_mut().unwrap() |= (((value >> i) & 1) as u8) << self.used;
            self.used = (self.used + 1) % 8;
        }
    }
}
