//! The whole UK NOS catalogue (the 2019 database export, one row per NOS) as one map:
//! key purpose → developing organisation → suite → units.
//!
//! A unit listed in several suites is one unit placed under each; rows with the same URN merge
//! into one unit (what they disagree on is reported, the first row's value kept). Messy values
//! are normalised — validity and category spellings, the 1905 "no date" stand-in, keyword
//! separators — and every normalisation is counted. Every row with a URN or a title lands
//! somewhere; the report accounts for the rest. Organisations get short codes (`codes.rs`:
//! their URN prefix, such as LAN for Lantra) so that they can be named on the command line.

mod codes;

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::Path;

use super::LoadError;
use crate::model::{
    Category, Date, Function, FunctionalMap, KeyPurpose, MapMeta, Node, NodeId, Status, Unit,
    Validity,
};

/// The key purpose of the catalogue map.
pub const CATALOGUE_KEY_PURPOSE: &str = "UK National Occupational Standards (2019)";

/// Where rows without an organisation or a suite go.
const NO_ORGANISATION: &str = "(no developing organisation)";
const NO_SUITE: &str = "(no suite)";

/// What the import did with every row.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CatalogueReport {
    pub rows_in: usize,
    pub units_created: usize,
    pub placements: usize,
    /// Rows whose URN an earlier row already had: merged into that unit.
    pub merged_rows: usize,
    /// Fields that rows with the same URN disagree on (first value kept).
    pub conflicts: Vec<String>,
    /// Rows not imported, with the reason.
    pub skipped: Vec<(usize, String)>,
    /// Values changed to a standard form, by kind.
    pub normalised: BTreeMap<&'static str, usize>,
    pub organisations: usize,
    pub suites: usize,
}

impl CatalogueReport {
    /// Every row is a unit, a merge or a skip.
    pub fn accounts_for_every_row(&self) -> bool {
        self.units_created + self.merged_rows + self.skipped.len() == self.rows_in
    }

    fn normalise(&mut self, what: &'static str) {
        *self.normalised.entry(what).or_default() += 1;
    }
}

impl fmt::Display for CatalogueReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "rows in:            {}", self.rows_in)?;
        writeln!(f, "units created:      {}", self.units_created)?;
        writeln!(f, "rows merged by URN: {}", self.merged_rows)?;
        writeln!(f, "rows skipped:       {}", self.skipped.len())?;
        writeln!(f, "placements:         {}", self.placements)?;
        writeln!(
            f,
            "organisations:      {} · suites: {}",
            self.organisations, self.suites
        )?;
        writeln!(f, "normalised values:")?;
        for (what, count) in &self.normalised {
            writeln!(f, "  {what}: {count}")?;
        }
        writeln!(
            f,
            "conflicts between rows with one URN: {}",
            self.conflicts.len()
        )?;
        for conflict in self.conflicts.iter().take(20) {
            writeln!(f, "  {conflict}")?;
        }
        if self.conflicts.len() > 20 {
            writeln!(f, "  … and {} more", self.conflicts.len() - 20)?;
        }
        for (row, reason) in &self.skipped {
            writeln!(f, "skipped line {row}: {reason}")?;
        }
        Ok(())
    }
}

/// The catalogue's columns.
const COLUMNS: [&str; 12] = [
    "urn",
    "title",
    "developed_by",
    "suites",
    "occupations",
    "validity",
    "indicative_review_date",
    "status",
    "soc_codes",
    "category",
    "keywords",
    "original_urn",
];

/// One row of the catalogue export as it was (values trimmed, nothing else changed).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CatalogueRow {
    /// Line of the file the row starts on (the header is line 1).
    pub line: usize,
    pub urn: String,
    pub title: String,
    pub developed_by: String,
    pub suites: String,
    pub occupations: String,
    pub validity: String,
    pub indicative_review_date: String,
    pub status: String,
    pub soc_codes: String,
    pub category: String,
    pub keywords: String,
    pub original_urn: String,
}

impl CatalogueRow {
    fn from_values(line: usize, v: [&str; 12]) -> Self {
        let s = |i: usize| v[i].to_string();
        Self {
            line,
            urn: s(0),
            title: s(1),
            developed_by: s(2),
            suites: s(3),
            occupations: s(4),
            validity: s(5),
            indicative_review_date: s(6),
            status: s(7),
            soc_codes: s(8),
            category: s(9),
            keywords: s(10),
            original_urn: s(11),
        }
    }

    fn values(&self) -> [&str; 12] {
        [
            &self.urn,
            &self.title,
            &self.developed_by,
            &self.suites,
            &self.occupations,
            &self.validity,
            &self.indicative_review_date,
            &self.status,
            &self.soc_codes,
            &self.category,
            &self.keywords,
            &self.original_urn,
        ]
    }
}

