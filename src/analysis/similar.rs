//! Near-duplicate text for the pan-sector reuse analysis: TF-IDF vectors of units' text and an
//! exact all-pairs cosine join over them.
//!
//! The vectors follow scikit-learn's `TfidfVectorizer` defaults (raw counts, smooth idf
//! `ln((1 + n) / (1 + df)) + 1`, L2 norm) with our own tokenizer, so `bench/sim_truth.py` can
//! compute the same numbers with Python's standard library.
//!
//! The join is written here rather than taken from a crate: the LSH and MinHash crates estimate
//! Jaccard similarity of shingle sets, not TF-IDF cosine, and miss pairs (recall 0.978 for
//! datasketch on the benchmark corpus), whereas an exact join finds every pair and is also faster
//! on text like this, where the rare words that make two units alike are few. It is the
//! inverted-index join of Bayardo et al. ("Scaling up all pairs similarity search", 2007) with
//! the L2 prefix bound of Anastasiu and Karypis (L2AP, 2014), parallelised over documents.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use rayon::prelude::*;

/// Characters that join the words on either side of them ("on-line" is "online").
const HYPHENS: [char; 3] = ['-', '\u{2010}', '\u{2011}'];

/// Function words dropped from every text, sorted. `bench/sim_truth.py` holds the same list (a
/// unit test below compares them) and `tests/similar.rs` checks that the two tokenizers agree.
#[rustfmt::skip]
const STOP_WORDS: &[&str] = &[
    "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are", "as",
    "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by",
    "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for", "from",
    "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him",
    "himself", "his", "how", "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more",
    "most", "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or",
    "other", "our", "ours", "ourselves", "out", "over", "own", "same", "she", "should", "so",
    "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then",
    "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up",
    "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why",
    "will", "with", "would", "you", "your", "yours", "yourself", "yourselves",
];

/// How far below the threshold the filters stay, so that rounding in `f32` weights and sums can
/// never make them drop a pair whose computed cosine reaches the threshold.
const INDEX_MARGIN: f64 = 1e-5;
const PRUNE_MARGIN: f32 = 1e-4;

/// Tokens of a text: lowercase, split on anything not alphanumeric (Unicode), "on-line"/"e-mail"-
/// style hyphenated words joined ("online", "email"), tokens shorter than 2 chars dropped, a short
/// English stop-word list dropped. "organisation’s" gives "organisation" (the "s" is too short).
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_token(text, |token| out.push(token.to_owned()));
    out
}

fn each_token(text: &str, mut emit: impl FnMut(&str)) {
    each_word(text, |word| {
        if !is_stop_word(word) {
            emit(word);
        }
    });
}

/// The tokens with the stop words still in.
fn each_word(text: &str, mut emit: impl FnMut(&str)) {
    let mut word = String::new();
    if text.is_ascii() {
        // The same steps on bytes, without a lowercased copy: most text is ASCII.
        let bytes = text.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            if b.is_ascii_alphanumeric() {
                word.push(char::from(b.to_ascii_lowercase()));
            } else if b == b'-'
                && !word.is_empty()
                && bytes.get(i + 1).is_some_and(u8::is_ascii_alphanumeric)
            {
                // A hyphen inside a word: the word goes on.
            } else {
                finish_word(&mut word, &mut emit);
            }
        }
        finish_word(&mut word, &mut emit);
        return;
    }
    let lower = text.to_lowercase();
    let mut chars = lower.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_alphanumeric() {
            word.push(c);
        } else if HYPHENS.contains(&c)
            && !word.is_empty()
            && chars.peek().is_some_and(|next| next.is_alphanumeric())
        {
            // A hyphen inside a word: the word goes on.
        } else {
            finish_word(&mut word, &mut emit);
        }
    }
    finish_word(&mut word, &mut emit);
}

fn finish_word(word: &mut String, emit: &mut impl FnMut(&str)) {
    if word.chars().nth(1).is_some() {
        emit(word);
    }
    word.clear();
}

fn is_stop_word(word: &str) -> bool {
    static SET: OnceLock<HashSet<&str, BuildHasherDefault<FxHasher>>> = OnceLock::new();
    SET.get_or_init(|| STOP_WORDS.iter().copied().collect())
        .contains(word)
}

