//! Photos made while serving: a rebuild leaves the renditions the cache
//! lacks to a [`PhotoMaker`] and serves its pages at once (they name the
//! renditions already, which answer 404 until made). The maker encodes
//! them on a small pool of its own, one original per thread (so never
//! more decoded photos than threads), writes them through the output
//! stage (`output::cache`) and says which cache files each job wrote.

use crate::error::Diagnostic;
use crate::images::cache::SourceKey;
use crate::images::{self, ImageCache, Job};
use crate::output;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What became of one job: the original, and the cache files written (or
/// the problem, naming the original), and how long it took.
pub struct Done {
    pub source: PathBuf,
    pub made: Result<Vec<PathBuf>, Diagnostic>,
    pub took: Duration,
}

type OnDone = dyn Fn(Done) + Send + Sync;

/// Makes photo renditions in the background, each original once even if
/// several rebuilds ask for it while it is being made.
pub struct PhotoMaker {
    pool: rayon::ThreadPool,
    threads: usize,
    shared: Arc<Shared>,
}

struct Shared {
    cache: ImageCache,
    /// The originals (by content) queued or being made.
    pending: Mutex<HashSet<SourceKey>>,
    done: Box<OnDone>,
}

impl PhotoMaker {
    /// A maker for the site at `root` with `threads` threads (at least
    /// one), telling `done` as each job ends.
    pub fn new(
        root: &Path,
        threads: usize,
        done: impl Fn(Done) + Send + Sync + 'static,
    ) -> std::io::Result<PhotoMaker> {
        let threads = threads.max(1);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .thread_name(|i| format!("kepu-photos-{i}"))
            .build()
            .map_err(std::io::Error::other)?;
        let shared = Shared {
            cache: ImageCache::new(root.join(images::CACHE_DIR)),
            pending: Mutex::default(),
            done: Box::new(done),
        };
        Ok(PhotoMaker {
            pool,
            threads,
            shared: Arc::new(shared),
        })
    }

    /// The threads a serving machine can spare: all but one, which is
    /// left to rebuilds and the server so that a save still shows at once.
    pub fn spare_threads() -> usize {
        std::thread::available_parallelism().map_or(1, |n| n.get().saturating_sub(1))
    }

    pub fn threads(&self) -> usize {
        self.threads
    }

    /// Queues `jobs`, except those of originals already queued.
    pub fn make(&self, jobs: Vec<Job>) {
        for job in jobs {
            if !lock(&self.shared.pending).insert(job.key) {
                continue;
            }
            let shared = Arc::clone(&self.shared);
            self.pool.spawn(move || shared.make(job));
        }
    }

    /// The count of decoded photos, alive and in all.
    pub fn gauge(&self) -> &images::Gauge {
        self.shared.cache.gauge()
    }
}

impl Shared {
    fn make(&self, job: Job) {
        let started = Instant::now();
        let (key, source) = (job.key, job.source.clone());
        let made = output::cache::make_job(&self.cache, job).map(|(_, files)| files);
        lock(&self.pending).remove(&key);
        (self.done)(Done {
            source,
            made,
            took: started.elapsed(),
        });
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}
