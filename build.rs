//! Embeds the default theme (`themes/kepu/`) in the library, so that
//! `kepu import` can give a new site the theme it builds with wherever kepu
//! is installed. Writes `$OUT_DIR/default_theme.rs`: a list of
//! (path inside the theme, bytes) pairs, one `include_bytes!` per file.
//! Sets `KEPU_SOURCE_HASH`, a hash of kepu's own source (`src/`, the
//! theme, `Cargo.toml`, `Cargo.lock`): a build's output record
//! (`src/output/record.rs`) is kept only by the kepu that wrote it, since
//! another kepu may render the same inputs differently.

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
    println!("cargo:rustc-env=KEPU_SOURCE_HASH={:016x}", source_hash(&files));
}

/// A hash of every file kepu is built from, in a fixed order.
fn source_hash(theme_files: &[PathBuf]) -> u64 {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=Cargo.toml");
    println!("cargo:rerun-if-changed=Cargo.lock");
    let mut files = Vec::new();
    collect(&root.join("src"), &mut files);
    files.sort();
    files.extend(theme_files.iter().cloned());
    files.extend([root.join("Cargo.toml"), root.join("Cargo.lock")]);
    // SipHash with its fixed keys: the same files give the same hash.
    let mut hasher = DefaultHasher::new();
    for file in &files {
        file.strip_prefix(root).unwrap_or(file).hash(&mut hasher);
        std::fs::read(file).unwrap_or_default().hash(&mut hasher);
    }
    hasher.finish()
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
