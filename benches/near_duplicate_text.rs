//! Near-duplicate text: fitting the TF-IDF model and the exact all-pairs join at cosine 0.8.
//!
//! Two corpora: `synthetic-5k`, 5,000 NOS-like units built here (suites with their own words,
//! 300 units copied into other suites with edits), and `sim-25k`, the benchmark corpus of
//! ../shared/bench/sim_corpus.py (25,000 units) read from `$NOSMAP_SIM_CORPUS` (a corpus.jsonl)
//! or generated into a temporary folder when python3 and the script are there; without them
//! `sim-25k` measures the synthetic corpus again and says so.
//!
//! Run: `cargo bench --no-default-features --bench near_duplicate_text`. Figures: BENCHMARKS.md.

use std::sync::OnceLock;

use nosmap::analysis::similar::{TfIdf, similar_pairs};

const CORPORA: &[&str] = &["synthetic-5k", "sim-25k"];
const THRESHOLD: f32 = 0.8;

fn main() {
    for name in CORPORA {
        let docs = corpus(name);
        let model = TfIdf::new(docs);
        let pairs = similar_pairs(&model, THRESHOLD, None).len();
        eprintln!(
            "{name}: {} documents, {} terms, {pairs} pairs",
            docs.len(),
            model.vocabulary_len()
        );
    }
    divan::main();
}

#[divan::bench(args = CORPORA, sample_count = 10)]
fn fit(name: &str) -> usize {
    TfIdf::new(divan::black_box(corpus(name))).vocabulary_len()
}

#[divan::bench(args = CORPORA, sample_count = 10)]
fn join(bencher: divan::Bencher, name: &str) {
    let model = TfIdf::new(corpus(name));
    bencher.bench(|| similar_pairs(divan::black_box(&model), THRESHOLD, None).len());
}

#[divan::bench(args = CORPORA, sample_count = 10)]
fn fit_and_join(name: &str) -> usize {
    let model = TfIdf::new(divan::black_box(corpus(name)));
    similar_pairs(&model, THRESHOLD, None).len()
}

fn corpus(name: &str) -> &'static [String] {
    static SYNTHETIC: OnceLock<Vec<String>> = OnceLock::new();
    static SIM: OnceLock<Vec<String>> = OnceLock::new();
    match name {
        "synthetic-5k" => SYNTHETIC.get_or_init(|| synthetic(5_000, 300)),
        _ => SIM.get_or_init(|| {
            sim_corpus().unwrap_or_else(|| {
                eprintln!("no sim_corpus.py corpus: sim-25k measures the synthetic corpus");
                synthetic(5_000, 300)
            })
        }),
    }
}

/// The documents of sim_corpus.py's corpus.jsonl: title and criteria joined by spaces.
fn sim_corpus() -> Option<Vec<String>> {
    let path = match std::env::var_os("NOSMAP_SIM_CORPUS") {
        Some(path) => std::path::PathBuf::from(path),
        None => {
            let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
            let script = here.join("../shared/bench/sim_corpus.py");
            let dir = std::env::temp_dir().join("nosmap-bench-sim-corpus");
            let made = dir.join("corpus.jsonl");
            if !made.exists() && script.exists() {
                std::process::Command::new("python3")
                    .arg(&script)
                    .arg("--out")
                    .arg(&dir)
                    .output()
                    .ok()?;
            }
            made
        }
    };
    let text = std::fs::read_to_string(path).ok()?;
    let docs = text
        .lines()
        .map(|line| {
            let unit: serde_json::Value = serde_json::from_str(line).ok()?;
            let mut doc = unit["title"].as_str()?.to_owned();
            for pc in unit["pc"].as_array()? {
                doc.push(' ');
                doc.push_str(pc.as_str()?);
            }
            Some(doc)
        })
        .collect::<Option<Vec<String>>>()?;
    (!docs.is_empty()).then_some(docs)
}

/// `n` NOS-like units: 80 suites with 60 words of their own, criteria mixing them with common
/// verbs and nouns; `copies` units are copies of others with about one word in ten changed.
fn synthetic(n: usize, copies: usize) -> Vec<String> {
    let mut rng = Rng(0x5eed_cafe_f00d);
    const VERBS: &[&str] = &[
        "check", "agree", "install", "inspect", "record", "report", "maintain", "prepare",
        "monitor", "review", "confirm", "identify", "select", "test", "store", "update",
    ];
    const COMMON: &[&str] = &[
        "equipment",
        "procedures",
        "records",
        "customers",
        "colleagues",
        "risks",
        "hazards",
        "materials",
        "tools",
        "quality",
        "standards",
        "information",
        "safety",
        "team",
        "work",
        "relevant",
        "appropriate",
        "agreed",
        "required",
        "correct",
        "organisational",
        "legislation",
        "timescales",
        "authority",
        "instructions",
        "ensure",
        "must",
        "able",
    ];
    let syllables = [
        "ba", "ke", "lo", "mi", "nu", "pa", "re", "si", "to", "vu", "za", "ge",
    ];
    let word = |rng: &mut Rng| -> String {
        (0..3 + rng.below(3))
            .map(|_| syllables[rng.below(syllables.len())])
            .collect()
    };
    let suites: Vec<Vec<String>> = (0..80)
        .map(|_| (0..60).map(|_| word(&mut rng)).collect())
        .collect();
    let mut docs: Vec<String> = (0..n)
        .map(|_| {
            let suite = &suites[rng.below(suites.len())];
            let mut doc = Vec::new();
            for _ in 0..11 {
                doc.push(VERBS[rng.below(VERBS.len())].to_owned());
                for _ in 0..6 {
                    if rng.below(10) < 6 {
                        doc.push(suite[rng.below(suite.len())].clone());
                    } else {
                        doc.push(COMMON[rng.below(COMMON.len())].to_owned());
                    }
                }
            }
            doc.join(" ")
        })
        .collect();
    for _ in 0..copies {
        let (from, to) = (rng.below(n), rng.below(n));
        let edited: Vec<String> = docs[from]
            .split(' ')
            .map(|w| {
                if rng.below(10) == 0 {
                    COMMON[rng.below(COMMON.len())].to_owned()
                } else {
                    w.to_owned()
                }
            })
            .collect();
        docs[to] = edited.join(" ");
    }
    docs
}

/// xorshift64: the same corpus on every run without a dependency.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}
