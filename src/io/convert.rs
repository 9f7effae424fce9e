//! Model ↔ file types. Writing is total; reading checks every rule of maps and names the node
//! that breaks one.

use std::collections::{BTreeMap, HashMap};

use super::format::*;
use crate::model::{
    Annotations, Category, Comment, CommentAnchor, CommentId, CommentKind, Conflict, Date,
    Dismissal, Disposition, Function, FunctionalMap, GlossaryEntry, KeyPurpose, MapMeta, Nation,
    Node, NodeId, NodeKind, Rgb, Statement, StatementId, Status, Theme, Unit, UnitMetadata,
    Validity, Verdict, Workshop, statements_from_text,
};

/// A rule the file's content breaks; `node` lets the caller find the line.
#[derive(Debug)]
pub struct ContentError {
    pub node: Option<u64>,
    pub message: String,
}

pub(super) fn content_error(node: Option<u64>, message: String) -> ContentError {
    ContentError { node, message }
}

/// The canonical file form of a map: nodes in id order, empty fields left out.
pub fn to_dto(map: &FunctionalMap) -> CurrentFile {
    let meta = map.meta();
    let map_dto = MapDto {
        title: meta.title.clone(),
        sector: meta.sector.clone(),
        suite: meta.suite.clone(),
        developed_by: meta.developed_by.clone(),
        version: meta.version.clone(),
        description: meta.description.clone(),
        authors: meta.authors.clone(),
        level_names: meta.level_names.clone(),
        themes: meta
            .themes
            .iter()
            .map(|t| ThemeDto {
                id: t.id.clone(),
                name: t.name.clone(),
                colour: t.colour.to_string(),
            })
            .collect(),
    };
    let nodes = map
        .nodes()
        .map(|(id, node)| {
            let children = map.children(id).iter().map(|c| c.raw()).collect();
            match node {
                Node::KeyPurpose(kp) => NodeDto::KeyPurpose {
                    id: id.raw(),
                    statement: kp.statement.clone(),
                    notes: kp.notes.clone(),
                    children,
                    dismissed: Vec::new(),
                    workshop: None,
                },
                Node::Function(f) => NodeDto::Function {
                    id: id.raw(),
                    code: f.code.clone(),
                    title: f.title.clone(),
                    description: f.description.clone(),
                    gap: f.gap,
                    dismissed: Vec::new(),
                    workshop: None,
                    children,
                },
                Node::Unit(unit) => NodeDto::Unit(unit_to_dto(id, unit)),
            }
        })
        .collect();
    let annotations = map
        .nodes()
        .filter(|(_, node)| !node.annotations().is_empty())
        .map(|(id, node)| (id.raw(), annotations_to_dto(node.annotations())))
        .collect();
    // A map stays in the oldest version that holds what it says, readable by builds that know
    // no newer: 5, or 6 with merge conflicts, or 7 with reviewers' comments.
    let version = if map
        .nodes()
        .any(|(_, node)| !node.annotations().sessions.is_empty())
    {
        WORKSHOP_LOG_VERSION
    } else if map.nodes().any(|(_, node)| !node.comments().is_empty()) {
        COMMENTS_VERSION
    } else if map.nodes().any(|(_, node)| !node.conflicts().is_empty()) {
        CONFLICTS_VERSION
    } else {
        CURRENT_VERSION
    };
    FileDto {
        format: FORMAT_NAME.to_string(),
        version,
        next_node_id: map.next_free_id().raw(),
        next_statement_id: map.next_statement_id().raw(),
        map: map_dto,
        nodes,
        annotations,
    }
}

fn annotations_to_dto(annotations: &Annotations) -> AnnotationsDto {
    AnnotationsDto {
        dismissed: annotations
            .dismissed
            .iter()
            .map(|d| DismissalDto {
                rule: d.rule.clone(),
                statement: d.statement.map(StatementId::raw),
                reason: d.reason.clone(),
            })
            .collect(),
        workshop: workshop_to_dto(&annotations.workshop),
        conflicts: annotations
            .conflicts
            .iter()
            .map(|c| ConflictDto {
                what: c.what.clone(),
                statement: c.statement.map(StatementId::raw),
                base: c.base.clone(),
                ours: c.ours.clone(),
                theirs: c.theirs.clone(),
            })
            .collect(),
        comments: annotations.comments.iter().map(comment_to_dto).collect(),
        sessions: super::workshop_log::sessions_to_dto(&annotations.sessions),
    }
}

