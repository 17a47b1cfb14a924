//! Building the index: runs of documents tokenised in parallel, postings
//! merged in parallel by term hash buckets, terms sorted once, shards encoded in
//! parallel. Chinese terms are packed into numbers, so the millions of
//! (term, page) pairs of a large site cost no allocation.

use super::pinyin::{bigram_key, initials_key, reading};
use super::tokenize::{folding_pairs, for_each_term};
use crate::files::Output;
use crate::text::is_cjk;
use rayon::prelude::*;
use rustc_hash::{FxBuildHasher, FxHashMap};
use serde::Serialize;
use std::cmp::Ordering;
use std::hash::{BuildHasher, DefaultHasher, Hash, Hasher};

/// Shards are cut after the first term that takes them past this size.
const SHARD_BYTES: usize = 16 * 1024;
/// Documents indexed together on one thread.
const CHUNK_DOCS: usize = 256;
/// Buckets for merging postings in parallel.
const BUCKETS: usize = 64;
/// BM25 parameters.
const K1: f64 = 1.2;
const B: f64 = 0.75;
/// Term weights are stored as one letter: `a`..`z` (1..26), upper case when
/// the term is in the title.
const LEVELS: f64 = 26.0;
/// The digits of the skip counts in postings, values 0 to 39: the printable
/// ASCII characters that are neither letters (the weights) nor escaped in
/// JSON (`"`, `\`), so a digit says up to 39 and costs one byte.
/// `search.js` has the same string.
const DIGITS: &[u8; 40] = b"0123456789!#$%&'()*+,-./:;<=>?@[]^_`{|}~";

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
    /// The description: indexed, not shown.
    #[serde(skip)]
    pub keywords: String,
    /// Tags and categories: indexed, not shown; their initials are looked
    /// up like a title's (`xj` → 邪教).
    #[serde(skip)]
    pub tags: String,
    /// The visible text, for snippets.
    #[serde(rename = "x")]
    pub text: String,
}

/// A term: a CJK bigram or character packed into a number (most terms of
/// Chinese text), or a Latin word.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Term {
    Cjk(u64),
    Word(Box<str>),
}

impl Term {
    fn new(text: &str) -> Term {
        let mut chars = text.chars();
        match (chars.next(), chars.next(), chars.next()) {
            (Some(first), second, None) if is_cjk(first) => {
                Term::Cjk(u64::from(first) << 32 | second.map_or(0, u64::from))
            }
            _ => Term::Word(text.into()),
        }
    }

    fn into_text(self) -> String {
        match self {
            Term::Word(word) => word.into(),
            Term::Cjk(code) => [code >> 32, code & 0xFFFF_FFFF]
                .into_iter()
                .filter_map(|c| char::from_u32(c as u32).filter(|c| *c != '\0'))
                .collect(),
        }
    }
}

/// One document's use of one term.
#[derive(Debug, Clone, Copy)]
struct Posting {
    doc: u32,
    count: u32,
    in_title: bool,
}

