//! `kepu serve` over HTTP: a server on a free loopback port, asked with raw
//! requests (so that paths no HTTP client would send get through).

use crate::common::{Server, Site, raw_request};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

#[test]
fn serves_pages_with_content_types_redirects_and_the_theme_404() {
    let site = Site::demo();
    let server = Server::start(&site, &[]);
    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(home.header("content-type"), "text/html; charset=utf-8");
    assert!(
        home.text().contains("data-kepu-live-reload"),
        "live-reload script injected"
    );
    for (path, content_type) in [
        ("/css/style.css", "text/css; charset=utf-8"),
        ("/favicon.svg", "image/svg+xml; charset=utf-8"),
        ("/tips/", "text/html; charset=utf-8"),
    ] {
        let response = server.get(path);
        assert_eq!(response.status, 200, "{path}");
        assert_eq!(response.header("content-type"), content_type, "{path}");
    }
    let redirect = server.get("/tips");
    assert_eq!(redirect.status, 301);
    assert_eq!(redirect.header("location"), "/tips/");
    let missing = server.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.text().contains("<html"),
        "the theme's 404.html: {}",
        missing.text()
    );
    let head = server.request("HEAD", "/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(head.header("content-length"), home.body.len().to_string());
    let post = server.request("POST", "/");
    assert_eq!(post.status, 405);
    assert_eq!(post.header("allow"), "GET, HEAD");
}

#[test]
fn links_point_at_the_local_address_under_the_sub_path() {
    let site = Site::fixture("basic");
    let server = Server::start(&site, &[]);
    assert!(server.url.ends_with("/kexie/"), "{}", server.url);
    let local = format!("http://{}/kexie/", server.address);
    let tip = server.get("/kexie/tips/drink-water/");
    assert_eq!(tip.status, 200);
    assert!(
        tip.text().contains(&format!("{local}tips/xi-shou/")),
        "{}",
        tip.text()
    );
    assert!(!tip.text().contains("example.org"));
    assert_eq!(server.get("/").header("location"), "/kexie/");
    assert_eq!(server.get("/kexie").header("location"), "/kexie/");
    assert_eq!(server.get("/tips/").status, 404);
    // A bundle's image, copied from content/.
    let poster = server.get("/kexie/events/robot-2024/poster.svg");
    assert_eq!(poster.status, 200);
    assert!(poster.text().contains("<svg"));
}