pub(crate) fn comment_to_dto(comment: &Comment) -> CommentDto {
    let (field, statement) = match &comment.anchor {
        CommentAnchor::Whole => (None, None),
        CommentAnchor::Field(field) => (Some(field.clone()), None),
        CommentAnchor::Statement(id) => (None, Some(id.raw())),
    };
    CommentDto {
        id: comment.id.raw(),
        field,
        statement,
        made_on_label: comment.made_on_label.clone(),
        made_on: comment.made_on.clone(),
        reviewer: comment.reviewer.clone(),
        organisation: comment.organisation.clone(),
        stakeholder: comment.stakeholder.clone(),
        nation: match comment.nation {
            Nation::Unstated => None,
            Nation::England => Some(NationDto::England),
            Nation::Scotland => Some(NationDto::Scotland),
            Nation::Wales => Some(NationDto::Wales),
            Nation::NorthernIreland => Some(NationDto::NorthernIreland),
            Nation::UkWide => Some(NationDto::UkWide),
        },
        kind: match comment.kind {
            CommentKind::General => CommentKindDto::General,
            CommentKind::Technical => CommentKindDto::Technical,
            CommentKind::Editorial => CommentKindDto::Editorial,
        },
        text: comment.text.clone(),
        proposed_change: comment.proposed_change.clone(),
        date: comment.date.map(|d| d.to_string()),
        disposition: match comment.disposition {
            Disposition::Open => DispositionDto::Open,
            Disposition::Accepted => DispositionDto::Accepted,
            Disposition::AcceptedWithModification => DispositionDto::AcceptedWithModification,
            Disposition::Noted => DispositionDto::Noted,
            Disposition::Rejected => DispositionDto::Rejected,
        },
        response: comment.response.clone(),
        decided_by: comment.decided_by.clone(),
        source: comment.source.clone(),
    }
}

pub(crate) fn comment_from_dto(node: u64, dto: CommentDto) -> Result<Comment, ContentError> {
    if dto.id == 0 {
        return Err(content_error(
            Some(node),
            format!("node {node}: comment ids start at 1; 0 is not a valid id"),
        ));
    }
    let anchor = match (dto.field, dto.statement) {
        (Some(_), Some(_)) => {
            return Err(content_error(
                Some(node),
                format!(
                    "node {node}: comment {} names both a field and a statement; it is about one",
                    dto.id
                ),
            ));
        }
        (Some(field), None) => CommentAnchor::Field(field),
        (None, Some(statement)) => CommentAnchor::Statement(StatementId::from_raw(statement)),
        (None, None) => CommentAnchor::Whole,
    };
    let date = dto
        .date
        .map(|d| Date::parse_iso(&d))
        .transpose()
        .map_err(|e| content_error(Some(node), format!("node {node}: comment {}: {e}", dto.id)))?;
    Ok(Comment {
        id: CommentId::from_raw(dto.id),
        anchor,
        made_on_label: dto.made_on_label,
        made_on: dto.made_on,
        reviewer: dto.reviewer,
        organisation: dto.organisation,
        stakeholder: dto.stakeholder,
        nation: match dto.nation {
            None => Nation::Unstated,
            Some(NationDto::England) => Nation::England,
            Some(NationDto::Scotland) => Nation::Scotland,
            Some(NationDto::Wales) => Nation::Wales,
            Some(NationDto::NorthernIreland) => Nation::NorthernIreland,
            Some(NationDto::UkWide) => Nation::UkWide,
        },
        kind: match dto.kind {
            CommentKindDto::General => CommentKind::General,
            CommentKindDto::Technical => CommentKind::Technical,
            CommentKindDto::Editorial => CommentKind::Editorial,
        },
        text: dto.text,
        proposed_change: dto.proposed_change,
        date,
        disposition: match dto.disposition {
            DispositionDto::Open => Disposition::Open,
            DispositionDto::Accepted => Disposition::Accepted,
            DispositionDto::AcceptedWithModification => Disposition::AcceptedWithModification,
            DispositionDto::Noted => Disposition::Noted,
            DispositionDto::Rejected => Disposition::Rejected,
        },
        response: dto.response,
        decided_by: dto.decided_by,
        source: dto.source,
    })
}

