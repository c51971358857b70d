//! The command line in Spanish: clap's own words (headings, the help and version flags,
//! `[default: …]`, usage placeholders) replaced on the built [`Command`], and clap's parse
//! errors rendered in Spanish from their kind and context.

mod errors;
use errors::{message, suggestions, translate_tip};

use super::Cli;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches};
use std::ffi::OsString;
use std::fmt::{self, Write as _};

/// Heading of the positional arguments.
const ARGUMENTS: &str = "Argumentos";
/// Heading of the options.
const OPTIONS: &str = "Opciones";

/// The whole command tree, built, with every help text, heading and usage in Spanish.
pub fn command() -> Command {
    let root = Cli::command();
    // The derive's `version` is the package's; subcommands get the same.
    let version = root.get_version().map(|_| env!("CARGO_PKG_VERSION"));
    let mut cmd = prepare(root.bin_name("ventanilla"), version, true);
    cmd.build();
    finish(cmd)
}

/// Parses the process's arguments.
pub fn parse() -> Result<Cli, ParseError> {
    parse_from(std::env::args_os())
}

/// Parses `args` (the first one is the program's name).
pub fn parse_from<I, T>(args: I) -> Result<Cli, ParseError>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString>,
{
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    let mut cmd = command();
    cmd.try_get_matches_from_mut(args.iter().cloned())
        .and_then(|mut matches| Cli::from_arg_matches_mut(&mut matches))
        .map_err(|error| ParseError::new(error, &cmd, &args))
}

/// Before building: Spanish template and headings, our own `-h`/`-V`, recursively.
fn prepare(cmd: Command, version: Option<&'static str>, root: bool) -> Command {
    let usage = cmd.get_styles().get_usage();
    let template = format!(
        "{{before-help}}{{about-with-newline}}\n{}Uso:{} {{usage}}\n\n{{all-args}}{{after-help}}",
        usage.render(),
        usage.render_reset()
    );
    let mut globals = 900..;
    let mut cmd = cmd
        .help_template(template)
        .subcommand_help_heading("Comandos")
        .subcommand_value_name("COMANDO")
        .disable_help_flag(true)
        .mut_args(|arg| {
            let arg = match arg.get_help_heading() {
                Some(_) => arg,
                None if arg.is_positional() => arg.help_heading(ARGUMENTS),
                None => arg.help_heading(OPTIONS),
            };
            // The global options go after the command's own ones, in their order.
            if root && arg.is_global_set() {
                arg.display_order(globals.next())
            } else {
                arg
            }
        })
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("Muestra la ayuda")
                .help_heading(OPTIONS)
                .display_order(998),
        );
    if let Some(version) = version {
        if !root {
            // `-V` answers "ventanilla 0.1.0" from any subcommand.
            cmd = cmd.display_name("ventanilla");
        }
        cmd = cmd.version(version).disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("Muestra la versión")
                .help_heading(OPTIONS)
                .display_order(999),
        );
    }
    cmd.mut_subcommands(|sub| prepare(sub, version, false))
}

/// After building (values, defaults and global options are known): Spanish `[por defecto: …]`,
/// `[valores posibles: …]`, `[variable de entorno: …]` and usage, recursively.
fn finish(mut cmd: Command) -> Command {
    let usage = spanish_usage(&mut cmd);
    let styles = cmd.get_styles().clone();
    let (ctx, val) = (styles.get_context(), styles.get_context_value());
    let cmd = cmd.override_usage(usage).mut_args(|mut arg| {
        let mut extra = Vec::new();
        if let Some(env) = arg.get_env().filter(|_| !arg.is_hide_env_set()) {
            extra.push(("variable de entorno", env.to_string_lossy().into_owned()));
            arg = arg.hide_env(true);
        }
        let takes_values = arg.get_action().takes_values();
        if takes_values && !arg.is_hide_default_value_set() {
            let defaults: Vec<_> = arg
                .get_default_values()
                .iter()
                .map(|v| v.to_string_lossy().into_owned())
                .filter(|v| !v.is_empty())
                .collect();
            if !defaults.is_empty() {
                extra.push(("por defecto", defaults.join(" ")));
            }
            arg = arg.hide_default_value(true);
        }
        if takes_values && !arg.is_hide_possible_values_set() {
            let values: Vec<_> = arg
                .get_possible_values()
                .iter()
                .filter(|v| !v.is_hide_set())
                .map(|v| v.get_name().to_owned())
                .collect();
            if !values.is_empty() {
                extra.push(("valores posibles", values.join(", ")));
            }
            arg = arg.hide_possible_values(true);
        }
        if extra.is_empty() {
            return arg;
        }
        let mut tail = String::new();
        for (label, text) in extra {
            let _ = write!(
                tail,
                " {ctx}[{label}: {ctx:#}{val}{text}{val:#}{ctx}]{ctx:#}"
            );
        }
        let help = arg.get_help().map(|h| h.ansi().to_string());
        let long = arg.get_long_help().map(|h| h.ansi().to_string());
        arg = arg.help(
            format!("{}{tail}", help.unwrap_or_default())
                .trim_start()
                .to_owned(),
        );
        match long {
            Some(long) => arg.long_help(format!("{long}\n\n{}", tail.trim_start())),
            None => arg,
        }
    });
    cmd.mut_subcommands(finish)
}

