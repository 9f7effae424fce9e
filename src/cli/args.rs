//! Command-line arguments (clap derive). Each subcommand has its own module.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// nosmap: functional maps for UK National Occupational Standards.
///
/// With no subcommand, opens the FILEs (or the last map worked on, or an example map) in the
/// editor, each in a tab of its own.
#[derive(Debug, Parser)]
#[command(name = "nosmap", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Map files (name.nosmap.ron) to open in the editor.
    pub files: Vec<PathBuf>,
    /// A map to open read-only beside them, as a reference (e.g. the imported catalogue).
    #[arg(long = "reference", value_name = "FILE")]
    pub references: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print what a map holds: functions per level, units, placements, PCs and K&U; with --tree
    /// the outline with codes, URNs and node ids.
    Info(InfoArgs),
    /// Create a new map holding only its key purpose.
    New(NewArgs),
    /// Rewrite map files in canonical form, or with --check report those that are not.
    Fmt(FmtArgs),
    /// Check maps against the NOS quality rules (--level draft or publish); exit 1 when findings
    /// reach the --deny level.
    Check(CheckArgs),
    /// Export a diagram (SVG, PNG, PDF, DOT), a unit specification (Word, HTML, Markdown), a
    /// spreadsheet (CSV, XLSX), an outline (OPML, Freeplane) or a CASE 1.1 package.
    Export(ExportArgs),
    /// Build a map from a spreadsheet: nosmap's own CSV layout, or any CSV with --level/--field.
    ImportCsv(ImportCsvArgs),
    /// Build a map from an OPML outline (nosmap's own, or another outliner's by its shape).
    ImportOpml(ImportOpmlArgs),
    /// Build a map from a Freeplane or Freemind mind map (.mm; nosmap's own, or drafted there).
    ImportFreeplane(ImportOpmlArgs),
    /// Build a map from a 1EdTech CASE 1.1 package (JSON; nosmap's own, or another framework).
    ImportCase(ImportOpmlArgs),
    /// Build one map of the whole NOS catalogue export (organisation → suite → units).
    ImportCatalogue(ImportCatalogueArgs),
    /// Read published NOS saved as text (the ukstandards.org.uk page or a NOS PDF's text) into
    /// a map under a function (--into MAP --under CODE|URN) or as a new map (-o); says what went
    /// where and what was left over. Exit 1 when something was left over.
    ImportText(ImportTextArgs),
    /// Pan-sector analysis of maps and the catalogue: where thematic units are reused
    /// (reuse), the coverage matrix (matrix), candidate cross-cutting themes (themes).
    Analyse(AnalyseArgs),
    /// What changed between two versions of a map: added, removed, moved, renamed, fields and
    /// statements, as text, JSON or a publishable HTML/Markdown report; exit 1 when they differ.
    Diff(DiffArgs),
    /// Three-way merge of map files (also git's merge driver): their changes since BASE taken
    /// into OURS; exit 1 while conflicts remain.
    Merge(MergeArgs),
    /// The uses of a map: a self-assessment checklist, a draft job description from chosen
    /// units, or a training-needs sheet for a team, as DOCX, XLSX or HTML (by -o's extension).
    Uses(UsesArgs),
    /// Public review: write the review pack (the draft as DOCX with a comment table per unit,
    /// and the comment form as XLSX and CSV) into a folder.
    ReviewPack(ReviewPackArgs),
    /// Public review: read returned comment forms (XLSX, ODS, CSV) into the map as comments;
    /// importing a form again adds nothing. Exit 1 when a row could not be placed.
    ReviewImport(ReviewImportArgs),
    /// Public review: the comment-resolution matrix (XLSX, or HTML that prints as PDF).
    ReviewMatrix(ReviewMatrixArgs),
    /// Public review: the consultation report (counts by nation, stakeholder type, type,
    /// disposition and unit; with --draft, what changed since the review draft).
    ReviewReport(ReviewReportArgs),
    /// The "Workshop decisions" report of a session of the workshop log (by default the
    /// latest): who ran it and who came, what was agreed, left to discuss and voted on, the
    /// units and functions changed and the ideas parked; as HTML, Markdown, PDF, DOCX or CSV
    /// (by -o's extension).
    WorkshopReport(WorkshopReportArgs),
}

