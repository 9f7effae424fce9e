//! The everyday uses a map's standards exist for, as documents: a self-assessment checklist for
//! an individual (every criterion and knowledge item with can do / need to develop / not
//! applicable and room for evidence), a draft job description from chosen units (purpose from the
//! key purpose, responsibilities from the units and their criteria, knowledge from their K&U) and
//! a training-needs sheet for a team (people × units).
//!
//! Each is built once as a [`UseDocument`] (headings, paragraphs, fields to fill in, lists and
//! tables), then written as HTML that prints on A4 (`html.rs`), a Word document (`docx.rs`) or an
//! Excel workbook (`xlsx.rs`, where choices are drop-down lists).

mod docx;
mod html;
mod xlsx;

use crate::layout::Scope;
use crate::model::{FunctionalMap, Node, NodeId, StatementList, numbering};
use crate::render::scoped_outline;

/// Which document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UseKind {
    SelfAssessment,
    JobDescription,
    TrainingNeeds,
}

impl UseKind {
    pub const ALL: [Self; 3] = [
        Self::SelfAssessment,
        Self::JobDescription,
        Self::TrainingNeeds,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::SelfAssessment => "Self-assessment checklist",
            Self::JobDescription => "Job description (draft)",
            Self::TrainingNeeds => "Training-needs sheet",
        }
    }
}

/// How the document is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UseFormat {
    Docx,
    Xlsx,
    Html,
}

impl UseFormat {
    pub const ALL: [Self; 3] = [Self::Docx, Self::Xlsx, Self::Html];

    pub fn extension(self) -> &'static str {
        match self {
            Self::Docx => "docx",
            Self::Xlsx => "xlsx",
            Self::Html => "html",
        }
    }

    /// The format a file name's extension names.
    pub fn of_path(path: &std::path::Path) -> Option<Self> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        Self::ALL.into_iter().find(|f| f.extension() == extension)
    }
}

/// What a use needs: the document, the part of the map (self-assessment, training needs), the
/// units chosen (job description; none: every unit in the scope) and the team (training needs).
#[derive(Clone, Debug, PartialEq)]
pub struct UseRequest {
    pub kind: UseKind,
    pub scope: Scope,
    pub units: Vec<NodeId>,
    pub people: Vec<String>,
}

/// A document of a use, before it is written in a format.
#[derive(Clone, Debug, PartialEq)]
pub struct UseDocument {
    pub title: String,
    pub blocks: Vec<Block>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// Level 1 is the document's title.
    Heading(usize, String),
    Paragraph(String),
    /// Labels of blanks to fill in ("Name", "Date").
    Fields(Vec<String>),
    Bullets(Vec<String>),
    Table(UseTable),
}

#[derive(Clone, Debug, PartialEq)]
pub struct UseTable {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub name: String,
    pub kind: ColumnKind,
    /// Width in characters (a spreadsheet's unit; the other formats share the page by it).
    pub width: u16,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ColumnKind {
    /// Words from the map.
    Text,
    /// Room to write.
    Blank,
    /// One of these, ticked: a box for each on paper, a drop-down list in a workbook.
    Choice(Vec<String>),
    /// One of these, marked: an empty cell on paper (the key above says what to write), a
    /// drop-down list in a workbook.
    Mark(Vec<String>),
}

/// A row: its text cells in column order (empty for the others), or a heading across the table.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub cells: Vec<String>,
    pub heading: bool,
}