/// Reads every row of the catalogue export's CSV text, in file order. `path` names the file in
/// messages; a missing column or broken CSV is an error naming the line.
pub fn read_catalogue_rows(text: &str, path: &Path) -> Result<Vec<CatalogueRow>, LoadError> {
    let text = super::table::without_bom(text);
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| super::table::csv_error(path, &e))?
        .clone();
    let mut index = [0usize; 12];
    for (slot, name) in index.iter_mut().zip(COLUMNS) {
        *slot = headers
            .iter()
            .position(|h| h.trim() == name)
            .ok_or_else(|| LoadError::Syntax {
                path: path.to_path_buf(),
                line: 1,
                column: 1,
                message: format!(
                    "the header has no column “{name}”; the catalogue's columns are: {}",
                    COLUMNS.join(", ")
                ),
            })?;
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| super::table::csv_error(path, &e))?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        let field = |i: usize| record.get(index[i]).unwrap_or("").trim();
        rows.push(CatalogueRow::from_values(line, std::array::from_fn(field)));
    }
    Ok(rows)
}

/// Reads the rows of a catalogue export file.
pub fn load_catalogue_rows(path: &Path) -> Result<Vec<CatalogueRow>, LoadError> {
    read_catalogue_rows(&super::read_text(path)?, path)
}

/// Builds the catalogue map from the export's CSV text. `path` names the file in messages.
pub fn import_catalogue(
    text: &str,
    path: &Path,
) -> Result<(FunctionalMap, CatalogueReport), LoadError> {
    let mut builder = Builder::new();
    for row in read_catalogue_rows(text, path)? {
        builder.row(row.line, &row.values());
    }
    Ok(builder.finish())
}

struct Builder {
    map: FunctionalMap,
    report: CatalogueReport,
    next: NodeId,
    organisations: HashMap<String, NodeId>,
    suites: HashMap<(NodeId, String), NodeId>,
    by_urn: HashMap<String, (NodeId, usize)>,
}

impl Builder {
    fn new() -> Self {
        let meta = MapMeta {
            level_names: vec!["Developing organisation".into(), "Suite".into()],
            description: "Every NOS of the June 2019 export of the UK NOS database, by developing organisation and suite.".into(),
            ..MapMeta::new(CATALOGUE_KEY_PURPOSE)
        };
        let map = FunctionalMap::new(meta, KeyPurpose::new(CATALOGUE_KEY_PURPOSE));
        let next = map.next_free_id();
        Self {
            map,
            report: CatalogueReport::default(),
            next,
            organisations: HashMap::new(),
            suites: HashMap::new(),
            by_urn: HashMap::new(),
        }
    }

    fn fresh(&mut self) -> NodeId {
        let id = self.next;
        self.next = id.next();
        id
    }

    fn function_under(&mut self, parent: NodeId, title: &str) -> NodeId {
        let id = self.fresh();
        self.map
            .insert_node(id, Node::Function(Function::new("", title)));
        let end = self.map.children(parent).len();
        self.map.link(parent, id, end);
        id
    }

    fn organisation(&mut self, name: &str) -> NodeId {
        let name = if name.is_empty() {
            NO_ORGANISATION
        } else {
            name
        };
        if let Some(&id) = self.organisations.get(name) {
            return id;
        }
        let root = self.map.root();
        let id = self.function_under(root, name);
        self.organisations.insert(name.to_string(), id);
        self.report.organisations += 1;
        id
    }

    fn suite(&mut self, organisation: NodeId, name: &str) -> NodeId {
        let key = (organisation, name.to_string());
        if let Some(&id) = self.suites.get(&key) {
            return id;
        }
        let id = self.function_under(organisation, name);
        self.suites.insert(key, id);
        self.report.suites += 1;
        id
    }

    fn place(&mut self, unit: NodeId, organisation: &str, suites: &[String]) {
        let org = self.organisation(organisation);
        for suite in suites {
            let parent = self.suite(org, suite);
            if self.map.index_in_parent(parent, unit).is_none() {
                let end = self.map.children(parent).len();
                self.map.link(parent, unit, end);
                self.report.placements += 1;
            }
        }
    }

