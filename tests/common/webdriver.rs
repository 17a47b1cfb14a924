//! Just enough of the W3C WebDriver protocol, spoken to `chromedriver` over
//! plain HTTP on 127.0.0.1, to drive headless Chromium in tests. Every
//! request of a test browser that is not for 127.0.0.1 goes to a proxy
//! that records it and answers none: Chromium's own services (update
//! checks, the search engine's preconnect) ask for the network despite
//! `--disable-background-networking`, and no test may reach it.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A headless Chromium session; ends the browser and the driver on drop.
pub struct Browser {
    driver: Child,
    port: u16,
    session: String,
    _profile: tempfile::TempDir,
    off_site: OffSite,
}

/// A proxy that records the first line of every request sent to it
/// (`CONNECT v.qq.com:443 HTTP/1.1`) and answers each with 502, so nothing
/// leaves the machine. It sees the browser's own requests too, which is
/// why tests read the page's requests from DevTools.
struct OffSite {
    flag: String,
    requests: Arc<Mutex<Vec<String>>>,
}

impl OffSite {
    fn start() -> OffSite {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
        let flag = format!("--proxy-server=http://{}", listener.local_addr().unwrap());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&requests);
        std::thread::spawn(move || {
            for mut stream in listener.incoming().flatten() {
                let mut line = String::new();
                let _ = BufReader::new(&stream).read_line(&mut line);
                log.lock().unwrap().push(line.trim().to_string());
                let _ = stream
                    .write_all(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            }
        });
        OffSite { flag, requests }
    }
}

/// The Enter key, for `type_into`.
pub const ENTER: &str = "\u{E007}";
/// The Control key, for `press_with`.
pub const CONTROL: &str = "\u{E009}";
/// The Shift and Alt keys, for `press_chord`.
pub const SHIFT: &str = "\u{E008}";
pub const ALT: &str = "\u{E00A}";

impl Browser {
    pub fn start() -> Browser {
        Browser::start_with(&[], false)
    }

