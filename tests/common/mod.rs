//! Helpers shared by the integration tests.

#![allow(dead_code)]

pub mod output;
pub mod serve;
pub mod shared;
pub mod webdriver;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A fixture site copied into `site/` of a temporary folder (removed on
/// drop); the folder's `outside/` is for files beyond the site root.
pub struct Site {
    pub dir: tempfile::TempDir,
    root: PathBuf,
}

impl Site {
    /// Copies `tests/fixtures/NAME` into a fresh temporary folder.
    pub fn fixture(name: &str) -> Site {
        Site::fixture_in(tempfile::tempdir().expect("temporary folder"), name)
    }

    /// [`Site::fixture`] in the folder `dir`.
    pub fn fixture_in(dir: tempfile::TempDir, name: &str) -> Site {
        let root = dir.path().join("site");
        copy_dir(&fixture_dir(name), &root);
        copy_dir(&fixture_dir("outside"), &dir.path().join("outside"));
        Site { dir, root }
    }

    /// The demo site of the repository (`kepu.yaml`, `content/`, `static/`, `themes/`)
    /// copied into a fresh temporary folder.
    pub fn demo() -> Site {
        Site::demo_in(tempfile::tempdir().expect("temporary folder"))
    }

    /// [`Site::demo`] in the folder `dir`.
    pub fn demo_in(dir: tempfile::TempDir) -> Site {
        let repo = repo_root();
        let root = dir.path().join("site");
        for folder in ["content", "static", "themes"] {
            copy_dir(&repo.join(folder), &root.join(folder));
        }
        std::fs::copy(repo.join("kepu.yaml"), root.join("kepu.yaml")).unwrap();
        Site { dir, root }
    }

    /// A fixture that uses the repository's default theme.
    pub fn fixture_with_theme(name: &str) -> Site {
        Site::fixture_with_theme_in(tempfile::tempdir().expect("temporary folder"), name)
    }

    /// [`Site::fixture_with_theme`] in the folder `dir`.
    pub fn fixture_with_theme_in(dir: tempfile::TempDir, name: &str) -> Site {
        let site = Site::fixture_in(dir, name);
        copy_dir(&repo_root().join("themes"), &site.path("themes"));
        site
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// A path beside the site root, outside the site.
    pub fn outside(&self, rel: &str) -> PathBuf {
        self.dir.path().join("outside").join(rel)
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    /// Replaces the first `from` in file `rel` with `to`.
    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read_source(rel);
        assert!(text.contains(from), "{rel} has no {from:?}");
        self.write(rel, text.replacen(from, to, 1));
    }

    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) {
        let file = self.path(rel);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    }

    /// Runs `kepu ARGS --root ROOT` (build commands get the root), its
    /// messages in English, which most tests read.
    pub fn kepu(&self, args: &[&str]) -> Output {
        self.kepu_in("en", args)
    }

    /// Runs `kepu ARGS --root ROOT` with `KEPU_LANG=lang`.
    pub fn kepu_in(&self, lang: &str, args: &[&str]) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_kepu"));
        cmd.args(args)
            .arg("--root")
            .arg(self.root())
            .env("KEPU_LANG", lang);
        cmd.output().expect("kepu runs")
    }

    /// Builds and asserts success; returns stdout.
    pub fn build(&self, args: &[&str]) -> String {
        let mut all = vec!["build"];
        all.extend_from_slice(args);
        let out = self.kepu(&all);
        assert!(
            out.status.success(),
            "build failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Builds, asserts failure, returns stderr.
    pub fn build_fails(&self, args: &[&str]) -> String {
        self.build_fails_in("en", args)
    }

    /// [`Site::build_fails`] with `KEPU_LANG=lang`.
    pub fn build_fails_in(&self, lang: &str, args: &[&str]) -> String {
        let mut all = vec!["build"];
        all.extend_from_slice(args);
        let out = self.kepu_in(lang, &all);
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(
            !out.status.success(),
            "build should fail; stdout:\n{}",
            String::from_utf8_lossy(&out.stdout)
        );
        assert_eq!(out.status.code(), Some(1), "exit code; stderr:\n{stderr}");
        assert!(!stderr.contains("panicked"), "panic:\n{stderr}");
        stderr
    }

    /// A file of the site's sources (relative to its root).
    pub fn read_source(&self, rel: &str) -> String {
        let file = self.path(rel);
        std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
    }

    /// A file of the built site (under `public/`).
    pub fn read(&self, rel: &str) -> String {
        let file = self.path("public").join(rel);
        std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.path("public").join(rel).exists()
    }

    /// Every file under `public/` with its bytes, to compare builds.
    pub fn snapshot(&self) -> BTreeMap<String, Vec<u8>> {
        snapshot(&self.path("public"))
    }
}

/// The repository, whose `content/` and `themes/kepu` are the demo site.
pub fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A built file, or a panic naming it.
pub fn read(out: &Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

pub fn fixture_dir(name: &str) -> PathBuf {
    repo_root().join("tests/fixtures").join(name)
}

pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let dest = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// How to install what the browser tests drive.
pub const CHROMIUM_HINT: &str = "apt-get install chromium chromium-driver";

/// True when headless Chromium and chromedriver run (both are looked for,
/// so that a skip names each that is missing).
pub fn browser_available() -> bool {
    tool_available("chromium", CHROMIUM_HINT) & tool_available("chromedriver", CHROMIUM_HINT)
}

/// True when `program` runs (`program --version`). A missing tool fails
/// the test under `CI=true` and skips it elsewhere, with a notice.
pub fn tool_available(program: &str, install_hint: &str) -> bool {
    let found = Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{program} is required under CI=true ({install_hint})"
        );
        eprintln!("notice: {program} not found, test skipped ({install_hint})");
    }
    found
}

/// What a command did, when it finished within its time limit.
pub struct Finished {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `cmd` and waits at most `limit`; a command still running then is
/// killed and reported as an error (a hang is a failure, not a stuck test).
pub fn run_with_timeout(mut cmd: Command, limit: std::time::Duration) -> Result<Finished, String> {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start {cmd:?}: {e}"))?;
    // Drain both pipes on threads so a chatty child cannot block on a full pipe.
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut text = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut text);
            }
            String::from_utf8_lossy(&text).into_owned()
        })
    };
    let stdout = drain(child.stdout.take().map(|p| Box::new(p) as _));
    let stderr = drain(child.stderr.take().map(|p| Box::new(p) as _));
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("still running after {limit:?} (a hang?)"));
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    Ok(Finished {
        code: status.code(),
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
    })
}

