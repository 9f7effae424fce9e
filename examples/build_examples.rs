//! Rebuilds the example maps in `examples/` from the reference suites in `../shared/reference`.
//!
//! Every node is added through the edit history, exactly as the editor would, then the map is
//! saved canonically. Titles, URNs and hierarchy are as published; the overviews, performance
//! criteria and knowledge items of three units per map are our own wording, written for these
//! examples (the reference data holds no PC or K&U text).
//!
//! Run: `cargo run --example build_examples -- ../shared/reference examples`

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use nosmap::edit::{Document, Edit};
use nosmap::model::{
    Category, Date, Function, FunctionalMap, KeyPurpose, MapMeta, NodeId, Statement, Unit,
};

struct Example {
    source: &'static str,
    output: &'static str,
    title: &'static str,
    sector: &'static str,
    developed_by: &'static str,
    level_name: &'static str,
    /// Used when the source has no key purpose; always flagged as a draft in the notes.
    draft_key_purpose: &'static str,
}

const EXAMPLES: [Example; 3] = [
    Example {
        source: "management-and-leadership-2008.toml",
        output: "management-and-leadership-2008.nosmap.ron",
        title: "Management and Leadership (2008)",
        sector: "Pan-sector: leadership and management",
        developed_by: "Management Standards Centre",
        level_name: "Key role",
        draft_key_purpose: "",
    },
    Example {
        source: "learning-and-development-2010.toml",
        output: "learning-and-development-2010.nosmap.ron",
        title: "Learning and Development (2010)",
        sector: "Pan-sector: learning and development",
        developed_by: "Lifelong Learning UK",
        level_name: "Key area",
        draft_key_purpose: "Develop the knowledge, skills and performance of individuals and organisations through learning and development",
    },
    Example {
        source: "it-users-2015.toml",
        output: "it-users-2015.nosmap.ron",
        title: "IT Users (2015)",
        sector: "Pan-sector: digital applications",
        developed_by: "e-skills UK",
        level_name: "Area of competence",
        draft_key_purpose: "Use digital systems and applications effectively, safely and productively at work",
    },
];

type Wording = (
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
);

