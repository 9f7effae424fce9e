//! What the UI asks for: every change a pass of the window wants, applied after the pass
//! (`run.rs`), so no widget changes the document while the frame is drawn.

use std::path::PathBuf;

use super::{Command, Placement, Purpose, analysis, comments, compare};
use crate::edit::Edit;
use crate::model::{Location, NodeId, StatementId};

/// What the UI asks for; applied after the UI pass.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// A command from the menus, the palette or the keyboard.
    Run(Command),
    /// Fold or unfold a branch.
    ToggleFold(NodeId),
    /// Frame the whole map.
    FitToWindow,
    /// The canvas has this shape (width over height): lay the map out for it.
    ShapeForCanvas(f32),
    /// Select a node at its first placement (or clear the selection).
    Select(Option<NodeId>),
    /// Select one placement only (or clear the selection).
    SelectPlacementOnly(Option<Placement>),
    /// Select a placement; with `extend`, add it to (or take it from) the selection.
    SelectPlacement {
        placement: Placement,
        extend: bool,
    },
    /// Add placements to the selection (rubber band).
    SelectMany(Vec<Placement>),
    /// Select a node and move the view to it.
    GoTo(Location),
    /// Apply an edit as one undo step.
    Edit {
        label: String,
        /// Boxed: a node with its annotations is large, and actions are moved every frame.
        edit: Box<Edit>,
    },
    /// Move `node` from under `from` to under `to` (at the end when `index` is `None`); with
    /// `share`, place a unit under `to` as well instead.
    MoveTo {
        node: NodeId,
        from: NodeId,
        to: NodeId,
        index: Option<usize>,
        share: bool,
    },
    /// Start editing the selected node's title on the canvas, optionally replacing it with text.
    StartRename(Option<String>),
    /// Give the keyboard back to the map.
    FocusCanvas,
    CommitRename,
    CancelRename,
    /// Show the open map at this place of the tab strip.
    ShowMap(usize),
    /// Paste a branch from text (the system clipboard).
    Paste(String),
    /// Add units read from a pasted NOS under the selection, as one step.
    AddPastedNos(Vec<crate::io::nos_text::PastedUnit>),
    /// Set a finding aside where it is (its node, or one statement), with a reason (an
    /// ordinary, undoable edit).
    Dismiss {
        at: Location,
        rule: String,
        reason: String,
    },
    /// Bring a dismissed finding back.
    Restore {
        node: NodeId,
        rule: String,
        statement: Option<StatementId>,
    },
    Undo,
    Redo,
    Save,
    /// Open a map file (asks first about unsaved changes).
    OpenFile(PathBuf),
    /// Open a map file read-only, as a reference beside the maps being edited.
    OpenReference(PathBuf),
    /// Open the example compiled into the program, as a map not yet saved.
    OpenBuiltInExample,
    /// A file dialog answered.
    FileChosen(Purpose, PathBuf),
    /// Answers to "Save your changes?".
    SaveThen,
    DiscardThen,
    /// Take the file's lock from whoever holds it.
    TakeOverLock,
    /// Go on without the lock; saving is disabled.
    OpenReadOnly,
    /// Replace the open map with the recovered work (unsaved).
    RestoreRecovery,
    /// Delete the recovery copy.
    DiscardRecovery,
    /// Save over a file that changed on disk.
    OverwriteOnDisk,
    /// Save over a file whose permissions make it read-only (the user agreed).
    OverwriteReadOnly,
    /// Write the review pack over an earlier one in the same folder (the user agreed).
    ReplaceReviewPack,
    /// Save the shown map under another name (answering a dialog).
    SaveElsewhere,
    /// Drop unsaved changes and read the file again.
    ReloadFromDisk,
    /// Close the current dialog without doing anything.
    CloseDialog,
    /// Open the Export dialog.
    OpenExport,
    /// Write a use of the map (self-assessment, job description, training needs).
    WriteUse {
        path: PathBuf,
        format: crate::render::uses::UseFormat,
        /// Boxed: far larger than the other actions.
        request: Box<crate::render::uses::UseRequest>,
    },
    /// Write an export.
    Export {
        path: PathBuf,
        /// Boxed: far larger than the other actions.
        request: Box<crate::render::ExportRequest>,
    },
    /// Something asked of the Analysis view (`analysis.rs`).
    Analysis(analysis::AnalysisAction),
    /// Something asked of the Compare panel (`compare.rs`).
    Compare(compare::CompareAction),
    /// Something asked of the Comments panel (`comments.rs`).
    Comments(comments::CommentsAction),
}
