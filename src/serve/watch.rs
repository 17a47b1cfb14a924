//! Watching the site's files: notify with notify-debouncer-full, which
//! folds what editors really do (write a temporary file and rename it over
//! the original, swap files, `git checkout` touching hundreds of files) into
//! batches of paths. Batches are sorted into [`Changes`]; hidden files and
//! editor leftovers are dropped.

use crate::config;
use crate::files::is_ignored;
use crate::messages::msg;
use notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::Duration;

/// Quiet time after the last event before a batch is handed on: long
/// enough to fold an editor's save into one batch, short enough that the
/// page reloads at once.
const DEBOUNCE: Duration = Duration::from_millis(20);

/// The folders of a site that hold its sources.
const WATCHED_FOLDERS: [&str; 4] = ["content", "templates", "themes", "static"];

/// What changed since the last build.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Changes {
    /// `kepu.yaml` changed: everything is rebuilt.
    pub config: bool,
    /// Events were lost: everything is read again.
    pub rescan: bool,
    /// Changed paths under `content/` (files or folders).
    pub content: BTreeSet<PathBuf>,
    /// Changed paths of templates and static files.
    pub theme: BTreeSet<PathBuf>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        !self.config && !self.rescan && self.content.is_empty() && self.theme.is_empty()
    }

    /// Sorts `path` (absolute, under `root`) into its kind of change.
    pub fn add(&mut self, root: &Path, path: &Path) {
        let Ok(rel) = path.strip_prefix(root) else {
            return;
        };
        let parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if parts.iter().any(|p| is_ignored(p)) {
            return;
        }
        match parts.first().map(String::as_str) {
            Some(config::CONFIG_FILE) if parts.len() == 1 => self.config = true,
            Some("content") => {
                self.content.insert(path.to_path_buf());
            }
            Some("templates" | "themes" | "static") => {
                self.theme.insert(path.to_path_buf());
            }
            _ => {}
        }
    }

    /// Every changed path.
    pub fn paths(&self) -> impl Iterator<Item = &PathBuf> {
        self.content.iter().chain(&self.theme)
    }

    /// Adds `other`'s changes to these.
    fn merge(&mut self, other: Changes) {
        self.config |= other.config;
        self.rescan |= other.rescan;
        self.content.extend(other.content);
        self.theme.extend(other.theme);
    }

    /// The changes a batch of events from the debouncer stands for.
    fn of_batch(root: &Path, batch: DebounceEventResult) -> Changes {
        let mut changes = Changes::default();
        match batch {
            Ok(events) => {
                // Reading files (as every build does) is no change.
                for event in events.iter().filter(|e| !e.kind.is_access()) {
                    if event.need_rescan() {
                        changes.rescan = true;
                    }
                    for path in &event.paths {
                        changes.add(root, path);
                    }
                }
            }
            Err(errors) => {
                for err in errors {
                    warn(msg!("watch-failed", reason = err.to_string()));
                }
                changes.rescan = true;
            }
        }
        changes
    }
}

/// A running watcher over one site.
pub struct Watcher {
    root: PathBuf,
    debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
    batches: mpsc::Receiver<Changes>,
    /// Set while changes wait to be collected, so that a rebuild can stop
    /// for newer changes.
    waiting: Arc<AtomicBool>,
    watched: BTreeSet<&'static str>,
}