/// Our own overviews, PCs and K&U: (URN, overview, PCs, K&U).
const OWN_WORDING: &[Wording] = &[
    (
        "CFAMLA1",
        "This standard is about planning and using your own time, energy and other resources so that you meet your work objectives. It is for anyone who manages their own workload.",
        &[
            "agree clear, realistic objectives for your own work with the people you report to",
            "identify the time, information and support you need to meet each objective",
            "plan your work so that urgent and important tasks are done first",
            "check your progress regularly and adjust your plans when priorities change",
            "ask for help early when you cannot meet an agreed objective",
        ],
        &[
            "how to agree objectives that are specific and achievable",
            "ways of planning and prioritising your own work",
            "how to recognise when your workload is becoming unmanageable",
            "who can support you and how to ask for that support",
        ],
    ),
    (
        "CFAMLB5",
        "This standard is about giving your team a sense of direction, motivating its members and supporting them to achieve shared objectives.",
        &[
            "explain the purpose and objectives of the team's work so that every member understands them",
            "involve team members in planning how objectives will be met",
            "recognise individual and team achievements",
            "support team members when they meet difficulties",
            "model the standards of behaviour you expect from others",
        ],
        &[
            "how to communicate a clear sense of direction",
            "different leadership styles and when each is useful",
            "what motivates people at work",
            "how to give recognition that is timely and fair",
            "how your own behaviour affects the team",
        ],
    ),
    (
        "CFAMLE1",
        "This standard is about preparing, agreeing and keeping to a budget for your area of work.",
        &[
            "gather the information needed to estimate income and costs",
            "prepare a budget proposal and agree it with the people responsible",
            "monitor actual income and spending against the budget",
            "take action when spending varies from the plan",
            "report on budget performance accurately and on time",
        ],
        &[
            "the purpose of budgets and how they support planning",
            "how to estimate costs and income from available information",
            "the organisation's procedures for approving and changing budgets",
            "how to identify and explain significant variances",
        ],
    ),
    (
        "LSILADD01",
        "This standard is about working out what learning and development a group, team or organisation needs, so that later activity is well targeted.",
        &[
            "agree the purpose and scope of the needs analysis with stakeholders",
            "collect information about current and required capabilities from several sources",
            "analyse the information to identify gaps in knowledge, skills and practice",
            "set out priorities for learning and development with a clear rationale",
            "share the findings with stakeholders and agree the next steps",
        ],
        &[
            "methods for collecting information about learning needs",
            "how to analyse evidence of capability gaps",
            "how organisational objectives shape learning priorities",
            "the importance of confidentiality when handling information about people",
        ],
    ),
    (
        "LSILADD07",
        "This standard is about helping individual learners to learn, using approaches that suit their needs and circumstances.",
        &[
            "agree learning objectives with the individual learner",
            "choose learning activities that suit the learner's needs and preferences",
            "give clear explanations and demonstrations",
            "encourage the learner to reflect on their progress",
            "adapt your approach in response to the learner's progress and feedback",
        ],
        &[
            "principles of how adults learn",
            "a range of methods for facilitating individual learning",
            "how to build a productive relationship with a learner",
            "how to recognise and respond to barriers to learning",
        ],
    ),
    (
        "LSILADD09",
        "This standard is about judging whether learners have achieved what is required, fairly and reliably.",
        &[
            "plan assessment with the learner, agreeing methods and timing",
            "use assessment methods that are valid for what is being assessed",
            "judge evidence against the agreed criteria",
            "give the learner clear feedback on the outcome",
            "keep accurate records of assessment decisions",
        ],
        &[
            "the principles of fair, valid and reliable assessment",
            "a range of assessment methods and their strengths and limits",
            "how to give feedback that helps further learning",
            "requirements for recording and storing assessment information",
        ],
    ),
    (
        "ESKITU010",
        "This standard is about finding and collecting digital information for a task, and checking that it can be relied on.",
        &[
            "identify what information is needed for a task",
            "search for information using suitable digital sources and search terms",
            "check that information is relevant, current and from a reliable source",
            "save or bookmark information so that it can be found again",
        ],
        &[
            "how to choose search terms and refine a search",
            "ways of judging whether a source is reliable",
            "why copyright and acknowledgement of sources matter",
        ],
    ),
    (
        "ESKITU040",
        "This standard is about keeping yourself, your data and your devices safe when working with digital systems.",
        &[
            "use strong passwords and keep them private",
            "recognise suspicious messages, links and attachments",
            "keep software and security settings up to date",
            "report security incidents promptly to the right person",
        ],
        &[
            "common threats to digital security and how they work",
            "why personal and organisational data must be protected",
            "your organisation's security procedures and who to report to",
        ],
    ),
    (
        "ESKITU080",
        "This standard is about entering and correcting structured data accurately, for example in a database or spreadsheet.",
        &[
            "enter data accurately in the required structure",
            "check data for errors and correct them",
            "use validation features to reduce errors",
            "save data safely in the required format",
        ],
        &[
            "the structure of the data you are working with",
            "common sources of data-entry error",
            "why accuracy and consistency of data matter",
        ],
    ),
];