/// What is at `path`, to compare before and after: every file's bytes under
/// a folder, a file's bytes, where a symlink points (not followed).
pub fn snapshot_path(path: &Path) -> BTreeMap<String, Vec<u8>> {
    match std::fs::symlink_metadata(path) {
        Err(_) => BTreeMap::new(),
        Ok(meta) if meta.file_type().is_symlink() => {
            let target = std::fs::read_link(path).unwrap();
            BTreeMap::from([(
                "-> ".to_string(),
                target.to_string_lossy().into_owned().into_bytes(),
            )])
        }
        Ok(meta) if meta.is_dir() => snapshot(path),
        Ok(_) => BTreeMap::from([(String::new(), std::fs::read(path).unwrap())]),
    }
}

/// A `kepu serve` process on a free port, stopped when dropped.
pub struct Server {
    pub child: std::process::Child,
    /// `http://127.0.0.1:PORT/…/`, as the server printed it.
    pub url: String,
    pub address: std::net::SocketAddr,
    /// What the server prints, line by line.
    pub lines: std::sync::mpsc::Receiver<String>,
}

impl Server {
    /// Starts `kepu serve --port 0 ARGS --root ROOT`, its messages in
    /// English, and waits until it serves.
    pub fn start(site: &Site, args: &[&str]) -> Server {
        Server::start_in(site, "en", args)
    }