    fn row(&mut self, line: usize, row: &[&str; 12]) {
        self.report.rows_in += 1;
        let [
            urn,
            title,
            developed_by,
            suites,
            occupations,
            validity,
            review,
            status,
            soc,
            category,
            keywords,
            original,
        ] = *row;
        if urn.is_empty() && title.is_empty() {
            self.report
                .skipped
                .push((line, "no URN and no title: nothing to place".into()));
            return;
        }
        let suites = self.split_list(
            suites,
            "suite lists with a trailing, repeated or empty entry",
        );
        let suites = if suites.is_empty() {
            vec![NO_SUITE.to_string()]
        } else {
            suites
        };
        // Every row's values are read and normalised, merged rows too, so the counts are the
        // file's.
        let mut unit = Unit::new(urn, title);
        let m = &mut unit.metadata;
        m.developed_by = developed_by.to_string();
        m.original_urn = original.to_string();
        m.suites = suites.clone();
        m.occupations = self.split_list(
            occupations,
            "occupation lists with a trailing, repeated or empty entry",
        );
        m.soc_codes = self.split_list(
            soc,
            "SOC code lists with a trailing, repeated or empty entry",
        );
        m.keywords = self.keywords(keywords);
        m.validity = self.validity(validity);
        m.status = match status {
            "Original" => Some(Status::Original),
            "Tailored" => Some(Status::Tailored),
            "" => None,
            _ => {
                self.report.normalise("status not recognised (left empty)");
                None
            }
        };
        m.category = self.category(category);
        m.indicative_review_date = self.date(review);
        if !urn.is_empty() {
            if let Some(&(existing, first_line)) = self.by_urn.get(urn) {
                self.report.merged_rows += 1;
                self.compare(existing, first_line, line, urn, title, developed_by);
                self.place(existing, developed_by, &suites);
                return;
            }
        }
        let id = self.fresh();
        self.map.insert_node(id, Node::Unit(Box::new(unit)));
        self.report.units_created += 1;
        if !urn.is_empty() {
            self.by_urn.insert(urn.to_string(), (id, line));
        }
        self.place(id, developed_by, &suites);
    }

    fn compare(
        &mut self,
        unit: NodeId,
        first: usize,
        line: usize,
        urn: &str,
        title: &str,
        org: &str,
    ) {
        let Some(existing) = self.map.unit(unit) else {
            return;
        };
        if existing.title != title {
            self.report.conflicts.push(format!(
                "{urn}: title “{}” (line {first}) and “{title}” (line {line}); kept the first",
                existing.title
            ));
        }
        if existing.metadata.developed_by != org {
            self.report.conflicts.push(format!(
                "{urn}: developed by “{}” (line {first}) and “{org}” (line {line}); placed under both",
                existing.metadata.developed_by
            ));
        }
    }

    /// `;`-separated values, trimmed, without repeats or empties.
    fn split_list(&mut self, text: &str, what: &'static str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut cleaned = false;
        for item in text.split(';') {
            let item = item.trim();
            if item.is_empty() || out.iter().any(|o| o == item) {
                cleaned |= !text.is_empty();
                continue;
            }
            out.push(item.to_string());
        }
        if cleaned {
            self.report.normalise(what);
        }
        out
    }

    /// Keywords are separated by `;` or `,`, inconsistently: both split.
    fn keywords(&mut self, text: &str) -> Vec<String> {
        if text.contains(',') {
            self.report.normalise("keywords separated by commas");
        }
        let mut out: Vec<String> = Vec::new();
        for word in text
            .split([';', ','])
            .map(str::trim)
            .filter(|w| !w.is_empty())
        {
            if !out.iter().any(|o| o == word) {
                out.push(word.to_string());
            }
        }
        out
    }

    fn validity(&mut self, text: &str) -> Option<Validity> {
        match text {
            "" => None,
            "Current" => Some(Validity::Current),
            "Legacy" => Some(Validity::Legacy),
            _ if text.eq_ignore_ascii_case("current") => {
                self.report
                    .normalise("validity spelled otherwise (current)");
                Some(Validity::Current)
            }
            _ if text.eq_ignore_ascii_case("legacy") => {
                self.report
                    .normalise("validity spelled otherwise (legacy, LEGACY)");
                Some(Validity::Legacy)
            }
            _ if text.eq_ignore_ascii_case("archive") => {
                self.report.normalise("validity Archive read as Legacy");
                Some(Validity::Legacy)
            }
            _ => {
                self.report
                    .normalise("validity not recognised (left empty)");
                None
            }
        }
    }

    fn category(&mut self, text: &str) -> Option<Category> {
        match text {
            "" => None,
            "Core" => Some(Category::Core),
            "Generic" => Some(Category::Generic),
            "JobSpecific" => Some(Category::JobSpecific),
            _ if text
                .replace([' ', '-'], "")
                .eq_ignore_ascii_case("jobspecific") =>
            {
                self.report
                    .normalise("category “Job Specific” read as JobSpecific");
                Some(Category::JobSpecific)
            }
            _ => {
                self.report
                    .normalise("category not recognised (left empty)");
                None
            }
        }
    }

    fn date(&mut self, text: &str) -> Option<Date> {
        if text.is_empty() {
            return None;
        }
        if text.starts_with("1905") {
            self.report.normalise("1905 review dates read as no date");
            return None;
        }
        let day = text.get(..10).unwrap_or(text);
        match Date::parse_iso(day) {
            Ok(date) => Some(date),
            Err(_) => {
                self.report
                    .normalise("review dates not recognised (left empty)");
                None
            }
        }
    }

    fn finish(mut self) -> (FunctionalMap, CatalogueReport) {
        codes::assign_organisation_codes(&mut self.map);
        self.report.conflicts.sort();
        (self.map, self.report)
    }
}