/// The index files for `docs`, paths under `dir` (`search/`); `synonyms`
/// are the site's groups of words to search as one.
pub fn build(docs: &[Document], dir: &str, synonyms: &[Vec<String>]) -> Vec<Output> {
    let chunks: Vec<ChunkIndex> = docs
        .par_chunks(CHUNK_DOCS)
        .enumerate()
        .map(|(i, chunk)| index_chunk((i * CHUNK_DOCS) as u32, chunk))
        .collect();
    let lengths: Vec<u32> = chunks.iter().flat_map(|c| c.lengths.iter().copied()).collect();
    let total: u64 = lengths.iter().map(|l| u64::from(*l)).sum();
    let average_length = total as f64 / docs.len().max(1) as f64;
    let mut encoded = merge(chunks, &|postings| {
        encode_postings(postings, &lengths, average_length)
    });
    encoded.par_sort_unstable_by(|a, b| utf16_order(&a.0, &b.0));
    let shards = cut_shards(&encoded);
    let shard_files: Vec<String> = shards
        .par_iter()
        .map(|range| shard_json(&encoded[range.clone()]))
        .collect();
    let (readings, syllables) = pinyin_entries(&encoded);
    let pinyin_shards = cut_shards(&readings);
    let groups = super::synonyms::groups(synonyms);
    let group_files: Vec<String> = groups
        .par_iter()
        .map(|group| shard_json(group_terms(group, &encoded)))
        .collect();
    let version = version(&[&shard_files, &group_files], docs);
    let meta = serde_json::json!({
        "v": version,
        "n": docs.len(),
        "shards": shard_bounds(&shards, &encoded),
        "pshards": shard_bounds(&pinyin_shards, &readings),
        "py": syllables,
        "fold": site_folding_pairs(&encoded),
        "syn": groups,
    });
    let mut outputs = vec![Output::bytes(format!("{dir}meta.json"), meta.to_string())];
    for (folder, files) in [
        ("t", shard_files),
        ("p", shard_json_files(&pinyin_shards, &readings)),
        ("g", group_files),
    ] {
        outputs.extend(
            files
                .into_iter()
                .enumerate()
                .map(|(i, json)| Output::bytes(format!("{dir}{folder}/{i}.json"), json)),
        );
    }
    outputs.par_extend(docs.par_iter().enumerate().map(|(i, doc)| {
        let json = serde_json::to_string(doc).unwrap_or_default();
        Output::bytes(format!("{dir}d/{i}.json"), json)
    }));
    outputs
}

/// Terms and their postings whose hashes fall in one bucket.
type Bucket = Vec<(Term, Vec<Posting>)>;

/// The postings of a run of consecutive documents, split into buckets by
/// term hash; and each document's length in terms.
struct ChunkIndex {
    buckets: Vec<Bucket>,
    lengths: Vec<u32>,
}

/// Indexes `docs`, the first of which is document number `first`.
fn index_chunk(first: u32, docs: &[Document]) -> ChunkIndex {
    let mut postings: FxHashMap<Term, Vec<Posting>> = FxHashMap::default();
    let mut folded = String::new();
    let lengths = docs
        .iter()
        .zip(first..)
        .map(|(doc, id)| {
            let mut length = 0;
            let fields = [
                (&doc.title, true, true),
                (&doc.keywords, false, false),
                (&doc.tags, false, true),
                (&doc.text, false, false),
            ];
            for (text, in_title, initials) in fields {
                for_each_term(text, &mut folded, |term| {
                    length += 1;
                    add_posting(&mut postings, Term::new(term), id, in_title);
                    // Initials weigh like a title word and leave the length alone.
                    if let Some(key) = initials.then(|| initials_key(term)).flatten() {
                        add_posting(&mut postings, Term::Word(key.into()), id, true);
                    }
                });
            }
            length
        })
        .collect();
    let mut buckets: Vec<Bucket> = (0..BUCKETS).map(|_| Vec::new()).collect();
    for (term, list) in postings {
        buckets[FxBuildHasher.hash_one(&term) as usize % BUCKETS].push((term, list));
    }
    ChunkIndex { buckets, lengths }
}

/// Counts one occurrence of `term` in document `doc`.
fn add_posting(postings: &mut FxHashMap<Term, Vec<Posting>>, term: Term, doc: u32, in_title: bool) {
    let list = postings.entry(term).or_default();
    match list.last_mut() {
        Some(p) if p.doc == doc => {
            p.count += 1;
            p.in_title |= in_title;
        }
        _ => list.push(Posting {
            doc,
            count: 1,
            in_title,
        }),
    }
}

/// Each term with all its postings, in document order, `encode`d: chunks
/// are joined in order, each bucket on its own thread. Encoding a bucket's
/// postings as soon as they are joined keeps only their text (a quarter of
/// their size) for the whole site.
fn merge(chunks: Vec<ChunkIndex>, encode: &(dyn Fn(&[Posting]) -> String + Sync)) -> Vec<(String, String)> {
    // by_bucket[b][c]: bucket b of chunk c.
    let mut by_bucket: Vec<Vec<Bucket>> = (0..BUCKETS).map(|_| Vec::new()).collect();
    for chunk in chunks {
        for (bucket, terms) in by_bucket.iter_mut().zip(chunk.buckets) {
            bucket.push(terms);
        }
    }
    by_bucket
        .into_par_iter()
        .flat_map_iter(|chunks| {
            let mut terms: FxHashMap<Term, Vec<Posting>> = FxHashMap::default();
            for (term, postings) in chunks.into_iter().flatten() {
                terms.entry(term).or_default().extend(postings);
            }
            terms
                .into_iter()
                .map(|(term, postings)| (term.into_text(), encode(&postings)))
        })
        .collect()
}

