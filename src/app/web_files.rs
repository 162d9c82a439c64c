//! Files in the browser (wasm32 only). A browser has no paths: files arrive as bytes from its file picker
//! (rfd's async dialog) or by drag-and-drop, read asynchronously and taken on the next frame, and leave as
//! downloads. PNG exports are the SVG export drawn by the browser onto a canvas of the export's size (the
//! offscreen GPU renderer would have to block on the GPU, which a browser does not allow).

use std::cell::RefCell;
use std::path::Path;
use std::rc::Rc;

use wasm_bindgen::JsCast as _;
use wasm_bindgen::prelude::*;

use crate::command::FileAction;
use crate::export::ExportFormat;

use super::TimeAtlasApp;

/// What a file from the browser is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Purpose {
    /// Data to import (Import data…).
    Data,
    /// A lesson (Lesson > Open).
    Lesson,
    /// Annotations (File > Open annotations).
    Annotations,
    /// Dropped on the window: a lesson if it says so, else data.
    Dropped,
}

/// A file the browser has read.
struct Arrived {
    purpose: Purpose,
    name: String,
    bytes: Result<Vec<u8>, String>,
}

/// Files on their way in, filled by the browser's callbacks and emptied each frame.
#[derive(Default)]
pub struct WebFiles {
    inbox: Rc<RefCell<Vec<Arrived>>>,
    /// The app's context (from the last frame), to repaint when a file arrives.
    ctx: egui::Context,
}

impl WebFiles {
    /// A second handle on the same inbox, for a callback.
    fn handle(&self) -> Self {
        Self { inbox: Rc::clone(&self.inbox), ctx: self.ctx.clone() }
    }

    fn receive(&self, purpose: Purpose, name: String, bytes: Result<Vec<u8>, String>) {
        self.inbox.borrow_mut().push(Arrived { purpose, name, bytes });
        self.ctx.request_repaint();
    }

    /// Opens the browser's file picker; the chosen files arrive in a later frame.
    fn pick(&self, purpose: Purpose) {
        let (label, extensions): (&str, &[&str]) = match purpose {
            Purpose::Data | Purpose::Dropped => {
                ("Data (CSV, TimelineJS, StoryMapJS, GeoJSON, KML)", &["csv", "tsv", "json", "geojson", "kml", "txt"])
            }
            Purpose::Lesson => ("TimeAtlas lesson", &["json"]),
            Purpose::Annotations => ("TimeAtlas annotations", &["json"]),
        };
        let dialog = rfd::AsyncFileDialog::new().add_filter(label, extensions);
        let inbox = self.handle();
        wasm_bindgen_futures::spawn_local(async move {
            let files = if purpose == Purpose::Data {
                dialog.pick_files().await.unwrap_or_default()
            } else {
                dialog.pick_file().await.into_iter().collect()
            };
            for file in files {
                let bytes = file.read().await;
                inbox.receive(purpose, file.file_name(), Ok(bytes));
            }
        });
    }

    /// Starts reading the files dropped on the page this frame.
    fn read_dropped(&self) {
        for file in self.ctx.input(|i| i.raw.dropped_files.clone()) {
            let inbox = self.handle();
            wasm_bindgen_futures::spawn_local(async move {
                let name = file.path().display().to_string();
                let bytes = file.bytes_async().await;
                inbox.receive(Purpose::Dropped, name, bytes);
            });
        }
    }
}

