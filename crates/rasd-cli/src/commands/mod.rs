//! One module per subcommand: its arguments (clap) and its `run`.

pub mod bench;
pub mod check_data;
pub mod demo;
pub mod eval;
pub mod extract;
pub mod table;