/// JavaScript compares strings by UTF-16 code units; shard lookups in the
/// browser rely on the same order.
fn utf16_order(a: &str, b: &str) -> Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// Postings as text: per document, how many documents were skipped since
/// the previous one (counted from before document 0) in base 40 (`DIGITS`,
/// most significant first, nothing for none: in a frequent term most
/// documents follow the previous one) and a weight letter, which also ends
/// the number. The weight is BM25's term-frequency part (saturating,
/// normalised by document length) in 26 levels; the browser multiplies it by
/// the term's rarity (IDF).
fn encode_postings(postings: &[Posting], lengths: &[u32], average_length: f64) -> String {
    let mut out = String::with_capacity(postings.len() * 2);
    let mut next = 0;
    for p in postings {
        let count = f64::from(p.count);
        let norm = 1.0 - B + B * f64::from(lengths[p.doc as usize]) / average_length.max(1.0);
        let saturation = count * (K1 + 1.0) / (count + K1 * norm) / (K1 + 1.0);
        let level = (saturation * LEVELS).ceil().clamp(1.0, LEVELS) as u8;
        push_skip(&mut out, p.doc - next);
        out.push(char::from(if p.in_title { b'A' } else { b'a' } + level - 1));
        next = p.doc + 1;
    }
    out
}

/// Appends `skip` in base 40, no digit for 0.
fn push_skip(out: &mut String, skip: u32) {
    let mut digits = [0u8; 7];
    let mut start = digits.len();
    let mut rest = skip;
    while rest > 0 {
        start -= 1;
        digits[start] = DIGITS[(rest % 40) as usize];
        rest /= 40;
    }
    out.extend(digits[start..].iter().map(|&d| char::from(d)));
}

/// The traditional-to-simplified pairs a query needs on this site: those
/// whose simplified character is in some term.
fn site_folding_pairs(terms: &[(String, String)]) -> String {
    let chars: rustc_hash::FxHashSet<char> = terms
        .iter()
        .flat_map(|(term, _)| term.chars())
        .filter(|c| is_cjk(*c))
        .collect();
    folding_pairs(|c| chars.contains(&c))
}

/// The terms and postings `search.js` looks up for the words of a synonym
/// group (its `slots`): a Chinese word's bigrams, and every term a single
/// character or a Latin word starts (`robot` → `robots`). Stored together,
/// a query with a word of the group downloads one small file instead of the
/// shards of every synonym (`terms` in UTF-16 order).
fn group_terms<'t>(group: &[String], terms: &'t [(String, String)]) -> Vec<&'t (String, String)> {
    let mut found = Vec::new();
    for word in group {
        let chars: Vec<char> = word.chars().collect();
        if chars.len() > 1 && chars.iter().any(|c| is_cjk(*c)) {
            found.extend(chars.windows(2).filter_map(|pair| {
                let bigram: String = pair.iter().collect();
                starting_with(terms, &bigram)
                    .next()
                    .filter(|(term, _)| *term == bigram)
            }));
        } else {
            found.extend(starting_with(terms, word));
        }
    }
    found
}

/// The terms that start with `prefix`, from `terms` in UTF-16 order.
fn starting_with<'t>(
    terms: &'t [(String, String)],
    prefix: &str,
) -> impl Iterator<Item = &'t (String, String)> {
    let start = terms.partition_point(|(term, _)| utf16_order(term, prefix) == Ordering::Less);
    terms[start..]
        .iter()
        .take_while(move |(term, _)| term.starts_with(prefix))
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

fn shard_json_files(shards: &[std::ops::Range<usize>], entries: &[(String, String)]) -> Vec<String> {
    shards
        .par_iter()
        .map(|range| shard_json(&entries[range.clone()]))
        .collect()
}

