//! One module per subcommand; each reads as load → compute → render → write.

pub mod check;
