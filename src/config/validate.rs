//! Checks a loaded configuration beyond its types: the values must make sense together.

use super::*;

impl Config {
    pub(super) fn validate(&self, text: &str, file: &Path) -> Result<()> {
        let fail = |key: &str, message: &str| Error::Config {
            file: file.to_path_buf(),
            line: line_of_key(text, key),
            key: key.to_string(),
            message: message.to_string(),
        };
        if ![32, 42, 48].contains(&self.printing.columns) {
            return Err(fail(
                "printing.columns",
                "el ancho del papel es 32, 42 o 48 caracteres",
            ));
        }
        if let Err(e) = crate::tables::CsvDialect::parse(&self.files.csv) {
            return Err(fail("files.csv", &e.to_string()));
        }
        if self.branch.name.trim().is_empty() {
            return Err(fail(
                "branch.name",
                "el nombre de la sede no puede estar vacío",
            ));
        }
        if !crate::domain::branch::valid_code(&self.branch.code) {
            return Err(fail(
                "branch.code",
                "use de 2 a 8 letras mayúsculas o dígitos",
            ));
        }
        if parse_offset(&self.branch.utc_offset).is_none() {
            return Err(fail(
                "branch.utc_offset",
                "use el formato ±HH:MM, por ejemplo -05:00",
            ));
        }
        for key in ["open", "close"] {
            let value = if key == "open" {
                &self.office_hours.open
            } else {
                &self.office_hours.close
            };
            if parse_hhmm(value).is_none() {
                return Err(fail(
                    &format!("office_hours.{key}"),
                    "use el formato HH:MM (24 h)",
                ));
            }
        }
        if self.open_time() >= self.close_time() {
            return Err(fail(
                "office_hours.close",
                "la hora de cierre debe ser posterior a la apertura",
            ));
        }
        if crate::domain::user::Role::parse(&self.pqrs.signing_role).is_none() {
            return Err(fail(
                "pqrs.signing_role",
                "use asesor, supervisor o administrador",
            ));
        }
        if !(1..=50_000).contains(&self.central.batch) {
            return Err(fail("central.batch", "use de 1 a 50000 registros por lote"));
        }
        if !(5..=86_400).contains(&self.central.every_seconds) {
            return Err(fail(
                "central.every_seconds",
                "use de 5 a 86400 segundos entre rondas",
            ));
        }
        for k in self.letters.bodies.keys() {
            if crate::domain::request::Kind::from_code(k).is_none() {
                return Err(fail(
                    "letters.bodies",
                    &format!("«{k}» no es el código de un tipo de PQRS (reclamo, peticion, ...)"),
                ));
            }
        }
        for k in &self.pqrs.anonymous_kinds {
            if let Err(e) = <crate::domain::request::Kind as crate::domain::vocab::Vocab>::parse(k)
            {
                return Err(fail("pqrs.anonymous_kinds", &e.to_string()));
            }
        }
        if self
            .advisor
            .pause_reasons
            .iter()
            .any(|r| r.trim().is_empty())
        {
            return Err(fail(
                "advisor.pause_reasons",
                "los motivos de pausa no pueden estar vacíos",
            ));
        }
        for t in &self.attention.topics {
            if !self.services.iter().any(|s| s.code == t.service) {
                return Err(fail(
                    "attention.topics.service",
                    &format!("«{}» no es uno de los servicios configurados", t.service),
                ));
            }
            if t.topic.trim().is_empty() || t.subtopics.iter().any(|s| s.trim().is_empty()) {
                return Err(fail(
                    "attention.topics.topic",
                    "el tema y sus subtemas no pueden estar vacíos",
                ));
            }
        }
        if self.session.idle_lock_minutes == 0 {
            return Err(fail(
                "session.idle_lock_minutes",
                "debe ser al menos 1 minuto",
            ));
        }
        if !(crate::domain::user::PIN_MIN..=crate::domain::user::PIN_MAX)
            .contains(&(self.session.pin_min_length as usize))
        {
            return Err(fail(
                "session.pin_min_length",
                "debe estar entre 4 y 64 caracteres",
            ));
        }
        for s in &self.services {
            if !crate::domain::service::valid_code(&s.code) {
                return Err(fail(
                    "services.code",
                    &format!("«{}» no es una letra mayúscula", s.code),
                ));
            }
        }
        for w in &self.windows {
            if let Some(bad) = w
                .services
                .iter()
                .find(|c| !self.services.iter().any(|s| &s.code == *c))
            {
                return Err(fail(
                    "windows.services",
                    &format!(
                        "la ventanilla {} llama el servicio «{bad}», que no existe",
                        w.number
                    ),
                ));
            }
        }
        crate::config_limits::check(self).map_err(|(key, message)| fail(key, &message))?;
        Ok(())
    }
}