#[test]
fn never_serves_anything_outside_the_site() {
    let site = Site::demo();
    let server = Server::start(&site, &[]);
    // Links out of the site fail the rebuild they start: the last good
    // site stays served, without them.
    std::os::unix::fs::symlink("/etc/hostname", site.path("themes/kepu/static/leak.txt")).unwrap();
    std::os::unix::fs::symlink("/etc", site.path("themes/kepu/static/etc")).unwrap();
    server.wait_for("points outside the site");
    for path in [
        "/../kepu.yaml",
        "/../../../../etc/passwd",
        "/css/../../kepu.yaml",
        "/%2e%2e/kepu.yaml",
        "/%2E%2E/%2e%2e/etc/passwd",
        "/css/%2e%2e%2fstyle.css",
        "/css%2fstyle.css",
        "/css%2Fstyle.css",
        "/css\\style.css",
        "/css%5cstyle.css",
        "/..%5c..%5cetc%5cpasswd",
        "/css/style.css%00",
        "/css/style.css%00.html",
        "//etc/passwd",
        "/etc/passwd",
        "/leak.txt",
        "/etc/hostname",
        "/kepu.yaml",
        "/content/tips/drink-water.md",
    ] {
        let response = server.get(path);
        assert_eq!(response.status, 404, "{path}");
        assert!(!response.text().contains("root:"), "{path}");
    }
    // An absolute URL as the request target names a path like any other.
    let absolute = raw_request(
        server.address,
        "GET http://localhost/../../etc/passwd HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(absolute.status, 404);
    let nul = raw_request(
        server.address,
        "GET /css/style.css\0 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
    );
    assert!(nul.status == 400 || nul.status == 404, "{}", nul.status);
    assert_eq!(server.get("/css/style.css").status, 200, "still serving");
}

#[test]
fn two_hundred_concurrent_clients_and_slow_or_broken_requests_block_nothing() {
    let site = Site::demo();
    let server = Server::start(&site, &[]);
    // Clients that open a connection and stall mid-request.
    let mut stalled: Vec<TcpStream> = (0..20)
        .map(|_| {
            let mut s = TcpStream::connect(server.address).unwrap();
            s.write_all(b"GET / HTTP/1.1\r\nHost: loc").unwrap();
            s
        })
        .collect();
    let garbage = raw_request(server.address, "NOT HTTP AT ALL\r\n\r\n");
    assert_eq!(garbage.status, 400);
    let started = Instant::now();
    let clients: Vec<_> = (0..200)
        .map(|i| {
            let address = server.address;
            std::thread::spawn(move || {
                let path = if i % 2 == 0 { "/" } else { "/tips/" };
                raw_request(
                    address,
                    &format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
                )
                .status
            })
        })
        .collect();
    for client in clients {
        assert_eq!(client.join().unwrap(), 200);
    }
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
    // The stalled clients finish their requests and are answered too.
    for s in &mut stalled {
        s.write_all(b"alhost\r\nConnection: close\r\n\r\n").unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let mut answer = Vec::new();
        s.read_to_end(&mut answer).unwrap();
        assert!(answer.starts_with(b"HTTP/1.1 200"));
    }
}

#[test]
fn a_busy_port_moves_to_the_next() {
    let site = Site::demo();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    // The demo site is Chinese: so is everything serve says.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_kepu"))
        .env_remove("KEPU_LANG")
        .args(["serve", "--no-watch", "--port", &port.to_string(), "--root"])
        .arg(site.root())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let (sender, lines) = std::sync::mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = sender.send(line);
        }
    });
    let line = crate::common::wait_for_line(&lines, "已被占用");
    assert!(
        line.contains(&format!("端口 {port} 已被占用，改用端口")),
        "{line}"
    );
    crate::common::wait_for_line(&lines, "个文件，用时");
    let ready = crate::common::wait_for_line(&lines, "正在预览 ");
    assert!(ready.contains("（按 Ctrl-C 停止）"), "{ready}");
    // Ctrl-C stops the server cleanly.
    let interrupted = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(interrupted.success());
    crate::common::wait_for_line(&lines, "已停止");
    assert!(child.wait().unwrap().success());
}

#[test]
fn pages_hear_about_rebuilds_and_problems_over_server_sent_events() {
    let site = Site::fixture("basic");
    let server = Server::start(&site, &[]);
    let mut events = listen_for_events(&server);
    site.edit("content/tips/drink-water.md", "多喝水。", "多喝温水。");
    let update = read_until(&mut events, "event: update");
    assert!(update.contains("/kexie/tips/drink-water/index.html"), "{update}");
    assert!(
        server
            .get("/kexie/tips/drink-water/")
            .text()
            .contains("多喝温水。")
    );

    site.edit("content/tips/drink-water.md", "tags: [健康]", "tags: [健康");
    let problems = read_until(&mut events, "event: problems");
    assert!(problems.contains("drink-water.md"), "{problems}");
    assert!(problems.contains("\"line\":"), "{problems}");
    assert!(
        problems.contains("\"title\":\"kepu: the site did not build (still showing the last good version)\""),
        "{problems}"
    );
    assert!(
        problems.contains("\"entries\":[\"error: content/tips/drink-water.md:"),
        "{problems}"
    );
    assert!(problems.contains("\"count\":\"1 error, "), "{problems}");
    // The terminal says the same, counted as a build counts.
    server.wait_for("error: content/tips/drink-water.md:");
    server.wait_for("1 error, ");
    server.wait_for("(still serving the last good version; fix the problem and save to update)");
    assert!(
        server
            .get("/kexie/tips/drink-water/")
            .text()
            .contains("多喝温水。"),
        "last good site"
    );

    site.edit("content/tips/drink-water.md", "tags: [健康", "tags: [健康]");
    read_until(&mut events, "event: update");
    assert_eq!(server.get("/kexie/tips/drink-water/").status, 200);
}

