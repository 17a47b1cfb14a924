//! `kepu serve`: builds the site into memory, serves it over HTTP at a
//! local address (links point there too), watches the sources and rebuilds
//! what changed, and tells open pages to reload. A build that fails keeps
//! the last good site served and shows its problems on the open pages; the
//! server only stops on Ctrl-C.
//!
//! Threads: the HTTP server runs on tokio; rebuilds run on a thread of
//! their own (with rayon inside), so serving never waits for a build.

mod host;
pub mod http;
pub mod live;
pub mod rebuild;
pub mod served;
pub mod watch;

use crate::config;
use crate::error::{Error, Result, io_error};
use crate::files::Output;
use http::SiteState;
use rebuild::Rebuilder;
use served::Served;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, RwLock};
use std::time::Instant;
use watch::{Changes, Watcher};

/// What `kepu serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// 0 picks any free port.
    pub port: u16,
    pub drafts: bool,
    pub future: bool,
    pub watch: bool,
}

/// How many ports after a busy one are tried.
const PORT_TRIES: u16 = 10;

/// Serves the site until Ctrl-C (or SIGTERM).
pub fn serve(options: &ServeOptions) -> Result<()> {
    let root = site_root(&options.root)?;
    if !options.bind.is_loopback() {
        eprintln!(
            "warning: serving on {}: other machines on the network can see this preview",
            options.bind
        );
    }
    let listener = bind(options.bind, options.port)?;
    let address = listener.local_addr().map_err(io_error(&root))?;
    let mut rebuilder = Rebuilder::new(
        &root,
        address,
        options.drafts,
        options.future,
        Some(live::script()),
    );
    let state = Arc::new(SiteState {
        site: RwLock::new(Arc::new(Served::default())),
        live: live::LiveReload::default(),
        root: root.clone(),
        hosts: host::AllowedHosts::for_address(address),
    });
    let started = Instant::now();
    match rebuilder.build_all() {
        Ok(site) => {
            println!(
                "built {} files in {} ms",
                site.files.len(),
                started.elapsed().as_millis()
            );
            state.publish(site);
        }
        Err(err) => {
            state.publish(Served::waiting(rebuilder.base_path(), &live::script()));
            report_failure(&state, &rebuilder, &err);
        }
    }
    let ready = format!(
        "serving {} at {} (Ctrl-C to stop)",
        root.display(),
        rebuilder.local_url()
    );
    if options.watch {
        start_watching(rebuilder, Arc::clone(&state));
    }
    run_server(listener, state, &ready)?;
    println!("stopped");
    Ok(())
}

/// The canonical site folder, or an error saying it is not a site.
fn site_root(root: &std::path::Path) -> Result<PathBuf> {
    let config = root.join(config::CONFIG_FILE);
    if !config.is_file() {
        return Err(crate::config::no_site(&config).into());
    }
    root.canonicalize().map_err(io_error(root))
}

/// Binds `port`, or the next free one after it (saying so).
fn bind(ip: IpAddr, port: u16) -> Result<TcpListener> {
    let last = if port == 0 {
        0
    } else {
        port.saturating_add(PORT_TRIES)
    };
    for candidate in port..=last {
        match TcpListener::bind(SocketAddr::new(ip, candidate)) {
            Ok(listener) => {
                if candidate != port {
                    println!("port {port} is busy; serving on port {candidate} instead");
                }
                return Ok(listener);
            }
            Err(err) if err.kind() == std::io::ErrorKind::AddrInUse => continue,
            Err(err) => {
                return Err(Error::Output(format!(
                    "cannot listen on {ip}:{candidate}: {err}\n  hint: check --bind, or pass another --port"
                )));
            }
        }
    }
    Err(Error::Output(format!(
        "ports {port} to {last} on {ip} are all in use\n  hint: stop the other server, or pass --port N (0 picks any free port)"
    )))
}

/// Serves until a stop signal; `ready` is printed once saves are watched
/// and Ctrl-C is listened to, so that neither is missed right after it.
fn run_server(listener: TcpListener, state: Arc<SiteState>, ready: &str) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::Output(format!("cannot start the server: {e}")))?;
    listener
        .set_nonblocking(true)
        .map_err(|e| Error::Output(format!("cannot start the server: {e}")))?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::from_std(listener)
            .map_err(|e| Error::Output(format!("cannot start the server: {e}")))?;
        let stop = stop_signal().map_err(|e| Error::Output(format!("cannot listen for Ctrl-C: {e}")))?;
        println!("{ready}");
        tokio::select! {
            () = http::run(listener, state) => {}
            () = stop => {}
        }
        Ok::<(), Error>(())
    })?;
    // Open event streams would otherwise keep their tasks waiting.
    runtime.shutdown_background();
    Ok(())
}