/// One term of a document's vector.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Entry {
    term: u32,
    weight: f32,
}

/// TF-IDF model over a corpus of documents (each a text): raw term counts, smooth idf
/// `ln((1 + n) / (1 + df)) + 1`, L2 norm (scikit-learn `TfidfVectorizer`'s defaults).
///
/// Term ids run from the most frequent term to the rarest (ties by the term's text), so every
/// vector, kept in term order, lists its common words first: the join's prefix filter relies on
/// that order.
#[derive(Clone, Debug)]
pub struct TfIdf {
    terms: Vec<String>,
    ids: FastMap<String, u32>,
    idf: Vec<f64>,
    /// Idf of a term no document has (`match_statements` meets them).
    unseen_idf: f64,
    /// Document `d`'s entries are `entries[starts[d]..starts[d + 1]]`, in term order.
    starts: Vec<usize>,
    entries: Vec<Entry>,
}

impl TfIdf {
    /// Fits the vocabulary and idf to `docs` and vectorises every document.
    pub fn new(docs: &[impl AsRef<str> + Sync]) -> Self {
        let n = docs.len();
        // Tokenizing is most of the work: each thread counts a run of documents into a
        // vocabulary of its own, and the few runs' vocabularies are merged afterwards.
        let run = n.div_ceil(4 * rayon::current_num_threads()).max(1);
        let runs: Vec<Run> = docs.par_chunks(run).map(Run::count).collect();

        // One vocabulary in order of first sight, with document frequencies.
        let mut first_ids: FastMap<&str, u32> = FastMap::default();
        let mut names: Vec<&str> = Vec::new();
        let mut df: Vec<u32> = Vec::new();
        let to_first: Vec<Vec<u32>> = runs
            .iter()
            .map(|run| {
                let ids = run.terms.iter().zip(&run.df).map(|(term, &run_df)| {
                    let id = *first_ids.entry(term.as_str()).or_insert_with(|| {
                        names.push(term.as_str());
                        df.push(0);
                        (names.len() - 1) as u32
                    });
                    df[id as usize] += run_df;
                    id
                });
                ids.collect()
            })
            .collect();
        drop(first_ids);

        // Final ids: most frequent first, ties by text (deterministic).
        let mut order: Vec<u32> = (0..names.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| {
            df[b as usize]
                .cmp(&df[a as usize])
                .then_with(|| names[a as usize].cmp(names[b as usize]))
        });
        let mut final_id = vec![0u32; names.len()];
        for (id, &first) in order.iter().enumerate() {
            final_id[first as usize] = id as u32;
        }
        let terms: Vec<String> = order
            .iter()
            .map(|&f| names[f as usize].to_owned())
            .collect();
        let idf: Vec<f64> = order
            .iter()
            .map(|&f| smooth_idf(n, df[f as usize]))
            .collect();
        let ids = terms
            .iter()
            .enumerate()
            .map(|(id, t)| (t.clone(), id as u32))
            .collect();

        let vectors: Vec<Vec<Vec<Entry>>> = runs
            .par_iter()
            .zip(&to_first)
            .map(|(run, to_first)| {
                let to_final = |term: u32| final_id[to_first[term as usize] as usize];
                let weigh_doc = |doc: &[(u32, u32)]| {
                    let counts = doc.iter().map(|&(term, c)| (to_final(term), c));
                    weigh(counts.collect(), |term| idf[term as usize])
                };
                run.docs().map(weigh_doc).collect()
            })
            .collect();
        let mut starts = Vec::with_capacity(n + 1);
        starts.push(0);
        let mut entries = Vec::with_capacity(runs.iter().map(|r| r.counts.len()).sum());
        for vector in vectors.into_iter().flatten() {
            entries.extend(vector);
            starts.push(entries.len());
        }
        TfIdf {
            terms,
            ids,
            idf,
            unseen_idf: smooth_idf(n, 0),
            starts,
            entries,
        }
    }

    /// The number of documents.
    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The number of distinct terms in the corpus.
    pub fn vocabulary_len(&self) -> usize {
        self.terms.len()
    }

