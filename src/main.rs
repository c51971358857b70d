//! The `ventanilla` binary: parse, dispatch, and turn errors into a readable line and an exit
//! code (0 done, 1 refused by a rule, 2 bad usage or unusable database, 3 nothing to do).

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = ventanilla::cli::Cli::parse();
    match ventanilla::commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("ventanilla: {err}");
            ExitCode::from(err.exit_code() as u8)
        }
    }
}