impl TimeAtlasApp {
    /// The browser's version of choosing a file: its picker to open one, a download to save one.
    pub(super) fn choose_file(&mut self, action: FileAction) {
        match action {
            FileAction::OpenLesson => self.web_files.pick(Purpose::Lesson),
            FileAction::OpenAnnotations => self.web_files.pick(Purpose::Annotations),
            FileAction::SaveAnnotations => {
                let json = crate::annotate::file::to_json(self.draw.history.items());
                self.report_download(download("annotations.json", "application/json", json.as_bytes()));
            }
            FileAction::SaveLesson => {
                self.keep_drawings_in_slide();
                let Some(lesson) = &self.lesson.lesson else { return };
                match crate::lesson::file::to_json(lesson) {
                    Ok(json) => self.report_download(download("lesson.json", "application/json", json.as_bytes())),
                    Err(e) => self.messages.push(format!("cannot save the lesson: {e}")),
                }
            }
            FileAction::Export => {
                let opts = self.settings.export.clone();
                let mut svg_opts = opts.clone();
                svg_opts.format = ExportFormat::Svg;
                let svg = self.with_current_scene(|exporter, scene| exporter.svg(scene, &svg_opts));
                let result = match opts.format {
                    ExportFormat::Svg => download("timeatlas-map.svg", "image/svg+xml", svg.as_bytes()),
                    ExportFormat::Png => download_svg_as_png("timeatlas-map.png", &svg, opts.size_px),
                };
                self.export.status = Some(match result {
                    Ok(()) => Ok(format!("Downloaded timeatlas-map.{}", opts.format.extension())),
                    Err(e) => Err(e),
                });
            }
            // Frames go to a folder, which a browser cannot write: the dialog offers them on the desktop only.
            FileAction::ExportFramesFolder => {}
        }
    }

    /// Picks data files with the browser's picker (Import data…).
    pub(super) fn pick_data_files(&mut self) {
        self.web_files.pick(Purpose::Data);
    }

    fn report_download(&mut self, result: Result<(), String>) {
        if let Err(e) = result {
            self.messages.push(e);
        }
    }

    /// Takes the files the browser has read since the last frame, and starts reading dropped ones.
    pub(super) fn poll_web_files(&mut self, ctx: &egui::Context) {
        self.web_files.ctx = ctx.clone();
        self.web_files.read_dropped();
        let arrived = std::mem::take(&mut *self.web_files.inbox.borrow_mut());
        for file in arrived {
            let bytes = match file.bytes {
                Ok(b) => b,
                Err(e) => {
                    self.messages.push(format!("{}: cannot read the file: {e}", file.name));
                    continue;
                }
            };
            let lesson_text = std::str::from_utf8(&bytes).ok().filter(|t| t.contains("\"timeatlas-lesson\""));
            match (file.purpose, lesson_text) {
                (Purpose::Lesson, _) | (Purpose::Dropped, Some(_)) => self.open_lesson_bytes(&file.name, &bytes),
                (Purpose::Annotations, _) => self.open_annotation_bytes(&file.name, &bytes),
                (Purpose::Data | Purpose::Dropped, _) => self.import_bytes(&file.name, &bytes),
            }
            self.imports.revision += 1;
        }
    }

    fn open_lesson_bytes(&mut self, name: &str, bytes: &[u8]) {
        let text = String::from_utf8_lossy(bytes);
        match crate::lesson::file::from_json(name, &text) {
            Ok(lesson) => {
                let problems = crate::lesson::file::validate(&lesson, &self.doc.dataset, name);
                self.messages.extend(problems.iter().map(|e| format!("warning: {e}")));
                if !lesson.data.is_empty() {
                    self.messages.push(format!(
                        "{name} names data files ({}): in the browser, import them with File > Import data.",
                        lesson.data.join(", ")
                    ));
                }
                let mut lesson = lesson;
                lesson.data.clear();
                self.open_lesson(lesson, None);
            }
            Err(e) => self.messages.push(e.to_string()),
        }
    }

    fn open_annotation_bytes(&mut self, name: &str, bytes: &[u8]) {
        match crate::annotate::file::from_json(name, &String::from_utf8_lossy(bytes)) {
            Ok(items) => {
                self.draw.history.apply(crate::annotate::Edit::ReplaceAll(items), false);
                self.draw.selected = None;
            }
            Err(e) => self.messages.push(e.to_string()),
        }
    }

