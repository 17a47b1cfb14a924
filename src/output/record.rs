//! The output record of a build, `.kepu-cache/outputs/<hash>.json` under
//! the site (one per output folder): for each rendered output, what it was
//! made from (its recipe: the fingerprint of its inputs and the site data
//! it looked up) and the stamp of the file it became (inode, size,
//! modification time). The next build renders an output whose recipe is
//! unchanged no more: it takes the file over from the output folder as it
//! is. An entry counts only while the file in the output folder has its
//! stamp (a file edited, replaced or removed there is made again), and the
//! whole record only for the kepu that wrote it (`KEPU_SOURCE_HASH`, set by
//! `build.rs`: another kepu may render the same inputs differently).

use crate::fingerprint;
use crate::render::memo::{OutputRecord, Recipe};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// The folder of the records under the site.
const RECORDS_DIR: &str = ".kepu-cache/outputs";

/// This kepu: a record written by another is ignored.
const KEPU: &str = env!("KEPU_SOURCE_HASH");

/// Which file a record entry was made for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Stamp {
    inode: u64,
    size: u64,
    modified_ns: i128,
}

impl Stamp {
    fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::symlink_metadata(path).ok().filter(|m| m.is_file())?;
        Some(Stamp {
            inode: meta.ino(),
            size: meta.size(),
            modified_ns: i128::from(meta.mtime()) * 1_000_000_000 + i128::from(meta.mtime_nsec()),
        })
    }
}

#[derive(Serialize, Deserialize)]
struct Entry {
    recipe: Recipe,
    stamp: Stamp,
}

#[derive(Serialize, Deserialize)]
struct File {
    kepu: String,
    outputs: HashMap<String, Entry>,
}

/// Where the record of builds from the site at `root` into `out` is kept.
pub struct Records {
    file: PathBuf,
    out: PathBuf,
}

impl Records {
    pub fn new(root: &Path, out: &Path) -> Records {
        let out = super::canonical(out);
        let name = format!(
            "{:032x}.json",
            fingerprint::of_strs([out.to_string_lossy().as_ref()])
        );
        Records {
            file: root.join(RECORDS_DIR).join(name),
            out,
        }
    }

    /// The last build's record, with only the entries whose file is still
    /// in the output folder as that build left it; empty when there is
    /// none, it cannot be read, or another kepu wrote it.
    pub fn load(&self) -> OutputRecord {
        let file = std::fs::read(&self.file)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<File>(&bytes).ok())
            .filter(|file| file.kepu == KEPU);
        let last = file.map_or_else(HashMap::new, |file| {
            file.outputs
                .into_par_iter()
                .filter(|(path, entry)| Stamp::of(&self.out.join(path)) == Some(entry.stamp))
                .map(|(path, entry)| (path, entry.recipe))
                .collect()
        });
        OutputRecord {
            folder: self.out.clone(),
            last,
            made: HashMap::new(),
        }
    }

    /// Records `made` with the stamps of the files now in the output
    /// folder. Best effort: without a record, the next build renders
    /// everything (and still writes only what changed).
    pub fn save(&self, made: &HashMap<String, Recipe>) {
        let outputs = made
            .par_iter()
            .filter_map(|(path, recipe)| {
                let stamp = Stamp::of(&self.out.join(path))?;
                let entry = Entry {
                    recipe: recipe.clone(),
                    stamp,
                };
                Some((path.clone(), entry))
            })
            .collect();
        let file = File {
            kepu: KEPU.to_string(),
            outputs,
        };
        if let Ok(bytes) = serde_json::to_vec(&file) {
            let _ = super::cache::write_whole(&self.file, &bytes);
        }
    }
}