fn main() {
    let mut args = std::env::args().skip(1);
    let reference = PathBuf::from(args.next().unwrap_or_else(|| "../shared/reference".into()));
    let output = PathBuf::from(args.next().unwrap_or_else(|| "examples".into()));
    for example in &EXAMPLES {
        let map = match build(example, &reference.join(example.source)) {
            Ok(map) => map,
            Err(message) => {
                eprintln!("error: {}: {message}", example.source);
                std::process::exit(2);
            }
        };
        let path = output.join(example.output);
        // Statement ids in file order, so the file reads the same as one that came back from
        // its spreadsheet.
        let map = map.with_statement_ids_in_order();
        if let Err(e) = nosmap::io::save(&map, &path) {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
        println!("wrote {} ({} nodes)", path.display(), map.len());
    }
}

fn build(example: &Example, source: &Path) -> Result<FunctionalMap, String> {
    let text = std::fs::read_to_string(source).map_err(|e| e.to_string())?;
    let data: toml::Table = text.parse().map_err(|e: toml::de::Error| e.to_string())?;
    let suite = data
        .get("suite")
        .and_then(|s| s.as_table())
        .ok_or("no [suite]")?;
    let get = |table: &toml::Table, key: &str| {
        table
            .get(key)
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_string()
    };
    let suite_name = get(suite, "name");

    let mut meta = MapMeta::new(example.title);
    meta.sector = example.sector.into();
    meta.suite = suite_name.clone();
    meta.developed_by = example.developed_by.into();
    meta.version = get(suite, "edition");
    meta.level_names = vec![example.level_name.into()];
    meta.description = format!(
        "Built from the reference data in shared/reference/{}: titles, URNs and hierarchy as published. \
         Overviews, performance criteria and knowledge of a few units are nosmap's own example wording.",
        example.source
    );
    let published = get(suite, "key_purpose");
    let key_purpose = if published.is_empty() {
        KeyPurpose {
            notes: "No key purpose was found in the published sources; this statement is a working draft written for the nosmap example.".into(),
            ..KeyPurpose::new(example.draft_key_purpose)
        }
    } else {
        KeyPurpose::new(published)
    };
    let mut doc = Document::new(FunctionalMap::new(meta, key_purpose));
    let mut ids: HashMap<String, NodeId> = HashMap::from([("KP".to_string(), doc.map().root())]);

    let rows = |key: &str| {
        data.get(key)
            .and_then(|v| v.as_array())
            .cloned()
            .unwrap_or_default()
    };
    for row in rows("node") {
        let row = row.as_table().ok_or("a [[node]] is not a table")?;
        let code = get(row, "id");
        if code == "KP" {
            continue;
        }
        let parent = *ids
            .get(&get(row, "parent"))
            .ok_or_else(|| format!("node {code}: unknown parent"))?;
        let id = add(
            &mut doc,
            parent,
            Function::new(code.clone(), get(row, "title")).into(),
        )?;
        ids.insert(code, id);
    }
    for row in rows("unit") {
        let row = row.as_table().ok_or("a [[unit]] is not a table")?;
        let urn = get(row, "urn");
        let parent = *ids
            .get(&get(row, "parent"))
            .ok_or_else(|| format!("unit {urn}: unknown parent"))?;
        let mut unit = Unit::new(urn.clone(), get(row, "title"));
        let m = &mut unit.metadata;
        m.developed_by = example.developed_by.into();
        m.original_urn = get(row, "original_urn");
        m.category = match get(row, "category").as_str() {
            "Core" => Some(Category::Core),
            "Generic" => Some(Category::Generic),
            "JobSpecific" => Some(Category::JobSpecific),
            _ => None,
        };
        let review = get(row, "indicative_review_date");
        m.indicative_review_date = if review.is_empty() {
            None
        } else {
            Some(Date::parse_iso(&review)?)
        };
        m.suites = std::iter::once(suite_name.clone())
            .chain(
                row.get("other_suites")
                    .and_then(|v| v.as_array())
                    .into_iter()
                    .flatten()
                    .filter_map(|v| v.as_str().map(String::from)),
            )
            .collect();
        if let Some((_, overview, pcs, kus)) = OWN_WORDING.iter().find(|w| w.0 == urn) {
            unit.overview = (*overview).into();
            unit.performance_criteria = pcs.iter().map(|s| Statement::item(*s)).collect();
            unit.knowledge = kus.iter().map(|s| Statement::item(*s)).collect();
        }
        add(&mut doc, parent, unit.into())?;
    }
    Ok(doc.map().clone())
}

fn add(doc: &mut Document, parent: NodeId, node: nosmap::model::Node) -> Result<NodeId, String> {
    let id = doc.map().next_free_id();
    let index = doc.map().children(parent).len();
    doc.apply(
        "Add",
        Edit::AddNode {
            id,
            parent,
            index,
            node,
        },
    )
    .map_err(|e| e.to_string())?;
    Ok(id)
}