    /// The idf of a term (a token as `tokens` gives it), if any document has it.
    pub fn idf(&self, term: &str) -> Option<f32> {
        self.ids.get(term).map(|&id| self.idf[id as usize] as f32)
    }

    /// Document `doc`'s vector: its terms and their weights, common terms first.
    /// Panics if `doc` is not a document of the model.
    pub fn weights(&self, doc: usize) -> impl Iterator<Item = (&str, f32)> + '_ {
        self.vector(doc)
            .iter()
            .map(|e| (self.terms[e.term as usize].as_str(), e.weight))
    }

    /// Cosine similarity of two documents, in [0, 1] (0 when either has no terms).
    /// Panics if `a` or `b` is not a document of the model.
    pub fn cosine(&self, a: usize, b: usize) -> f32 {
        dot(self.vector(a), self.vector(b))
    }

    /// Terms both documents share, highest contribution to the cosine first (ties by the term),
    /// at most `max`: the evidence shown to analysts. The contributions add up to the cosine.
    pub fn shared_terms(&self, a: usize, b: usize, max: usize) -> Vec<(String, f32)> {
        let mut shared: Vec<(u32, f32)> = Vec::new();
        merge_shared(self.vector(a), self.vector(b), |term, x, y| {
            shared.push((term, x * y));
        });
        shared.sort_by(|p, q| {
            q.1.total_cmp(&p.1)
                .then_with(|| self.terms[p.0 as usize].cmp(&self.terms[q.0 as usize]))
        });
        shared
            .into_iter()
            .take(max)
            .map(|(term, c)| (self.terms[term as usize].clone(), c))
            .collect()
    }

    fn vector(&self, doc: usize) -> &[Entry] {
        &self.entries[self.starts[doc]..self.starts[doc + 1]]
    }

    /// A text outside the corpus as a vector under this model's idf. Terms the vocabulary lacks
    /// get the idf of an unseen term and ids past the vocabulary, numbered in `unseen` so that
    /// the same new word in two statements is the same term.
    fn vectorise(&self, text: &str, unseen: &mut HashMap<String, u32>) -> Vec<Entry> {
        let known = self.terms.len() as u32;
        let counts = count_terms(text)
            .into_iter()
            .map(|(token, count)| {
                let id = match self.ids.get(&token) {
                    Some(&id) => id,
                    None => {
                        let next = known + unseen.len() as u32;
                        *unseen.entry(token).or_insert(next)
                    }
                };
                (id, count)
            })
            .collect();
        weigh(counts, |term| {
            self.idf
                .get(term as usize)
                .copied()
                .unwrap_or(self.unseen_idf)
        })
    }
}

fn smooth_idf(n: usize, df: u32) -> f64 {
    ((1.0 + n as f64) / (1.0 + f64::from(df))).ln() + 1.0
}

/// A run of documents counted by one thread: its own vocabulary (`terms`, with each term's
/// document frequency in the run) and each document's `(term, count)` pairs in `counts`,
/// document `d`'s at `counts[ends[d - 1]..ends[d]]`.
struct Run {
    terms: Vec<String>,
    df: Vec<u32>,
    counts: Vec<(u32, u32)>,
    ends: Vec<usize>,
}

impl Run {
    fn count(docs: &[impl AsRef<str>]) -> Run {
        // Stop words are in the map too, as STOP: one look-up a word instead of two.
        const STOP: u32 = u32::MAX;
        let mut ids: FastMap<String, u32> =
            STOP_WORDS.iter().map(|&w| (w.to_owned(), STOP)).collect();
        let mut df: Vec<u32> = Vec::new();
        let mut in_doc: Vec<u32> = Vec::new();
        let mut seen: Vec<u32> = Vec::new();
        let mut counts = Vec::new();
        let mut ends = Vec::with_capacity(docs.len());
        for doc in docs {
            each_word(doc.as_ref(), |token| {
                let id = match ids.get(token) {
                    Some(&STOP) => return,
                    Some(&id) => id,
                    None => {
                        let id = df.len() as u32;
                        ids.insert(token.to_owned(), id);
                        df.push(0);
                        in_doc.push(0);
                        id
                    }
                };
                if in_doc[id as usize] == 0 {
                    seen.push(id);
                }
                in_doc[id as usize] += 1;
            });
            for &id in &seen {
                counts.push((id, in_doc[id as usize]));
                df[id as usize] += 1;
                in_doc[id as usize] = 0;
            }
            seen.clear();
            ends.push(counts.len());
        }
        let mut terms = vec![String::new(); df.len()];
        for (term, id) in ids.into_iter().filter(|&(_, id)| id != STOP) {
            terms[id as usize] = term;
        }
        Run {
            terms,
            df,
            counts,
            ends,
        }
    }

