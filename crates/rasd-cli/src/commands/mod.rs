//! One module per subcommand: its arguments (clap) and its `run`.

pub mod bench;
pub mod check_data;
pub mod demo;
pub mod eval;
pub mod export;
pub mod extract;
pub mod graph;
pub mod ingest;
pub mod relation;
pub mod serve;
pub mod stats;
pub mod table;
pub mod train_filter;
pub mod watch;