fn statement_to_dto(statement: &Statement) -> StatementDto {
    let id = statement.id.raw();
    if statement.heading {
        StatementDto::Heading(id, statement.text.clone())
    } else {
        StatementDto::Item(id, statement.text.clone())
    }
}

fn list_to_dto(statements: &[Statement]) -> Vec<StatementDto> {
    statements.iter().map(statement_to_dto).collect()
}

fn unit_to_dto(id: NodeId, unit: &Unit) -> UnitDto<StatementDto, Vec<StatementDto>> {
    let m = &unit.metadata;
    UnitDto {
        id: id.raw(),
        urn: unit.urn.clone(),
        title: unit.title.clone(),
        overview: unit.overview.clone(),
        performance_criteria: list_to_dto(&unit.performance_criteria),
        knowledge: list_to_dto(&unit.knowledge),
        scope_range: list_to_dto(&unit.scope_range),
        scope_range_performance: list_to_dto(&unit.scope_range_performance),
        scope_range_knowledge: list_to_dto(&unit.scope_range_knowledge),
        values: list_to_dto(&unit.values),
        behaviours: list_to_dto(&unit.behaviours),
        skills: list_to_dto(&unit.skills),
        glossary: unit
            .glossary
            .iter()
            .map(|g| GlossaryDto {
                id: g.id.raw(),
                term: g.term.clone(),
                definition: g.definition.clone(),
            })
            .collect(),
        links_to_other_nos: unit.links_to_other_nos.clone(),
        external_links: unit.external_links.clone(),
        developed_by: m.developed_by.clone(),
        version_number: m.version_number,
        date_approved: m.date_approved.map(|d| d.to_string()),
        indicative_review_date: m.indicative_review_date.map(|d| d.to_string()),
        validity: m.validity.map(|v| match v {
            Validity::Current => ValidityDto::Current,
            Validity::Legacy => ValidityDto::Legacy,
        }),
        status: m.status.map(|s| match s {
            Status::Original => StatusDto::Original,
            Status::Tailored => StatusDto::Tailored,
            Status::Imported => StatusDto::Imported,
        }),
        originating_organisation: m.originating_organisation.clone(),
        original_urn: m.original_urn.clone(),
        occupations: m.occupations.clone(),
        suites: m.suites.clone(),
        keywords: m.keywords.clone(),
        soc_codes: m.soc_codes.clone(),
        category: m.category.map(|c| match c {
            Category::Core => CategoryDto::Core,
            Category::Generic => CategoryDto::Generic,
            Category::JobSpecific => CategoryDto::JobSpecific,
        }),
        themes: unit.themes.clone(),
        dismissed: Vec::new(),
        workshop: None,
    }
}

/// How a file version writes a performance criterion or knowledge item.
pub trait StatementForm {
    fn into_statement(self) -> Statement;
}

impl StatementForm for String {
    fn into_statement(self) -> Statement {
        Statement::item(self)
    }
}

impl StatementForm for TextStatementDto {
    fn into_statement(self) -> Statement {
        match self {
            Self::Heading(text) => Statement::heading(text),
            Self::Item(text) => Statement::item(text),
        }
    }
}

impl StatementForm for StatementDto {
    fn into_statement(self) -> Statement {
        match self {
            Self::Heading(id, text) => Statement::heading(text).with_id(StatementId::from_raw(id)),
            Self::Item(id, text) => Statement::item(text).with_id(StatementId::from_raw(id)),
        }
    }
}

/// How a file version writes the other statement lists: one text (versions 1–4, a statement per
/// line) or a list.
pub trait ListForm {
    fn into_statements(self) -> Vec<Statement>;
}

impl ListForm for String {
    fn into_statements(self) -> Vec<Statement> {
        statements_from_text(&self)
    }
}