    /// [`Server::start`] with `KEPU_LANG=lang` (`en` or `zh`).
    pub fn start_in(site: &Site, lang: &str, args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kepu"))
            .env("KEPU_LANG", lang)
            .arg("serve")
            .args(["--port", "0"])
            .args(args)
            .arg("--root")
            .arg(site.root())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("kepu serve starts");
        let (sender, lines) = std::sync::mpsc::channel();
        for stream in [
            Box::new(child.stdout.take().unwrap()) as Box<dyn std::io::Read + Send>,
            Box::new(child.stderr.take().unwrap()),
        ] {
            let sender = sender.clone();
            std::thread::spawn(move || {
                use std::io::BufRead;
                for line in std::io::BufReader::new(stream).lines().map_while(Result::ok) {
                    let _ = sender.send(line);
                }
            });
        }
        // "serving /site/folder at http://…", not "still serving the last good version".
        let ready = if lang == "zh" {
            "正在预览 /"
        } else {
            "serving /"
        };
        let line = wait_for_line(&lines, ready);
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .expect("an address")
            .to_string();
        let address = url
            .trim_start_matches("http://")
            .split('/')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        Server {
            child,
            url,
            address,
            lines,
        }
    }

    /// Waits for a printed line containing `text`; returns it.
    pub fn wait_for(&self, text: &str) -> String {
        wait_for_line(&self.lines, text)
    }

    /// Sends a raw request; returns the status code, headers (lower-case
    /// names) and body.
    pub fn request(&self, method: &str, raw_path: &str) -> HttpResponse {
        raw_request(
            self.address,
            &format!("{method} {raw_path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
        )
    }

    pub fn get(&self, raw_path: &str) -> HttpResponse {
        self.request("GET", raw_path)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn wait_for_line(lines: &std::sync::mpsc::Receiver<String>, text: &str) -> String {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let mut seen = Vec::new();
    while let Some(left) = deadline.checked_duration_since(std::time::Instant::now()) {
        match lines.recv_timeout(left) {
            Ok(line) if line.contains(text) => return line,
            Ok(line) => seen.push(line),
            Err(_) => break,
        }
    }
    panic!("no line with {text:?}; got:\n{}", seen.join("\n"));
}

#[derive(Debug)]
pub struct HttpResponse {
    pub status: u16,
    pub headers: BTreeMap<String, String>,
    pub body: Vec<u8>,
}

impl HttpResponse {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).map_or("", String::as_str)
    }
}

/// Writes `request` as it is (tests send what no HTTP client would) and
/// reads the answer: `Content-Length` bytes of body when given, else until
/// the server closes the connection.
pub fn raw_request(address: std::net::SocketAddr, request: &str) -> HttpResponse {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(address).expect("connects");
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(20)))
        .unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut raw = Vec::new();
    let mut buffer = [0; 8192];
    loop {
        let n = stream.read(&mut buffer).expect("an answer");
        raw.extend_from_slice(&buffer[..n]);
        if n == 0 || is_complete(&raw) {
            return parse_response(&raw);
        }
    }
}

fn is_complete(raw: &[u8]) -> bool {
    let Some(head_end) = raw.windows(4).position(|w| w == b"\r\n\r\n") else {
        return false;
    };
    let response = parse_response(raw);
    let body = raw.len() - head_end - 4;
    response
        .headers
        .get("content-length")
        .and_then(|n| n.parse::<usize>().ok())
        .is_some_and(|length| body >= length)
}

pub fn parse_response(raw: &[u8]) -> HttpResponse {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete head");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .expect("a status line");
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    HttpResponse {
        status,
        headers,
        body: raw[split + 4..].to_vec(),
    }
}
