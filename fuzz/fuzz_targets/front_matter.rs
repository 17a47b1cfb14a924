//! Front matter parsing: see `kepu_fuzz::front_matter`.
#![no_main]

libfuzzer_sys::fuzz_target!(|text: &str| kepu_fuzz::front_matter(text));