#[derive(Debug, Args)]
pub struct WorkshopReportArgs {
    /// The map.
    pub file: PathBuf,
    /// Where to write: .html, .md, .pdf, .docx or .csv.
    #[arg(short, long)]
    pub output: PathBuf,
    /// The session held on this day, YYYY-MM-DD (default: the latest session).
    #[arg(long, value_parser = parse_date)]
    pub date: Option<crate::model::Date>,
    /// Replace the output if it exists.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct ReviewPackArgs {
    /// The draft map.
    pub file: PathBuf,
    /// The folder to write the pack into (made if missing).
    #[arg(short, long)]
    pub output: PathBuf,
    /// Overwrite pack files already in the folder.
    #[arg(long)]
    pub force: bool,
    /// Only this branch: a node id, a unit URN or a function code.
    #[arg(long)]
    pub branch: Option<String>,
}

#[derive(Debug, Args)]
pub struct ReviewImportArgs {
    /// The map the comments are about; written back with its comments unless -o says where.
    pub file: PathBuf,
    /// Returned comment forms.
    #[arg(required = true)]
    pub forms: Vec<PathBuf>,
    /// Write the map with its comments here instead of over FILE.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Report what would be taken without writing anything.
    #[arg(long)]
    pub dry_run: bool,
}

/// How the resolution matrix is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum MatrixFormat {
    Xlsx,
    Html,
}

#[derive(Debug, Args)]
pub struct ReviewMatrixArgs {
    /// The map with its comments.
    pub file: PathBuf,
    /// Where to write.
    #[arg(short, long)]
    pub output: PathBuf,
    /// xlsx or html; by default from the output's extension.
    #[arg(long, value_enum)]
    pub format: Option<MatrixFormat>,
    /// Overwrite the output if it exists (never the map).
    #[arg(long)]
    pub force: bool,
}

/// How the consultation report is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Html,
    Md,
}

#[derive(Debug, Args)]
pub struct ReviewReportArgs {
    /// The map with its comments (the revised map).
    pub file: PathBuf,
    /// The draft that went out for review: the report says what changed since.
    #[arg(long)]
    pub draft: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = ReportFormat::Html)]
    pub format: ReportFormat,
    /// Write the report here instead of to standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

/// How `diff` writes its report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    Text,
    Json,
    Html,
    Md,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier version.
    pub old: PathBuf,
    /// The later version.
    pub new: PathBuf,
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
    /// Write the report here instead of to standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The common ancestor (git's %O).
    pub base: PathBuf,
    /// Our version (git's %A); the merged map is written here unless -o says otherwise.
    pub ours: PathBuf,
    /// Their version (git's %B).
    pub theirs: PathBuf,
    /// Where to write the merged map.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

/// What `analyse` reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum AnalyseWhat {
    /// Every use of a thematic unit, by mechanism, with its evidence.
    Reuse,
    /// Thematic units by sector organisation (or suite), uses counted by mechanism.
    Matrix,
    /// Candidate cross-cutting themes beyond the defined ones.
    Themes,
}

/// Output format of `analyse`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum AnalyseFormat {
    Text,
    Json,
    Csv,
    Html,
    /// The matrix as a spreadsheet (matrix only; needs -o).
    Xlsx,
}

/// Rows of the coverage matrix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum MatrixRows {
    Units,
    Functions,
}

/// Columns of the coverage matrix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum MatrixColumns {
    Organisations,
    Suites,
}

#[derive(Debug, Args)]
pub struct AnalyseArgs {
    /// reuse, matrix or themes.
    #[arg(value_enum)]
    pub what: AnalyseWhat,
    /// Map files in the corpus.
    pub maps: Vec<PathBuf>,
    /// The catalogue export CSV, one unit per row (e.g. nos-catalogue-2019.csv).
    #[arg(long)]
    pub catalogue: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = AnalyseFormat::Text)]
    pub format: AnalyseFormat,
    /// Write to this file instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Decisions on pairs and analysts' own themes (NAME.crosswalk.ron; created by --adopt).
    #[arg(long)]
    pub crosswalk: Option<PathBuf>,
    /// Only these themes, by id (repeat): business-administration, leadership-management,
    /// digital-applications, learning-development, coaching-mentoring, customer-service, or
    /// one defined in the crosswalk.
    #[arg(long = "theme", value_name = "ID")]
    pub themes: Vec<String>,
    /// Matrix columns.
    #[arg(long, value_enum, default_value_t = MatrixColumns::Organisations)]
    pub columns: MatrixColumns,
    /// Matrix rows: thematic units, or the functions of a thematic map they hang under.
    #[arg(long, value_enum, default_value_t = MatrixRows::Units)]
    pub rows: MatrixRows,
    /// Leave out near-duplicate text (the three linking mechanisms only).
    #[arg(long)]
    pub no_near_duplicates: bool,
    /// Score at which near duplicates are suggested: title, keywords and occupations cosines
    /// weighted 0.7, 0.2, 0.1 (default 0.6).
    #[arg(long, value_name = "COSINE")]
    pub threshold: Option<f32>,
    /// List rejected pairs too (reuse).
    #[arg(long)]
    pub include_rejected: bool,
    /// themes: adopt candidate N (from 1, as listed) as a theme in the --crosswalk file.
    #[arg(long, value_name = "N")]
    pub adopt: Option<usize>,
}

