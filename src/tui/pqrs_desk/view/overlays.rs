//! What is drawn over the list or the detail: step forms, go to, reassign, help and the
//! answer editor.

use super::*;

pub(super) fn overlay(s: &PqrsDesk, frame: &mut Frame<'_>, area: Rect) {
    let notice = s.notice.as_ref();
    match &s.overlay {
        Some(Overlay::Step(key, form)) => {
            let name = KEYS
                .iter()
                .find(|(_, k, _)| k == key)
                .map_or("", |(_, _, n)| n);
            let radicado = s.detail.as_ref().map_or("", |d| d.pqrs.radicado.as_str());
            form_box(
                &format!(" {} · {radicado} ", capital(name)),
                "Alt+Enter: nueva línea en los campos de varias líneas",
                form,
                notice,
                frame,
                area,
            );
        }
        Some(Overlay::GoTo(form)) => form_box(
            " Ir a una PQRS ",
            "El radicado completo o su consecutivo (000021).",
            form,
            notice,
            frame,
            area,
        ),
        Some(Overlay::Reassign(radicado, form)) => form_box(
            &format!(" Reasignar {radicado} "),
            "Área por competencia y persona que la tramita.",
            form,
            notice,
            frame,
            area,
        ),
        Some(Overlay::Editor { radicado, form, .. }) => editor(radicado, form, notice, frame, area),
        Some(Overlay::Help) => help(frame, area),
        None => {}
    }
}

/// Every key: the list's, then the detail's steps (offered only when legal for the PQRS and
/// the role).
fn help(frame: &mut Frame<'_>, area: Rect) {
    use ratatui::widgets::Clear;
    let mut lines = vec![Line::styled(text::PQRS_HELP_LIST, theme::TITLE)];
    for (k, what) in text::PQRS_LIST_KEYS {
        lines.push(Line::from(vec![
            Span::styled(format!(" {k:<9} "), theme::KEY),
            Span::raw(what.to_string()),
        ]));
    }
    lines.push(Line::styled(text::PQRS_HELP_DETAIL, theme::TITLE));
    let steps: Vec<String> = KEYS
        .iter()
        .map(|(c, _, what)| format!("{c} {what}"))
        .collect();
    lines.push(Line::from(steps.join(" · ")));
    lines.push(Line::styled(text::PQRS_HELP_CLOSE, theme::HINT));
    // the steps' line wraps to about four rows in 74 columns
    let rect = crate::tui::view::centered(area, 76, lines.len() as u16 + 5);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(
            Block::bordered()
                .title(" Ayuda — teclas ")
                .border_style(theme::BORDER_FOCUS),
        ),
        rect,
    );
}

/// The answer editor: the text wrapped to the box, the cursor shown as `▌`.
fn editor(
    radicado: &str,
    form: &crate::tui::form::Form,
    notice: Option<&crate::tui::app::Notice>,
    frame: &mut Frame<'_>,
    area: Rect,
) {
    use ratatui::widgets::Clear;
    let Some(field) = form.fields.first() else {
        return;
    };
    let rect = crate::tui::view::centered(area, 76, area.height.saturating_sub(2));
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .title(format!(" Respuesta · {radicado} "))
        .border_style(theme::BORDER_FOCUS);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let [intro, body, message] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(2),
    ])
    .areas(inner);
    frame.render_widget(
        Paragraph::new(text::ANSWER_EDITOR_KEYS).style(theme::HINT),
        intro,
    );
    let mut input = field.input.clone();
    input.set_style(theme::INPUT);
    input.set_cursor_style(theme::CURSOR);
    frame.render_widget(&input, body);
    frame.render_widget(
        Paragraph::new(notice_line(notice)).wrap(Wrap { trim: true }),
        message,
    );
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
