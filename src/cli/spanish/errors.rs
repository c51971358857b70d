//! clap's parse errors in Spanish: what was wrong, what was meant, and why a value was refused.

use super::*;

/// The first line of the message: what was wrong.
pub(super) fn message(err: &clap::Error) -> String {
    let arg = text(err.get(ContextKind::InvalidArg));
    let bounded = |v: Option<String>| v.map(|v| crate::domain::vocab::echoed(&v));
    let arg = bounded(arg);
    let value = bounded(text(err.get(ContextKind::InvalidValue)));
    let sub = bounded(text(err.get(ContextKind::InvalidSubcommand)));
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
pub(super) fn suggestions(err: &clap::Error) -> Vec<String> {
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
pub(super) fn translate_tip(tip: &str) -> Option<String> {
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
