//! Near-duplicate text (`analysis::similar`): the all-pairs join is exact (the same pairs and
//! scores as comparing every pair), with or without a mask, at any threshold; bench/sim_truth.py's
//! Python port of the tokenizer and model computes the same tokens and cosines; the tokenizer's
//! cases (hyphens, stop words, Unicode, apostrophes), the weights, the shared terms' order and
//! one-to-one statement matching.
#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed test.

use std::io::Write;
use std::process::{Command, Stdio};

use nosmap::analysis::similar::{SimilarPair, TfIdf, match_statements, similar_pairs, tokens};
use proptest::prelude::*;

/// Every pair, compared one by one.
fn brute_force(model: &TfIdf, threshold: f32, eligible: Option<&[bool]>) -> Vec<SimilarPair> {
    let ok = |d: usize| eligible.is_none_or(|m| m.get(d) == Some(&true));
    let mut pairs = Vec::new();
    for a in 0..model.len() {
        for b in a + 1..model.len() {
            let score = model.cosine(a, b);
            if (ok(a) || ok(b)) && score >= threshold {
                pairs.push(SimilarPair { a, b, score });
            }
        }
    }
    pairs
}

/// A word list with a few common words and many rare ones, so that documents share common
/// words and some share rare ones: both halves of each vector get exercised.
const WORDS: &[&str] = &[
    "check",
    "equipment",
    "safety",
    "records",
    "report",
    "customer",
    "install",
    "cable",
    "inspect",
    "boiler",
    "flue",
    "ventilation",
    "meter",
    "valve",
    "tariff",
    "audit",
    "ledger",
    "invoice",
    "payroll",
    "scaffold",
    "harness",
    "crane",
    "sling",
    "hoist",
    "mortar",
    "render",
    "plaster",
    "grout",
    "tiling",
    "glazing",
];

fn corpus_from(picks: &[Vec<usize>]) -> Vec<String> {
    picks
        .iter()
        .map(|doc| {
            let words: Vec<&str> = doc.iter().map(|&i| WORDS[i % WORDS.len()]).collect();
            words.join(" ")
        })
        .collect()
}