    fn docs(&self) -> impl Iterator<Item = &[(u32, u32)]> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(&self.ends)
            .map(|(start, &end)| &self.counts[start..end])
    }
}

/// A hash map with the Fx hash (rustc's): maps keyed by words are the fit's hot loop, and
/// SipHash's resistance to crafted keys buys nothing for texts the analyst chose.
type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

#[derive(Clone, Copy, Default)]
struct FxHasher(u64);

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A text's distinct tokens and how often each occurs.
fn count_terms(text: &str) -> Vec<(String, u32)> {
    let mut all = tokens(text);
    all.sort_unstable();
    let mut counts: Vec<(String, u32)> = Vec::new();
    for token in all {
        match counts.last_mut() {
            Some((last, count)) if *last == token => *count += 1,
            _ => counts.push((token, 1)),
        }
    }
    counts
}

/// Counts times idf, L2-normalised (in `f64`, stored as `f32`), in term order.
fn weigh(mut counts: Vec<(u32, u32)>, idf: impl Fn(u32) -> f64) -> Vec<Entry> {
    counts.sort_unstable_by_key(|&(term, _)| term);
    let raw: Vec<f64> = counts
        .iter()
        .map(|&(term, count)| f64::from(count) * idf(term))
        .collect();
    let norm = raw.iter().map(|w| w * w).sum::<f64>().sqrt();
    if norm == 0.0 {
        return Vec::new();
    }
    counts
        .iter()
        .zip(raw)
        .map(|(&(term, _), w)| Entry {
            term,
            weight: (w / norm) as f32,
        })
        .collect()
}

/// Calls `f(term, weight in a, weight in b)` for each term both vectors have, in term order.
fn merge_shared(a: &[Entry], b: &[Entry], mut f: impl FnMut(u32, f32, f32)) {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].term.cmp(&b[j].term) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                f(a[i].term, a[i].weight, b[j].weight);
                i += 1;
                j += 1;
            }
        }
    }
}

/// The dot product, summed in `f64` in term order. The join's `dot_scattered` adds the same
/// products in the same order, so a pair's score is exactly `TfIdf::cosine` of it.
fn dot(a: &[Entry], b: &[Entry]) -> f32 {
    let mut sum = 0.0f64;
    merge_shared(a, b, |_, x, y| sum += f64::from(x) * f64::from(y));
    sum as f32
}

/// Two documents whose cosine reached the threshold; `a < b`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SimilarPair {
    pub a: usize,
    pub b: usize,
    pub score: f32,
}

/// EVERY pair with cosine >= threshold (exact, not approximate), sorted by (a, b).
/// `eligible`: when Some(mask), only pairs where mask[a] || mask[b] (e.g. thematic unit vs
/// anything); a mask shorter than the corpus counts the documents past its end as not eligible.
/// A threshold of 0 or less gives every pair; a NaN threshold none.
pub fn similar_pairs(model: &TfIdf, threshold: f32, eligible: Option<&[bool]>) -> Vec<SimilarPair> {
    let n = model.len();
    let is_eligible = |d: usize| eligible.is_none_or(|mask| mask.get(d) == Some(&true));
    // A pair is looked for from its eligible document; from both, only from the lower.
    let wanted = |x: usize, y: usize| match eligible {
        None => y > x,
        Some(_) => y != x && (y > x || !is_eligible(y)),
    };
    if threshold.is_nan() {
        return Vec::new();
    }
    let mut pairs: Vec<SimilarPair> = if threshold <= 0.0 {
        // Every pair qualifies, even those with no word in common: nothing to filter.
        (0..n)
            .into_par_iter()
            .filter(|&x| is_eligible(x))
            .flat_map_iter(|x| {
                (0..n)
                    .filter(move |&y| wanted(x, y))
                    .map(move |y| pair(x, y, model.cosine(x, y)))
            })
            .collect()
    } else {
        let index = Index::new(model, threshold);
        (0..n)
            .into_par_iter()
            .filter(|&x| is_eligible(x))
            .map_init(
                || Scratch::new(n, model.vocabulary_len()),
                |scratch, x| index.query(model, x, threshold, eligible.is_none(), &wanted, scratch),
            )
            .flatten_iter()
            .collect()
    };
    pairs.par_sort_unstable_by_key(|p| (p.a, p.b));
    pairs
}

