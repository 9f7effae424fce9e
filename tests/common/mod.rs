//! Shared builders and paths for the integration tests.
#![allow(dead_code)]
#![allow(clippy::unwrap_used)] // Test code: a failed unwrap is a failed test.

pub mod random_edits;

use std::path::{Path, PathBuf};

use nosmap::edit::{Document, Edit};
use nosmap::model::{
    Function, FunctionalMap, KeyPurpose, MapMeta, Node, NodeId, Statement, StatementList, Unit,
};

/// Runs the real `nosmap` binary in `dir` (only test files that ask Cargo for it may call this).
pub fn nosmap(args: &[&str], dir: &Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_nosmap"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

/// The example maps shipped in `examples/`.
pub fn example_paths() -> Vec<PathBuf> {
    nosmap::io::map_files_in(&Path::new(env!("CARGO_MANIFEST_DIR")).join("examples"))
}

pub fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
}

pub fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

/// Adds `node` as the last child of `parent` through the history; returns its id.
pub fn add(doc: &mut Document, parent: NodeId, node: Node) -> NodeId {
    let id = doc.map().next_free_id();
    let index = doc.map().children(parent).len();
    doc.apply(
        "add",
        Edit::AddNode {
            id,
            parent,
            index,
            node,
        },
    )
    .unwrap();
    id
}

/// A small map: KP → areas A, B; A → function A1 → units U1, U2; B → unit U3.
pub struct Small {
    pub doc: Document,
    pub kp: NodeId,
    pub a: NodeId,
    pub b: NodeId,
    pub a1: NodeId,
    pub u1: NodeId,
    pub u2: NodeId,
    pub u3: NodeId,
}

pub fn small() -> Small {
    let map = FunctionalMap::new(MapMeta::new("Small"), KeyPurpose::new("Achieve results"));
    let mut doc = Document::new(map);
    let kp = doc.map().root();
    let a = add(&mut doc, kp, Function::new("A", "Plan work").into());
    let b = add(&mut doc, kp, Function::new("B", "Deliver work").into());
    let a1 = add(&mut doc, a, Function::new("A1", "Agree objectives").into());
    let mut unit = Unit::new("TST01", "Agree objectives with your team");
    unit.performance_criteria = vec![
        Statement::item("agree goals"),
        Statement::item("record goals"),
    ];
    unit.knowledge = vec![Statement::item("how to set goals")];
    let u1 = add(&mut doc, a1, unit.into());
    let u2 = add(&mut doc, a1, Unit::new("TST02", "Review objectives").into());
    let u3 = add(&mut doc, b, Unit::new("TST03", "Deliver services").into());
    doc.mark_saved();
    Small {
        doc,
        kp,
        a,
        b,
        a1,
        u1,
        u2,
        u3,
    }
}

/// The editor window in egui_kittest at 1400×900, after its first frames.
#[cfg(feature = "gui")]
pub fn window(
    app: nosmap::app::NosmapApp,
) -> egui_kittest::Harness<'static, nosmap::app::NosmapApp> {
    let mut harness = egui_kittest::Harness::builder()
        .with_size([1400.0, 900.0])
        .build_ui_state(|ui, app: &mut nosmap::app::NosmapApp| app.frame_ui(ui), app);
    harness.run();
    harness
}

/// The editor on the Learning & Development 2010 example (not saved anywhere), with its settings
/// in `settings` and the in-app file chooser.
#[cfg(feature = "gui")]
pub fn example_app(settings: &Path) -> nosmap::app::NosmapApp {
    let map = nosmap::io::load(&example("learning-and-development-2010.nosmap.ron")).unwrap();
    let mut app = nosmap::app::NosmapApp::new(Document::new(map), None);
    app.set_settings_path(settings.to_path_buf());
    app.use_builtin_file_chooser();
    app
}

/// The editor window on the example of [`example_app`], with its settings in a folder that lives
/// as long as the returned guard.
#[cfg(feature = "gui")]
pub fn example_window() -> (
    tempfile::TempDir,
    egui_kittest::Harness<'static, nosmap::app::NosmapApp>,
) {
    let folder = tempfile::tempdir().unwrap();
    let harness = window(example_app(&folder.path().join("settings.ron")));
    (folder, harness)
}

/// `count` clicks of `button` at `at`, as the window sends them (a move, then press and release).
#[cfg(feature = "gui")]
pub fn clicks(
    at: eframe::egui::Pos2,
    button: eframe::egui::PointerButton,
    count: usize,
) -> Vec<eframe::egui::Event> {
    let mut events = vec![eframe::egui::Event::PointerMoved(at)];
    for _ in 0..count {
        for pressed in [true, false] {
            events.push(eframe::egui::Event::PointerButton {
                pos: at,
                button,
                pressed,
                modifiers: eframe::egui::Modifiers::NONE,
            });
        }
    }
    events
}