/// Word indices skewed towards the start of WORDS (a rough Zipf), 0–12 words a document, with
/// some documents copied from earlier ones and edited (near duplicates).
fn corpora() -> impl Strategy<Value = Vec<Vec<usize>>> {
    let word = (0usize..30, 0usize..30).prop_map(|(a, b)| a.min(b));
    let doc = prop::collection::vec(word, 0..12);
    prop::collection::vec((doc, any::<u16>(), 0usize..30), 0..40).prop_map(|docs| {
        let mut out: Vec<Vec<usize>> = Vec::new();
        for (doc, copy_from, extra) in docs {
            if !out.is_empty() && copy_from % 3 == 0 {
                let mut copy = out[copy_from as usize % out.len()].clone();
                copy.push(extra);
                out.push(copy);
            } else {
                out.push(doc);
            }
        }
        out
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn the_join_finds_exactly_the_pairs_brute_force_finds(
        picks in corpora(),
        threshold in 0.01f32..1.01,
        mask in prop::option::of(prop::collection::vec(any::<bool>(), 0..40)),
    ) {
        let model = TfIdf::new(&corpus_from(&picks));
        let mask = mask.as_deref();
        prop_assert_eq!(similar_pairs(&model, threshold, mask), brute_force(&model, threshold, mask));
    }

    #[test]
    fn statement_matches_are_one_to_one_and_leave_no_match_unmade(
        picks in corpora(),
        a in prop::collection::vec(prop::collection::vec(0usize..40, 0..6), 0..8),
        b in prop::collection::vec(prop::collection::vec(0usize..40, 0..6), 0..8),
        threshold in 0.0f32..1.0,
    ) {
        // Indices past WORDS make words the corpus lacks.
        let statement = |words: &Vec<usize>| -> String {
            words.iter().map(|&i| WORDS.get(i).map_or(format!("new{i}"), |w| w.to_string()))
                .collect::<Vec<_>>().join(" ")
        };
        let model = TfIdf::new(&corpus_from(&picks));
        let a: Vec<String> = a.iter().map(statement).collect();
        let b: Vec<String> = b.iter().map(statement).collect();
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        let b: Vec<&str> = b.iter().map(String::as_str).collect();
        let matches = match_statements(&model, &a, &b, threshold);
        let all = |i: usize, j: usize| match_statements(&model, &[a[i]], &[b[j]], f32::MIN);
        prop_assert!(matches.windows(2).all(|w| w[0].0 < w[1].0));
        let mut b_used = vec![false; b.len()];
        for &(i, j, score) in &matches {
            prop_assert!(!b_used[j] && score >= threshold);
            b_used[j] = true;
            prop_assert_eq!(all(i, j)[0].2, score);
        }
        // Nothing left that could still be matched.
        for i in (0..a.len()).filter(|i| matches.iter().all(|m| m.0 != *i)) {
            for j in (0..b.len()).filter(|&j| !b_used[j]) {
                prop_assert!(all(i, j)[0].2 < threshold);
            }
        }
    }

    #[test]
    fn a_threshold_equal_to_a_pairs_cosine_finds_that_pair(
        picks in corpora(),
        a in any::<prop::sample::Index>(),
        b in any::<prop::sample::Index>(),
    ) {
        let model = TfIdf::new(&corpus_from(&picks));
        prop_assume!(model.len() >= 2);
        let (a, b) = (a.index(model.len()), b.index(model.len()));
        prop_assume!(a != b);
        let threshold = model.cosine(a, b);
        prop_assume!(threshold > 0.0);
        let pairs = similar_pairs(&model, threshold, None);
        prop_assert!(pairs.iter().any(|p| (p.a, p.b) == (a.min(b), a.max(b))));
        prop_assert_eq!(pairs, brute_force(&model, threshold, None));
        let above = threshold.next_up();
        prop_assert_eq!(similar_pairs(&model, above, None), brute_force(&model, above, None));
    }
}

/// 1,500 documents shaped like units (shared boilerplate, suite words, edited copies), joined at
/// several thresholds against brute force.
#[test]
fn the_join_is_exact_on_a_unit_shaped_corpus() {
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut below = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let mut docs: Vec<String> = Vec::new();
    for i in 0..1_500 {
        if i > 10 && below(5) == 0 {
            // An edited copy of an earlier unit.
            let words: Vec<String> = docs[below(i)]
                .split(' ')
                .map(|w| {
                    if below(8) == 0 {
                        WORDS[below(WORDS.len())].to_owned()
                    } else {
                        w.to_owned()
                    }
                })
                .collect();
            docs.push(words.join(" "));
            continue;
        }
        let suite = below(40);
        let mut words = vec!["you must be able to".to_owned()];
        for _ in 0..30 {
            words.push(if below(2) == 0 {
                WORDS[below(8)].to_owned()
            } else {
                format!("s{suite}w{}", below(25))
            });
        }
        docs.push(words.join(" "));
    }
    let model = TfIdf::new(&docs);
    let mut mask = vec![false; docs.len()];
    for m in mask.iter_mut().step_by(7) {
        *m = true;
    }
    for threshold in [0.3, 0.5, 0.8, 0.9, 0.99, 1.0] {
        let pairs = similar_pairs(&model, threshold, None);
        assert_eq!(
            pairs,
            brute_force(&model, threshold, None),
            "threshold {threshold}"
        );
        let masked = similar_pairs(&model, threshold, Some(&mask));
        assert_eq!(
            masked,
            brute_force(&model, threshold, Some(&mask)),
            "threshold {threshold}"
        );
        if threshold == 0.8 {
            assert!(
                pairs.len() > 100,
                "the corpus has near duplicates: {}",
                pairs.len()
            );
        }
    }
}

/// Runs bench/sim_truth.py with `arg`, `input` on its standard input; None without python3
/// (outside CI; CI has it, and then a failure to run it fails the test).
fn python(arg: &str, input: &str) -> Option<serde_json::Value> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/bench/sim_truth.py");
    let child = Command::new("python3")
        .arg(script)
        .arg(arg)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(error) if std::env::var_os("CI").is_none() => {
            eprintln!("skipped: python3 cannot run ({error})");
            return None;
        }
        Err(error) => panic!("python3: {error}"),
    };
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "sim_truth.py {arg} failed");
    Some(serde_json::from_slice(&output.stdout).unwrap())
}

const TRICKY: &[&str] = &[
    "You must be able to check the equipment, a 2nd time (if needed).",
    "On-line e-mail up-to-date self\u{2010}assessment non\u{2011}breaking -lead trail- well--known x - y",
    "health–safety — the organisation’s policies, the client's needs, don't",
    "Gweithio’n DDIOGEL ŵyn Café ÉCOLE naïve Straße ΣΟΦΟΣ İstanbul",
    "ISO 9001:2015 / BS7671 ½ ² 3rd_party snake_case tab\tnew\nline",
    // Not Devanagari and the like: Rust counts their combining vowel signs as letters, Python
    // does not (the one difference, documented in sim_truth.py).
    "日本語のテキスト 中文 한국어 العربية",
    "",
    "   ",
];

