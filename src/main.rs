//! The `ventanilla` binary: parse, dispatch, and turn errors into a readable line and an exit
//! code (0 done, 1 refused by a rule, 2 bad usage or unusable database, 3 nothing to do).

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match ventanilla::cli::parse() {
        Ok(cli) => cli,
        Err(err) => {
            // Help and version on stdout (exit 0); usage errors in Spanish on stderr (exit 2).
            let _ = err.print();
            return ExitCode::from(err.exit_code() as u8);
        }
    };
    match ventanilla::commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("ventanilla: {err}");
            ExitCode::from(err.exit_code() as u8)
        }
    }
}
