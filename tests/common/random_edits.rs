//! Random edit sequences for property tests: an `Op` is drawn at random and turned into an edit
//! that refers to what the map holds at that moment.

use nosmap::edit::{Document, Edit};
use nosmap::model::{
    Function, FunctionalMap, Node, NodeId, NodeKind, Statement, StatementList, Unit,
};
use proptest::prelude::*;

#[derive(Clone, Debug)]
pub enum Op {
    AddFunction(usize, usize),
    AddUnit(usize, usize),
    Remove(usize, usize),
    Move(usize, usize, usize),
    Place(usize, usize, usize),
    Retitle(usize, String),
    InsertStatement(usize, bool, usize, String, bool),
    RemoveStatement(usize, bool, usize),
    MoveStatement(usize, bool, usize, usize),
    Meta(String),
    /// A unit's URN from a few that share keys, prefixes and odd shapes.
    Urn(usize, usize),
    /// A unit's title from a few, so titles repeat.
    CommonTitle(usize, usize),
}

/// URNs that repeat under one key (`ABC 1` is `ABC1`), share or differ in prefix, and are oddly
/// shaped or empty.
pub const URNS: [&str; 8] = [
    "ABC1",
    "ABC 1",
    "ABC2",
    "XYZ7",
    "bad urn!",
    "AB\u{200b}C3",
    "",
    "CFAMLB2",
];
/// Titles that repeat, once with other case and spacing, and long ones that wrap over several
/// lines (a box grows or shrinks).
pub const TITLES: [&str; 6] = [
    "Plan work",
    "plan  WORK",
    "Lead a team",
    "budget",
    "Develop and maintain effective working relationships with colleagues, customers and other stakeholders",
    "Plan, organise, monitor and review the delivery of a programme of learning and development across an organisation",
];

pub fn op() -> impl Strategy<Value = Op> {
    let pick = 0usize..1000;
    let text = "[a-zA-Z “”&<>é ]{0,12}";
    prop_oneof![
        (pick.clone(), pick.clone()).prop_map(|(a, b)| Op::AddFunction(a, b)),
        (pick.clone(), pick.clone()).prop_map(|(a, b)| Op::AddUnit(a, b)),
        (pick.clone(), pick.clone()).prop_map(|(a, b)| Op::Remove(a, b)),
        (pick.clone(), pick.clone(), pick.clone()).prop_map(|(a, b, c)| Op::Move(a, b, c)),
        (pick.clone(), pick.clone(), pick.clone()).prop_map(|(a, b, c)| Op::Place(a, b, c)),
        (pick.clone(), text).prop_map(|(a, t)| Op::Retitle(a, t)),
        (
            pick.clone(),
            any::<bool>(),
            pick.clone(),
            text,
            any::<bool>()
        )
            .prop_map(|(a, l, i, t, h)| Op::InsertStatement(a, l, i, t, h)),
        (pick.clone(), any::<bool>(), pick.clone())
            .prop_map(|(a, l, i)| Op::RemoveStatement(a, l, i)),
        (pick.clone(), any::<bool>(), pick.clone(), pick.clone())
            .prop_map(|(a, l, f, t)| Op::MoveStatement(a, l, f, t)),
        text.prop_map(Op::Meta),
        (pick.clone(), 0..URNS.len()).prop_map(|(a, k)| Op::Urn(a, k)),
        (pick.clone(), 0..TITLES.len()).prop_map(|(a, k)| Op::CommonTitle(a, k)),
    ]
}

fn pick<T: Copy>(items: &[T], seed: usize) -> Option<T> {
    (!items.is_empty()).then(|| items[seed % items.len()])
}

fn list(pc: bool) -> StatementList {
    if pc {
        StatementList::PerformanceCriteria
    } else {
        StatementList::Knowledge
    }
}

