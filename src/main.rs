//! The `scopepick` binary.

fn main() -> std::process::ExitCode {
    scopepick::cli::main()
}