/// The pinyin look-up entries of the index's terms (`terms` in UTF-16
/// order), in UTF-16 order: each bigram under its readings, each character
/// under itself with its reading; and the syllables read, sorted, joined
/// by spaces.
fn pinyin_entries(terms: &[(String, String)]) -> (Vec<(String, String)>, String) {
    let mut bigrams: FxHashMap<String, String> = FxHashMap::default();
    let mut chars = std::collections::BTreeMap::new();
    for (term, _) in terms {
        let mut term_chars = term.chars();
        let (Some(first), second, None) = (term_chars.next(), term_chars.next(), term_chars.next()) else {
            continue;
        };
        for c in [Some(first), second].into_iter().flatten() {
            if let Some(r) = reading(c) {
                chars.entry(c).or_insert(r);
            }
        }
        if let Some(key) = second.and_then(|_| bigram_key(term)) {
            bigrams.entry(key).or_default().push_str(term);
        }
    }
    let syllables: std::collections::BTreeSet<&str> = chars.values().map(|r| r.as_ref()).collect();
    let syllables = syllables.into_iter().collect::<Vec<_>>().join(" ");
    let mut entries: Vec<(String, String)> = bigrams.into_iter().collect();
    entries.extend(chars.iter().map(|(c, r)| (c.to_string(), r.to_string())));
    entries.sort_unstable_by(|a, b| utf16_order(&a.0, &b.0));
    (entries, syllables)
}

fn shard_json<'t>(terms: impl IntoIterator<Item = &'t (String, String)>) -> String {
    let map: serde_json::Map<String, serde_json::Value> = terms
        .into_iter()
        .map(|(term, postings)| (term.clone(), postings.clone().into()))
        .collect();
    serde_json::Value::Object(map).to_string()
}

