//! `kepu serve`: builds the site into memory, serves it over HTTP at a
//! local address (links point there too), watches the sources and rebuilds
//! what changed, and tells open pages to reload. A build that fails keeps
//! the last good site served and shows its problems on the open pages; the
//! server only stops on Ctrl-C.
//!
//! Threads: the HTTP server runs on tokio; rebuilds run on a thread of
//! their own (with rayon inside), so serving never waits for a build;
//! photo renditions the cache lacks are made on a pool of their own
//! ([`photos::PhotoMaker`]), so no rebuild waits for them either.

mod host;
pub mod http;
pub mod live;
pub mod photos;
pub mod rebuild;
pub mod served;
pub mod watch;

use crate::config;
use crate::error::{Diagnostic, Error, Result, io_error};
use crate::files::Output;
use crate::messages::msg;
use crate::report::Reporter;
use http::SiteState;
use photos::PhotoMaker;
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
        let visible = Diagnostic::new("", msg!("serve-visible", address = options.bind.to_string()));
        eprint!("{}", reporter().problems(&[], &[visible]));
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
    rebuilder.make_photos_in_background();
    let state = Arc::new(SiteState {
        site: RwLock::new(Arc::new(Served::default())),
        live: live::LiveReload::default(),
        root: root.clone(),
        hosts: host::AllowedHosts::for_address(address),
    });
    let photos = Arc::new(photo_maker(&root, &state)?);
    let started = Instant::now();
    match rebuilder.build_all() {
        Ok(site) => {
            report_warnings(&rebuilder, true);
            let built = msg!(
                "serve-built",
                files = site.files.len(),
                ms = started.elapsed().as_millis() as u64
            );
            println!("{built}");
            state.publish(site);
        }
        Err(err) => {
            state.publish(Served::waiting(rebuilder.base_path(), &live::script()));
            report_failure(&state, &rebuilder, &err);
        }
    }
    photos.make(rebuilder.take_photo_jobs());
    let ready = msg!(
        "serve-ready",
        root = root.display().to_string(),
        url = rebuilder.local_url()
    );
    if options.watch {
        start_watching(rebuilder, Arc::clone(&state), photos);
    }
    run_server(listener, state, &ready)?;
    println!("{}", msg!("serve-stopped"));
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
                    println!("{}", msg!("serve-port-busy", port = port, other = candidate));
                }
                return Ok(listener);
            }
            Err(err) if err.kind() == std::io::ErrorKind::AddrInUse => continue,
            Err(err) => {
                let address = SocketAddr::new(ip, candidate).to_string();
                let what = msg!("serve-cannot-listen", address = address, error = err.to_string());
                return Err(Diagnostic::new("", what)
                    .hint(msg!("serve-cannot-listen-hint"))
                    .into());
            }
        }
    }
    let what = msg!("serve-ports-busy", first = port, last = last, ip = ip.to_string());
    Err(Diagnostic::new("", what)
        .hint(msg!("serve-ports-busy-hint"))
        .into())
}

/// Serves until a stop signal; `ready` is printed once saves are watched
/// and Ctrl-C is listened to, so that neither is missed right after it.
fn run_server(listener: TcpListener, state: Arc<SiteState>, ready: &str) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(cannot_start)?;
    listener.set_nonblocking(true).map_err(cannot_start)?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::from_std(listener).map_err(cannot_start)?;
        let stop = stop_signal()
            .map_err(|e| Error::Output(msg!("serve-cannot-hear-stop", error = e.to_string())))?;
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