impl ListForm for Vec<StatementDto> {
    fn into_statements(self) -> Vec<Statement> {
        self.into_iter()
            .map(StatementForm::into_statement)
            .collect()
    }
}

/// A map read from a file, with what was set aside while reading it.
pub struct Read {
    pub map: FunctionalMap,
    /// What was dropped and why, one sentence each ("an annotation names node 12, which is not
    /// in the map").
    pub notes: Vec<String>,
}

/// Builds a map from its file form, refusing anything that breaks a rule of maps.
pub fn from_dto<S: StatementForm, L: ListForm>(file: FileDto<S, L>) -> Result<Read, ContentError> {
    let meta = meta_from_dto(file.map)?;
    let mut statement_owner: HashMap<StatementId, u64> = HashMap::new();
    let mut nodes: BTreeMap<u64, (Node, Vec<u64>)> = BTreeMap::new();
    let mut root: Option<u64> = None;
    for dto in file.nodes {
        let id = dto.id();
        if id == 0 {
            return Err(content_error(
                Some(id),
                "node ids start at 1; 0 is not a valid id".into(),
            ));
        }
        let children = dto.children().to_vec();
        let node = node_from_dto(dto)?;
        if let Node::Unit(unit) = &node {
            for statement in unit.statement_ids().filter(|s| s.is_assigned()) {
                if let Some(first) = statement_owner.insert(statement, id) {
                    return Err(content_error(
                        Some(id),
                        format!(
                            "statement id {} is used twice (in node {first} and node {id}); each statement has its own",
                            statement.raw()
                        ),
                    ));
                }
            }
        }
        if node.kind() == NodeKind::KeyPurpose {
            if let Some(first) = root {
                return Err(content_error(
                    Some(id),
                    format!(
                        "node {id} is a second key purpose (node {first} is the first); a map has exactly one"
                    ),
                ));
            }
            root = Some(id);
        }
        if nodes.insert(id, (node, children)).is_some() {
            return Err(content_error(
                Some(id),
                format!("id {id} is used by two nodes"),
            ));
        }
    }
    let root = root.ok_or_else(|| content_error(None, "the map has no key purpose".into()))?;
    check_structure(root, &nodes)?;

    let Some((Node::KeyPurpose(kp), _)) = nodes.get(&root).cloned() else {
        return Err(content_error(
            Some(root),
            "the key purpose could not be read".into(),
        ));
    };
    let mut map = FunctionalMap::with_root(meta, NodeId::from_raw(root), kp);
    let mut links = Vec::new();
    for (&id, (node, children)) in &mut nodes {
        if id != root {
            let placeholder = Node::KeyPurpose(KeyPurpose::default());
            map.insert_node(NodeId::from_raw(id), std::mem::replace(node, placeholder));
        }
        links.extend(children.iter().map(|&c| (id, c)));
    }
    for (parent, child) in links {
        let end = map.children(NodeId::from_raw(parent)).len();
        map.link(NodeId::from_raw(parent), NodeId::from_raw(child), end);
    }
    if let Some((id, depth)) = map.too_deep() {
        return Err(content_error(
            Some(id.raw()),
            format!(
                "node {id} sits {depth} levels below the key purpose; nosmap holds maps up to {} levels deep",
                crate::model::MAX_DEPTH
            ),
        ));
    }
    let problems = map.check_invariants();
    if let Some(problem) = problems.first() {
        return Err(content_error(
            None,
            format!("the map is inconsistent: {problem}"),
        ));
    }
    map.raise_id_marks(
        NodeId::from_raw(file.next_node_id),
        StatementId::from_raw(file.next_statement_id),
    );
    let mut notes = Vec::new();
    for (id, dto) in file.annotations {
        let node = NodeId::from_raw(id);
        let Some(mut content) = map.node(node).cloned() else {
            notes.push(format!(
                "Dropped what was said about node {id} (dismissed findings, workshop decisions): there is no node {id} in the map."
            ));
            continue;
        };
        let annotations = annotations_from_dto(id, dto)?;
        if !annotations.sessions.is_empty() && node != map.root() {
            return Err(content_error(
                Some(id),
                format!(
                    "node {id} holds a workshop log (sessions); only the key purpose (node {}) holds one",
                    map.root().raw()
                ),
            ));
        }
        let ideas = annotations.sessions.iter().flat_map(|s| &s.ideas);
        for (what, raw) in annotations
            .comments
            .iter()
            .map(|c| ("comment", c.id.raw()))
            .chain(ideas.map(|i| ("idea", i.id.raw())))
        {
            let as_statement = StatementId::from_raw(raw);
            if let Some(first) = statement_owner.insert(as_statement, id) {
                return Err(content_error(
                    Some(id),
                    format!(
                        "{what} id {raw} on node {id} is already used (in node {first}); statements, comments and ideas each have their own"
                    ),
                ));
            }
        }
        let had = std::mem::take(content.annotations_mut());
        *content.annotations_mut() = merge(had, annotations);
        // Unlike a dismissal, a conflict is never dropped: someone has to settle it.
        if let Some(conflict) = content.conflict_without_statement() {
            return Err(content_error(
                Some(id),
                format!(
                    "node {id} ({}) records a merge conflict on statement {}, which it does not hold",
                    content.describe(),
                    conflict.statement.map_or(0, StatementId::raw)
                ),
            ));
        }
        map.replace_node(node, content);
    }
    drop_dangling_dismissals(&mut map, &mut notes);
    Ok(Read { map, notes })
}

