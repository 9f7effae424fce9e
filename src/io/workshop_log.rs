//! The workshop log (version 8) between the model and the file: each session's date, people,
//! ideas, decisions and changes.

use super::convert::{ContentError, content_error};
use super::format::{DecisionDto, IdeaDto, SessionChangeDto, SessionDto};
use crate::model::{
    ChangeKind, Date, Decision, Idea, NodeId, Session, SessionChange, StatementId, Verdict,
};

pub(super) fn sessions_to_dto(sessions: &[Session]) -> Vec<SessionDto> {
    sessions
        .iter()
        .map(|session| SessionDto {
            date: session.date.map(|d| d.to_string()).unwrap_or_default(),
            facilitator: session.facilitator.clone(),
            attendees: session.attendees.clone(),
            ideas: session
                .ideas
                .iter()
                .map(|idea| IdeaDto {
                    id: idea.id.raw(),
                    text: idea.text.clone(),
                    placed: idea.placed.map(NodeId::raw),
                })
                .collect(),
            decisions: session
                .decisions
                .iter()
                .map(|d| DecisionDto {
                    node: d.node.raw(),
                    label: d.label.clone(),
                    agreed: match d.verdict {
                        Some(Verdict::Agreed(date)) => Some(date.to_string()),
                        _ => None,
                    },
                    needs_discussion: d.verdict == Some(Verdict::NeedsDiscussion),
                    votes_for: d.votes_for,
                    votes_against: d.votes_against,
                })
                .collect(),
            changes: session
                .changes
                .iter()
                .map(|c| SessionChangeDto {
                    node: c.node.raw(),
                    kind: c.kind.word().to_string(),
                    label: c.label.clone(),
                    detail: c.detail.clone(),
                })
                .collect(),
        })
        .collect()
}

/// The log written on node `id`; every date and kind must be readable.
pub(super) fn sessions_from_dto(
    id: u64,
    sessions: Vec<SessionDto>,
) -> Result<Vec<Session>, ContentError> {
    let date = |text: &str, what: &str| {
        Date::parse_iso(text)
            .map_err(|e| content_error(Some(id), format!("node {id}, workshop log, {what}: {e}")))
    };
    sessions
        .into_iter()
        .enumerate()
        .map(|(index, dto)| {
            let number = index + 1;
            let decisions = dto
                .decisions
                .into_iter()
                .map(|d| {
                    let verdict = match (d.agreed, d.needs_discussion) {
                        (Some(_), true) => {
                            return Err(content_error(
                                Some(id),
                                format!(
                                    "node {id}, workshop log, session {number}: node {} cannot be both agreed and to discuss",
                                    d.node
                                ),
                            ));
                        }
                        (Some(day), false) => Some(Verdict::Agreed(date(
                            &day,
                            &format!("session {number}, decision on node {}", d.node),
                        )?)),
                        (None, true) => Some(Verdict::NeedsDiscussion),
                        (None, false) => None,
                    };
                    Ok(Decision {
                        node: NodeId::from_raw(d.node),
                        label: d.label,
                        verdict,
                        votes_for: d.votes_for,
                        votes_against: d.votes_against,
                    })
                })
                .collect::<Result<_, _>>()?;
            let changes = dto
                .changes
                .into_iter()
                .map(|c| {
                    let kind = ChangeKind::from_word(&c.kind).ok_or_else(|| {
                        content_error(
                            Some(id),
                            format!(
                                "node {id}, workshop log, session {number}: “{}” is not a kind of change (added, changed, moved, removed)",
                                c.kind
                            ),
                        )
                    })?;
                    Ok(SessionChange {
                        node: NodeId::from_raw(c.node),
                        kind,
                        label: c.label,
                        detail: c.detail,
                    })
                })
                .collect::<Result<_, _>>()?;
            Ok(Session {
                date: if dto.date.is_empty() {
                    None
                } else {
                    Some(date(&dto.date, &format!("session {number}, date"))?)
                },
                facilitator: dto.facilitator,
                attendees: dto.attendees,
                ideas: dto
                    .ideas
                    .into_iter()
                    .map(|i| Idea {
                        id: StatementId::from_raw(i.id),
                        text: i.text,
                        placed: i.placed.map(NodeId::from_raw),
                    })
                    .collect(),
                decisions,
                changes,
            })
        })
        .collect()
}
