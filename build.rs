//! Embeds the default theme (`themes/kepu/`) in the library, so that
//! `kepu import` can give a new site the theme it builds with wherever kepu
//! is installed. Writes `$OUT_DIR/default_theme.rs`: a list of
//! (path inside the theme, bytes) pairs, one `include_bytes!` per file.

use std::path::{Path, PathBuf};

fn main() {
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/kepu");
    // Cargo scans a folder named here recursively for changes.
    println!("cargo:rerun-if-changed=themes/kepu");
    let mut files = Vec::new();
    collect(&theme, &mut files);
    files.sort();
    let mut code = String::from("pub const DEFAULT_THEME: &[(&str, &[u8])] = &[\n");
    for file in &files {
        let rel = file.strip_prefix(&theme).expect("inside the theme");
        let rel = rel
            .to_str()
            .expect("theme file names are UTF-8")
            .replace('\\', "/");
        code.push_str(&format!(
            "    ({rel:?}, include_bytes!({:?})),\n",
            file.display().to_string()
        ));
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("default_theme.rs"), code).expect("writable OUT_DIR");
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable theme folder") {
        let path = entry.expect("readable theme entry").path();
        if path.is_dir() {
            collect(&path, files);
        } else {
            files.push(path);
        }
    }
}
