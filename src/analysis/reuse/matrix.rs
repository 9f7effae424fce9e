//! The coverage matrix: thematic units down, sector organisations (or suites) across, and in
//! each cell how the unit is used there, by mechanism. Empty cells are explicit: a column of
//! zeros is a sector that uses none of the theme's units.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::corpus::Corpus;
use super::{Mechanism, PairKey, ReuseReport, Source};

/// What the columns are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Columns {
    #[default]
    Organisations,
    Suites,
}

/// What the rows are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Rows {
    /// One row per thematic unit (and per earlier edition's code cited).
    #[default]
    Units,
    /// One row per function of a thematic map the units hang under (first placement); units
    /// from the catalogue, which has no functions, keep a row of their own.
    Functions,
}

/// One thematic unit, function or earlier edition's code as a row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MatrixRow {
    pub theme: String,
    pub source: Source,
    pub urn: String,
    pub title: String,
}

/// Uses in one cell: a count per mechanism and the uses themselves (indices into the report).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cell {
    pub counts: [usize; 4],
    pub uses: Vec<usize>,
}

impl Cell {
    pub fn total(&self) -> usize {
        self.counts.iter().sum()
    }

    /// “3 (U2 I1)”, or “0”.
    pub fn text(&self) -> String {
        if self.total() == 0 {
            return "0".into();
        }
        let parts: Vec<String> = Mechanism::ALL
            .iter()
            .zip(self.counts)
            .filter(|(_, n)| *n > 0)
            .map(|(m, n)| format!("{}{n}", m.letter()))
            .collect();
        format!("{} ({})", self.total(), parts.join(" "))
    }

    /// Reads `text()` back.
    pub fn parse(text: &str) -> Option<[usize; 4]> {
        let text = text.trim();
        if text == "0" {
            return Some([0; 4]);
        }
        let (total, rest) = text.split_once(" (")?;
        let mut counts = [0; 4];
        for part in rest.strip_suffix(')')?.split_whitespace() {
            let mut chars = part.chars();
            let mechanism = Mechanism::from_letter(chars.next()?)?;
            let index = Mechanism::ALL.iter().position(|m| *m == mechanism)?;
            counts[index] = chars.as_str().parse().ok()?;
        }
        (counts.iter().sum::<usize>() == total.parse::<usize>().ok()?).then_some(counts)
    }
}

/// The matrix.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Matrix {
    pub columns_by: Columns,
    pub rows_by: Rows,
    pub rows: Vec<MatrixRow>,
    pub columns: Vec<String>,
    /// `cells[row][column]`.
    pub cells: Vec<Vec<Cell>>,
}

/// Row orders an analyst asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowOrder {
    /// Theme, then URN.
    Theme,
    /// Most used first.
    MostUsed,
    /// Most organisations first.
    WidestSpread,
}

impl Matrix {
    /// Builds the matrix of the report's uses (rejected pairs left out). With
    /// `Columns::Organisations`, every organisation in the corpus is a column, used or not.
    pub fn build(corpus: &Corpus, report: &ReuseReport, columns_by: Columns) -> Self {
        Self::build_with(corpus, report, Rows::Units, columns_by)
    }