/// A Chinese site's preview speaks Chinese: in the terminal and in what
/// the open pages show of a failed rebuild.
#[test]
fn a_failed_rebuild_is_reported_in_chinese_grouped_and_counted() {
    let site = Site::fixture("basic");
    let server = Server::start_in(&site, "zh", &[]);
    let mut events = listen_for_events(&server);
    // Twelve pages with the same unknown key: three in full, then one line.
    for i in 0..12 {
        site.write(
            &format!("content/tips/banner-{i:02}.md"),
            format!("---\ntitle: 第 {i} 篇\nbanner: top.jpg\n---\n\n正文\n"),
        );
    }
    // Rebuilds may start before the last file is written: the last counts.
    let problems = read_until(&mut events, "\"count\":\"12 个错误，");
    assert!(
        problems.contains("\"title\":\"kepu：网站没有构建成功（仍在显示上一次构建成功的版本）\""),
        "{problems}"
    );
    assert_eq!(
        problems.matches("错误：content/tips/banner-").count(),
        3,
        "{problems}"
    );
    assert!(
        problems.contains("错误：…… 另有 9 处同样的问题（未知字段 `banner`），在 9 个文件中："),
        "{problems}"
    );
    server.wait_for("另有 9 处同样的问题");
    server.wait_for("12 个错误，");
    server.wait_for("（仍在显示上一次构建成功的版本；改正问题并保存后会更新）");
}

/// Reads the event stream until `text` has come, and returns what came.
/// The server's event stream, as an open page listens to it, once it is
/// under way.
fn listen_for_events(server: &Server) -> TcpStream {
    let mut events = TcpStream::connect(server.address).unwrap();
    events
        .write_all(b"GET /__kepu/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .unwrap();
    events.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    read_until(&mut events, "retry:");
    events
}

fn read_until(stream: &mut TcpStream, text: &str) -> String {
    let mut seen = Vec::new();
    let mut buffer = [0; 4096];
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        let n = stream.read(&mut buffer).expect("the stream stays open");
        assert!(n > 0, "the stream ended");
        seen.extend_from_slice(&buffer[..n]);
        let text_so_far = String::from_utf8_lossy(&seen);
        // Up to the end of that event, once it has all come.
        if let Some(at) = text_so_far.find(text) {
            if let Some(end) = text_so_far[at..].find("\n\n") {
                return text_so_far[at..at + end].to_string();
            }
        }
    }
    panic!("no {text:?} in {}", String::from_utf8_lossy(&seen));
}

/// DNS rebinding: a page of `evil.example`, its name pointed at 127.0.0.1,
/// must not read the preview (drafts included): only this machine's names
/// are answered.
#[test]
fn answers_only_this_machines_host_names() {
    let site = Site::fixture("basic");
    let server = Server::start(&site, &["--drafts"]);
    let port = server.address.port();
    let ask = |host: &str| {
        raw_request(
            server.address,
            &format!("GET /kexie/ HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
        )
    };
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        "localhost".to_string(),
    ] {
        assert_eq!(ask(&host).status, 200, "Host: {host}");
    }
    for host in [
        format!("evil.example:{port}"),
        "evil.example".to_string(),
        format!("localhost:{}", port.wrapping_add(1)),
        format!("127.0.0.1.evil.example:{port}"),
    ] {
        let refused = ask(&host);
        assert_eq!(refused.status, 403, "Host: {host}");
        let text = refused.text();
        assert_eq!(text.trim_end().lines().count(), 1, "one line: {text}");
        assert!(text.contains(&host) && text.contains("DNS"), "{text}");
    }
    let events = raw_request(
        server.address,
        &format!("GET /__kepu/events HTTP/1.1\r\nHost: evil.example:{port}\r\nConnection: close\r\n\r\n"),
    );
    assert_eq!(events.status, 403, "the live-reload stream is refused too");
}