fn pair(x: usize, y: usize, score: f32) -> SimilarPair {
    SimilarPair {
        a: x.min(y),
        b: x.max(y),
        score,
    }
}

/// The inverted index of the join, built for one threshold `t`.
///
/// Each vector is split at a boundary term: its prefix (common terms) holds as many leading
/// entries as keep the prefix's norm below `t`, and only the suffix (rare terms) is indexed. If
/// two vectors share no suffix term, every term they share lies before the later of their two
/// boundaries, i.e. in the prefix of the vector that boundary belongs to, so their cosine is at
/// most that prefix's norm, below `t` (Cauchy–Schwarz). So querying the index with each vector's
/// suffix finds every pair that can reach `t`, and the posting lists are those of rare terms.
struct Index {
    /// Per document: the term id where its suffix starts (`u32::MAX` if nothing is indexed), the
    /// norm of its prefix, and the position of its first suffix entry in `TfIdf::entries`.
    boundary: Vec<u32>,
    prefix_norm: Vec<f32>,
    suffix_from: Vec<usize>,
    /// Per entry of `TfIdf::entries`: the sum of the squared weights before it in its document.
    squares_before: Vec<f32>,
    /// Posting lists of suffix entries by term: `postings[list_starts[t]..list_starts[t + 1]]`,
    /// documents ascending.
    list_starts: Vec<usize>,
    postings: Vec<Posting>,
}

#[derive(Clone, Copy)]
struct Posting {
    doc: u32,
    weight: f32,
    /// The norms of the document's entries before this one, and up to and including it.
    norm_before: f32,
    norm_upto: f32,
}

struct Scratch {
    /// The query's weights by term (zero elsewhere), to verify a candidate in one pass over it.
    scattered: Vec<f32>,
    /// Per candidate: the dot product over shared suffix terms so far, and which query saw it.
    partial: Vec<f32>,
    /// Per candidate: the norms of x and of it before the last (commonest) shared suffix term
    /// met, for a first bound on the dot product over the terms before that.
    x_before: Vec<f32>,
    y_before: Vec<f32>,
    seen_by: Vec<u32>,
    query: u32,
    candidates: Vec<u32>,
}

impl Scratch {
    fn new(docs: usize, vocabulary: usize) -> Self {
        Scratch {
            scattered: vec![0.0; vocabulary],
            partial: vec![0.0; docs],
            x_before: vec![0.0; docs],
            y_before: vec![0.0; docs],
            seen_by: vec![0; docs],
            query: 0,
            candidates: Vec::new(),
        }
    }
}