/// Annotations a node already had (written inside it by version 3–4) and those of the block.
fn merge(mut had: Annotations, more: Annotations) -> Annotations {
    had.dismissed.extend(more.dismissed);
    had.conflicts.extend(more.conflicts);
    had.comments.extend(more.comments);
    had.sessions.extend(more.sessions);
    if !more.workshop.is_empty() {
        had.workshop = more.workshop;
    }
    had
}

/// Dismissals of a finding on a statement the unit no longer holds are dropped, with a note.
fn drop_dangling_dismissals(map: &mut FunctionalMap, notes: &mut Vec<String>) {
    let dangling: Vec<(NodeId, Node)> = map
        .nodes()
        .filter_map(|(id, node)| {
            let statement_is_gone = |d: &Dismissal| {
                d.statement.is_some_and(|s| {
                    node.as_unit()
                        .is_none_or(|unit| unit.find_statement(s).is_none())
                })
            };
            if !node.dismissed().iter().any(statement_is_gone) {
                return None;
            }
            let mut kept = node.clone();
            for d in node.dismissed().iter().filter(|d| statement_is_gone(d)) {
                notes.push(format!(
                    "Dropped the dismissal of “{}” on statement {} of {}: the statement is not in it.",
                    d.rule,
                    d.statement.map_or(0, StatementId::raw),
                    node.describe()
                ));
            }
            kept.annotations_mut()
                .dismissed
                .retain(|d| !statement_is_gone(d));
            Some((id, kept))
        })
        .collect();
    for (id, node) in dangling {
        map.replace_node(id, node);
    }
}

fn annotations_from_dto(id: u64, dto: AnnotationsDto) -> Result<Annotations, ContentError> {
    Ok(Annotations {
        dismissed: dismissals_from_dto(dto.dismissed),
        workshop: workshop_from_dto(id, dto.workshop)?,
        conflicts: dto
            .conflicts
            .into_iter()
            .map(|c| Conflict {
                what: c.what,
                statement: c.statement.map(StatementId::from_raw),
                base: c.base,
                ours: c.ours,
                theirs: c.theirs,
            })
            .collect(),
        comments: dto
            .comments
            .into_iter()
            .map(|c| comment_from_dto(id, c))
            .collect::<Result<_, _>>()?,
        sessions: super::workshop_log::sessions_from_dto(id, dto.sessions)?,
    })
}