    /// Reads a data file held in memory, on this thread (a browser tab has no threads to spare).
    fn import_bytes(&mut self, name: &str, bytes: &[u8]) {
        let options = self.import_options();
        match crate::import::import_bytes(Path::new(name), bytes, &options) {
            Ok(imported) => self.add_imported(crate::document::index_on_map(imported)),
            Err(e) => self.messages.push(e.to_string()),
        }
    }
}

/// Saves `bytes` as a download named `name`.
fn download(name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let blob = blob(bytes, mime)?;
    download_blob(name, &blob)
}

fn blob(bytes: &[u8], mime: &str) -> Result<web_sys::Blob, String> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let props = web_sys::BlobPropertyBag::new();
    props.set_type(mime);
    web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &props)
        .map_err(|e| js_error("cannot make the file", &e))
}

fn download_blob(name: &str, blob: &web_sys::Blob) -> Result<(), String> {
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(|e| js_error("cannot make the download", &e))?;
    let anchor: web_sys::HtmlAnchorElement = document()?
        .create_element("a")
        .map_err(|e| js_error("cannot make the download", &e))?
        .dyn_into()
        .map_err(|_| "cannot make the download link".to_owned())?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    revoke_later(url);
    Ok(())
}

/// Frees a download's URL once the browser has had time to start the download.
fn revoke_later(url: String) {
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(window) = web_sys::window() {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
    }
}

/// Draws the SVG onto a canvas of `size_px` and downloads the canvas as a PNG.
fn download_svg_as_png(name: &str, svg: &str, size_px: [u32; 2]) -> Result<(), String> {
    let svg_url = web_sys::Url::create_object_url_with_blob(&blob(svg.as_bytes(), "image/svg+xml")?)
        .map_err(|e| js_error("cannot draw the PNG", &e))?;
    let image = web_sys::HtmlImageElement::new().map_err(|e| js_error("cannot draw the PNG", &e))?;
    let (name, loaded, url) = (name.to_owned(), image.clone(), svg_url.clone());
    let onload = Closure::once_into_js(move || {
        let drawn = draw_png(&loaded, size_px, name);
        let _ = web_sys::Url::revoke_object_url(&url);
        if let Err(e) = drawn {
            log::error!("{e}");
        }
    });
    image.set_onload(Some(onload.unchecked_ref()));
    image.set_src(&svg_url);
    Ok(())
}

fn draw_png(image: &web_sys::HtmlImageElement, [w, h]: [u32; 2], name: String) -> Result<(), String> {
    let canvas: web_sys::HtmlCanvasElement = document()?
        .create_element("canvas")
        .map_err(|e| js_error("cannot draw the PNG", &e))?
        .dyn_into()
        .map_err(|_| "cannot make a canvas".to_owned())?;
    canvas.set_width(w);
    canvas.set_height(h);
    let context: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .map_err(|e| js_error("cannot draw the PNG", &e))?
        .ok_or("the browser has no 2D canvas")?
        .dyn_into()
        .map_err(|_| "the browser has no 2D canvas".to_owned())?;
    context
        .draw_image_with_html_image_element_and_dw_and_dh(image, 0.0, 0.0, f64::from(w), f64::from(h))
        .map_err(|e| js_error("cannot draw the PNG", &e))?;
    let save = Closure::once_into_js(move |png: Option<web_sys::Blob>| match png {
        Some(png) => {
            if let Err(e) = download_blob(&name, &png) {
                log::error!("{e}");
            }
        }
        None => log::error!("the browser made no PNG"),
    });
    canvas.to_blob(save.unchecked_ref()).map_err(|e| js_error("cannot make the PNG", &e))
}

fn document() -> Result<web_sys::Document, String> {
    web_sys::window().and_then(|w| w.document()).ok_or_else(|| "no web page to download from".to_owned())
}

fn js_error(what: &str, e: &JsValue) -> String {
    format!("{what}: {}", e.as_string().unwrap_or_else(|| format!("{e:?}")))
}
