//! Ctrl-C and SIGTERM during a build: the staging folder (or, right after
//! the swap, the old output it then holds) is removed and the process
//! exits with 130 or 143, as shells expect. Writers hold a read lock while
//! they touch a staging folder and the handler takes the write lock, so it
//! never removes a folder while a file is being made in it, and once it has
//! the lock no writer recreates what it removed.

use crate::output::messages;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock, RwLockReadGuard};

/// A staging folder of a build under way, and whether it has been swapped
/// in (it then holds the old output, and the new one is in place).
type Active = (PathBuf, Arc<AtomicBool>);

/// The staging folders of builds under way in this process.
static ACTIVE: RwLock<Vec<Active>> = RwLock::new(Vec::new());

/// Held while writing into (or swapping) a staging folder.
pub(super) fn writing() -> RwLockReadGuard<'static, Vec<Active>> {
    ACTIVE.read().unwrap_or_else(|e| e.into_inner())
}

/// Registers `staging`; the flag returned is to be set, under
/// [`writing`], once the staging folder has been swapped in.
pub(super) fn register(staging: &Path) -> Arc<AtomicBool> {
    let swapped = Arc::new(AtomicBool::new(false));
    ACTIVE
        .write()
        .unwrap_or_else(|e| e.into_inner())
        .push((staging.to_path_buf(), Arc::clone(&swapped)));
    swapped
}

pub(super) fn unregister(staging: &Path) {
    ACTIVE
        .write()
        .unwrap_or_else(|e| e.into_inner())
        .retain(|(p, _)| p != staging);
}

/// Listens for SIGINT and SIGTERM on a thread of its own for the rest of
/// the process (for `kepu build`; `serve` stops on them by itself).
pub fn clean_up_on_signal() -> std::io::Result<()> {
    use tokio::signal::unix::{SignalKind, signal};
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()?;
    // Registered here, so that a signal right after this call is not missed.
    let (mut interrupt, mut terminate) = runtime.block_on(async {
        Ok::<_, std::io::Error>((signal(SignalKind::interrupt())?, signal(SignalKind::terminate())?))
    })?;
    std::thread::spawn(move || {
        let code = runtime.block_on(async {
            tokio::select! {
                _ = interrupt.recv() => 130,
                _ = terminate.recv() => 143,
            }
        });
        remove_all_and_exit(code);
    });
    Ok(())
}

fn remove_all_and_exit(code: i32) -> ! {
    let active = ACTIVE.write().unwrap_or_else(|e| e.into_inner());
    for (staging, _) in active.iter() {
        let _ = std::fs::remove_dir_all(staging);
    }
    // Interrupted while removing the old output: the new one is in place.
    let finished = !active.is_empty() && active.iter().all(|(_, swapped)| swapped.load(Ordering::SeqCst));
    eprintln!("{}", messages::interrupted(code, finished));
    std::process::exit(code)
}