    /// Builds the matrix with rows of units or of functions.
    pub fn build_with(
        corpus: &Corpus,
        report: &ReuseReport,
        rows_by: Rows,
        columns_by: Columns,
    ) -> Self {
        let mut rows = Vec::new();
        let mut row_of: HashMap<(usize, Source), usize> = HashMap::new();
        let mut function_row: HashMap<(usize, String), usize> = HashMap::new();
        for (t, reps) in report.members.iter().enumerate() {
            for &rep in reps {
                let unit = &corpus.units[rep];
                let function = unit
                    .functions
                    .first()
                    .filter(|_| rows_by == Rows::Functions);
                if let Some(function) = function {
                    let key = (t, format!("{}\u{0}{function}", unit.source));
                    let row = *function_row.entry(key).or_insert_with(|| {
                        rows.push(MatrixRow {
                            theme: report.themes[t].name.clone(),
                            source: Source::Unit(rep),
                            urn: String::new(),
                            title: function.clone(),
                        });
                        rows.len() - 1
                    });
                    row_of.insert((t, Source::Unit(rep)), row);
                    continue;
                }
                row_of.insert((t, Source::Unit(rep)), rows.len());
                rows.push(MatrixRow {
                    theme: report.themes[t].name.clone(),
                    source: Source::Unit(rep),
                    urn: unit.urn.clone(),
                    title: unit.title.clone(),
                });
            }
        }
        // Columns are names in compared form (“Skills for justice” is Skills for Justice,
        // “Cultural  and Heritage…” one suite), shown in their most used spelling.
        let mut spellings: HashMap<String, BTreeMap<String, usize>> = HashMap::new();
        let mut spell = |name: &str| {
            let key = super::normal::name(name);
            *spellings
                .entry(key.clone())
                .or_default()
                .entry(name.trim().to_string())
                .or_default() += 1;
            key
        };
        let mut column_names: BTreeMap<String, usize> = BTreeMap::new();
        if columns_by == Columns::Organisations {
            for unit in &corpus.units {
                if !unit.developer.is_empty() {
                    column_names.entry(spell(&unit.developer)).or_default();
                }
            }
        } else {
            for unit in &corpus.units {
                for suite in &unit.suites {
                    spell(suite);
                }
            }
        }
        let mut placed: Vec<(usize, String, usize)> = Vec::new();
        for (i, found) in report.uses.iter().enumerate() {
            if found.rejected() {
                continue;
            }
            let row = *row_of
                .entry((found.theme, found.source.clone()))
                .or_insert_with(|| {
                    let (urn, title) = match &found.source {
                        Source::Unit(u) => {
                            (corpus.units[*u].urn.clone(), corpus.units[*u].title.clone())
                        }
                        Source::Earlier(code) => {
                            (code.clone(), "(earlier edition, not in the corpus)".into())
                        }
                    };
                    rows.push(MatrixRow {
                        theme: report.themes[found.theme].name.clone(),
                        source: found.source.clone(),
                        urn,
                        title,
                    });
                    rows.len() - 1
                });
            let names: Vec<String> = match columns_by {
                Columns::Organisations => vec![report.organisation(corpus, found)],
                Columns::Suites => match &found.suite {
                    Some(suite) => vec![suite.clone()],
                    None => corpus.units[found.using].suites.clone(),
                },
            };
            for name in names {
                if name.is_empty() {
                    continue;
                }
                let key = spell(&name);
                *column_names.entry(key.clone()).or_default() += 1;
                placed.push((row, key, i));
            }
        }
        let keys: Vec<String> = column_names.keys().cloned().collect();
        let column_index: HashMap<&str, usize> = keys
            .iter()
            .enumerate()
            .map(|(i, c)| (c.as_str(), i))
            .collect();
        let columns: Vec<String> = keys
            .iter()
            .map(|key| {
                spellings.get(key).map_or_else(
                    || key.clone(),
                    |by| {
                        by.iter()
                            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                            .map(|(s, _)| s.clone())
                            .unwrap_or_default()
                    },
                )
            })
            .collect();
        // A cell counts pairs, not rows: the catalogue repeats a unit on several rows.
        let mut counted: HashSet<(usize, usize, Mechanism, PairKey)> = HashSet::new();
        let mut cells = vec![vec![Cell::default(); columns.len()]; rows.len()];
        for (row, name, i) in placed {
            let column = column_index[name.as_str()];
            let cell = &mut cells[row][column];
            let found = &report.uses[i];
            let key = PairKey::of(corpus, found);
            if counted.insert((row, column, found.mechanism, key)) {
                let m = Mechanism::ALL
                    .iter()
                    .position(|x| *x == found.mechanism)
                    .unwrap_or(0);
                cell.counts[m] += 1;
            }
            if !cell.uses.contains(&i) {
                cell.uses.push(i);
            }
        }
        let mut matrix = Self {
            columns_by,
            rows_by,
            rows,
            columns,
            cells,
        };
        matrix.order_columns();
        matrix
    }

    /// Columns most used first, then by name; unused columns last.
    fn order_columns(&mut self) {
        let mut order: Vec<usize> = (0..self.columns.len()).collect();
        order.sort_by(|&a, &b| {
            self.column_total(b)
                .cmp(&self.column_total(a))
                .then_with(|| self.columns[a].cmp(&self.columns[b]))
        });
        self.columns = order.iter().map(|&c| self.columns[c].clone()).collect();
        for row in &mut self.cells {
            *row = order.iter().map(|&c| row[c].clone()).collect();
        }
    }

    pub fn row_total(&self, row: usize) -> usize {
        self.cells[row].iter().map(Cell::total).sum()
    }

    pub fn column_total(&self, column: usize) -> usize {
        self.cells.iter().map(|r| r[column].total()).sum()
    }

    /// How many columns use a row at all.
    pub fn row_spread(&self, row: usize) -> usize {
        self.cells[row].iter().filter(|c| c.total() > 0).count()
    }