impl Index {
    fn new(model: &TfIdf, threshold: f32) -> Self {
        let n = model.len();
        let limit = f64::from(threshold) - INDEX_MARGIN;
        let splits: Vec<(u32, f32, usize, Vec<f32>)> = (0..n)
            .into_par_iter()
            .map(|d| {
                let vector = model.vector(d);
                let mut squares = 0.0f64;
                let mut before = Vec::with_capacity(vector.len());
                let mut prefix = None;
                for (i, e) in vector.iter().enumerate() {
                    before.push(squares as f32);
                    let w = f64::from(e.weight);
                    if prefix.is_none() && (limit <= 0.0 || (squares + w * w).sqrt() >= limit) {
                        prefix = Some((i, squares.sqrt()));
                    }
                    squares += w * w;
                }
                match prefix {
                    Some((i, norm)) => (vector[i].term, norm as f32, model.starts[d] + i, before),
                    None => (u32::MAX, squares.sqrt() as f32, model.starts[d + 1], before),
                }
            })
            .collect();

        let mut list_starts = vec![0usize; model.vocabulary_len() + 1];
        for (d, split) in splits.iter().enumerate() {
            for e in &model.entries[split.2..model.starts[d + 1]] {
                list_starts[e.term as usize + 1] += 1;
            }
        }
        for t in 0..model.vocabulary_len() {
            list_starts[t + 1] += list_starts[t];
        }
        let mut fill = list_starts.clone();
        let empty = Posting {
            doc: 0,
            weight: 0.0,
            norm_before: 0.0,
            norm_upto: 0.0,
        };
        let mut postings = vec![empty; list_starts[list_starts.len() - 1]];
        let mut index = Index {
            boundary: Vec::with_capacity(n),
            prefix_norm: Vec::with_capacity(n),
            suffix_from: Vec::with_capacity(n),
            squares_before: Vec::with_capacity(model.entries.len()),
            list_starts,
            postings: Vec::new(),
        };
        for (d, (boundary, norm, from, before)) in splits.into_iter().enumerate() {
            let suffix = &model.entries[from..model.starts[d + 1]];
            for (e, squares) in suffix.iter().zip(&before[from - model.starts[d]..]) {
                let slot = &mut fill[e.term as usize];
                postings[*slot] = Posting {
                    doc: d as u32,
                    weight: e.weight,
                    norm_before: squares.sqrt(),
                    norm_upto: (squares + e.weight * e.weight).sqrt(),
                };
                *slot += 1;
            }
            index.boundary.push(boundary);
            index.prefix_norm.push(norm);
            index.suffix_from.push(from);
            index.squares_before.extend(before);
        }
        index.postings = postings;
        index
    }

    /// The norm of document `d`'s entries with terms before `term`.
    fn norm_before(&self, model: &TfIdf, d: usize, term: u32) -> f32 {
        let vector = model.vector(d);
        let i = vector.partition_point(|e| e.term < term);
        let before = match vector.get(i) {
            Some(_) => self.squares_before[model.starts[d] + i],
            None => vector.last().map_or(0.0, |e| {
                self.squares_before[model.starts[d + 1] - 1] + e.weight * e.weight
            }),
        };
        before.sqrt()
    }

    /// Every pair of `x` with a document `y` for which `wanted(x, y)` that reaches the threshold.
    /// `only_later`: `wanted` is `y > x`, so each posting list can be entered past `x`.
    fn query(
        &self,
        model: &TfIdf,
        x: usize,
        threshold: f32,
        only_later: bool,
        wanted: &impl Fn(usize, usize) -> bool,
        s: &mut Scratch,
    ) -> Vec<SimilarPair> {
        s.query = s.query.wrapping_add(1);
        if s.query == 0 {
            s.seen_by.fill(0);
            s.query = 1;
        }
        s.candidates.clear();
        // The suffix rarest term first: a document first met at term f shares no rarer term
        // with x, so its cosine is at most the product of the two norms up to f; below the
        // threshold it is never a candidate (and meeting it again at a commoner term only
        // lowers that bound).
        let limit = threshold - PRUNE_MARGIN;
        let suffix = self.suffix_from[x]..model.starts[x + 1];
        for (e, squares) in model.entries[suffix.clone()]
            .iter()
            .zip(&self.squares_before[suffix])
            .rev()
        {
            let x_before = squares.sqrt();
            let x_upto = (squares + e.weight * e.weight).sqrt();
            let t = e.term as usize;
            let mut list = &self.postings[self.list_starts[t]..self.list_starts[t + 1]];
            if only_later {
                list = &list[list.partition_point(|p| p.doc as usize <= x)..];
            }
            for p in list {
                let y = p.doc as usize;
                if !only_later && !wanted(x, y) {
                    continue;
                }
                if s.seen_by[y] != s.query {
                    if x_upto * p.norm_upto < limit {
                        continue;
                    }
                    s.seen_by[y] = s.query;
                    s.partial[y] = 0.0;
                    s.candidates.push(p.doc);
                }
                s.partial[y] += e.weight * p.weight;
                s.x_before[y] = x_before;
                s.y_before[y] = p.norm_before;
            }
        }
        if s.candidates.is_empty() {
            return Vec::new();
        }

        let query = model.vector(x);
        for e in query {
            s.scattered[e.term as usize] = e.weight;
        }
        let mut found = Vec::new();
        for &y in &s.candidates {
            let y = y as usize;
            // The shared suffix terms are those from the later boundary on; every other shared
            // term lies before it, so bound the rest by the two norms before it. One of them is
            // a prefix norm; first take the other as the norm before the last shared suffix term
            // met (at or after the later boundary, so no smaller), then, if need be, exactly.
            let (x_boundary, y_boundary) = (self.boundary[x], self.boundary[y]);
            let quick = if x_boundary >= y_boundary {
                self.prefix_norm[x] * s.y_before[y]
            } else {
                s.x_before[y] * self.prefix_norm[y]
            };
            if s.partial[y] + quick < limit {
                continue;
            }
            let exact = match x_boundary.cmp(&y_boundary) {
                Ordering::Equal => self.prefix_norm[x] * self.prefix_norm[y],
                Ordering::Greater => self.prefix_norm[x] * self.norm_before(model, y, x_boundary),
                Ordering::Less => self.norm_before(model, x, y_boundary) * self.prefix_norm[y],
            };
            if s.partial[y] + exact < limit {
                continue;
            }
            let score = dot_scattered(&s.scattered, model.vector(y));
            if score >= threshold {
                found.push(pair(x, y, score));
            }
        }
        for e in query {
            s.scattered[e.term as usize] = 0.0;
        }
        found
    }
}

