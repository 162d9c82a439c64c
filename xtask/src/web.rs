//! The web atlas: the app built for wasm32 (the `web/` crate), its JS glue from wasm-bindgen, and a static
//! page (assets/web) that works from any static server and offline once loaded.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result};

use crate::Project;
use crate::tools::{self, copy, fresh_dir};

const TRIPLE: &str = "wasm32-unknown-unknown";

/// `web/`: index.html, timeatlas.js, timeatlas_bg.wasm, manifest.webmanifest and icons.
pub fn site(project: &Project) -> Result<PathBuf> {
    tools::ensure_rust_target(TRIPLE)?;
    // The CLI must be the exact version of the wasm-bindgen crate the app links, or the glue does not fit.
    let version = locked_version(&project.root.join("Cargo.lock"), "wasm-bindgen")?;
    tools::ensure_cargo_tool("wasm-bindgen", "wasm-bindgen-cli", Some(&version))?;
    tools::run(tools::cargo().current_dir(&project.root).args([
        "build",
        "--release",
        "-p",
        "timeatlas-web",
        "--target",
        TRIPLE,
    ]))?;
    let out = project.dist.join("web");
    fresh_dir(&out)?;
    let wasm = project.target.join(TRIPLE).join("release/timeatlas_web.wasm");
    tools::run(
        Command::new("wasm-bindgen")
            .arg(&wasm)
            .args(["--target", "web", "--no-typescript", "--out-name", "timeatlas", "--out-dir"])
            .arg(&out),
    )?;
    let bg = out.join("timeatlas_bg.wasm");
    // Optional: npm's binaryen (Debian's is too old for current Rust wasm) shrinks the module by a fifth.
    if tools::on_path("wasm-opt") {
        tools::run(Command::new("wasm-opt").args(["-Os", "--all-features", "-o"]).arg(&bg).arg(&bg))?;
    } else {
        println!("xtask: wasm-opt not found (npm install -g binaryen): the wasm is left as wasm-bindgen wrote it");
    }
    let assets = project.root.join("assets");
    copy(&assets.join("web/index.html"), &out.join("index.html"))?;
    copy(&assets.join("web/manifest.webmanifest"), &out.join("manifest.webmanifest"))?;
    copy(&assets.join("web/sw.js"), &out.join("sw.js"))?;
    copy(&assets.join("icons/timeatlas.svg"), &out.join("icon.svg"))?;
    for size in [32, 256, 512] {
        copy(
            &assets.join(format!("icons/hicolor/{size}x{size}/apps/timeatlas.png")),
            &out.join(format!("icon-{size}.png")),
        )?;
    }
    println!("xtask: web: timeatlas_bg.wasm is {}", tools::size_text(&bg));
    Ok(out)
}

/// The version of `package` in Cargo.lock (the first entry of that name).
fn locked_version(lock: &Path, package: &str) -> Result<String> {
    let text = std::fs::read_to_string(lock).with_context(|| format!("cannot read {}", lock.display()))?;
    let name_line = format!("name = \"{package}\"");
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if line == name_line
            && let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \""))
        {
            return Ok(v.trim_end_matches('"').to_owned());
        }
    }
    anyhow::bail!("{}: no package {package}", lock.display())
}