/// Turns a random op into an edit that refers to what the map holds now. The edit may still be
/// refused (a move into its own branch, say); that must change nothing.
pub fn to_edit(map: &FunctionalMap, op: &Op) -> Option<Edit> {
    let all: Vec<NodeId> = map.nodes().map(|(id, _)| id).collect();
    let holders: Vec<NodeId> = map
        .nodes()
        .filter(|(_, n)| n.kind() != NodeKind::Unit)
        .map(|(id, _)| id)
        .collect();
    let units: Vec<NodeId> = map.units().map(|(id, _)| id).collect();
    let slot = |parent: NodeId, seed: usize| seed % (map.children(parent).len() + 1);
    Some(match op {
        Op::AddFunction(p, i) | Op::AddUnit(p, i) => {
            let parent = pick(&holders, *p)?;
            let node: Node = match op {
                Op::AddFunction(..) => Function::new("F", "Plan work").into(),
                _ => Unit::new("U1", "Do work").into(),
            };
            Edit::AddNode {
                id: map.next_free_id(),
                parent,
                index: slot(parent, *i),
                node,
            }
        }
        Op::Remove(n, p) => {
            let node = pick(&all, *n)?;
            let parent = pick(&map.parents(node), *p).unwrap_or(node);
            Edit::Remove { node, parent }
        }
        Op::Move(n, t, i) => {
            let node = pick(&all, *n)?;
            let from = pick(&map.parents(node), 0).unwrap_or(node);
            let to = pick(&holders, *t)?;
            let len = map.children(to).len();
            let index = if from == to {
                i % len.max(1)
            } else {
                i % (len + 1)
            };
            Edit::Move {
                node,
                from,
                to,
                index,
            }
        }
        Op::Place(u, p, i) => {
            let unit = pick(&units, *u)?;
            let parent = pick(&holders, *p)?;
            Edit::Place {
                unit,
                parent,
                index: slot(parent, *i),
            }
        }
        Op::Retitle(n, title) => {
            let id = pick(&all, *n)?;
            let mut node = map.node(id)?.clone();
            match &mut node {
                Node::KeyPurpose(kp) => kp.statement = title.clone(),
                Node::Function(f) => {
                    f.title = title.clone();
                    f.gap = !f.gap;
                }
                Node::Unit(u) => u.title = title.clone(),
            }
            // Dismissing a check is an ordinary node edit too.
            let node = if title.len() % 2 == 0 {
                node.with_dismissal("verb-first", None, title)
            } else {
                node.without_dismissal("verb-first", None)
            };
            Edit::SetNode { id, node }
        }
        Op::InsertStatement(u, pc, i, text, heading) => {
            let unit = pick(&units, *u)?;
            let len = map.unit(unit)?.statements(list(*pc)).len();
            let statement = if *heading {
                Statement::heading(text)
            } else {
                Statement::item(text)
            };
            Edit::InsertStatement {
                unit,
                list: list(*pc),
                index: i % (len + 1),
                statement,
            }
        }
        Op::RemoveStatement(u, pc, i) => {
            let unit = pick(&units, *u)?;
            let statements = map.unit(unit)?.statements(list(*pc));
            let statement = pick(&statements.iter().map(|s| s.id).collect::<Vec<_>>(), *i)?;
            Edit::RemoveStatement {
                unit,
                list: list(*pc),
                statement,
            }
        }
        Op::MoveStatement(u, pc, f, t) => {
            let unit = pick(&units, *u)?;
            let statements = map.unit(unit)?.statements(list(*pc));
            let statement = pick(&statements.iter().map(|s| s.id).collect::<Vec<_>>(), *f)?;
            Edit::MoveStatement {
                unit,
                list: list(*pc),
                statement,
                to: t % statements.len(),
            }
        }
        Op::Urn(u, k) | Op::CommonTitle(u, k) => {
            let id = pick(&units, *u)?;
            let mut unit = map.unit(id)?.clone();
            match op {
                Op::Urn(..) => unit.urn = URNS[*k].to_string(),
                _ => unit.title = TITLES[*k].to_string(),
            }
            Edit::SetNode {
                id,
                node: Node::Unit(Box::new(unit)),
            }
        }
        Op::Meta(title) => {
            let mut meta = map.meta().clone();
            meta.title = title.clone();
            Edit::SetMeta(meta)
        }
    })
}

/// `start` after the ops that apply (a refused one changes nothing and is skipped).
pub fn edited(start: &FunctionalMap, ops: &[Op]) -> FunctionalMap {
    let mut doc = Document::new(start.clone());
    for op in ops {
        if let Some(edit) = to_edit(doc.map(), op) {
            let _ = doc.apply("edit", edit);
        }
    }
    doc.map().clone()
}