/// `dot` with one vector scattered by term: the same products added in the same order.
fn dot_scattered(scattered: &[f32], b: &[Entry]) -> f32 {
    let mut sum = 0.0f64;
    for e in b {
        let x = scattered[e.term as usize];
        if x != 0.0 {
            sum += f64::from(x) * f64::from(e.weight);
        }
    }
    sum as f32
}

/// For two lists of statements (performance criteria, knowledge items), the best one-to-one
/// matches with cosine >= threshold, as `(index in a, index in b, cosine)` in the order of `a`.
/// Statements are vectorised with the model's idf; a word the vocabulary lacks counts with the
/// idf of an unseen term (and matches the same word in the other list). "Best" is greedy: the
/// highest cosine of all pairs is taken first, then the highest among statements still free,
/// and so on (ties by position), which is what an analyst reading the evidence expects.
pub fn match_statements(
    model: &TfIdf,
    a: &[&str],
    b: &[&str],
    threshold: f32,
) -> Vec<(usize, usize, f32)> {
    let mut unseen = HashMap::new();
    let a_vectors: Vec<Vec<Entry>> = a.iter().map(|s| model.vectorise(s, &mut unseen)).collect();
    let b_vectors: Vec<Vec<Entry>> = b.iter().map(|s| model.vectorise(s, &mut unseen)).collect();
    let mut candidates: Vec<(usize, usize, f32)> = Vec::new();
    for (i, x) in a_vectors.iter().enumerate() {
        for (j, y) in b_vectors.iter().enumerate() {
            let score = dot(x, y);
            if score >= threshold {
                candidates.push((i, j, score));
            }
        }
    }
    candidates.sort_by(|p, q| q.2.total_cmp(&p.2).then((p.0, p.1).cmp(&(q.0, q.1))));
    let mut a_used = vec![false; a.len()];
    let mut b_used = vec![false; b.len()];
    let mut matches = Vec::new();
    for (i, j, score) in candidates {
        if !a_used[i] && !b_used[j] {
            a_used[i] = true;
            b_used[j] = true;
            matches.push((i, j, score));
        }
    }
    matches.sort_by_key(|&(i, _, _)| i);
    matches
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn stop_words_are_sorted_lowercase_and_long_enough_to_matter() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(
            STOP_WORDS
                .iter()
                .all(|w| w.len() >= 2 && tokens(w).is_empty())
        );
    }

    #[test]
    fn the_python_port_has_the_same_stop_words() {
        let script = include_str!("../../bench/sim_truth.py");
        let list = script
            .split("STOP_WORDS = frozenset(\"\"\"")
            .nth(1)
            .unwrap();
        let list = list.split("\"\"\"").next().unwrap();
        assert_eq!(list.split_whitespace().collect::<Vec<_>>(), STOP_WORDS);
    }
}