#[derive(Debug, Args)]
pub struct ImportCsvArgs {
    /// The CSV file (or an .xlsx/.ods workbook in nosmap's own layout, as `export --format xlsx`
    /// writes it).
    pub file: PathBuf,
    /// Where to write the map (name.nosmap.ron).
    #[arg(short, long)]
    pub output: PathBuf,
    /// Another spreadsheet: a column naming a level of the hierarchy, from the top (repeat).
    #[arg(long = "level", value_name = "COLUMN")]
    pub levels: Vec<String>,
    /// Another spreadsheet: FIELD=COLUMN, e.g. urn=Code or title="NOS title" (repeat).
    #[arg(long = "field", value_name = "FIELD=COLUMN")]
    pub fields: Vec<String>,
    /// Another spreadsheet: the key purpose of the new map.
    #[arg(long, default_value = "Key purpose to be agreed")]
    pub key_purpose: String,
    /// Replace the output if it exists.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct ImportOpmlArgs {
    /// The OPML (or, for import-freeplane, .mm) file.
    pub file: PathBuf,
    /// Where to write the map (name.nosmap.ron).
    #[arg(short, long)]
    pub output: PathBuf,
    /// Replace the output if it exists.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct ImportTextArgs {
    /// Text files, each holding one or more published NOS.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// The map to add the units to (written back, keeping backups).
    #[arg(long, requires = "under", conflicts_with = "output")]
    pub into: Option<PathBuf>,
    /// The function (code, URN, title or id) the units go under, last among its children.
    #[arg(long, requires = "into")]
    pub under: Option<String>,
    /// A new map of the units instead, one key area per suite they name.
    #[arg(short, long, required_unless_present = "into")]
    pub output: Option<PathBuf>,
    /// Say what would be read without writing anything.
    #[arg(long)]
    pub dry_run: bool,
    /// Replace the -o output if it exists.
    #[arg(long)]
    pub force: bool,
}

/// Which use of the map.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum UseChoice {
    /// Every criterion and knowledge item: can do / need to develop / not applicable, evidence.
    SelfAssessment,
    /// Purpose from the key purpose, responsibilities and knowledge from the units (--units).
    JobDescription,
    /// People × units, each cell competent / training needed / not needed (--people).
    TrainingNeeds,
}

#[derive(Debug, Args)]
pub struct UsesArgs {
    /// Which document.
    #[arg(value_enum)]
    pub kind: UseChoice,
    /// The map.
    pub file: PathBuf,
    /// Where to write: .docx, .xlsx or .html.
    #[arg(short, long)]
    pub output: PathBuf,
    /// Only the units under this node (id, URN or code).
    #[arg(long)]
    pub branch: Option<String>,
    /// Job description: the units it is drafted from (URNs, codes or ids, comma-separated);
    /// by default every unit in the branch.
    #[arg(long, value_delimiter = ',')]
    pub units: Vec<String>,
    /// Training needs: the team, names separated by `;` (by default five blank columns).
    #[arg(long, value_delimiter = ';')]
    pub people: Vec<String>,
    /// Replace the output if it exists.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct ImportCatalogueArgs {
    /// The catalogue CSV (e.g. nos-catalogue-2019.csv).
    pub file: PathBuf,
    /// Where to write the map (name.nosmap.ron).
    #[arg(short, long)]
    pub output: PathBuf,
    /// Replace the output if it exists.
    #[arg(long)]
    pub force: bool,
}

