//! `ventanilla completions SHELL` and `ventanilla manual`: the command line described for the
//! shell's completion and for `man`, from the same (Spanish) definition the parser uses.

use crate::error::{Error, Result};
use clap_complete::Shell;
use std::path::Path;

/// Writes the completion script for `shell` on stdout.
pub fn completions(shell: &str) -> Result<()> {
    let shell: Shell = match crate::domain::vocab::fold(shell).as_str() {
        "bash" => Shell::Bash,
        "zsh" => Shell::Zsh,
        "fish" => Shell::Fish,
        "powershell" | "pwsh" => Shell::PowerShell,
        "elvish" => Shell::Elvish,
        other => {
            return Err(Error::Usage(format!(
                "intérprete «{other}» desconocido: use bash, zsh, fish, powershell o elvish"
            )));
        }
    };
    let mut cmd = crate::cli::command();
    clap_complete::generate(shell, &mut cmd, "ventanilla", &mut std::io::stdout());
    Ok(())
}

/// Writes `ventanilla.1` and one page per subcommand (`ventanilla-ticket-new.1`, …) into `out`.
pub fn manual(out: &Path) -> Result<()> {
    let fail =
        |e: std::io::Error| Error::Usage(format!("no se puede escribir en {}: {e}", out.display()));
    std::fs::create_dir_all(out).map_err(fail)?;
    let cmd = crate::cli::command();
    let mut written = 0;
    write_pages(cmd, "ventanilla", out, &mut written).map_err(fail)?;
    println!("{written} páginas del manual escritas en {}", out.display());
    println!("Léalas con: man -l {}/ventanilla.1", out.display());
    Ok(())
}

/// Writes the page of `cmd` as `name` (`ventanilla-ticket-new`), then its subcommands'.
fn write_pages(
    cmd: clap::Command,
    name: &str,
    out: &Path,
    written: &mut usize,
) -> std::io::Result<()> {
    let cmd = cmd.display_name(name.to_string());
    let mut page = Vec::new();
    clap_mangen::Man::new(cmd.clone()).render(&mut page)?;
    crate::files::write_private(&out.join(format!("{name}.1")), &page)?;
    *written += 1;
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let sub_name = format!("{name}-{}", sub.get_name());
        write_pages(sub.clone(), &sub_name, out, written)?;
    }
    Ok(())
}
