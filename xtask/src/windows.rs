//! The Windows zip: cross-compiled with Debian's mingw-w64 (`x86_64-pc-windows-gnu`), with a README.txt.

use std::path::PathBuf;
use std::process::Command;

use anyhow::{Context, Result};

use crate::Project;
use crate::tools::{self, copy, fresh_dir};

const TRIPLE: &str = "x86_64-pc-windows-gnu";

/// `timeatlas-<version>-windows-x86_64.zip`.
pub fn zip(project: &Project) -> Result<PathBuf> {
    tools::need_system_tool("x86_64-w64-mingw32-gcc", "gcc-mingw-w64-x86-64")?;
    tools::need_system_tool("python3", "python3")?;
    tools::ensure_rust_target(TRIPLE)?;
    // The linker is set for this target in .cargo/config.toml.
    tools::run(tools::cargo().current_dir(&project.root).args([
        "build",
        "--release",
        "-p",
        "timeatlas",
        "--target",
        TRIPLE,
    ]))?;
    let name = format!("timeatlas-{}-windows-x86_64", project.version);
    let stage = project.dist.join(&name);
    fresh_dir(&stage)?;
    let exe = stage.join("timeatlas.exe");
    copy(&project.target.join(TRIPLE).join("release/timeatlas.exe"), &exe)?;
    if tools::on_path("x86_64-w64-mingw32-strip") {
        tools::run(Command::new("x86_64-w64-mingw32-strip").arg(&exe))?;
    }
    let readme = stage.join("README.txt");
    std::fs::write(&readme, readme_text(&project.version).replace('\n', "\r\n"))
        .with_context(|| format!("cannot write {}", readme.display()))?;
    let out = project.dist.join(format!("{name}.zip"));
    let _ = std::fs::remove_file(&out);
    // Python's zipfile is on every machine that builds this; it keeps the folder's name inside the zip.
    tools::run(Command::new("python3").current_dir(&project.dist).args(["-m", "zipfile", "-c"]).arg(&out).arg(&name))?;
    std::fs::remove_dir_all(&stage).with_context(|| format!("cannot remove {}", stage.display()))?;
    Ok(out)
}

fn readme_text(version: &str) -> String {
    format!(
        "TimeAtlas {version} for Windows (64-bit)
==================================

A classroom map-and-timeline atlas of Iran, Iraq, Syria and Yemen, 1953 to today.

To start: unzip this folder anywhere (the Desktop, a USB stick) and double-click timeatlas.exe.
Nothing needs installing and no administrator rights are needed; the map data is inside the program.
Windows may ask whether to run a program from an unknown publisher: choose More info, then Run anyway.

It needs Windows 10 or 11 (64-bit) with DirectX 12, Vulkan or OpenGL, which every current PC has.
Settings and annotations are kept in %APPDATA%\\timeatlas\\data.

From a Command Prompt in this folder:
  timeatlas --help                          lists the options
  timeatlas check FILE                      checks a data file
  timeatlas export --date 1979-11 --out map.png
                                            saves the map as an image without opening the window
(The prompt comes back before the output ends: that is how Windows treats window programs.)

Licence: MIT (code), CC BY 4.0 (texts written for the atlas); map data from Natural Earth (public domain).
"
    )
}