/// Every child exists, units have no children, functions have one parent, everything hangs from
/// the key purpose.
fn check_structure(root: u64, nodes: &BTreeMap<u64, (Node, Vec<u64>)>) -> Result<(), ContentError> {
    let mut parent_count: HashMap<u64, usize> = HashMap::new();
    for (&id, (node, children)) in nodes {
        if node.kind() == NodeKind::Unit && !children.is_empty() {
            return Err(content_error(
                Some(id),
                format!("unit {id} has children; NOS units are leaves"),
            ));
        }
        let mut seen = std::collections::HashSet::new();
        for &child in children {
            let Some((child_node, _)) = nodes.get(&child) else {
                return Err(content_error(
                    Some(id),
                    format!("node {id} lists child {child}, which is not in the file"),
                ));
            };
            if child_node.kind() == NodeKind::KeyPurpose {
                return Err(content_error(
                    Some(id),
                    format!("node {id} lists the key purpose as a child"),
                ));
            }
            if !seen.insert(child) {
                return Err(content_error(
                    Some(id),
                    format!("node {id} lists child {child} twice"),
                ));
            }
            *parent_count.entry(child).or_default() += 1;
        }
    }
    for (&id, (node, _)) in nodes {
        let count = parent_count.get(&id).copied().unwrap_or(0);
        match node.kind() {
            NodeKind::Function if count > 1 => {
                return Err(content_error(
                    Some(id),
                    format!(
                        "function {id} is listed under {count} parents; only NOS units can be placed in several places"
                    ),
                ));
            }
            NodeKind::Function | NodeKind::Unit if count == 0 => {
                return Err(content_error(
                    Some(id),
                    format!("node {id} is not placed under anything"),
                ));
            }
            _ => {}
        }
    }
    // With one parent per function, anything not reachable from the root sits on a cycle.
    let mut reached = std::collections::HashSet::from([root]);
    let mut stack = vec![root];
    while let Some(id) = stack.pop() {
        for &child in nodes.get(&id).map_or(&[][..], |(_, c)| c.as_slice()) {
            if reached.insert(child) {
                stack.push(child);
            }
        }
    }
    if let Some(&id) = nodes.keys().find(|id| !reached.contains(id)) {
        return Err(content_error(
            Some(id),
            format!("node {id} cannot be reached from the key purpose: its parents form a cycle"),
        ));
    }
    Ok(())
}

fn meta_from_dto(dto: MapDto) -> Result<MapMeta, ContentError> {
    let themes = dto
        .themes
        .into_iter()
        .map(|t| {
            let colour = Rgb::parse_hex(&t.colour)
                .map_err(|e| content_error(None, format!("theme “{}”: {e}", t.name)))?;
            Ok(Theme {
                id: t.id,
                name: t.name,
                colour,
            })
        })
        .collect::<Result<_, ContentError>>()?;
    Ok(MapMeta {
        title: dto.title,
        sector: dto.sector,
        suite: dto.suite,
        developed_by: dto.developed_by,
        version: dto.version,
        description: dto.description,
        authors: dto.authors,
        level_names: dto.level_names,
        themes,
    })
}

fn node_from_dto<S: StatementForm, L: ListForm>(dto: NodeDto<S, L>) -> Result<Node, ContentError> {
    Ok(match dto {
        NodeDto::KeyPurpose {
            id,
            statement,
            notes,
            dismissed,
            workshop,
            ..
        } => Node::KeyPurpose(KeyPurpose {
            statement,
            notes,
            annotations: Annotations {
                dismissed: dismissals_from_dto(dismissed),
                workshop: workshop_from_dto(id, workshop)?,
                conflicts: Vec::new(),
                comments: Vec::new(),
                sessions: Vec::new(),
            },
        }),
        NodeDto::Function {
            id,
            code,
            title,
            description,
            gap,
            dismissed,
            workshop,
            ..
        } => Node::Function(Function {
            code,
            title,
            description,
            gap,
            annotations: Annotations {
                dismissed: dismissals_from_dto(dismissed),
                workshop: workshop_from_dto(id, workshop)?,
                conflicts: Vec::new(),
                comments: Vec::new(),
                sessions: Vec::new(),
            },
        }),
        NodeDto::Unit(unit) => Node::Unit(Box::new(unit_from_dto(unit)?)),
    })
}

