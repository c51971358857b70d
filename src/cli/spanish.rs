//! The command line in Spanish: clap's own words (headings, the help and version flags,
//! `[default: …]`, usage placeholders) replaced on the built [`Command`], and clap's parse
//! errors rendered in Spanish from their kind and context.

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

/// The first line of the message: what was wrong.
fn message(err: &clap::Error) -> String {
    let arg = text(err.get(ContextKind::InvalidArg));
    let value = text(err.get(ContextKind::InvalidValue));
    let sub = text(err.get(ContextKind::InvalidSubcommand));
    let list = |kind| match err.get(kind) {
        Some(ContextValue::Strings(values)) if !values.is_empty() => Some(values.join(", ")),
        _ => None,
    };
    match err.kind() {
        ErrorKind::InvalidValue if value.as_deref() == Some("") => {
            format!("falta el valor de «{}»", arg.unwrap_or_default())
        }
        ErrorKind::InvalidValue => {
            let mut line = format!(
                "el valor «{}» no es válido para «{}»",
                value.unwrap_or_default(),
                arg.unwrap_or_default()
            );
            if let Some(valid) = list(ContextKind::ValidValue) {
                let _ = write!(line, "\n  valores posibles: {valid}");
            }
            line
        }
        ErrorKind::ValueValidation => {
            let mut line = format!(
                "el valor «{}» no es válido para «{}»",
                value.unwrap_or_default(),
                arg.unwrap_or_default()
            );
            if let Some(reason) = std::error::Error::source(err).and_then(reason) {
                let _ = write!(line, ": {reason}");
            }
            line
        }
        ErrorKind::UnknownArgument => match arg {
            Some(arg) => format!("argumento inesperado «{arg}»"),
            None => "argumento inesperado".to_owned(),
        },
        ErrorKind::InvalidSubcommand => match sub {
            Some(sub) => format!("el subcomando «{sub}» no existe"),
            None => "subcomando desconocido".to_owned(),
        },
        ErrorKind::MissingRequiredArgument => match err.get(ContextKind::InvalidArg) {
            Some(ContextValue::Strings(args)) if args.len() == 1 => {
                format!("falta un argumento obligatorio: «{}»", args[0])
            }
            Some(ContextValue::Strings(args)) => {
                let mut line = "faltan argumentos obligatorios:".to_owned();
                for arg in args {
                    let _ = write!(line, "\n  «{arg}»");
                }
                line
            }
            _ => "faltan argumentos obligatorios".to_owned(),
        },
        ErrorKind::MissingSubcommand => {
            let mut line = match sub {
                Some(sub) => format!("«{sub}» necesita un subcomando"),
                None => "falta el subcomando".to_owned(),
            };
            if let Some(valid) = list(ContextKind::ValidSubcommand) {
                let _ = write!(line, "\n  subcomandos: {valid}");
            }
            line
        }
        ErrorKind::TooManyValues => format!(
            "sobra el valor «{}» para «{}»: no se esperaban más",
            value.unwrap_or_default(),
            arg.unwrap_or_default()
        ),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            let number = |kind| match err.get(kind) {
                Some(ContextValue::Number(n)) => n.to_string(),
                _ => "?".to_owned(),
            };
            let wanted = if err.kind() == ErrorKind::TooFewValues {
                number(ContextKind::MinValues)
            } else {
                number(ContextKind::ExpectedNumValues)
            };
            format!(
                "«{}» necesita {wanted} valores y recibió {}",
                arg.unwrap_or_default(),
                number(ContextKind::ActualNumValues)
            )
        }
        ErrorKind::ArgumentConflict => {
            let what = match (arg, sub) {
                (Some(arg), _) => format!("el argumento «{arg}»"),
                (None, Some(sub)) => format!("el subcomando «{sub}»"),
                (None, None) => "un argumento".to_owned(),
            };
            match err.get(ContextKind::PriorArg) {
                Some(ContextValue::String(prior))
                    if Some(prior) == text(err.get(ContextKind::InvalidArg)).as_ref() =>
                {
                    format!("{what} no se puede dar más de una vez")
                }
                Some(ContextValue::String(prior)) => {
                    format!("{what} no se puede usar junto con «{prior}»")
                }
                Some(ContextValue::Strings(prior)) => {
                    format!("{what} no se puede usar junto con «{}»", prior.join("», «"))
                }
                _ => format!("{what} no se puede usar junto con los demás argumentos dados"),
            }
        }
        ErrorKind::NoEquals => format!(
            "«{}» necesita el signo = para recibir su valor",
            arg.unwrap_or_default()
        ),
        ErrorKind::InvalidUtf8 => "un argumento no es texto UTF-8 válido".to_owned(),
        _ => "argumentos no válidos".to_owned(),
    }
}

