//! The Markdown and link pipeline: see `kepu_fuzz::markdown`.
#![no_main]

libfuzzer_sys::fuzz_target!(|body: &str| kepu_fuzz::markdown(body));
