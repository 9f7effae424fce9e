//! Thematic sets: which units belong to a theme. A theme is defined by the suites that
//! publish it, URN prefixes, hand-picked URNs and the theme tag units carry in their maps.

use std::collections::HashSet;

use super::corpus::CorpusUnit;
use super::normal;

/// One theme's definition.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ThemeSet {
    /// The key units are tagged with (`customer-service`), as in a map's themes.
    pub id: String,
    pub name: String,
    /// Suites that publish the theme's standards, every edition (compared by `normal::name`).
    pub suites: Vec<String>,
    /// URN prefixes of the theme's own units (compared by `normal::urn`).
    pub urn_prefixes: Vec<String>,
    /// Units picked by hand (URNs).
    pub units: Vec<String>,
    /// Codes of earlier editions that an Original URN may cite instead of a unit in the corpus
    /// (“MSC A1”, “ICS 26”): prefixes, compared by `normal::urn`.
    pub earlier_codes: Vec<String>,
}

impl ThemeSet {
    /// The theme ready for matching: every name in its compared form, once.
    pub fn matcher(&self) -> Matcher<'_> {
        Matcher {
            theme: self,
            suites: self.suites.iter().map(|s| normal::name(s)).collect(),
            prefixes: self.urn_prefixes.iter().map(|p| normal::urn(p)).collect(),
            units: self.units.iter().map(|u| normal::urn(u)).collect(),
            earlier: self.earlier_codes.iter().map(|p| normal::urn(p)).collect(),
        }
    }

    /// Whether a unit belongs to the theme, and why (for evidence), or `None`.
    pub fn membership(&self, unit: &CorpusUnit) -> Option<String> {
        self.matcher().membership(unit)
    }
}

/// A theme with its names in compared form.
pub struct Matcher<'a> {
    pub theme: &'a ThemeSet,
    suites: HashSet<String>,
    prefixes: Vec<String>,
    units: HashSet<String>,
    earlier: Vec<String>,
}

impl Matcher<'_> {
    /// Whether a suite (in `normal::name` form) is one of the theme's own suites.
    pub fn has_suite_key(&self, key: &str) -> bool {
        self.suites.contains(key)
    }

    /// Whether a unit belongs to the theme, and why (for evidence), or `None`.
    pub fn membership(&self, unit: &CorpusUnit) -> Option<String> {
        if let Some(k) = unit.suite_keys.iter().position(|s| self.has_suite_key(s)) {
            return Some(format!("listed in the suite “{}”", unit.suites[k]));
        }
        if unit.tags.iter().any(|t| t == &self.theme.id) {
            return Some(format!("tagged “{}” in its map", self.theme.name));
        }
        if unit.urn_key.is_empty() {
            return None;
        }
        if self.units.contains(&unit.urn_key) {
            return Some("picked by hand".into());
        }
        self.prefixes
            .iter()
            .find(|p| unit.urn_key.starts_with(p.as_str()))
            .map(|p| format!("URN starts with {p}"))
    }

    /// Whether a code (in `normal::urn` form) starts with a code of an earlier edition.
    pub fn earlier_code(&self, code_key: &str) -> bool {
        self.earlier
            .iter()
            .any(|p| code_key.starts_with(p.as_str()))
    }
}

/// The five thematic areas of the pan-sector NOS project, plus coaching and mentoring (part of
/// learning and development, published as its own suite), as the 2019 catalogue names their
/// suites (the reference TOMLs give the published suites and URN prefixes).
pub fn pan_sector_theme_sets() -> Vec<ThemeSet> {
    let set = |id: &str, name: &str, suites: &[&str], prefixes: &[&str], earlier: &[&str]| {
        let owned = |list: &[&str]| list.iter().map(|s| s.to_string()).collect();
        ThemeSet {
            id: id.into(),
            name: name.into(),
            suites: owned(suites),
            urn_prefixes: owned(prefixes),
            units: Vec::new(),
            earlier_codes: owned(earlier),
        }
    };
    vec![
        set(
            "business-administration",
            "Business and administration",
            &[
                "Business & Administration (2013)",
                "Business and Administration NOS (2010)",
                "Business and Administration NOS (2013)",
                "Business and Administration - Specialist Parking Administration (2013)",
                "Business and Administration",
            ],
            &["CFABA"],
            // The 2005 Council for Administration suite: BAA111… BAH…
            &[
                "BAA", "BAB", "BAC", "BAD", "BAE", "BAF", "BAG", "BAH", "CFABA",
            ],
        ),
        set(
            "leadership-management",
            "Leadership and management",
            &[
                "Management & Leadership",
                "Management and Leadership National Occupational Standards 2008",
            ],
            // Not “CFAM_L”: rows spelt so outside the M&L suites are other organisations'
            // copies or data errors, which the mechanisms judge for themselves.
            &["CFAML", "CFAM&L"],
            // Management Standards Centre 2004 (“MSC A1”), “M&L E8”, the 2008 codes.
            &["MSC", "M&L", "CFAML", "CFAM&L", "CFAM_L"],
        ),
        set(
            "digital-applications",
            "Digital applications",
            &["IT Users", "IT Users 6.2"],
            &["ESKITU"],
            &["ESKITU"],
        ),
        set(
            "learning-development",
            "Learning and development",
            &[
                "Learning and Development (2010)",
                "Learning and Development",
            ],
            &["LSILADD"],
            &["LSILADD"],
        ),
        set(
            "coaching-mentoring",
            "Coaching and mentoring",
            &[
                "Coaching and Mentoring",
                "Coaching and Mentoring in a Work Environment",
                "Coaching and Mentoring in a Work Environment v2",
            ],
            &["LSICM"],
            &["LSICM"],
        ),
        set(
            "customer-service",
            "Customer service",
            &[
                "Customer Service (2013)",
                "Customer Service 2010",
                "Customer Service",
            ],
            &["CFACS"],
            // The Institute of Customer Service's units: “ICS 26”, “ICS Unit 26”.
            &["ICS", "CFACS"],
        ),
    ]
}
