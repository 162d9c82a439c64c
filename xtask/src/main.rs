//! `cargo xtask dist [deb] [appimage] [windows] [web]`: builds TimeAtlas's packages into `<target dir>/dist/`.
//!
//! With no package named it builds all four. Cargo tools and rustup targets it needs are installed when
//! missing (with the ordinary clients, at pinned versions); system tools (mksquashfs, mingw-w64) are not, and
//! a missing one is reported with the `apt-get install` line that brings it.

mod linux;
mod tools;
mod web;
mod windows;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result, bail};

/// What every step needs to know about the checkout.
pub struct Project {
    /// The workspace root (where the root Cargo.toml is).
    pub root: PathBuf,
    /// Cargo's target directory (`CARGO_TARGET_DIR` or `<root>/target`).
    pub target: PathBuf,
    /// Where the packages go: `<target>/dist`.
    pub dist: PathBuf,
    /// The app's version, from its Cargo.toml.
    pub version: String,
}

impl Project {
    fn discover() -> Result<Self> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().context("xtask/ has no parent folder")?.to_path_buf();
        let out =
            tools::output(tools::cargo().current_dir(&root).args(["metadata", "--format-version", "1", "--no-deps"]))?;
        let meta: serde_json::Value = serde_json::from_str(&out).context("cargo metadata printed no JSON")?;
        let target = meta["target_directory"].as_str().context("cargo metadata: no target_directory")?;
        let version = meta["packages"]
            .as_array()
            .and_then(|ps| ps.iter().find(|p| p["name"] == "timeatlas"))
            .and_then(|p| p["version"].as_str())
            .context("cargo metadata: no package timeatlas with a version")?;
        let target = PathBuf::from(target);
        Ok(Self { root, dist: target.join("dist"), target, version: version.to_owned() })
    }
}

/// One package `dist` can build.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Package {
    Deb,
    AppImage,
    Windows,
    Web,
}

impl Package {
    const ALL: [Self; 4] = [Self::Deb, Self::AppImage, Self::Windows, Self::Web];

    fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "deb" => Self::Deb,
            "appimage" => Self::AppImage,
            "windows" => Self::Windows,
            "web" => Self::Web,
            _ => return None,
        })
    }

    fn build(self, project: &Project) -> Result<PathBuf> {
        match self {
            Self::Deb => linux::deb(project),
            Self::AppImage => linux::appimage(project),
            Self::Windows => windows::zip(project),
            Self::Web => web::site(project),
        }
    }
}

const USAGE: &str = "usage: cargo xtask dist [deb] [appimage] [windows] [web]   (none named: all four)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &[String]) -> Result<()> {
    let Some((first, rest)) = args.split_first() else { bail!("{USAGE}") };
    if first != "dist" {
        bail!("unknown task {first:?}; {USAGE}");
    }
    let mut packages = Vec::new();
    for name in rest {
        match Package::parse(name) {
            Some(p) if !packages.contains(&p) => packages.push(p),
            Some(_) => {}
            None => bail!("unknown package {name:?}; {USAGE}"),
        }
    }
    if packages.is_empty() {
        packages = Package::ALL.to_vec();
    }
    let project = Project::discover()?;
    std::fs::create_dir_all(&project.dist).with_context(|| format!("cannot create {}", project.dist.display()))?;
    let mut made = Vec::new();
    for package in packages {
        let started = Instant::now();
        let path = package.build(&project).with_context(|| format!("{package:?}"))?;
        let secs = started.elapsed().as_secs();
        println!("xtask: {package:?} done in {secs} s: {}", path.display());
        made.push((path, secs));
    }
    println!("xtask: packages in {}:", project.dist.display());
    for (path, secs) in made {
        println!("  {} ({}, {secs} s)", path.display(), tools::size_text(&path));
    }
    Ok(())
}
