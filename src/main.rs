//! The `timeatlas` binary: all logic lives in the library so tests can build the whole app.

// On Windows the atlas is a window program: double-clicking it opens no console window. Started from a
// console, it attaches to that console so --help, check and export still print there.
#![cfg_attr(windows, windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    let process_start = std::time::Instant::now();
    #[cfg(windows)]
    attach_console();
    timeatlas::cli::main(process_start)
}

/// Attaches to the console of the process that started this one, if any (a Command Prompt or
/// PowerShell); started from Explorer there is none, and nothing happens.
#[cfg(windows)]
#[allow(unsafe_code, reason = "one call into the Windows API; it takes no pointers")]
fn attach_console() {
    use windows_sys::Win32::System::Console::{ATTACH_PARENT_PROCESS, AttachConsole};
    // SAFETY: AttachConsole takes a process id and touches no memory of ours. It fails harmlessly when
    // there is no parent console or the handles are already redirected (a pipe, a file).
    unsafe {
        AttachConsole(ATTACH_PARENT_PROCESS);
    }
}
