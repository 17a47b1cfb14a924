//! Building the index: documents tokenised in parallel, postings gathered
//! in parallel by term hash buckets, terms sorted once, shards encoded in
//! parallel.

use super::tokenize::for_each_term;
use crate::output::Output;
use rayon::prelude::*;
use serde::Serialize;
use std::cmp::Ordering;
use std::collections::HashMap;
use std::hash::{BuildHasher, DefaultHasher, Hash, Hasher};

/// Shards are cut after the first term that takes them past this size.
const SHARD_BYTES: usize = 16 * 1024;
/// Buckets for gathering postings in parallel.
const BUCKETS: usize = 64;
/// BM25 parameters.
const K1: f64 = 1.2;
const B: f64 = 0.75;
/// Term weights are stored as one letter: `a`..`z` (1..26), upper case when
/// the term is in the title.
const LEVELS: f64 = 26.0;

/// A page as search sees it.
#[derive(Debug, Clone, Serialize)]
pub struct Document {
    /// Site path without the leading `/` (`tips/drink-water/`), so the
    /// browser resolves it against wherever the site is served.
    #[serde(rename = "u")]
    pub url: String,
    #[serde(rename = "t")]
    pub title: String,
    /// The section's title.
    #[serde(rename = "s")]
    pub section: String,
    /// `2024-06-25` (or RFC 3339), if dated.
    #[serde(rename = "d", skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Description and tags: indexed, not shown.
    #[serde(skip)]
    pub keywords: String,
    /// The visible text, for snippets.
    #[serde(rename = "x")]
    pub text: String,
}

/// One document's use of one term.
#[derive(Debug, Clone, Copy)]
struct Posting {
    doc: u32,
    count: u32,
    in_title: bool,
}

/// The terms of one document with their postings, split into buckets by
/// term hash; and the document's length in terms.
struct DocTerms {
    buckets: Vec<Vec<(String, Posting)>>,
    length: u32,
}

/// The index files for `docs`, paths under `dir` (`search/`).
pub fn build(docs: &[Document], dir: &str) -> Vec<Output> {
    let hasher = std::hash::BuildHasherDefault::<DefaultHasher>::default();
    let doc_terms: Vec<DocTerms> = docs
        .par_iter()
        .enumerate()
        .map(|(i, doc)| doc_terms(i as u32, doc, &hasher))
        .collect();
    let total: u64 = doc_terms.iter().map(|d| u64::from(d.length)).sum();
    let average_length = total as f64 / docs.len().max(1) as f64;
    let lengths: Vec<u32> = doc_terms.iter().map(|d| d.length).collect();
    let mut terms = gather(doc_terms);
    terms.par_sort_unstable_by(|a, b| utf16_order(&a.0, &b.0));
    let encoded: Vec<(String, String)> = terms
        .into_par_iter()
        .map(|(term, postings)| {
            let encoded = encode_postings(&postings, &lengths, average_length);
            (term, encoded)
        })
        .collect();
    let shards = cut_shards(&encoded);
    let shard_files: Vec<String> = shards
        .par_iter()
        .map(|range| shard_json(&encoded[range.clone()]))
        .collect();
    let version = version(&shard_files, docs);
    let meta = serde_json::json!({
        "v": version,
        "n": docs.len(),
        "shards": shard_bounds(&shards, &encoded),
    });
    let mut outputs = vec![Output::bytes(format!("{dir}meta.json"), meta.to_string())];
    outputs.extend(
        shard_files
            .into_iter()
            .enumerate()
            .map(|(i, json)| Output::bytes(format!("{dir}t/{i}.json"), json)),
    );
    outputs.par_extend(docs.par_iter().enumerate().map(|(i, doc)| {
        let json = serde_json::to_string(doc).unwrap_or_default();
        Output::bytes(format!("{dir}d/{i}.json"), json)
    }));
    outputs
}

/// Tokenises one document: counts per term, title terms marked.
fn doc_terms(doc_id: u32, doc: &Document, hasher: &impl BuildHasher) -> DocTerms {
    let mut counts: HashMap<String, Posting> = HashMap::new();
    let mut folded = String::new();
    let mut length = 0;
    for (text, in_title) in [(&doc.title, true), (&doc.keywords, false), (&doc.text, false)] {
        for_each_term(text, &mut folded, |term| {
            length += 1;
            let posting = counts.entry(term.to_string()).or_insert(Posting {
                doc: doc_id,
                count: 0,
                in_title: false,
            });
            posting.count += 1;
            posting.in_title |= in_title;
        });
    }
    let mut buckets = vec![Vec::new(); BUCKETS];
    for (term, posting) in counts {
        buckets[hasher.hash_one(&term) as usize % BUCKETS].push((term, posting));
    }
    DocTerms { buckets, length }
}

/// All postings of each term, in document order: each bucket is gathered
/// on its own thread.
fn gather(doc_terms: Vec<DocTerms>) -> Vec<(String, Vec<Posting>)> {
    let mut by_bucket: Vec<Vec<Vec<(String, Posting)>>> = (0..BUCKETS).map(|_| Vec::new()).collect();
    for doc in doc_terms {
        for (bucket, terms) in by_bucket.iter_mut().zip(doc.buckets) {
            bucket.push(terms);
        }
    }
    by_bucket
        .into_par_iter()
        .flat_map_iter(|docs| {
            let mut terms: HashMap<String, Vec<Posting>> = HashMap::new();
            for (term, posting) in docs.into_iter().flatten() {
                terms.entry(term).or_default().push(posting);
            }
            terms
        })
        .collect()
}

