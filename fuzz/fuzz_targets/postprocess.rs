//! The HTML post-processor: see `kepu_fuzz::postprocess`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kepu_fuzz::postprocess(data));
