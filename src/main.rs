//! The `ventanilla` binary: parse, dispatch, and turn errors into a readable line and an exit
//! code (0 done, 1 refused by a rule, 2 bad usage or unusable database, 3 nothing to do).

use std::process::ExitCode;

fn main() -> ExitCode {
    quiet_on_closed_pipe();
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
            let message = ventanilla::commands::bounded_quotes(&err.to_string());
            eprintln!("ventanilla: {}", ventanilla::commands::visible(&message));
            ExitCode::from(err.exit_code() as u8)
        }
    }
}

/// `ventanilla turn list | head -1`: when the reader of our output goes away, stop quietly
/// with exit 0 as Unix tools do, instead of a panic message and exit 101.
fn quiet_on_closed_pipe() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or("");
        // std's println! and writers like clap_complete's say it in their panic message.
        if message.contains("os error 32") || message.contains("BrokenPipe") {
            std::process::exit(0);
        }
        default(info);
    }));
}