/// A copy of an example in `folder`, to open and save as a user's own file.
pub fn copy_example(name: &str, folder: &Path) -> PathBuf {
    let path = folder.join(name);
    std::fs::copy(example(name), &path).unwrap();
    path
}

/// The titles of `parent`'s children, in order.
pub fn titles_under(map: &FunctionalMap, parent: NodeId) -> Vec<String> {
    map.children(parent)
        .iter()
        .map(|&c| map.node(c).unwrap().title().to_string())
        .collect()
}

/// Keys as the window receives them: a press and a release for each key, with the typed
/// character between them for text (as egui-winit sends them).
#[cfg(feature = "gui")]
pub mod keys {
    use eframe::egui::{Event, Key, Modifiers};

    pub fn press(modifiers: Modifiers, key: Key) -> Vec<Event> {
        [true, false]
            .into_iter()
            .map(|pressed| Event::Key {
                key,
                physical_key: None,
                pressed,
                repeat: false,
                modifiers,
            })
            .collect()
    }

    pub fn tap(key: Key) -> Vec<Event> {
        press(Modifiers::NONE, key)
    }

    pub fn ctrl(key: Key) -> Vec<Event> {
        press(Modifiers::COMMAND, key)
    }

    /// Alt with a letter: the window sends the letter as text too (egui-winit leaves text out
    /// only for Ctrl and Cmd).
    pub fn alt(key: Key) -> Vec<Event> {
        let mut events = press(Modifiers::ALT, key);
        events.insert(1, Event::Text(key.name().to_lowercase()));
        events
    }

    /// Each character of `text` as a key press, the text event and the key release.
    pub fn typed(text: &str) -> Vec<Event> {
        let mut events = Vec::new();
        for c in text.chars() {
            let key = Key::from_name(&c.to_ascii_uppercase().to_string()).or(match c {
                ' ' => Some(Key::Space),
                _ => None,
            });
            let key_event = |pressed| {
                key.map(|key| Event::Key {
                    key,
                    physical_key: None,
                    pressed,
                    repeat: false,
                    modifiers: Modifiers::NONE,
                })
            };
            events.extend(key_event(true));
            events.push(Event::Text(c.to_string()));
            events.extend(key_event(false));
        }
        events
    }

    /// `text`, then Enter.
    pub fn line(text: &str) -> Vec<Event> {
        let mut events = typed(text);
        events.extend(tap(Key::Enter));
        events
    }
}

/// Feeds `events` to the window `per_frame` at a time, as a slow frame collects them, running
/// each frame the way eframe does (the window's `raw_input_hook`, then the pass) until every key
/// is handled.
#[cfg(feature = "gui")]
pub fn type_in_frames(
    harness: &mut egui_kittest::Harness<'_, nosmap::app::NosmapApp>,
    events: &[eframe::egui::Event],
    per_frame: usize,
) {
    // The window delivers a key press and the text it typed together: a frame never ends
    // between them.
    let mut start = 0;
    while start < events.len() {
        let mut end = (start + per_frame.max(1)).min(events.len());
        if end < events.len()
            && matches!(
                events[end - 1],
                eframe::egui::Event::Key { pressed: true, .. }
            )
            && matches!(events[end], eframe::egui::Event::Text(_))
        {
            end += 1;
        }
        harness
            .input_mut()
            .events
            .extend(events[start..end].iter().cloned());
        frame_with_hook(harness);
        start = end;
    }
    for _ in 0..200 {
        if !harness.state().keys_pending() {
            break;
        }
        frame_with_hook(harness);
    }
    assert!(!harness.state().keys_pending(), "keys still waiting");
    harness.run();
}

/// One frame as eframe runs it: the raw input goes through the app's hook first.
#[cfg(feature = "gui")]
pub fn frame_with_hook(harness: &mut egui_kittest::Harness<'_, nosmap::app::NosmapApp>) {
    let mut raw = harness.input_mut().take();
    let ctx = harness.ctx.clone();
    harness.state_mut().admit_input(&ctx, &mut raw);
    *harness.input_mut() = raw;
    harness.step();
}