    /// A session with more Chromium flags
    /// (`--blink-settings=scriptEnabled=false`) and, with `network_log`, a
    /// record of the requests the page makes, for [`Self::page_requests`].
    pub fn start_with(flags: &[&str], network_log: bool) -> Browser {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .unwrap();
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let profile = tempfile::tempdir().unwrap();
        let mut browser = Browser {
            driver,
            port,
            session: String::new(),
            _profile: profile,
            off_site: OffSite::start(),
        };
        browser.wait_until_ready();
        let args = [
            "--headless".to_string(),
            "--no-sandbox".into(),
            "--disable-gpu".into(),
            "--disable-background-networking".into(),
            "--disable-dev-shm-usage".into(),
            format!("--user-data-dir={}", browser._profile.path().display()),
            browser.off_site.flag.clone(),
        ];
        let args: Vec<String> = args
            .into_iter()
            .chain(flags.iter().map(|f| f.to_string()))
            .collect();
        let mut caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": "/usr/bin/chromium", "args": args},
        }}});
        if network_log {
            let always = &mut caps["capabilities"]["alwaysMatch"];
            always["goog:loggingPrefs"] = json!({"performance": "ALL"});
            always["goog:chromeOptions"]["perfLoggingPrefs"] =
                json!({"enableNetwork": true, "enablePage": false});
        }
        let reply = browser.call("POST", "/session", Some(caps));
        browser.session = reply["sessionId"].as_str().expect("a session").to_string();
        browser
    }

    /// The first line of every request the browser sent to another host
    /// (`CONNECT v.qq.com:443 HTTP/1.1`), its own services' included.
    pub fn off_site_requests(&self) -> Vec<String> {
        self.off_site.requests.lock().unwrap().clone()
    }

    fn wait_until_ready(&self) {
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(20) {
            if request(self.port, "GET", "/status", None).is_ok_and(|v| v["value"]["ready"] == true) {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("chromedriver did not start");
    }

    /// A WebDriver command; panics on a WebDriver error. Returns `value`.
    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let reply = request(self.port, method, path, body).expect("chromedriver answers");
        if reply["value"]["error"].is_string() {
            panic!("webdriver {method} {path}: {}", reply["value"]);
        }
        reply["value"].clone()
    }

    fn session_call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.call(method, &format!("/session/{}{path}", self.session), body)
    }

    pub fn goto(&self, url: &str) {
        self.session_call("POST", "/url", Some(json!({"url": url})));
    }

    pub fn url(&self) -> String {
        self.session_call("GET", "/url", None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// The WebDriver id of the first element matching `css`.
    fn find(&self, css: &str) -> String {
        let found = self.session_call(
            "POST",
            "/element",
            Some(json!({"using": "css selector", "value": css})),
        );
        found
            .as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("an element matching {css}"))
            .to_string()
    }

    /// Types `text` into the element matching `css`, as a person would.
    pub fn type_into(&self, css: &str, text: &str) {
        let id = self.find(css);
        self.session_call("POST", &format!("/element/{id}/clear"), Some(json!({})));
        self.session_call(
            "POST",
            &format!("/element/{id}/value"),
            Some(json!({"text": text})),
        );
    }

    /// Clicks the element matching `css` (scrolled into view first), as a
    /// mouse would: the page sees a trusted click, which clipboard calls need.
    pub fn click(&self, css: &str) {
        let id = self.find(css);
        self.session_call("POST", &format!("/element/{id}/click"), Some(json!({})));
    }

    /// Presses `key` while holding `modifier` down (`press_with(CONTROL, "v")`
    /// is Ctrl+V), to whatever element has the focus.
    pub fn press_with(&self, modifier: &str, key: &str) {
        self.press_chord(&[modifier, key]);
    }

    /// Presses `keys` down in order and lets them go in reverse
    /// (`press_chord(&[ALT, SHIFT, "c"])` is Alt+Shift+C).
    pub fn press_chord(&self, keys: &[&str]) {
        let down = keys.iter().map(|key| json!({"type": "keyDown", "value": key}));
        let up = keys
            .iter()
            .rev()
            .map(|key| json!({"type": "keyUp", "value": key}));
        let actions: Vec<Value> = down.chain(up).collect();
        let body = json!({"actions": [{"type": "key", "id": "keyboard", "actions": actions}]});
        self.session_call("POST", "/actions", Some(body));
        self.session_call("DELETE", "/actions", None);
    }

    /// Makes the page's viewport (`innerWidth` × `innerHeight`) exactly
    /// `width` × `height` CSS pixels: the window is sized, then corrected by
    /// whatever the browser's own frame takes.
    pub fn set_viewport(&self, width: i64, height: i64) {
        let mut outer = (width, height);
        // A loaded machine applies a resize late: measure once it settled.
        for _ in 0..8 {
            self.session_call(
                "POST",
                "/window/rect",
                Some(json!({"width": outer.0, "height": outer.1})),
            );
            let inner = self.settled_viewport();
            if inner == (width, height) {
                return;
            }
            outer = (outer.0 + width - inner.0, outer.1 + height - inner.1);
        }
        panic!("cannot size the viewport to {width}×{height}");
    }

    /// `innerWidth` × `innerHeight` once two readings 50 ms apart agree.
    fn settled_viewport(&self) -> (i64, i64) {
        let read = || {
            let inner = self.eval("return [window.innerWidth, window.innerHeight];");
            (inner[0].as_i64().unwrap(), inner[1].as_i64().unwrap())
        };
        let mut last = read();
        for _ in 0..20 {
            std::thread::sleep(std::time::Duration::from_millis(50));
            let now = read();
            if now == last {
                return now;
            }
            last = now;
        }
        last
    }

    /// A PNG of the viewport, written to `file`.
    pub fn screenshot(&self, file: &Path) {
        let png = self.session_call("GET", "/screenshot", None);
        write_png(&png, file);
    }

    /// A PNG of the element matching `css` alone, written to `file`.
    pub fn element_screenshot(&self, css: &str, file: &Path) {
        let id = self.find(css);
        let png = self.session_call("GET", &format!("/element/{id}/screenshot"), None);
        write_png(&png, file);
    }

    /// The URLs the page (its frames, not the browser's own services)
    /// requested since the last call, from the DevTools network events of a
    /// session started with `network_log`.
    pub fn page_requests(&self) -> Vec<String> {
        let log = self.session_call("POST", "/se/log", Some(json!({"type": "performance"})));
        log.as_array()
            .into_iter()
            .flatten()
            .filter_map(|entry| serde_json::from_str::<Value>(entry["message"].as_str()?).ok())
            .filter(|event| event["message"]["method"] == "Network.requestWillBeSent")
            .filter_map(|event| Some(event["message"]["params"]["request"]["url"].as_str()?.to_string()))
            .collect()
    }

    /// Renders the page for `media` (`"print"`, or `""` for the screen
    /// again), as Chromium's print preview does, through its DevTools.
    pub fn emulate_media(&self, media: &str) {
        self.session_call(
            "POST",
            "/goog/cdp/execute",
            Some(json!({"cmd": "Emulation.setEmulatedMedia", "params": {"media": media}})),
        );
    }

    /// Runs `script` (a function body) in the page and returns its result.
    pub fn eval(&self, script: &str) -> Value {
        self.session_call(
            "POST",
            "/execute/sync",
            Some(json!({"script": script, "args": []})),
        )
    }

    /// Runs async `script`; it gets a callback as `arguments[0]`.
    pub fn eval_async(&self, script: &str) -> Value {
        self.session_call(
            "POST",
            "/execute/async",
            Some(json!({"script": script, "args": []})),
        )
    }

    /// Polls `script` until it returns something other than null/false.
    pub fn wait_for(&self, script: &str, timeout: Duration) -> Value {
        let started = Instant::now();
        loop {
            let value = self.eval(script);
            if !(value.is_null() || value == false) {
                return value;
            }
            assert!(started.elapsed() < timeout, "timed out waiting for: {script}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = request(self.port, "DELETE", &format!("/session/{}", self.session), None);
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// Decodes a screenshot (base64 PNG, as WebDriver sends it) into `file`.
fn write_png(base64_png: &Value, file: &Path) {
    use base64::Engine;
    let text = base64_png.as_str().expect("a base64 screenshot");
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(text)
        .expect("valid base64");
    if let Some(folder) = file.parent() {
        std::fs::create_dir_all(folder).unwrap();
    }
    std::fs::write(file, bytes).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
}

/// One HTTP/1.1 request to the driver; the reply body as JSON.
fn request(port: u16, method: &str, path: &str, body: Option<Value>) -> std::io::Result<Value> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(60)))?;
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )?;
    // chromedriver keeps the connection open: read the head, then exactly
    // the body it announces.
    let mut reader = std::io::BufReader::new(stream);
    let mut length = None;
    let mut chunked = false;
    let mut line = String::new();
    while {
        line.clear();
        reader.read_line(&mut line)? > 2
    } {
        let lower = line.to_ascii_lowercase();
        if let Some(value) = lower.strip_prefix("content-length:") {
            length = value.trim().parse::<usize>().ok();
        }
        chunked |= lower.starts_with("transfer-encoding:") && lower.contains("chunked");
    }
    let body = if chunked {
        read_chunks(&mut reader)?
    } else {
        let mut body = vec![0; length.unwrap_or(0)];
        reader.read_exact(&mut body)?;
        body
    };
    serde_json::from_slice(&body).map_err(std::io::Error::other)
}

fn read_chunks(reader: &mut impl BufRead) -> std::io::Result<Vec<u8>> {
    let mut body = Vec::new();
    loop {
        let mut size = String::new();
        reader.read_line(&mut size)?;
        let size = usize::from_str_radix(size.trim(), 16).map_err(std::io::Error::other)?;
        if size == 0 {
            return Ok(body);
        }
        let start = body.len();
        body.resize(start + size + 2, 0);
        reader.read_exact(&mut body[start..])?;
        body.truncate(start + size);
    }
}
