//! Fault injection for the tests of the output folder's guarantees: with
//! `KEPU_TEST_FAULT=STEP:WHAT` in the environment, the build stops at
//! `STEP` of writing its output as `WHAT` says. Steps, in order:
//! `prepare` (the staging folder is about to be made), `write` (after
//! the tenth file), `swap` (every file written, before the swap),
//! `swapped` (the new output in place, the old one not yet removed).
//! What: `abort` (the process dies at once, as under SIGKILL), `pause`
//! (waits a minute, for a test to send a signal), or an error name
//! (`ENOSPC`, `EROFS`, `EBUSY`, `ENAMETOOLONG`, `EIO`) returned as the
//! step's I/O error. Unset, every step is a no-op.

use std::sync::OnceLock;

/// The environment variable naming the fault.
pub const VARIABLE: &str = "KEPU_TEST_FAULT";

/// The steps of writing an output folder where a fault can be injected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Prepare,
    Write,
    Swap,
    Swapped,
}

impl Step {
    fn name(self) -> &'static str {
        match self {
            Step::Prepare => "prepare",
            Step::Write => "write",
            Step::Swap => "swap",
            Step::Swapped => "swapped",
        }
    }
}

/// Runs the fault injected at `step`, if any.
pub fn at(step: Step) -> std::io::Result<()> {
    static FAULT: OnceLock<Option<(String, String)>> = OnceLock::new();
    let fault = FAULT.get_or_init(|| {
        let value = std::env::var(VARIABLE).ok()?;
        let (step, what) = value.split_once(':')?;
        Some((step.to_string(), what.to_string()))
    });
    let Some((at, what)) = fault else {
        return Ok(());
    };
    if at != step.name() {
        return Ok(());
    }
    use rustix::io::Errno;
    let errno = match what.as_str() {
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