/// Ctrl-C or SIGTERM, listened to from the call on (the future only waits).
#[cfg(unix)]
fn stop_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut interrupt = signal(SignalKind::interrupt())?;
    let mut terminate = signal(SignalKind::terminate())?;
    Ok(async move {
        tokio::select! {
            _ = interrupt.recv() => {}
            _ = terminate.recv() => {}
        }
    })
}

/// Ctrl-C.
#[cfg(not(unix))]
fn stop_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
    })
}

/// Watches the sources on a thread of its own and rebuilds on changes.
fn start_watching(mut rebuilder: Rebuilder, state: Arc<SiteState>) {
    let mut watcher = match Watcher::start(rebuilder.root()) {
        Ok(watcher) => watcher,
        Err(err) => {
            eprintln!("warning: cannot watch the site's files, so pages will not update: {err}");
            return;
        }
    };
    std::thread::spawn(move || {
        // A rebuild that newer changes interrupted owes the rest of its work.
        let mut owed = false;
        loop {
            let changes = if owed {
                watcher.queued_changes()
            } else {
                match watcher.next_changes() {
                    Some(changes) => changes,
                    None => break,
                }
            };
            if owed || !changes.is_empty() {
                owed = !apply(&changes, &mut rebuilder, &state, watcher.waiting(), owed);
            }
        }
    });
}

/// Rebuilds after `changes`, serves the result and tells the open pages:
/// the changed pages as soon as they are rendered, then the rest. False
/// when `interrupt` stopped it before the rest; `owed` says an earlier
/// rebuild left its rest undone.
fn apply(
    changes: &Changes,
    rebuilder: &mut Rebuilder,
    state: &SiteState,
    interrupt: &AtomicBool,
    owed: bool,
) -> bool {
    let started = Instant::now();
    if !owed {
        if let Some(restamped) = copies_only(changes, &state.current(), rebuilder) {
            publish(
                state,
                restamped,
                rebuilder.base_path(),
                "copied files only",
                started,
            );
            return true;
        }
    }
    let base_path = rebuilder.base_path().to_string();
    let mut early = |outputs: Vec<Output>| {
        let changed = state.put(outputs);
        if !changed.is_empty() {
            state.live.send_update(&changed, &base_path);
            println!(
                "updated {} in {} ms",
                changed.join(", "),
                started.elapsed().as_millis()
            );
        }
    };
    match rebuilder.rebuild_in_steps(changes, interrupt, &mut early) {
        Ok(Some(site)) => {
            let stats = rebuilder.render_stats();
            let work = format!("rendered {} pages, reused {}", stats.rendered, stats.reused);
            publish(state, site, &base_path, &work, started);
            true
        }
        Ok(None) => false,
        Err(err) => {
            report_failure(state, rebuilder, &err);
            true
        }
    }
}

/// Serves `site` and tells the open pages what changed.
fn publish(state: &SiteState, site: Served, base_path: &str, work: &str, started: Instant) {
    let changed = state.current().changed_paths(&site);
    state.publish(site);
    state.live.send_update(&changed, base_path);
    println!(
        "rebuilt in {} ms ({work}): {} file{} changed",
        started.elapsed().as_millis(),
        changed.len(),
        if changed.len() == 1 { "" } else { "s" }
    );
}

/// When every change is an edit of a file the site copies (a stylesheet,
/// an image) and the build does not read, nothing needs building: the
/// served site only notes the new versions (it reads copied files on request).
fn copies_only(changes: &Changes, current: &Served, rebuilder: &Rebuilder) -> Option<Served> {
    let only_copies = !changes.config
        && !changes.rescan
        && changes.paths().all(|path| {
            path.is_file() && !rebuilder.reads_copied_file(path) && current.copies_of(path).next().is_some()
        });
    only_copies.then(|| current.restamped())
}

fn report_failure(state: &SiteState, rebuilder: &Rebuilder, err: &Error) {
    eprintln!("error: {err}");
    eprintln!("(still serving the last good version; fix the problem and save to update)");
    state
        .live
        .send_problems(&rebuild::problems(err, rebuilder.root()), rebuilder.root());
}
