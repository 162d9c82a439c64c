//! TimeAtlas in a browser: `index.html` creates a [`WebHandle`] and starts it on its canvas. The app is the
//! same as the desktop one (its data is compiled in); what a browser cannot do (the command line, paths,
//! threads) is left out of the library for wasm32, and files come and go through the browser instead.

#[cfg(target_arch = "wasm32")]
mod handle {
    use timeatlas::TimeAtlasApp;
    use timeatlas::app::StartOptions;
    use wasm_bindgen::prelude::*;

    /// The running atlas, for the page's script.
    #[wasm_bindgen]
    pub struct WebHandle {
        runner: eframe::WebRunner,
    }

    #[wasm_bindgen]
    impl WebHandle {
        /// Logs to the browser's console (warnings and errors; `?log=debug` in the address for more).
        #[wasm_bindgen(constructor)]
        pub fn new(debug: bool) -> Self {
            let level = if debug { log::LevelFilter::Debug } else { log::LevelFilter::Warn };
            // A second handle on the page would find the logger set: harmless.
            let _ = eframe::WebLogger::init(level);
            Self { runner: eframe::WebRunner::new() }
        }

        /// Starts the atlas on `canvas`; settings and annotations are kept in the browser's local storage.
        pub async fn start(&self, canvas: web_sys::HtmlCanvasElement) -> Result<(), JsValue> {
            self.runner
                .start(
                    canvas,
                    eframe::WebOptions::default(),
                    Box::new(|cc| Ok(Box::new(TimeAtlasApp::new(cc, StartOptions::default())))),
                )
                .await
        }

        /// True once the app has panicked (the page then shows the message instead of the canvas).
        pub fn has_panicked(&self) -> bool {
            self.runner.has_panicked()
        }

        /// The panic's message, if it panicked.
        pub fn panic_message(&self) -> Option<String> {
            self.runner.panic_summary().map(|s| s.message())
        }
    }
}
