//! The answer editor: opened on the latest draft or the type's template, saved as a new
//! version when it changed.

use super::*;

impl PqrsDesk {
    /// Saves the editor's text as a draft when it changed; keeps the editor open.
    pub(super) fn save_editor(&mut self) -> bool {
        let Some(actor) = self.actor() else {
            return false;
        };
        let Some(Overlay::Editor {
            radicado,
            form,
            saved,
        }) = &mut self.overlay
        else {
            return true;
        };
        let text = form.fields[0].all_lines();
        if text.trim_end() == saved.trim_end() || text.trim().is_empty() {
            return true;
        }
        match desk::pqrs::save_answer(
            &mut self.store,
            self.clock.as_ref(),
            &actor,
            radicado,
            &text,
        ) {
            Ok(a) => {
                *saved = text;
                self.notice = Some(Notice::Info(format!(
                    "Borrador guardado (versión {}).",
                    a.version
                )));
                true
            }
            Err(e) => {
                self.notice = Some(Notice::Error(capitalize(&e.to_string())));
                false
            }
        }
    }

    pub(super) fn open_editor(&mut self) {
        let Some(d) = &self.detail else {
            return;
        };
        let text = d.answers.last().map(|a| a.body.clone()).unwrap_or_else(|| {
            self.config
                .letters
                .bodies
                .get(d.pqrs.kind.code())
                .cloned()
                .unwrap_or_default()
        });
        let saved = d.answers.last().map(|a| a.body.clone()).unwrap_or_default();
        self.notice = None;
        let mut field = Field::multiline("Respuesta", &text, 12);
        // the editor wraps at words (long words at any character)
        field
            .input
            .set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
        self.overlay = Some(Overlay::Editor {
            radicado: d.pqrs.radicado.clone(),
            form: Form::new(vec![field]),
            saved,
        });
    }
}