fn unit_from_dto<S: StatementForm, L: ListForm>(dto: UnitDto<S, L>) -> Result<Unit, ContentError> {
    let id = dto.id;
    let date = |field: &str, value: Option<String>| -> Result<Option<Date>, ContentError> {
        value
            .map(|text| {
                Date::parse_iso(&text)
                    .map_err(|e| content_error(Some(id), format!("unit {id}, {field}: {e}")))
            })
            .transpose()
    };
    let statement = StatementForm::into_statement;
    Ok(Unit {
        urn: dto.urn,
        title: dto.title,
        overview: dto.overview,
        performance_criteria: dto
            .performance_criteria
            .into_iter()
            .map(statement)
            .collect(),
        knowledge: dto.knowledge.into_iter().map(statement).collect(),
        scope_range: dto.scope_range.into_statements(),
        scope_range_performance: dto.scope_range_performance.into_statements(),
        scope_range_knowledge: dto.scope_range_knowledge.into_statements(),
        values: dto.values.into_statements(),
        behaviours: dto.behaviours.into_statements(),
        skills: dto.skills.into_statements(),
        glossary: dto
            .glossary
            .into_iter()
            .map(|g| GlossaryEntry {
                id: StatementId::from_raw(g.id),
                term: g.term,
                definition: g.definition,
            })
            .collect(),
        links_to_other_nos: dto.links_to_other_nos,
        external_links: dto.external_links,
        metadata: UnitMetadata {
            developed_by: dto.developed_by,
            version_number: dto.version_number,
            date_approved: date("date_approved", dto.date_approved)?,
            indicative_review_date: date("indicative_review_date", dto.indicative_review_date)?,
            validity: dto.validity.map(|v| match v {
                ValidityDto::Current => Validity::Current,
                ValidityDto::Legacy => Validity::Legacy,
            }),
            status: dto.status.map(|s| match s {
                StatusDto::Original => Status::Original,
                StatusDto::Tailored => Status::Tailored,
                StatusDto::Imported => Status::Imported,
            }),
            originating_organisation: dto.originating_organisation,
            original_urn: dto.original_urn,
            occupations: dto.occupations,
            suites: dto.suites,
            keywords: dto.keywords,
            soc_codes: dto.soc_codes,
            category: dto.category.map(|c| match c {
                CategoryDto::Core => Category::Core,
                CategoryDto::Generic => Category::Generic,
                CategoryDto::JobSpecific => Category::JobSpecific,
            }),
        },
        themes: dto.themes,
        annotations: Annotations {
            dismissed: dismissals_from_dto(dto.dismissed),
            workshop: workshop_from_dto(id, dto.workshop)?,
            conflicts: Vec::new(),
            comments: Vec::new(),
            sessions: Vec::new(),
        },
    })
}

fn workshop_to_dto(workshop: &Workshop) -> Option<WorkshopDto> {
    (!workshop.is_empty()).then(|| WorkshopDto {
        agreed: match workshop.verdict {
            Some(Verdict::Agreed(date)) => Some(date.to_string()),
            _ => None,
        },
        needs_discussion: workshop.verdict == Some(Verdict::NeedsDiscussion),
        votes_for: workshop.votes_for,
        votes_against: workshop.votes_against,
    })
}

fn workshop_from_dto(id: u64, dto: Option<WorkshopDto>) -> Result<Workshop, ContentError> {
    let Some(dto) = dto else {
        return Ok(Workshop::default());
    };
    let verdict =
        match (dto.agreed, dto.needs_discussion) {
            (Some(_), true) => {
                return Err(content_error(
                    Some(id),
                    format!("node {id}: a node cannot be both agreed and in need of discussion"),
                ));
            }
            (Some(date), false) => Some(Verdict::Agreed(Date::parse_iso(&date).map_err(|e| {
                content_error(Some(id), format!("node {id}, workshop agreed: {e}"))
            })?)),
            (None, true) => Some(Verdict::NeedsDiscussion),
            (None, false) => None,
        };
    Ok(Workshop {
        verdict,
        votes_for: dto.votes_for,
        votes_against: dto.votes_against,
    })
}

fn dismissals_from_dto(dismissals: Vec<DismissalDto>) -> Vec<Dismissal> {
    dismissals
        .into_iter()
        .map(|d| Dismissal {
            rule: d.rule,
            statement: d.statement.map(StatementId::from_raw),
            reason: d.reason,
        })
        .collect()
}
