//! `timeatlas save-stress` (hidden): the app's own save paths run in a loop until the process is killed,
//! for the crash trials (`scripts/crash_trials.py`). Each round writes a numbered version (a lesson titled
//! "version N", or annotations whose first label reads "version N") through the same code the window
//! uses, and prints `saved N` once that save has returned; so after a kill the file on disk must be
//! version N or N + 1, never a torn mixture.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::TimeAtlasApp;
use crate::annotate::{Edit, Shape, Style};
use crate::app::StartOptions;
use crate::command::FileAction;
use crate::command::{Command, FileCommand, LessonCommand, SlideEdit};

/// What is saved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum SaveKind {
    /// Lesson > Save lesson.
    Lesson,
    /// Save annotations.
    Annotations,
    /// The lesson's autosave (written after each edit of the slide).
    Autosave,
}

/// The text that marks version `n`.
pub fn version_text(n: u64) -> String {
    format!("version {n}")
}

/// Saves until killed; `import` is read over and over on another thread meanwhile (a big import while
/// saving). Returns only on an error.
pub fn run(kind: SaveKind, lesson: &Path, out: &Path, import: Option<PathBuf>) -> ExitCode {
    let start = match crate::lesson::file::load(lesson) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    if let Some(path) = import {
        let spawned = std::thread::Builder::new().name("import".into()).spawn(move || {
            let options = crate::import::ImportOptions::default();
            loop {
                if let Err(e) = crate::import::import_file(&path, &options, &crate::import::Progress::default()) {
                    eprintln!("{e}");
                    return;
                }
            }
        });
        if let Err(e) = spawned {
            eprintln!("cannot start the import thread: {e}");
            return ExitCode::FAILURE;
        }
    }
    let ctx = egui::Context::default();
    let options = StartOptions { fresh: true, autosave_path: Some(out.to_path_buf()), ..Default::default() };
    let mut app = TimeAtlasApp::headless(&ctx, options);
    app.open_lesson(start, None);
    let drawn = many_pens();
    let mut stdout = std::io::stdout();
    for n in 0u64.. {
        let text = version_text(n);
        match kind {
            SaveKind::Lesson => {
                if let Some(l) = app.lesson.lesson.as_mut() {
                    l.title = text;
                }
                app.apply(&ctx, Command::File(FileCommand::FileChosen(FileAction::SaveLesson, out.to_path_buf())));
            }
            SaveKind::Annotations => {
                let mut items = drawn.clone();
                items.insert(0, label(&text));
                app.draw.history.apply(Edit::ReplaceAll(items), false);
                app.apply(&ctx, Command::File(FileCommand::FileChosen(FileAction::SaveAnnotations, out.to_path_buf())));
            }
            SaveKind::Autosave => {
                let (caption, duration_s) =
                    app.lesson.slide().map_or((String::new(), 10.0), |s| (s.caption.clone(), s.duration_s));
                app.apply(
                    &ctx,
                    Command::Lesson(LessonCommand::Slide(SlideEdit::Edit { title: text, caption, duration_s })),
                );
                app.flush_autosave();
            }
        }
        if let Some(m) = app.messages.pop() {
            eprintln!("{m}");
            return ExitCode::FAILURE;
        }
        // The number of the version known to be whole on disk.
        if writeln!(stdout, "saved {n}").and_then(|()| stdout.flush()).is_err() {
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}

/// Drawings big enough that writing them takes a while (100 pens of 1,000 points: about 5 MB).
fn many_pens() -> Vec<crate::annotate::Annotation> {
    (0..100u64)
        .map(|p| crate::annotate::Annotation {
            id: p + 2,
            shape: Shape::Pen {
                points: (0..1000)
                    .map(|i| {
                        let t = f64::from(i) / 1000.0;
                        crate::model::GeoPoint::lon_lat(40.0 + t * 20.0, 25.0 + (p as f64) / 10.0 + (t * 40.0).sin())
                    })
                    .collect(),
            },
            style: Style::default(),
        })
        .collect()
}

fn label(text: &str) -> crate::annotate::Annotation {
    crate::annotate::Annotation {
        id: 1,
        shape: Shape::Text { at: crate::model::GeoPoint::lon_lat(50.0, 32.0), text: text.to_owned() },
        style: Style::default(),
    }
}