/// `tip:` lines from clap's suggested argument, subcommand or value.
fn suggestions(err: &clap::Error) -> Vec<String> {
    let quoted = |values: &[String]| format!("«{}»", values.join("», «"));
    let mut tips = Vec::new();
    for (kind, what, plural) in [
        (
            ContextKind::SuggestedSubcommand,
            "un subcomando",
            "subcomandos",
        ),
        (ContextKind::SuggestedArg, "un argumento", "argumentos"),
        (ContextKind::SuggestedValue, "un valor", "valores"),
    ] {
        match err.get(kind) {
            Some(ContextValue::String(one)) => {
                tips.push(format!("existe {what} parecido: «{one}»"));
            }
            Some(ContextValue::Strings(many)) if many.len() == 1 => {
                tips.push(format!("existe {what} parecido: {}", quoted(many)));
            }
            Some(ContextValue::Strings(many)) if many.len() > 1 => {
                tips.push(format!("existen {plural} parecidos: {}", quoted(many)));
            }
            _ => {}
        }
    }
    tips
}

/// clap's free-text tips, in Spanish; `None` for one we do not know (better nothing than
/// English).
fn translate_tip(tip: &str) -> Option<String> {
    if let Some(rest) = tip.strip_prefix("to pass '") {
        let (value, rest) = rest.split_once("' as a value, use '")?;
        let fixed = rest.strip_suffix('\'')?;
        return Some(format!("para pasar «{value}» como valor, use «{fixed}»"));
    }
    if let Some(rest) = tip.strip_prefix("subcommand '") {
        let (sub, _) = rest.split_once('\'')?;
        return Some(format!(
            "el subcomando «{sub}» existe; para usarlo, quite el «--» que va antes"
        ));
    }
    let exists = tip.strip_prefix('\'')?.strip_suffix("' exists")?;
    Some(format!("existe «{exists}»"))
}

/// Why a value was refused, from the value parser's error, in Spanish.
fn reason(source: &(dyn std::error::Error + 'static)) -> Option<String> {
    use std::num::IntErrorKind;
    if let Some(err) = source.downcast_ref::<std::num::ParseIntError>() {
        return Some(
            match err.kind() {
                IntErrorKind::Empty => "está vacío",
                IntErrorKind::PosOverflow => "es un número demasiado grande",
                IntErrorKind::NegOverflow => "es un número demasiado pequeño",
                _ => "se esperaba un número entero",
            }
            .to_owned(),
        );
    }
    if source.is::<std::num::TryFromIntError>() {
        return Some("el número está fuera del rango permitido".to_owned());
    }
    // RangedI64ValueParser: "{value} is not in {from}..={to}"
    let text = source.to_string();
    let (_, range) = text.split_once(" is not in ")?;
    let (from, to) = range.split_once("..")?;
    Some(match to.strip_prefix('=') {
        Some(to) => format!("debe estar entre {from} y {to}"),
        None => format!("debe ser al menos {from} y menor que {to}"),
    })
}

fn text(value: Option<&ContextValue>) -> Option<String> {
    match value? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}
