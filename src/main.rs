//! The `timeatlas` binary: all logic lives in the library so tests can build the whole app.

// On Windows the atlas is a window program: double-clicking it opens no console window. Started from a
// console, it attaches to that console so --help, check and export still print there.
#![cfg_attr(windows, windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    let process_start = std::time::Instant::now();
    #[cfg(windows)]
    attach_console();
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    fixed_malloc_thresholds();
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

/// glibc's malloc raises its mmap threshold each time a large block is freed, so the large buffers a frame
/// builds at a dense date (a million imported events) later come from the heap, and the heap keeps them: a
/// 30-minute playback grew 10 % in two steps, one each time the timeline passed the dense years. With fixed
/// thresholds, large blocks are mapped and given back when freed (the same playback: no step).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code, reason = "two calls that set malloc's parameters; they take no pointers")]
fn fixed_malloc_thresholds() {
    const ONE_MIB: libc::c_int = 1 << 20;
    // SAFETY: mallopt only sets allocator parameters, and runs before any other thread starts. A refusal
    // (it returns 0) leaves glibc's defaults, which work, only with more memory kept.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, ONE_MIB);
        libc::mallopt(libc::M_TRIM_THRESHOLD, ONE_MIB);
    }
}