/// JavaScript compares strings by UTF-16 code units; shard lookups in the
/// browser rely on the same order.
fn utf16_order(a: &str, b: &str) -> Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// Postings as text: per document, the distance from the previous
/// document's number (decimal) and a weight letter. The weight is BM25's
/// term-frequency part (saturating, normalised by document length) in 26
/// levels; the browser multiplies it by the term's rarity (IDF).
fn encode_postings(postings: &[Posting], lengths: &[u32], average_length: f64) -> String {
    let mut out = String::with_capacity(postings.len() * 3);
    let mut previous = 0;
    for p in postings {
        let count = f64::from(p.count);
        let norm = 1.0 - B + B * f64::from(lengths[p.doc as usize]) / average_length.max(1.0);
        let saturation = count * (K1 + 1.0) / (count + K1 * norm) / (K1 + 1.0);
        let level = (saturation * LEVELS).ceil().clamp(1.0, LEVELS) as u8;
        let letter = if p.in_title { b'A' } else { b'a' } + level - 1;
        out.push_str(&(p.doc - previous).to_string());
        out.push(letter as char);
        previous = p.doc;
    }
    out
}

/// Consecutive ranges of terms of about `SHARD_BYTES` each.
fn cut_shards(terms: &[(String, String)]) -> Vec<std::ops::Range<usize>> {
    let mut shards = Vec::new();
    let mut start = 0;
    let mut size = 0;
    for (i, (term, postings)) in terms.iter().enumerate() {
        size += term.len() + postings.len() + 6;
        if size >= SHARD_BYTES {
            shards.push(start..i + 1);
            start = i + 1;
            size = 0;
        }
    }
    if start < terms.len() || shards.is_empty() {
        shards.push(start..terms.len());
    }
    shards
}

/// The first term of each shard; the first shard starts at `""`, so every
/// term falls in some shard.
fn shard_bounds<'t>(shards: &[std::ops::Range<usize>], terms: &'t [(String, String)]) -> Vec<&'t str> {
    shards
        .iter()
        .enumerate()
        .map(|(i, range)| if i == 0 { "" } else { terms[range.start].0.as_str() })
        .collect()
}

fn shard_json(terms: &[(String, String)]) -> String {
    let map: serde_json::Map<String, serde_json::Value> = terms
        .iter()
        .map(|(term, postings)| (term.clone(), postings.clone().into()))
        .collect();
    serde_json::Value::Object(map).to_string()
}

/// A short hash of the index contents.
fn version(shards: &[String], docs: &[Document]) -> String {
    let mut hasher = DefaultHasher::new();
    shards.hash(&mut hasher);
    for doc in docs {
        (&doc.url, &doc.title, &doc.date).hash(&mut hasher);
    }
    format!("{:x}", hasher.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(title: &str, text: &str) -> Document {
        Document {
            url: format!("{title}/"),
            title: title.into(),
            section: "科普".into(),
            date: None,
            keywords: String::new(),
            text: text.into(),
        }
    }

    fn file<'a>(outputs: &'a [Output], path: &str) -> &'a str {
        outputs
            .iter()
            .find_map(|o| match o {
                Output::Bytes { path: p, bytes } if p == path => std::str::from_utf8(bytes).ok(),
                _ => None,
            })
            .unwrap_or_else(|| panic!("no {path}"))
    }

    #[test]
    fn index_has_meta_shards_and_documents() {
        let docs = [doc("邪教", "认清邪教。"), doc("喝水", "多喝水，少喝邪教饮料。")];
        let out = build(&docs, "search/");
        let meta: serde_json::Value = serde_json::from_str(file(&out, "search/meta.json")).unwrap();
        assert_eq!(meta["n"], 2);
        assert_eq!(meta["shards"][0], "");
        let shard: serde_json::Value = serde_json::from_str(file(&out, "search/t/0.json")).unwrap();
        // Doc 0 has 邪教 in its title (upper-case weight), doc 1 in its text.
        let postings = shard["邪教"].as_str().unwrap();
        assert!(postings.starts_with('0') && postings.as_bytes()[1].is_ascii_uppercase());
        assert!(postings[2..].starts_with('1') && postings.as_bytes()[3].is_ascii_lowercase());
        let d1: serde_json::Value = serde_json::from_str(file(&out, "search/d/1.json")).unwrap();
        assert_eq!(d1["t"], "喝水");
        assert_eq!(d1["u"], "喝水/");
    }

    #[test]
    fn shards_split_in_utf16_order() {
        let text: String = (0..3000).map(|i| format!("w{i} ")).collect();
        let out = build(&[doc("a", &text), doc("𠀀", "\u{FFFD}")], "s/");
        let meta: serde_json::Value = serde_json::from_str(file(&out, "s/meta.json")).unwrap();
        let bounds: Vec<&str> = meta["shards"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert!(bounds.len() > 1, "{bounds:?}");
        assert!(
            bounds
                .windows(2)
                .all(|w| utf16_order(w[0], w[1]) == Ordering::Less)
        );
        // U+FFFD sorts after the surrogate pair of U+20000 in UTF-16.
        assert_eq!(utf16_order("\u{FFFD}", "𠀀"), Ordering::Greater);
    }

    #[test]
    fn frequent_terms_in_short_documents_weigh_more() {
        let lengths = [10, 1000];
        let strong = encode_postings(
            &[Posting {
                doc: 0,
                count: 5,
                in_title: false,
            }],
            &lengths,
            100.0,
        );
        let weak = encode_postings(
            &[Posting {
                doc: 1,
                count: 1,
                in_title: false,
            }],
            &lengths,
            100.0,
        );
        assert!(strong.as_bytes()[1] > weak.as_bytes()[1], "{strong} {weak}");
    }
}