/// Runs a poppler tool (`pdfinfo`, `pdftotext`, `pdftoppm`, `pdftohtml`) and returns what it
/// printed; `None`, with a message, when poppler-utils is not installed here. With `CI` set it
/// refuses to skip: CI installs poppler-utils.
pub fn poppler(tool: &str, args: &[&str]) -> Option<String> {
    match std::process::Command::new(tool).args(args).output() {
        Ok(output) => {
            assert!(
                output.status.success(),
                "{tool}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            Some(String::from_utf8_lossy(&output.stdout).into_owned())
        }
        Err(_) => {
            eprintln!("skipped: {tool} (poppler-utils) is not installed (CI installs it)");
            assert!(
                std::env::var_os("CI").is_none(),
                "CI must have poppler-utils installed"
            );
            None
        }
    }
}

/// A CSV's cells, header first, its byte-order mark taken off (what a spreadsheet shows).
pub fn csv_rows(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// What an outline (OPML, Freeplane) holds of a map, in map order: depth, kind, code or URN, title, overview, and the
/// criteria and knowledge (heading or item, words).
pub fn outline_held(map: &FunctionalMap) -> Vec<String> {
    let mut depth = std::collections::HashMap::new();
    map.walk()
        .into_iter()
        .map(|(parent, id)| {
            let d = parent.map_or(0, |p| depth[&p] + 1);
            depth.insert(id, d);
            match map.node(id).unwrap() {
                Node::KeyPurpose(kp) => format!("{d} purpose {}", kp.statement),
                Node::Function(f) => format!("{d} function {} {}", f.code, f.title),
                Node::Unit(u) => {
                    let list = |list| {
                        u.statements(list)
                            .iter()
                            .map(|s| format!("{}{}", if s.heading { "## " } else { "" }, s.text))
                            .collect::<Vec<_>>()
                            .join(" | ")
                    };
                    format!(
                        "{d} unit {} {} [{}] PC: {} K: {}",
                        u.urn,
                        u.title,
                        u.overview,
                        list(StatementList::PerformanceCriteria),
                        list(StatementList::Knowledge)
                    )
                }
            }
        })
        .collect()
}

/// Maps to send through an outline format: the examples, and the small map with a shared unit,
/// an overview over two lines, a heading among the criteria and markup characters.
pub fn outline_maps() -> Vec<FunctionalMap> {
    let mut maps: Vec<FunctionalMap> = example_paths()
        .iter()
        .map(|p| nosmap::io::load(p).unwrap())
        .collect();
    // A shared unit, an overview over two lines, a heading among the criteria, markup characters.
    let mut s = small();
    let mut unit = s.doc.map().unit(s.u1).unwrap().clone();
    unit.overview = "Line one & <two>\nline \"three\"\twith a tab".into();
    unit.performance_criteria
        .insert(0, nosmap::model::Statement::heading("Planning"));
    s.doc
        .apply(
            "edit",
            nosmap::edit::Edit::SetNode {
                id: s.u1,
                node: Node::Unit(Box::new(unit)),
            },
        )
        .unwrap();
    s.doc
        .apply(
            "share",
            nosmap::edit::Edit::Place {
                unit: s.u1,
                parent: s.b,
                index: 0,
            },
        )
        .unwrap();
    maps.push(s.doc.map().clone());
    maps
}

/// Converts `file` with headless LibreOffice (`soffice --convert-to TARGET`) into `file`'s folder
/// and returns the new file's path; `None`, with a message, when LibreOffice is not installed
/// here. With `CI` set it refuses to skip: CI installs LibreOffice. Each call has its own profile
/// folder, so tests running side by side do not fight over one.
pub fn soffice(file: &Path, target: &str, extension: &str) -> Option<PathBuf> {
    let dir = file.parent().unwrap();
    let profile = tempfile::tempdir().unwrap();
    let spawned = std::process::Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
        ])
        .arg(dir)
        .arg(file)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn();
    let mut child = match spawned {
        Ok(child) => child,
        Err(_) => {
            eprintln!("skipped: soffice (LibreOffice) is not installed (CI installs it)");
            assert!(
                std::env::var_os("CI").is_none(),
                "CI must have LibreOffice installed"
            );
            return None;
        }
    };
    // A first start builds the profile: allow it a few minutes on a busy machine, never forever.
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > std::time::Duration::from_secs(300) {
            child.kill().unwrap();
            panic!(
                "soffice did not finish converting {} in 5 minutes",
                file.display()
            );
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let output = child.wait_with_output().unwrap();
    let converted = file.with_extension(extension);
    assert!(
        output.status.success() && converted.is_file(),
        "soffice did not convert {}: {}{}",
        file.display(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    Some(converted)
}

/// Every map of [`outline_maps`] written by `write` and read back by `read` comes back sound,
/// with what an outline holds ([`outline_held`]), a shared unit still one unit, and the title.
pub fn assert_outline_round_trip(
    write: impl Fn(&FunctionalMap) -> String,
    read: impl Fn(&str) -> Result<FunctionalMap, nosmap::io::LoadError>,
) {
    for map in outline_maps() {
        let back = read(&write(&map)).unwrap();
        assert!(back.check_invariants().is_empty());
        assert_eq!(
            outline_held(&back),
            outline_held(&map),
            "{}",
            map.meta().title
        );
        assert_eq!(
            back.units().count(),
            map.units().count(),
            "a shared unit stays one unit"
        );
        assert_eq!(back.meta().title, map.display_title());
    }
}