/// A short hash of the index contents (the term shards and the group files).
fn version(shards: &[&[String]], docs: &[Document]) -> String {
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
            tags: String::new(),
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
        let docs = [
            doc("邪教", "认清邪教，學科学。"),
            doc("喝水", "多喝水，少喝邪教饮料。"),
        ];
        let out = build(&docs, "search/", &[]);
        let meta: serde_json::Value = serde_json::from_str(file(&out, "search/meta.json")).unwrap();
        assert_eq!(meta["n"], 2);
        assert_eq!(meta["shards"][0], "");
        // 學 and 飲 fold to characters of the pages; 鋒 (锋) to none.
        let fold = meta["fold"].as_str().unwrap();
        assert!(
            fold.contains("學学") && fold.contains("飲饮") && !fold.contains('锋'),
            "{fold}"
        );
        let shard: serde_json::Value = serde_json::from_str(file(&out, "search/t/0.json")).unwrap();
        // Doc 0 has 邪教 in its title (upper-case weight), doc 1 in its text:
        // no document skipped before either, so no digits.
        let postings = shard["邪教"].as_str().unwrap().as_bytes();
        assert_eq!(postings.len(), 2, "{postings:?}");
        assert!(postings[0].is_ascii_uppercase() && postings[1].is_ascii_lowercase());
        let d1: serde_json::Value = serde_json::from_str(file(&out, "search/d/1.json")).unwrap();
        assert_eq!(d1["t"], "喝水");
        assert_eq!(d1["u"], "喝水/");
    }

    #[test]
    fn pinyin_readings_and_title_initials_are_indexed() {
        let docs = [doc("邪教", "认清邪教。"), doc("喝水", "邪说")];
        let out = build(&docs, "search/", &[]);
        let meta: serde_json::Value = serde_json::from_str(file(&out, "search/meta.json")).unwrap();
        let syllables: Vec<&str> = meta["py"].as_str().unwrap().split(' ').collect();
        assert!(
            syllables.contains(&"xie") && syllables.contains(&"jiao"),
            "{syllables:?}"
        );
        let readings: serde_json::Value = serde_json::from_str(file(&out, "search/p/0.json")).unwrap();
        assert_eq!(readings["xiejiao"], "邪教");
        assert_eq!(readings["教"], "jiao");
        assert_eq!(readings["xieshuo"], "邪说");
        let shard: serde_json::Value = serde_json::from_str(file(&out, "search/t/0.json")).unwrap();
        // Title initials: 邪教 and 喝水 in titles, 邪说 only in a body.
        // Page 0, nothing skipped, title weight.
        let initials = shard["^xj"].as_str().unwrap();
        assert!(initials.starts_with(|c: char| c.is_ascii_uppercase()), "{shard}");
        assert!(shard["^hs"].is_string() && shard["^xs"].is_null(), "{shard}");
    }

    #[test]
    fn a_synonym_groups_terms_are_stored_together() {
        let docs = [
            doc("反诈", "谨防诈骗，上当受骗。"),
            doc("Robots", "robot 比赛"),
            doc("喝水", "诈骗电话"),
        ];
        let site_group = vec![vec!["robot".to_string(), "机器".to_string()]];
        let out = build(&docs, "search/", &site_group);
        let meta: serde_json::Value = serde_json::from_str(file(&out, "search/meta.json")).unwrap();
        let groups = meta["syn"].as_array().unwrap();
        let group_file = |word: &str| -> serde_json::Value {
            let n = groups
                .iter()
                .position(|g| g.as_array().unwrap().iter().any(|w| w == word))
                .unwrap();
            serde_json::from_str(file(&out, &format!("search/g/{n}.json"))).unwrap()
        };
        let shard: serde_json::Value = serde_json::from_str(file(&out, "search/t/0.json")).unwrap();
        // 诈骗's group: every bigram of its words that the site has, with the
        // postings of the term shards; 电话 and 谨防 belong to no word of it.
        let fraud = group_file("防骗");
        for term in ["诈骗", "反诈", "上当", "当受", "受骗"] {
            assert_eq!(fraud[term], shard[term], "{term}: {fraud}");
        }
        assert!(fraud["电话"].is_null() && fraud["谨防"].is_null(), "{fraud}");
        // A Latin word brings the longer words it starts, as a query's does.
        let robots = group_file("robot");
        assert_eq!(robots["robots"], shard["robots"], "{robots}");
        assert_eq!(robots["robot"], shard["robot"], "{robots}");
        // Every group has its file, found or not on the site.
        assert!(
            out.iter()
                .any(|o| o.path() == format!("search/g/{}.json", groups.len() - 1))
        );
    }

    #[test]
    fn terms_pack_and_unpack() {
        for text in ["邪教", "教", "𠀀𠀁", "robot", "café", "5g"] {
            assert_eq!(Term::new(text).into_text(), text);
        }
        assert!(matches!(Term::new("邪教"), Term::Cjk(_)));
        assert!(matches!(Term::new("robot"), Term::Word(_)));
    }

    #[test]
    fn postings_stay_in_document_order_across_chunks() {
        let docs: Vec<Document> = (0..CHUNK_DOCS * 2 + 3)
            .map(|i| doc(&format!("t{i}"), "科普"))
            .collect();
        let out = build(&docs, "s/", &[]);
        let shard: serde_json::Value = serde_json::from_str(file(&out, "s/t/0.json")).unwrap();
        // Every document in turn: weight letters only, no skips.
        let postings = shard["科普"].as_str().unwrap();
        assert_eq!(postings.len(), docs.len());
        assert!(postings.bytes().all(|b| b.is_ascii_lowercase()), "{postings}");
    }

    #[test]
    fn shards_split_in_utf16_order() {
        let text: String = (0..3000).map(|i| format!("w{i} ")).collect();
        let out = build(&[doc("a", &text), doc("𠀀", "\u{FFFD}")], "s/", &[]);
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
    fn skipped_documents_are_counted_in_base_40() {
        let posting = |doc| Posting {
            doc,
            count: 1,
            in_title: false,
        };
        let docs = [3, 4, 44, 1644, 1645 + 40 * 40 * 40];
        let lengths = vec![100; 1645 + 40 * 40 * 40 + 1];
        let text = encode_postings(&docs.map(posting), &lengths, 100.0);
        let skips: Vec<&str> = text.split_terminator(|c: char| c.is_ascii_lowercase()).collect();
        // 3, 0, 39, 1599 = 39 × 40 + 39, 64,000 = 40³.
        assert_eq!(skips, ["3", "", "~", "~~", "1000"], "{text}");
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
        assert!(strong.bytes().last() > weak.bytes().last(), "{strong} {weak}");
    }
}