impl Row {
    /// A heading row's words, as one line across the table.
    pub fn heading_text(&self) -> String {
        self.cells
            .iter()
            .map(String::as_str)
            .filter(|c| !c.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// The document of a use, in a format.
pub fn write_use(
    map: &FunctionalMap,
    request: &UseRequest,
    format: UseFormat,
) -> Result<Vec<u8>, String> {
    let document = build(map, request)?;
    match format {
        UseFormat::Html => Ok(html::html(&document).into_bytes()),
        UseFormat::Docx => docx::docx(&document),
        UseFormat::Xlsx => xlsx::xlsx(&document),
    }
}

/// The document of a use.
pub fn build(map: &FunctionalMap, request: &UseRequest) -> Result<UseDocument, String> {
    let units = units_in(map, &request.scope);
    match request.kind {
        UseKind::SelfAssessment => Ok(self_assessment(map, &units)),
        UseKind::JobDescription => {
            let chosen: Vec<NodeId> = if request.units.is_empty() {
                units
            } else {
                request.units.clone()
            };
            if let Some(missing) = chosen.iter().find(|id| map.unit(**id).is_none()) {
                return Err(format!("node n{} is not a unit of this map", missing.raw()));
            }
            Ok(job_description(map, &chosen))
        }
        UseKind::TrainingNeeds => Ok(training_needs(map, &request.scope, &request.people)),
    }
}

/// The units placed within the scope, each once, in outline order.
fn units_in(map: &FunctionalMap, scope: &Scope) -> Vec<NodeId> {
    let mut units = Vec::new();
    for row in scoped_outline(map, scope) {
        if map.unit(row.node).is_some() && !units.contains(&row.node) {
            units.push(row.node);
        }
    }
    units
}

fn unit_name(map: &FunctionalMap, id: NodeId) -> String {
    map.unit(id).map_or_else(String::new, |u| {
        if u.urn.trim().is_empty() {
            u.title.clone()
        } else {
            format!("{} {}", u.urn.trim(), u.title)
        }
    })
}

const ASSESSMENT: [&str; 3] = ["Can do", "Need to develop", "Not applicable"];

fn self_assessment(map: &FunctionalMap, units: &[NodeId]) -> UseDocument {
    let title = format!("Self-assessment checklist: {}", map.display_title());
    let mut blocks = vec![
        Block::Heading(1, title.clone()),
        Block::Paragraph(
            "For each statement, tick whether you can do it now, need to develop it, or whether \
             it does not apply to your role, and note the evidence that shows it (work you have \
             done, records, feedback, qualifications)."
                .into(),
        ),
        Block::Fields(vec!["Name".into(), "Job role".into(), "Date".into()]),
    ];
    for &id in units {
        let Some(unit) = map.unit(id) else { continue };
        blocks.push(Block::Heading(2, unit_name(map, id)));
        let mut any = false;
        for (list, stem) in [
            (StatementList::PerformanceCriteria, "You must be able to"),
            (StatementList::Knowledge, "You need to know and understand"),
        ] {
            let statements = unit.statements(list);
            if statements.is_empty() {
                continue;
            }
            any = true;
            let rows = numbering(list, statements)
                .into_iter()
                .zip(statements)
                .map(|(label, s)| Row {
                    heading: label.is_none(),
                    cells: vec![label.unwrap_or_default(), s.text.clone()],
                })
                .collect();
            blocks.push(Block::Table(UseTable {
                columns: vec![
                    text_column("No.", 5),
                    text_column(stem, 48),
                    Column {
                        name: "Assessment".into(),
                        kind: ColumnKind::Choice(ASSESSMENT.map(String::from).to_vec()),
                        width: 18,
                    },
                    Column {
                        name: "Evidence".into(),
                        kind: ColumnKind::Blank,
                        width: 30,
                    },
                ],
                rows,
            }));
        }
        if !any {
            blocks.push(Block::Paragraph(
                "No performance criteria or knowledge are written for this unit yet.".into(),
            ));
        }
    }
    UseDocument { title, blocks }
}

fn text_column(name: &str, width: u16) -> Column {
    Column {
        name: name.into(),
        kind: ColumnKind::Text,
        width,
    }
}

fn job_description(map: &FunctionalMap, units: &[NodeId]) -> UseDocument {
    let title = "Job description (draft)".to_string();
    let purpose = map
        .node(map.root())
        .map_or("", Node::title)
        .trim()
        .to_string();
    let mut blocks = vec![
        Block::Heading(1, title.clone()),
        Block::Paragraph(format!(
            "Drafted from the National Occupational Standards of {}. Edit it to fit the job.",
            map.display_title()
        )),
        Block::Fields(vec![
            "Job title".into(),
            "Reports to".into(),
            "Location".into(),
        ]),
        Block::Heading(2, "Job purpose".into()),
        Block::Paragraph(if purpose.is_empty() {
            "(The map's key purpose is not written yet.)".into()
        } else {
            purpose
        }),
        Block::Heading(2, "Main responsibilities".into()),
    ];
    let mut knowledge: Vec<String> = Vec::new();
    for &id in units {
        let Some(unit) = map.unit(id) else { continue };
        blocks.push(Block::Heading(3, unit.title.clone()));
        let duties: Vec<String> = unit
            .performance_criteria
            .iter()
            .filter(|s| s.is_item() && !s.text.trim().is_empty())
            .map(|s| capitalised(&s.text))
            .collect();
        if !duties.is_empty() {
            blocks.push(Block::Bullets(duties));
        }
        for item in unit.knowledge.iter().filter(|s| s.is_item()) {
            let text = capitalised(&item.text);
            if !text.is_empty() && !knowledge.contains(&text) {
                knowledge.push(text);
            }
        }
    }
    if !knowledge.is_empty() {
        blocks.push(Block::Heading(2, "Knowledge and understanding".into()));
        blocks.push(Block::Bullets(knowledge));
    }
    blocks.push(Block::Heading(2, "Based on these standards".into()));
    blocks.push(Block::Bullets(
        units.iter().map(|&id| unit_name(map, id)).collect(),
    ));
    UseDocument { title, blocks }
}

/// A criterion completes "You must be able to …"; in a list of duties it starts with a capital.
fn capitalised(text: &str) -> String {
    let text = text.trim();
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

const TRAINING: [&str; 3] = ["Competent", "Training needed", "Not needed"];

fn training_needs(map: &FunctionalMap, scope: &Scope, people: &[String]) -> UseDocument {
    let title = format!("Training needs: {}", map.display_title());
    let people: Vec<String> = if people.iter().any(|p| !p.trim().is_empty()) {
        people
            .iter()
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect()
    } else {
        (1..=5).map(|n| format!("Person {n}")).collect()
    };
    let mut columns = vec![text_column("URN", 12), text_column("Unit", 44)];
    columns.extend(people.iter().map(|person| Column {
        name: person.clone(),
        kind: ColumnKind::Mark(TRAINING.map(String::from).to_vec()),
        width: 14,
    }));
    let mut rows = Vec::new();
    let mut seen = Vec::new();
    for row in scoped_outline(map, scope) {
        match map.node(row.node) {
            Some(Node::Function(f)) => rows.push(Row {
                heading: true,
                cells: vec![
                    format!("{} {}", row.number, f.code).trim().to_string(),
                    f.title.clone(),
                ],
            }),
            Some(Node::Unit(u)) if !seen.contains(&row.node) => {
                seen.push(row.node);
                rows.push(Row {
                    heading: false,
                    cells: vec![u.urn.clone(), u.title.clone()],
                });
            }
            _ => {}
        }
    }
    let blocks = vec![
        Block::Heading(1, title.clone()),
        Block::Paragraph(
            "For each person and unit, write C (competent), T (training needed) or N (not \
             needed for the role). In the workbook, choose from the list in each cell."
                .into(),
        ),
        Block::Fields(vec!["Team".into(), "Completed by".into(), "Date".into()]),
        Block::Table(UseTable { columns, rows }),
    ];
    UseDocument { title, blocks }
}
