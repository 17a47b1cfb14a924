//! The static search index, written by `kepu build` under `search/` beside
//! the `/search/` page:
//!
//! - `meta.json`: the number of documents, a version (changes with the
//!   content, so browsers never mix files of two builds) and the first term
//!   of each term shard;
//! - `t/N.json`: term shards, ~16 KB each, terms in UTF-16 order (what
//!   JavaScript's `<` compares), each term with its postings;
//! - `d/N.json`: one file per page (URL, title, section, date, text) for
//!   the results a visitor sees;
//! - `p/N.json`: pinyin look-ups (`pinyin.rs`), and in `meta.json` the
//!   syllables, the traditional characters and the synonym groups a query
//!   of this site needs;
//! - `g/N.json`: the terms of synonym group N (`meta.json`'s `syn`) with
//!   their postings, so a query with a word of a group reads one file for
//!   all its words.
//!
//! A query downloads `meta.json`, the shards its terms fall in (or the
//! file of their synonym group) and the documents it shows. `themes/kepu/static/js/search.js` reads this format.
//! Building is linear in the text and parallel.

mod index;
mod pinyin;
mod synonyms;
pub mod tokenize;
mod traditional;

pub use index::{Document, build};

/// The site path of the search page and the index beside it.
pub const SEARCH_PATH: &str = "/search/";