/// clap's usage line without its "Usage:" title and with `[OPCIONES]`.
fn spanish_usage(cmd: &mut Command) -> String {
    let rendered = cmd.render_usage().ansi().to_string();
    let reset = cmd.get_styles().get_usage().render_reset().to_string();
    let line = match rendered.split_once("Usage:") {
        Some((_, rest)) => rest.strip_prefix(&reset).unwrap_or(rest).trim_start(),
        None => rendered.as_str(),
    };
    line.replace("[OPTIONS]", "[OPCIONES]")
}

/// A failed parse, or a request for help or the version.
#[derive(Debug)]
pub struct ParseError {
    error: clap::Error,
    /// The deepest command the arguments reached, e.g. `ventanilla report day`.
    command: String,
    /// Its usage line (without title).
    usage: String,
}

impl ParseError {
    fn new(error: clap::Error, root: &Command, args: &[OsString]) -> ParseError {
        let mut cmd = reached(root, args).clone();
        // Plain text: the message is written as is (StyledStr's Display drops the styles).
        let usage = clap::builder::StyledStr::from(spanish_usage(&mut cmd)).to_string();
        let command = cmd
            .get_bin_name()
            .unwrap_or_else(|| cmd.get_name())
            .to_owned();
        ParseError {
            error,
            command,
            usage,
        }
    }

    /// What went wrong (or what was asked).
    pub fn kind(&self) -> ErrorKind {
        self.error.kind()
    }

    /// 0 for help and version, 2 otherwise (clap's convention).
    pub fn exit_code(&self) -> i32 {
        self.error.exit_code()
    }

    /// Help and version go to standard output; a usage error, in Spanish, to standard error.
    pub fn print(&self) -> std::io::Result<()> {
        if self.is_help() {
            self.error.print()
        } else {
            use std::io::Write as _;
            write!(std::io::stderr().lock(), "{self}")
        }
    }

    fn is_help(&self) -> bool {
        matches!(
            self.kind(),
            ErrorKind::DisplayHelp
                | ErrorKind::DisplayVersion
                | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
        )
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_help() {
            return write!(f, "{}", self.error.render());
        }
        let err = &self.error;
        writeln!(f, "error: {}", message(err))?;
        let mut tips = suggestions(err);
        if let Some(ContextValue::StyledStrs(extra)) = err.get(ContextKind::Suggested) {
            tips.extend(
                extra
                    .iter()
                    .filter_map(|tip| translate_tip(&tip.to_string())),
            );
        }
        if !tips.is_empty() {
            writeln!(f)?;
            for tip in tips {
                writeln!(f, "  sugerencia: {tip}")?;
            }
        }
        if err.get(ContextKind::Usage).is_some() {
            write!(f, "\nUso: {}\n", self.usage)?;
        }
        write!(
            f,
            "\nPara más información, pruebe «{} --help».\n",
            self.command
        )
    }
}

/// The deepest (sub)command `args` name, skipping option values; the root if none.
fn reached<'a>(root: &'a Command, args: &[OsString]) -> &'a Command {
    let mut cmd = root;
    let mut args = args.iter().skip(1).filter_map(|a| a.to_str());
    while let Some(arg) = args.next() {
        if arg == "--" {
            break;
        }
        if let Some(long) = arg.strip_prefix("--") {
            let takes_value = cmd
                .get_arguments()
                .find(|a| a.get_long() == Some(long))
                .is_some_and(|a| a.get_action().takes_values());
            if takes_value {
                args.next();
            }
        } else if !arg.starts_with('-')
            && let Some(sub) = cmd.find_subcommand(arg)
        {
            cmd = sub;
        }
    }
    cmd
}
