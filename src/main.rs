//! The `rexieshang` binary: everything is in the library.

// Reading and rendering thousands of cases allocates many small strings; mimalloc does that markedly faster than
// the system allocator (measured in docs/benchmarks.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    rexieshang::app::main()
}