#[test]
fn the_python_tokenizer_agrees() {
    let Some(theirs) = python("--tokens", &serde_json::to_string(TRICKY).unwrap()) else {
        return;
    };
    let ours: Vec<Vec<String>> = TRICKY.iter().map(|t| tokens(t)).collect();
    assert_eq!(serde_json::to_value(&ours).unwrap(), theirs);
}

#[test]
fn the_python_model_agrees() {
    let docs = [
        "Check the boiler flue and ventilation before use",
        "Check the boiler flue, the ventilation and the meter before use",
        "Install cable and test the circuit on-line",
        "Install cables and test circuits online",
        "Audit the payroll ledger against every invoice",
        "",
        "check check check boiler",
    ];
    let model = TfIdf::new(&docs);
    let pairs: Vec<[usize; 2]> = (0..docs.len())
        .flat_map(|a| (0..docs.len()).map(move |b| [a, b]))
        .collect();
    let request = serde_json::json!({ "docs": docs, "pairs": pairs });
    let Some(theirs) = python("--cosines", &request.to_string()) else {
        return;
    };
    for ([a, b], theirs) in pairs.iter().zip(theirs.as_array().unwrap()) {
        let ours = f64::from(model.cosine(*a, *b));
        let theirs = theirs.as_f64().unwrap();
        assert!(
            (ours - theirs).abs() < 1e-6,
            "{a} {b}: nosmap {ours}, Python {theirs}"
        );
    }
}

fn close(a: f32, b: f64) -> bool {
    (f64::from(a) - b).abs() < 1e-6
}

#[test]
fn tokens_lowercase_split_and_drop_short_and_stop_words() {
    assert_eq!(
        tokens("Ensure that YOU check the equipment, a 2nd time (if needed)."),
        ["ensure", "check", "equipment", "2nd", "time", "needed"]
    );
    assert_eq!(
        tokens("ISO 9001: 2015 / BS7671"),
        ["iso", "9001", "2015", "bs7671"]
    );
    assert!(tokens("a I x 1 – … ").is_empty());
}

#[test]
fn hyphenated_words_are_joined() {
    assert_eq!(
        tokens("On-line e-mail up-to-date self\u{2010}assessment"),
        ["online", "email", "uptodate", "selfassessment"]
    );
    // A hyphen not between two letters or digits splits (or is dropped).
    assert_eq!(
        tokens("-lead trail- well--known x - y"),
        ["lead", "trail", "well", "known"]
    );
    // An en dash is not a hyphen.
    assert_eq!(tokens("health–safety"), ["health", "safety"]);
}

#[test]
fn apostrophes_split_and_the_possessive_s_goes() {
    assert_eq!(
        tokens("the organisation’s policies, the client's needs"),
        ["organisation", "policies", "client", "needs"]
    );
}

#[test]
fn unicode_letters_are_kept_and_lowercased() {
    assert_eq!(
        tokens("Gweithio’n DDIOGEL ŵyn Café ÉCOLE naïve Straße ΣΟΦΟΣ"),
        [
            "gweithio",
            "ddiogel",
            "ŵyn",
            "café",
            "école",
            "naïve",
            "straße",
            "σοφος"
        ]
    );
}

#[test]
fn weights_follow_smooth_idf_and_l2_norm() {
    let model = TfIdf::new(&["apple banana", "apple cherry cherry", ""]);
    assert_eq!(model.len(), 3);
    assert_eq!(model.vocabulary_len(), 3);
    let idf_banana = (4.0f64 / 2.0).ln() + 1.0;
    let idf_apple = (4.0f64 / 3.0).ln() + 1.0;
    assert!(close(model.idf("banana").unwrap(), idf_banana));
    assert!(close(model.idf("apple").unwrap(), idf_apple));
    assert_eq!(model.idf("durian"), None);
    let norm0 = (idf_apple * idf_apple + idf_banana * idf_banana).sqrt();
    let doc0: Vec<(&str, f32)> = model.weights(0).collect();
    assert_eq!(doc0[0].0, "apple", "the most frequent term comes first");
    assert!(close(doc0[0].1, idf_apple / norm0));
    assert!(close(doc0[1].1, idf_banana / norm0));
    // Cherry counts twice in document 1.
    let cherry = 2.0 * idf_banana;
    let norm1 = (idf_apple * idf_apple + cherry * cherry).sqrt();
    assert!(close(
        model.cosine(0, 1),
        idf_apple / norm0 * idf_apple / norm1
    ));
    assert!(close(model.cosine(0, 0), 1.0));
    assert_eq!(model.cosine(0, 2), 0.0, "an empty document is like nothing");
    assert_eq!(model.weights(2).count(), 0);
}