/// What `export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// The diagram as SVG with real, selectable text.
    Svg,
    /// The diagram for Graphviz, with our positions (`neato -n2` keeps them).
    Dot,
    /// The diagram as PNG at --dpi.
    Png,
    /// The diagram as PDF on --page paper, fitted to one page or --split-by-area.
    Pdf,
    /// The unit specification as a Word document (headings, contents, a section per unit).
    Docx,
    /// The unit specification as printable HTML.
    Html,
    /// The unit specification as Markdown.
    Md,
    /// Every unit with its placement path and all fields, for Excel and LibreOffice.
    Csv,
    /// The same rows as an Excel workbook (header frozen, text wrapped; every cell text).
    Xlsx,
    /// The hierarchy as an OPML outline (titles, codes, URNs, overviews, PCs and K&U).
    Opml,
    /// The same as a Freeplane mind map (a unit placed twice as a clone).
    Mm,
    /// The whole map as a 1EdTech CASE 1.1 package (CFPackage JSON).
    Case,
}

/// How diagram boxes are coloured.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum StyleChoice {
    /// A colour per level.
    Level,
    /// Units in their theme's colour.
    Theme,
    /// Black on white, for printing.
    Mono,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The map file.
    pub file: PathBuf,
    /// Output format.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Where to write. An existing file is refused unless --force; the map itself always is.
    #[arg(short, long)]
    pub output: PathBuf,
    /// Overwrite the output file if it exists (never the map being exported).
    #[arg(long)]
    pub force: bool,
    /// Only this branch: a node id, a unit URN or a function code (`nosmap info FILE --tree`
    /// lists them).
    #[arg(long)]
    pub branch: Option<String>,
    /// Only this many levels below the top (e.g. 1 = key purpose and key areas).
    #[arg(long)]
    pub depth: Option<usize>,
    /// Colouring of the diagram.
    #[arg(long, value_enum, default_value_t = StyleChoice::Level)]
    pub style: StyleChoice,
    /// Grow the tree downwards instead of left to right.
    #[arg(long)]
    pub top_down: bool,
    /// Arrangement of the diagram.
    #[arg(long, value_enum, default_value_t = LayoutChoice::Compact)]
    pub layout: LayoutChoice,
    /// Leave URNs off unit boxes.
    #[arg(long)]
    pub no_urns: bool,
    /// Leave PC and K&U counts off unit boxes.
    #[arg(long)]
    pub no_counts: bool,
    /// Start each box's caption with its outline number (1.2.3).
    #[arg(long)]
    pub numbers: bool,
    /// PDF: a legend under the drawing (level colours, theme colours, badges, counts).
    #[arg(long)]
    pub legend: bool,
    /// Embed the font files in an SVG (larger, but identical everywhere).
    #[arg(long)]
    pub embed_fonts: bool,
    /// CASE: a crosswalk file whose accepted pairs become associations (exactMatchOf,
    /// isRelatedTo).
    #[arg(long, value_name = "FILE")]
    pub crosswalk: Option<PathBuf>,
    /// CASE: the key the identifiers are made from (default: the map file's name); the same
    /// key gives the same identifiers.
    #[arg(long, value_name = "KEY")]
    pub case_key: Option<String>,
    /// PNG: this many millimetres wide at --dpi (e.g. 160 for a Word text column), instead of
    /// the drawing's own size.
    #[arg(long, value_name = "MM")]
    pub width_mm: Option<f32>,
    /// PNG resolution in dots per inch (96 = 100 %).
    #[arg(long, default_value_t = 192.0, value_parser = parse_dpi)]
    pub dpi: f32,
    /// PDF paper size.
    #[arg(long, value_enum, default_value_t = PaperChoice::A4)]
    pub page: PaperChoice,
    /// PDF pages in landscape.
    #[arg(long)]
    pub landscape: bool,
    /// PDF margin in millimetres.
    #[arg(long, default_value_t = 12.0)]
    pub margin: f32,
    /// PDF: an overview page, then the key areas (small ones share a page; large ones run over
    /// several), with bookmarks.
    #[arg(long)]
    pub split_by_area: bool,
    /// PDF: the whole drawing on one page, scaled up or down to fill it (the default).
    #[arg(long, value_enum, conflicts_with_all = ["scale", "pages"])]
    pub fit: Option<FitChoice>,
    /// PDF: print at this percentage of the natural size (100 prints unit titles at 9.75 pt), over
    /// as many pages as that needs.
    #[arg(long, value_parser = parse_scale, conflicts_with = "pages")]
    pub scale: Option<f32>,
    /// PDF: as large as fits on at most N pages, cut only between boxes.
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..=500), conflicts_with = "split_by_area")]
    pub pages: Option<u16>,
    /// PDF: draw the map as a poster of this size and tile it onto --page sheets, with overlaps
    /// and crop marks.
    #[arg(long, value_enum, conflicts_with_all = ["split_by_area", "scale", "pages"])]
    pub poster: Option<PosterChoice>,
    /// PDF poster: how far each sheet overlaps the next, in millimetres.
    #[arg(long, default_value_t = 10.0, requires = "poster")]
    pub overlap: f32,
    /// PDF: no text larger than this many points, however much room a page has.
    #[arg(long, default_value_t = 20.0, value_parser = parse_text_size)]
    pub max_text: f32,
    /// The date printed in the PDF title block (default: today).
    #[arg(long)]
    pub date: Option<String>,
}

