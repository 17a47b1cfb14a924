//! A tiny static file server for browser tests: serves a built site folder
//! under a URL prefix on 127.0.0.1, one thread per connection, and logs
//! what it sent. It lives as long as the test process.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Paths served and the bytes of each body, in order.
pub type Log = Arc<Mutex<Vec<(String, usize)>>>;

pub struct Served {
    /// `http://127.0.0.1:PORT{prefix}`
    pub address: String,
    pub log: Log,
}

/// Serves `root` at `http://127.0.0.1:PORT{prefix}`.
pub fn serve(root: &Path, prefix: &'static str) -> Served {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    let address = format!("http://{}{prefix}", listener.local_addr().unwrap());
    let log = Log::default();
    let root = root.to_path_buf();
    let server_log = Arc::clone(&log);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (root, log) = (root.clone(), Arc::clone(&server_log));
            std::thread::spawn(move || respond(stream, &root, prefix, &log));
        }
    });
    Served { address, log }
}

fn respond(mut stream: TcpStream, root: &Path, prefix: &str, log: &Log) {
    let mut reader = BufReader::new(&stream);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    // Skip the headers.
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
        line.clear();
    }
    let target = request_line.split_whitespace().nth(1).unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let (status, body, kind) =
        match file_for(root, prefix, path).and_then(|f| Some((std::fs::read(&f).ok()?, f))) {
            Some((body, file)) => ("200 OK", body, content_type(&file)),
            None => ("404 Not Found", b"not found".to_vec(), "text/plain"),
        };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let sent = stream
        .write_all(head.as_bytes())
        .and_then(|()| stream.write_all(&body));
    if sent.is_ok() {
        log.lock().unwrap().push((path.to_string(), body.len()));
    }
}

fn file_for(root: &Path, prefix: &str, path: &str) -> Option<PathBuf> {
    let rel = percent_decode(path.strip_prefix(prefix)?);
    if rel.split('/').any(|part| part == "..") {
        return None;
    }
    let file = root.join(&rel);
    Some(if file.is_dir() {
        file.join("index.html")
    } else {
        file
    })
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") | Some("mjs") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml",
        // What static hosts send for feeds and their XSLT.
        Some("xml") => "application/xml; charset=utf-8",
        Some("xsl") => "text/xsl; charset=utf-8",
        Some("wasm") => "application/wasm",
        _ => "application/octet-stream",
    }
}
