//! `rasd check-data`: load the dictionaries and rules and run the rules' examples.

use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `rasd check-data`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Extra dictionary files to check with the built-in ones.
    #[arg(long = "dict", value_name = "FILE")]
    pub dicts: Vec<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let extractor = crate::shared::extractor(&args.dicts)?;
    let res = extractor.resources();
    println!(
        "{} actors, {} places, {} trigger rules",
        res.lexicon().actors().len(),
        res.lexicon().places().len(),
        res.trigger_count()
    );
    let failures = rasd_extract::check_examples(&extractor);
    for f in &failures {
        println!("FAIL {f}");
    }
    if failures.is_empty() {
        println!("all rule examples pass");
        Ok(ExitCode::SUCCESS)
    } else {
        println!("{} rule examples fail", failures.len());
        Ok(ExitCode::from(1))
    }
}