/// PDF paper sizes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum PaperChoice {
    A4,
    A3,
    A2,
    A1,
    Letter,
}

/// Poster sizes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum PosterChoice {
    A3,
    A2,
    A1,
}

/// How the boxes are arranged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum LayoutChoice {
    /// Units in columns, branches side by side: the map takes the page's shape.
    Compact,
    /// A tidy tree: every unit of a branch on one line.
    Tree,
}

/// `--fit`'s one value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FitChoice {
    /// One page, scaled to fill it.
    Page,
}

fn parse_scale(text: &str) -> Result<f32, String> {
    let percent: f32 = text
        .trim_end_matches('%')
        .parse()
        .map_err(|_| format!("{text:?} is not a percentage"))?;
    if (5.0..=1000.0).contains(&percent) {
        Ok(percent)
    } else {
        Err("choose a scale between 5 and 1000 (per cent)".into())
    }
}

fn parse_text_size(text: &str) -> Result<f32, String> {
    let points: f32 = text
        .parse()
        .map_err(|_| format!("{text:?} is not a number of points"))?;
    if (4.0..=400.0).contains(&points) {
        Ok(points)
    } else {
        Err("choose a text size between 4 and 400 points".into())
    }
}

fn parse_dpi(text: &str) -> Result<f32, String> {
    let dpi: f32 = text
        .parse()
        .map_err(|_| format!("{text:?} is not a number"))?;
    if (24.0..=1200.0).contains(&dpi) {
        Ok(dpi)
    } else {
        Err("choose between 24 and 1200 dpi".into())
    }
}

/// Output format of `check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// One line per finding, like a compiler.
    Text,
    /// One JSON document for tools.
    Json,
}

/// The lowest severity that makes `check` exit 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DenyLevel {
    Errors,
    Warnings,
    Info,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Map files to check.
    #[arg(required_unless_present = "list_rules")]
    pub files: Vec<PathBuf>,
    /// Print every rule with its severity, explanation and source, then exit.
    #[arg(long)]
    pub list_rules: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
    /// Exit 1 when a finding of this severity or worse remains.
    #[arg(long, value_enum, default_value_t = DenyLevel::Errors)]
    pub deny: DenyLevel,
    /// List dismissed findings too (text format; JSON always includes them).
    #[arg(long)]
    pub show_dismissed: bool,
    /// The date review dates are compared with, YYYY-MM-DD (default: today).
    #[arg(long, value_parser = parse_date)]
    pub today: Option<crate::model::Date>,
    /// Which rules speak. draft (the default) leaves out missing metadata and sections not
    /// written yet (URN, overview, K&U, validity…); publish checks everything.
    #[arg(long, value_enum, default_value_t = LevelChoice::Draft)]
    pub level: LevelChoice,
}

/// `check --level`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum LevelChoice {
    /// A map being drafted: what has been written is checked, not what is still missing.
    Draft,
    /// Ready to publish: every rule.
    Publish,
}

fn parse_date(text: &str) -> Result<crate::model::Date, String> {
    crate::model::Date::parse_iso(text)
}

#[derive(Debug, Args)]
pub struct InfoArgs {
    /// The map file.
    pub file: PathBuf,
    /// Also print the outline: each placement's number, code or URN, title and node id (what
    /// `export --branch` takes).
    #[arg(long)]
    pub tree: bool,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// Title of the map.
    #[arg(long)]
    pub title: String,
    /// Key purpose statement.
    #[arg(long, default_value = "")]
    pub key_purpose: String,
    /// Where to write the map (default: a name made from the title).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Overwrite the output file if it exists.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Map files to format.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Change nothing; exit 1 if any file is not canonical (for pre-commit hooks).
    #[arg(long)]
    pub check: bool,
}