    /// Row indices in an order, keeping only rows whose theme, URN or title contains `filter`
    /// (case-insensitive; empty keeps all).
    pub fn row_order(&self, order: RowOrder, filter: &str) -> Vec<usize> {
        let needle = filter.to_lowercase();
        let mut rows: Vec<usize> = (0..self.rows.len())
            .filter(|&r| {
                let row = &self.rows[r];
                needle.is_empty()
                    || [&row.theme, &row.urn, &row.title]
                        .iter()
                        .any(|s| s.to_lowercase().contains(&needle))
            })
            .collect();
        match order {
            RowOrder::Theme => {}
            RowOrder::MostUsed => rows.sort_by_key(|&r| std::cmp::Reverse(self.row_total(r))),
            RowOrder::WidestSpread => {
                rows.sort_by_key(|&r| std::cmp::Reverse(self.row_spread(r)));
            }
        }
        rows
    }

    /// Columns no row uses.
    pub fn unused_columns(&self) -> Vec<&str> {
        (0..self.columns.len())
            .filter(|&c| self.column_total(c) == 0)
            .map(|c| self.columns[c].as_str())
            .collect()
    }

    /// The plain table: what a CSV holds and reads back.
    pub fn table(&self) -> MatrixTable {
        MatrixTable {
            columns: self.columns.clone(),
            rows: self
                .rows
                .iter()
                .zip(&self.cells)
                .map(|(row, cells)| MatrixTableRow {
                    theme: row.theme.clone(),
                    urn: row.urn.clone(),
                    title: row.title.clone(),
                    counts: cells.iter().map(|c| c.counts).collect(),
                })
                .collect(),
        }
    }

    /// CSV: theme, URN, title, one column per organisation or suite (“3 (U2 I1)”), total; a
    /// last row of column totals.
    pub fn to_csv(&self) -> String {
        let mut writer = csv::Writer::from_writer(Vec::new());
        let mut header = vec!["theme".to_string(), "urn".into(), "title".into()];
        header.extend(self.columns.iter().cloned());
        header.push("total".into());
        let _ = writer.write_record(&header);
        for (r, row) in self.rows.iter().enumerate() {
            let mut record = vec![
                safe_cell(&row.theme),
                safe_cell(&row.urn),
                safe_cell(&row.title),
            ];
            record.extend(self.cells[r].iter().map(Cell::text));
            record.push(self.row_total(r).to_string());
            let _ = writer.write_record(&record);
        }
        let mut totals = vec!["total".to_string(), String::new(), String::new()];
        totals.extend((0..self.columns.len()).map(|c| self.column_total(c).to_string()));
        totals.push(
            (0..self.rows.len())
                .map(|r| self.row_total(r))
                .sum::<usize>()
                .to_string(),
        );
        let _ = writer.write_record(&totals);
        String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
    }
}

/// A cell a spreadsheet shows as text, never as a formula (the CSV export's own rule).
fn safe_cell(text: &str) -> String {
    crate::io::table::spreadsheet_safe(text).into_owned()
}

/// The matrix as a plain table of counts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MatrixTable {
    pub columns: Vec<String>,
    pub rows: Vec<MatrixTableRow>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MatrixTableRow {
    pub theme: String,
    pub urn: String,
    pub title: String,
    pub counts: Vec<[usize; 4]>,
}

impl MatrixTable {
    /// Reads a matrix CSV back, checking its totals; an error names the line.
    pub fn from_csv(text: &str) -> Result<Self, String> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(text.as_bytes());
        let header = reader.headers().map_err(|e| e.to_string())?.clone();
        let width = header.len();
        if width < 4 || &header[0] != "theme" || &header[width - 1] != "total" {
            return Err("line 1: not a coverage matrix (theme, urn, title, …, total)".into());
        }
        let columns: Vec<String> = header
            .iter()
            .skip(3)
            .take(width - 4)
            .map(String::from)
            .collect();
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| e.to_string())?;
            let line = record.position().map_or(0, |p| p.line());
            if &record[0] == "total" {
                break;
            }
            let unquote = |s: &str| crate::io::table::from_spreadsheet_safe(s).to_string();
            let mut counts = Vec::new();
            for (c, text) in record.iter().skip(3).take(columns.len()).enumerate() {
                counts.push(Cell::parse(text).ok_or_else(|| {
                    format!(
                        "line {line}, column {}: “{text}” is not a cell like “3 (U2 I1)”",
                        c + 4
                    )
                })?);
            }
            rows.push(MatrixTableRow {
                theme: unquote(&record[0]),
                urn: unquote(&record[1]),
                title: unquote(&record[2]),
                counts,
            });
        }
        Ok(Self { columns, rows })
    }
}
