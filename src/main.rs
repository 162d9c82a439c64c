//! The `timeatlas` binary: all logic lives in the library so tests can build the whole app.

fn main() -> std::process::ExitCode {
    let process_start = std::time::Instant::now();
    timeatlas::cli::main(process_start)
}