fn cannot_start(error: std::io::Error) -> Error {
    Error::Output(msg!("serve-cannot-start", error = error.to_string()))
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

/// The photo maker of the site at `root`: each photo made is noted in the
/// served site, the pages showing it told, and a line printed; a photo
/// that cannot be made is reported as a build's problems are.
fn photo_maker(root: &std::path::Path, state: &Arc<SiteState>) -> Result<PhotoMaker> {
    let state = Arc::clone(state);
    let site_root = root.to_path_buf();
    let done = move |done: photos::Done| match done.made {
        // Nothing to make: another job or rebuild made them meanwhile.
        Ok(files) if files.is_empty() => {}
        Ok(files) => {
            let changed = state.refresh(&files);
            if !changed.is_empty() {
                state.live.send_photos(&changed, &state.current().base_path);
            }
            let photo = done.source.strip_prefix(&site_root).unwrap_or(&done.source);
            let made = msg!(
                "serve-photo-made",
                count = files.len(),
                photo = photo.display().to_string(),
                ms = done.took.as_millis() as u64
            );
            println!("{made}");
        }
        Err(problem) => {
            let problems = relative(&[problem], &site_root);
            let reporter = reporter();
            eprint!("{}", reporter.problems(&problems, &[]));
            eprintln!("{}", reporter.count(problems.len(), 0));
        }
    };
    PhotoMaker::new(root, PhotoMaker::spare_threads(), done).map_err(cannot_start)
}

/// Watches the sources on a thread of its own and rebuilds on changes,
/// handing the photos each rebuild leaves to `photos`.
fn start_watching(mut rebuilder: Rebuilder, state: Arc<SiteState>, photos: Arc<PhotoMaker>) {
    let mut watcher = match Watcher::start(rebuilder.root()) {
        Ok(watcher) => watcher,
        Err(err) => {
            let warning = Diagnostic::new("", msg!("serve-cannot-watch", error = err.to_string()));
            eprint!("{}", reporter().problems(&[], &[warning]));
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
                photos.make(rebuilder.take_photo_jobs());
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
                &msg!("serve-copied-only"),
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
            let updated = msg!(
                "serve-updated",
                pages = changed.join(", "),
                ms = started.elapsed().as_millis() as u64
            );
            println!("{updated}");
        }
    };
    match rebuilder.rebuild_in_steps(changes, interrupt, &mut early) {
        Ok(Some(site)) => {
            report_warnings(rebuilder, false);
            let stats = rebuilder.render_stats();
            let work = msg!("serve-rendered", rendered = stats.rendered, reused = stats.reused);
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

/// Serves `site` and tells the open pages what changed (not the photo
/// renditions still to be made: they are news once made).
fn publish(state: &SiteState, site: Served, base_path: &str, work: &str, started: Instant) {
    let changed = state.current().changed_paths(&site);
    let shown: Vec<String> = changed
        .iter()
        .filter(|path| !site.is_missing_copy(path))
        .cloned()
        .collect();
    state.publish(site);
    state.live.send_update(&shown, base_path);
    let rebuilt = msg!(
        "serve-rebuilt",
        ms = started.elapsed().as_millis() as u64,
        work = work,
        changed = changed.len()
    );
    println!("{rebuilt}");
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

/// Prints a build's warnings and their count as `kepu build` does; after
/// a rebuild without warnings nothing (the first build always counts).
fn report_warnings(rebuilder: &Rebuilder, first: bool) {
    let warnings = relative(rebuilder.warnings(), rebuilder.root());
    if first || !warnings.is_empty() {
        let reporter = reporter();
        eprint!("{}", reporter.problems(&[], &warnings));
        eprintln!("{}", reporter.count(0, warnings.len()));
    }
}

/// Prints a failed build's problems and their count as `kepu build` does,
/// and shows them, grouped and counted the same way, on the open pages.
fn report_failure(state: &SiteState, rebuilder: &Rebuilder, err: &Error) {
    let errors = relative(&rebuild::problems(err, rebuilder.root()), rebuilder.root());
    let warnings = relative(rebuilder.warnings(), rebuilder.root());
    let reporter = reporter();
    eprint!("{}", reporter.problems(&errors, &warnings));
    eprintln!("{}", reporter.count(errors.len(), warnings.len()));
    eprintln!("{}", msg!("serve-still-serving"));
    state.live.send_problems(&errors, warnings.len(), &reporter);
}

/// The reporter in this run's language, warnings shown (a preview is where
/// an editor fixes them).
fn reporter() -> Reporter {
    Reporter {
        lang: crate::messages::language(),
        quiet: false,
    }
}

/// `problems` with their files named from the site folder (`content/a.md`).
fn relative(problems: &[Diagnostic], root: &std::path::Path) -> Vec<Diagnostic> {
    problems
        .iter()
        .map(|problem| {
            let file = problem.file.strip_prefix(root).unwrap_or(&problem.file);
            Diagnostic {
                file: file.to_path_buf(),
                ..problem.clone()
            }
        })
        .collect()
}
