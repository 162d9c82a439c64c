//! Running commands, and making sure the tools a package needs are there.

use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};

/// `cargo`, the one that runs this xtask.
pub fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// Runs a command, echoing it; fails unless it exits 0.
pub fn run(command: &mut Command) -> Result<()> {
    println!("xtask: $ {}", shown(command));
    let status = command.status().with_context(|| format!("cannot start {}", shown(command)))?;
    if !status.success() {
        bail!("{} failed ({status})", shown(command));
    }
    Ok(())
}

/// Runs a command and returns what it printed; fails unless it exits 0.
pub fn output(command: &mut Command) -> Result<String> {
    let out = command.output().with_context(|| format!("cannot start {}", shown(command)))?;
    if !out.status.success() {
        bail!("{} failed ({}): {}", shown(command), out.status, String::from_utf8_lossy(&out.stderr).trim());
    }
    String::from_utf8(out.stdout).with_context(|| format!("{} printed non-UTF-8", shown(command)))
}

fn shown(command: &Command) -> String {
    let mut s = command.get_program().to_string_lossy().into_owned();
    for a in command.get_args() {
        s.push(' ');
        s.push_str(&a.to_string_lossy());
    }
    s
}

/// True when `program` is on PATH.
pub fn on_path(program: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

/// Fails with the apt-get line that brings `program` when it is not on PATH.
pub fn need_system_tool(program: &str, apt_package: &str) -> Result<()> {
    if on_path(program) {
        return Ok(());
    }
    bail!("{program} is not installed: run `apt-get install {apt_package}` (Debian/Ubuntu) and try again")
}

/// Adds a rustup target when it is not installed.
pub fn ensure_rust_target(triple: &str) -> Result<()> {
    let installed = output(Command::new("rustup").args(["target", "list", "--installed"]))?;
    if installed.lines().any(|l| l.trim() == triple) {
        return Ok(());
    }
    run(Command::new("rustup").args(["target", "add", triple]))
}

/// Installs a cargo tool at `version` when `program --version` does not print that version.
pub fn ensure_cargo_tool(program: &str, krate: &str, version: Option<&str>) -> Result<()> {
    let present = Command::new(program).arg("--version").output().ok().filter(|o| o.status.success());
    if let Some(out) = present {
        let text = String::from_utf8_lossy(&out.stdout);
        match version {
            Some(v) if !text.split_whitespace().any(|w| w == v) => {
                println!("xtask: {program} is {}, need {v}: reinstalling", text.trim());
            }
            _ => return Ok(()),
        }
    }
    let install = |locked: bool| {
        let mut install = cargo();
        install.args(["install", krate]);
        if locked {
            install.arg("--locked");
        }
        if let Some(v) = version {
            install.args(["--version", v]);
        }
        run(&mut install)
    };
    // The tool's own lock file can name a release the registry no longer serves (wasm-bindgen-cli 0.2.130
    // locks webpki-roots 1.0.11): then its dependencies are resolved afresh, the tool's version still pinned.
    install(true).or_else(|e| {
        println!("xtask: {e:#}; installing {krate} without its lock file");
        install(false)
    })
}

/// Empties (or makes) a folder.
pub fn fresh_dir(dir: &Path) -> Result<()> {
    if dir.exists() {
        std::fs::remove_dir_all(dir).with_context(|| format!("cannot remove {}", dir.display()))?;
    }
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))
}

/// Copies a file, making the destination's folder.
pub fn copy(from: &Path, to: &Path) -> Result<()> {
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
    }
    std::fs::copy(from, to).with_context(|| format!("cannot copy {} to {}", from.display(), to.display()))?;
    Ok(())
}

/// A file's or folder's size, e.g. "12.3 MB".
pub fn size_text(path: &Path) -> String {
    format!("{:.1} MB", bytes_in(path) as f64 / 1e6)
}

fn bytes_in(path: &Path) -> u64 {
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => {
            std::fs::read_dir(path).map(|entries| entries.flatten().map(|e| bytes_in(&e.path())).sum()).unwrap_or(0)
        }
        Ok(m) => m.len(),
        Err(_) => 0,
    }
}
