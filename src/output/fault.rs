//! Fault injection for the tests of the output folder's guarantees: with
//! `KEPU_TEST_FAULT=STEP:WHAT` in the environment, the build stops at
//! `STEP` of writing its output as `WHAT` says. Steps, in order:
//! `prepare` (the staging folder is about to be made), `write` (after
//! the tenth file written), `link` (after the tenth unchanged file linked
//! from the old output), `swap` (every file written, before the swap or,
//! into a mount point, before the first file is put in place), `place`
//! (into a mount point: after the first changed file is put in place),
//! `prune` (into a mount point: every file in place, before stale files
//! are removed), `swapped` (the new output in place, the old one not yet
//! removed). What: `abort` (the process dies at once, as under SIGKILL),
//! `pause` (waits a minute, for a test to send a signal), or an error name
//! (`ENOSPC`, `EROFS`, `EBUSY`, `ENAMETOOLONG`, `EIO`) returned as the
//! step's I/O error. Several faults are separated by commas; `mounted:yes`
//! makes the output folder behave as a mount point (a folder that cannot
//! be renamed or swapped). Unset, every step is a no-op.

use std::sync::OnceLock;

/// The environment variable naming the fault.
pub const VARIABLE: &str = "KEPU_TEST_FAULT";

/// The steps of writing an output folder where a fault can be injected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Prepare,
    Write,
    Link,
    Swap,
    Place,
    Prune,
    Swapped,
    /// Not a step: the condition "the output folder is a mount point".
    Mounted,
}

impl Step {
    fn name(self) -> &'static str {
        match self {
            Step::Prepare => "prepare",
            Step::Write => "write",
            Step::Link => "link",
            Step::Swap => "swap",
            Step::Place => "place",
            Step::Prune => "prune",
            Step::Swapped => "swapped",
            Step::Mounted => "mounted",
        }
    }
}

/// What the environment asks for at `step`, if anything.
fn injected(step: Step) -> Option<&'static str> {
    static FAULTS: OnceLock<Vec<(String, String)>> = OnceLock::new();
    let faults = FAULTS.get_or_init(|| {
        let value = std::env::var(VARIABLE).unwrap_or_default();
        value
            .split(',')
            .filter_map(|fault| fault.trim().split_once(':'))
            .map(|(step, what)| (step.to_string(), what.to_string()))
            .collect()
    });
    faults
        .iter()
        .find(|(at, _)| at == step.name())
        .map(|(_, what)| what.as_str())
}

/// True when a test asks for the condition `step` (`mounted:yes`).
pub fn holds(step: Step) -> bool {
    injected(step) == Some("yes")
}

/// Runs the fault injected at `step`, if any.
pub fn at(step: Step) -> std::io::Result<()> {
    let Some(what) = injected(step) else {
        return Ok(());
    };
    use rustix::io::Errno;
    let errno = match what {
        "abort" => std::process::abort(),
        "pause" => {
            std::thread::sleep(std::time::Duration::from_secs(60));
            return Ok(());
        }
        "ENOSPC" => Errno::NOSPC,
        "EROFS" => Errno::ROFS,
        "EBUSY" => Errno::BUSY,
        "ENAMETOOLONG" => Errno::NAMETOOLONG,
        _ => Errno::IO,
    };
    Err(errno.into())
}
