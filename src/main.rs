//! The `rexieshang` binary: everything is in the library.

fn main() -> std::process::ExitCode {
    rexieshang::run::main()
}