#[test]
fn the_empty_corpus_has_no_pairs() {
    let model = TfIdf::new(&[] as &[&str]);
    assert!(model.is_empty());
    assert!(similar_pairs(&model, 0.5, None).is_empty());
    assert!(similar_pairs(&model, 0.0, None).is_empty());
}

#[test]
fn shared_terms_come_highest_contribution_first() {
    let model = TfIdf::new(&[
        "install cable install cable trunking",
        "install cable trunking",
        "install",
        "install",
        "cable",
    ]);
    let shared = model.shared_terms(0, 1, 10);
    let names: Vec<&str> = shared.iter().map(|(t, _)| t.as_str()).collect();
    // Trunking is the rarest, but cable counts twice in document 0.
    assert_eq!(names, ["cable", "trunking", "install"]);
    assert!(shared.windows(2).all(|w| w[0].1 >= w[1].1));
    let total: f32 = shared.iter().map(|(_, c)| c).sum();
    assert!((total - model.cosine(0, 1)).abs() < 1e-6);
    assert_eq!(model.shared_terms(0, 1, 1).len(), 1);
    assert!(model.shared_terms(2, 4, 5).is_empty());
}

#[test]
fn a_pair_at_exactly_the_threshold_is_found_and_just_above_is_not() {
    let model = TfIdf::new(&[
        "check gas appliance safety records",
        "check gas appliance safety reports",
        "paint the walls",
        "check gas appliance",
    ]);
    let score = model.cosine(0, 1);
    assert!(score > 0.3 && score < 1.0);
    let at = similar_pairs(&model, score, None);
    assert!(at.contains(&SimilarPair { a: 0, b: 1, score }));
    let above = similar_pairs(&model, score.next_up(), None);
    assert!(above.iter().all(|p| (p.a, p.b) != (0, 1)));
}

#[test]
fn a_threshold_of_zero_gives_every_pair_and_nan_none() {
    let model = TfIdf::new(&["one two", "three four", "two five"]);
    let all: Vec<(usize, usize)> = similar_pairs(&model, 0.0, None)
        .iter()
        .map(|p| (p.a, p.b))
        .collect();
    assert_eq!(all, [(0, 1), (0, 2), (1, 2)]);
    assert!(similar_pairs(&model, f32::NAN, None).is_empty());
    assert!(similar_pairs(&model, 1.5, None).is_empty());
}

#[test]
fn the_mask_keeps_pairs_with_an_eligible_side_once() {
    let docs = ["fit pipe", "fit pipe", "fit pipe", "fit pipe"];
    let model = TfIdf::new(&docs);
    let pairs = |mask: &[bool]| -> Vec<(usize, usize)> {
        similar_pairs(&model, 0.9, Some(mask))
            .iter()
            .map(|p| (p.a, p.b))
            .collect()
    };
    assert_eq!(
        pairs(&[false, true, false, false]),
        [(0, 1), (1, 2), (1, 3)]
    );
    assert_eq!(
        pairs(&[false, true, false, true]),
        [(0, 1), (0, 3), (1, 2), (1, 3), (2, 3)]
    );
    assert!(pairs(&[false; 4]).is_empty());
    assert_eq!(
        pairs(&[true]),
        [(0, 1), (0, 2), (0, 3)],
        "short mask: the rest not eligible"
    );
    assert_eq!(pairs(&[true; 4]).len(), 6);
}

#[test]
fn statements_match_one_to_one_best_first() {
    let model = TfIdf::new(&[
        "check the equipment is safe before use",
        "report faults to the supervisor",
        "keep records of maintenance",
    ]);
    let a = [
        "report faults to the supervisor",
        "check the equipment is safe before use",
        "check the equipment is safe",
    ];
    let b = [
        "check the equipment is safe before use",
        "report any faults to your supervisor",
    ];
    let matches = match_statements(&model, &a, &b, 0.5);
    // b[0] matches a[1] exactly; a[2] is close to it too but b[0] is taken.
    assert_eq!(matches.len(), 2);
    assert_eq!((matches[0].0, matches[0].1), (0, 1));
    assert_eq!((matches[1].0, matches[1].1), (1, 0));
    assert!(close(matches[1].2, 1.0));
    assert!(match_statements(&model, &a, &b, 1.5).is_empty());
}

#[test]
fn statements_match_on_words_the_corpus_lacks() {
    let model = TfIdf::new(&["install cable", "test circuits"]);
    let matches = match_statements(
        &model,
        &["calibrate oscilloscope"],
        &["calibrate oscilloscope"],
        0.9,
    );
    assert_eq!(matches.len(), 1);
    assert!(close(matches[0].2, 1.0));
    // An unseen word weighs more than any word of the corpus.
    let matches = match_statements(&model, &["install cable zzz"], &["install cable"], 0.0);
    assert!(matches[0].2 < 0.7);
}
