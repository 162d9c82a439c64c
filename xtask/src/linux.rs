//! The Linux packages: the .deb (cargo-deb) and the AppImage (an AppDir behind the AppImage runtime).

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result};

use crate::Project;
use crate::tools::{self, copy, fresh_dir};

/// The cargo-deb release the .deb is built with.
const CARGO_DEB_VERSION: &str = "3.8.0";
/// The `appimage` crate whose `assets/runtime-x86_64` is the AppImage's runtime (appimagetool itself is
/// not on any registry reachable here).
const APPIMAGE_CRATE_VERSION: &str = "0.4.0";
/// Icon sizes in assets/icons/hicolor.
pub const ICON_SIZES: [u32; 8] = [16, 24, 32, 48, 64, 128, 256, 512];

/// Builds the release binary for this machine.
fn build_native(project: &Project) -> Result<PathBuf> {
    tools::run(tools::cargo().current_dir(&project.root).args(["build", "--release", "-p", "timeatlas"]))?;
    Ok(project.target.join("release/timeatlas"))
}

/// `timeatlas_<version>_amd64.deb`, from `[package.metadata.deb]` in Cargo.toml.
pub fn deb(project: &Project) -> Result<PathBuf> {
    tools::need_system_tool("dpkg-shlibdeps", "dpkg-dev")?;
    tools::ensure_cargo_tool("cargo-deb", "cargo-deb", Some(CARGO_DEB_VERSION))?;
    build_native(project)?;
    let out = project.dist.join(format!("timeatlas_{}_amd64.deb", project.version));
    tools::run(
        tools::cargo().current_dir(&project.root).args(["deb", "-p", "timeatlas", "--no-build", "--output"]).arg(&out),
    )?;
    Ok(out)
}

/// `TimeAtlas-<version>-x86_64.AppImage`: runs on any x86_64 Linux with libfuse2, or anywhere with
/// `--appimage-extract-and-run`.
pub fn appimage(project: &Project) -> Result<PathBuf> {
    tools::need_system_tool("mksquashfs", "squashfs-tools")?;
    let runtime = appimage_runtime(project)?;
    let binary = build_native(project)?;
    let work = project.dist.join("appimage");
    let appdir = work.join("TimeAtlas.AppDir");
    fresh_dir(&appdir)?;
    let exe = appdir.join("usr/bin/timeatlas");
    copy(&binary, &exe)?;
    tools::run(Command::new("strip").arg(&exe))?;
    let assets = project.root.join("assets");
    copy(&assets.join("timeatlas.desktop"), &appdir.join("timeatlas.desktop"))?;
    copy(&assets.join("timeatlas.desktop"), &appdir.join("usr/share/applications/timeatlas.desktop"))?;
    copy(&assets.join("icons/hicolor/256x256/apps/timeatlas.png"), &appdir.join("timeatlas.png"))?;
    for size in ICON_SIZES {
        let rel = format!("icons/hicolor/{size}x{size}/apps/timeatlas.png");
        copy(&assets.join(&rel), &appdir.join("usr/share").join(rel))?;
    }
    symlink("timeatlas.png", &appdir.join(".DirIcon"))?;
    symlink("usr/bin/timeatlas", &appdir.join("AppRun"))?;

    let squashfs = work.join("TimeAtlas.squashfs");
    let _ = std::fs::remove_file(&squashfs);
    tools::run(Command::new("mksquashfs").arg(&appdir).arg(&squashfs).args(["-root-owned", "-noappend", "-quiet"]))?;
    let out = project.dist.join(format!("TimeAtlas-{}-x86_64.AppImage", project.version));
    let mut image = runtime;
    image.extend(std::fs::read(&squashfs).with_context(|| format!("cannot read {}", squashfs.display()))?);
    std::fs::write(&out, image).with_context(|| format!("cannot write {}", out.display()))?;
    make_executable(&out)?;
    std::fs::remove_dir_all(&work).with_context(|| format!("cannot remove {}", work.display()))?;
    Ok(out)
}

/// The AppImage runtime, read from the `appimage` crate as cargo fetches it. The crate is fetched, not built:
/// its one heavy dependency (`xcommon`, 86 crates) is patched to an empty local crate so only two small
/// crates are downloaded.
fn appimage_runtime(project: &Project) -> Result<Vec<u8>> {
    let dir = project.target.join("appimage-runtime");
    let stub = dir.join("xcommon-stub");
    std::fs::create_dir_all(stub.join("src")).with_context(|| format!("cannot create {}", stub.display()))?;
    std::fs::create_dir_all(dir.join("src")).with_context(|| format!("cannot create {}", dir.display()))?;
    let files = [
        (
            dir.join("Cargo.toml"),
            format!(
                "[package]\nname = \"appimage-runtime-fetch\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n\
                 [dependencies]\nappimage = \"={APPIMAGE_CRATE_VERSION}\"\n\n\
                 [patch.crates-io]\nxcommon = {{ path = \"xcommon-stub\" }}\n\n[workspace]\n"
            ),
        ),
        (dir.join("src/lib.rs"), String::new()),
        (stub.join("Cargo.toml"), "[package]\nname = \"xcommon\"\nversion = \"0.3.0\"\nedition = \"2021\"\n".into()),
        (stub.join("src/lib.rs"), String::new()),
    ];
    for (path, text) in files {
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    }
    let manifest = dir.join("Cargo.toml");
    tools::run(tools::cargo().arg("fetch").arg("--manifest-path").arg(&manifest))?;
    let meta =
        tools::output(tools::cargo().args(["metadata", "--format-version", "1", "--manifest-path"]).arg(&manifest))?;
    let meta: serde_json::Value = serde_json::from_str(&meta).context("cargo metadata printed no JSON")?;
    let crate_manifest = meta["packages"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["name"] == "appimage"))
        .and_then(|p| p["manifest_path"].as_str())
        .context("cargo metadata: the appimage crate was not fetched")?;
    let runtime = Path::new(crate_manifest).with_file_name("assets").join("runtime-x86_64");
    let bytes = std::fs::read(&runtime).with_context(|| format!("cannot read {}", runtime.display()))?;
    // An ELF executable, or the AppImage would not start.
    anyhow::ensure!(bytes.starts_with(b"\x7fELF"), "{} is not an ELF executable", runtime.display());
    Ok(bytes)
}

#[cfg(unix)]
fn symlink(target: &str, link: &Path) -> Result<()> {
    std::os::unix::fs::symlink(target, link).with_context(|| format!("cannot link {}", link.display()))
}

#[cfg(unix)]
fn make_executable(path: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
        .with_context(|| format!("cannot make {} executable", path.display()))
}

#[cfg(not(unix))]
fn symlink(_target: &str, link: &Path) -> Result<()> {
    anyhow::bail!("AppImages are built on Linux only (cannot link {})", link.display())
}

#[cfg(not(unix))]
fn make_executable(path: &Path) -> Result<()> {
    anyhow::bail!("AppImages are built on Linux only ({})", path.display())
}