impl Watcher {
    /// Watches `root` (canonical) for changes to the site's sources.
    pub fn start(root: &Path) -> notify::Result<Watcher> {
        let (sender, batches) = mpsc::channel();
        let waiting = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&waiting);
        let site = root.to_path_buf();
        let debouncer = new_debouncer(DEBOUNCE, None, move |batch: DebounceEventResult| {
            // Batches of editor leftovers only (an editor's temporary file,
            // before it is renamed over the page) change nothing.
            let changes = Changes::of_batch(&site, batch);
            // Queued first, flagged after: a set flag always has changes behind it.
            if !changes.is_empty() && sender.send(changes).is_ok() {
                flag.store(true, Ordering::Relaxed);
            }
        })?;
        let mut watcher = Watcher {
            root: root.to_path_buf(),
            debouncer,
            batches,
            waiting,
            watched: BTreeSet::new(),
        };
        // The root itself, not recursively: kepu.yaml (which editors
        // replace rather than rewrite) and folders created later.
        watcher.debouncer.watch(root, RecursiveMode::NonRecursive)?;
        watcher.watch_new_folders()?;
        Ok(watcher)
    }

    /// Watches each source folder that exists and is not watched yet.
    fn watch_new_folders(&mut self) -> notify::Result<()> {
        for folder in WATCHED_FOLDERS {
            let path = self.root.join(folder);
            if !self.watched.contains(folder) && path.is_dir() {
                self.debouncer.watch(&path, RecursiveMode::Recursive)?;
                self.watched.insert(folder);
            }
        }
        Ok(())
    }

    /// Set while changes wait to be collected.
    pub fn waiting(&self) -> &AtomicBool {
        &self.waiting
    }

    /// Waits for the next changes, folding in every batch already queued.
    /// `None` once the watcher has stopped.
    pub fn next_changes(&mut self) -> Option<Changes> {
        let first = self.batches.recv().ok()?;
        Some(self.collect(Some(first)))
    }

    /// The changes queued now, without waiting (maybe none).
    pub fn queued_changes(&mut self) -> Changes {
        self.collect(None)
    }

    /// `first` and every change queued behind it.
    fn collect(&mut self, first: Option<Changes>) -> Changes {
        self.waiting.store(false, Ordering::Relaxed);
        let mut changes = Changes::default();
        for queued in first.into_iter().chain(self.batches.try_iter()) {
            changes.merge(queued);
        }
        if let Err(err) = self.watch_new_folders() {
            warn(msg!("watch-new-folder-failed", reason = err.to_string()));
            changes.rescan = true;
        }
        changes
    }
}

/// A watcher's trouble, printed as the reporter prints a warning.
fn warn(text: String) {
    eprintln!("{}", msg!("problem", severity = msg!("warning"), text = text));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_sort_into_kinds_and_editor_files_are_dropped() {
        let root = Path::new("/site");
        let mut changes = Changes::default();
        for path in [
            "/site/content/tips/a.md",
            "/site/content/tips/.a.md.swp",
            "/site/content/tips/a.md~",
            "/site/content/.git/x",
            "/site/templates/page.html",
            "/site/themes/kepu/static/css/style.css",
            "/site/static/logo.svg",
            "/site/public/index.html",
            "/site/target/x",
            "/elsewhere/kepu.yaml",
        ] {
            changes.add(root, Path::new(path));
        }
        assert!(!changes.config);
        assert_eq!(
            changes.content,
            BTreeSet::from([PathBuf::from("/site/content/tips/a.md")])
        );
        assert_eq!(changes.theme.len(), 3);
        changes.add(root, Path::new("/site/kepu.yaml"));
        assert!(changes.config);
        let mut nested = Changes::default();
        nested.add(root, Path::new("/site/content/kepu.yaml"));
        assert!(!nested.config);
    }

    #[test]
    fn batches_of_editor_leftovers_change_nothing_and_batches_merge() {
        let root = Path::new("/site");
        let created = |path: &str| {
            let kind = notify::EventKind::Create(notify::event::CreateKind::File);
            let event = notify::Event::new(kind).add_path(PathBuf::from(path));
            Ok(vec![notify_debouncer_full::DebouncedEvent::new(
                event,
                std::time::Instant::now(),
            )])
        };
        assert!(Changes::of_batch(root, created("/site/content/tips/.a.md.kepu.tmp")).is_empty());
        let mut changes = Changes::of_batch(root, created("/site/content/tips/a.md"));
        changes.merge(Changes::of_batch(root, created("/site/static/logo.svg")));
        assert_eq!(changes.paths().count(), 2);
    }
}
