//! Every pair of near-duplicate units in a sim_corpus.py corpus (TF-IDF cosine >= 0.8).
//!
//! Run: `cargo run --release --example near_duplicates -- CORPUS.jsonl PAIRS.jsonl [--brute]`
//!
//! Reads the corpus (one unit a line: id, title, pc[10]; a document is the title and the criteria
//! joined by spaces), fits `TfIdf`, runs `similar_pairs(.., 0.8, None)` and writes each pair as
//! `{"a":id,"b":id,"score":x}` (unit ids, a before b in the corpus). The count and the time of
//! each step go to standard error. `--brute` also compares every pair by brute force (O(n²), about
//! a minute for 25,000 units) and prints the join's recall against it.

use std::collections::HashMap;
use std::io::{BufWriter, Write};
use std::time::Instant;

use nosmap::analysis::similar::{TfIdf, similar_pairs};
use rayon::prelude::*;

const THRESHOLD: f32 = 0.8;

#[derive(serde::Deserialize)]
struct Unit {
    id: u64,
    title: String,
    pc: Vec<String>,
}

fn main() {
    if let Err(message) = run() {
        eprintln!("error: {message}");
        std::process::exit(2);
    }
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let brute = args.iter().any(|a| a == "--brute");
    let paths: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let [corpus, out] = paths[..] else {
        return Err("usage: near_duplicates CORPUS.jsonl PAIRS.jsonl [--brute]".into());
    };

    let start = Instant::now();
    let text = std::fs::read_to_string(corpus).map_err(|e| format!("{corpus}: {e}"))?;
    let mut ids = Vec::new();
    let mut docs = Vec::new();
    for (i, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let unit: Unit =
            serde_json::from_str(line).map_err(|e| format!("{corpus}, line {}: {e}", i + 1))?;
        let mut doc = unit.title;
        for pc in unit.pc {
            doc.push(' ');
            doc.push_str(&pc);
        }
        ids.push(unit.id);
        docs.push(doc);
    }
    drop(text);
    let read = start.elapsed();

    let model = TfIdf::new(&docs);
    let fitted = start.elapsed();
    let pairs = similar_pairs(&model, THRESHOLD, None);
    let joined = start.elapsed();

    let file = std::fs::File::create(out).map_err(|e| format!("{out}: {e}"))?;
    let mut writer = BufWriter::new(file);
    for p in &pairs {
        writeln!(
            writer,
            r#"{{"a":{},"b":{},"score":{}}}"#,
            ids[p.a], ids[p.b], p.score
        )
        .map_err(|e| format!("{out}: {e}"))?;
    }
    writer.flush().map_err(|e| format!("{out}: {e}"))?;
    let total = start.elapsed();
    eprintln!(
        "{} pairs with cosine >= {THRESHOLD} among {} units ({} terms) in {:.3} s \
         (read {:.3} s, fit {:.3} s, join {:.3} s, write {:.3} s)",
        pairs.len(),
        docs.len(),
        model.vocabulary_len(),
        total.as_secs_f64(),
        read.as_secs_f64(),
        (fitted - read).as_secs_f64(),
        (joined - fitted).as_secs_f64(),
        (total - joined).as_secs_f64(),
    );

    if brute {
        let start = Instant::now();
        let truth = brute_force_count(&model);
        // Every pair the join returns was verified >= THRESHOLD, so recall is a ratio of counts.
        eprintln!(
            "brute force: {truth} pairs in {:.1} s; the join found {} of them (recall {:.4})",
            start.elapsed().as_secs_f64(),
            pairs.len(),
            if truth == 0 {
                1.0
            } else {
                pairs.len() as f64 / truth as f64
            },
        );
        if truth != pairs.len() {
            return Err("the join and brute force disagree".into());
        }
    }
    Ok(())
}

/// How many pairs reach THRESHOLD, every pair computed: each document's weights scattered into
/// an array by term, then every later document's dot product with it, summed in the model's term
/// order as `TfIdf::cosine` sums it. Uses only the public `weights`, not the join's index.
fn brute_force_count(model: &TfIdf) -> usize {
    let mut term_ids: HashMap<&str, usize> = HashMap::new();
    let vectors: Vec<Vec<(usize, f32)>> = (0..model.len())
        .map(|d| {
            model
                .weights(d)
                .map(|(term, w)| {
                    let next = term_ids.len();
                    (*term_ids.entry(term).or_insert(next), w)
                })
                .collect()
        })
        .collect();
    let vocabulary = term_ids.len();
    (0..vectors.len())
        .into_par_iter()
        .map_init(
            || vec![0.0f32; vocabulary],
            |scattered, a| {
                for &(t, w) in &vectors[a] {
                    scattered[t] = w;
                }
                let count = vectors[a + 1..]
                    .iter()
                    .filter(|b| {
                        let mut sum = 0.0f64;
                        for &(t, w) in b.iter() {
                            if scattered[t] != 0.0 {
                                sum += f64::from(scattered[t]) * f64::from(w);
                            }
                        }
                        sum as f32 >= THRESHOLD
                    })
                    .count();
                for &(t, _) in &vectors[a] {
                    scattered[t] = 0.0;
                }
                count
            },
        )
        .sum()
}
