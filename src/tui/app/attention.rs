//! The attention: the turn this window is serving and the customer it concerns. Every action
//! about a person (consent, edits, PQRS, the attention record, the rating) is bound to it.

use super::{App, CustomerFormKind, Notice, Overlay, Screen};
use crate::desk::{self, customers::Card};
use crate::domain::ids::{DocType, Document};
use crate::store::turns::Turn;

/// The turn being served at this window and whose it is.
#[derive(Debug, Clone)]
pub struct Attention {
    pub turn_id: i64,
    pub label: String,
    /// The turn's service code.
    pub service: String,
    /// The customer being served, once known (by the turn's document or a lookup).
    pub customer: Option<Box<Card>>,
}

impl Attention {
    /// "CC 123 — Ana Pérez" of the bound customer, if any.
    pub fn who(&self) -> Option<String> {
        self.customer.as_deref().map(card_who)
    }
}

/// "CC 123 — Ana Pérez".
pub fn card_who(card: &Card) -> String {
    let c = &card.customer;
    format!(
        "{} {} — {} {}",
        c.doc_type, c.doc_number, c.names, c.surnames
    )
}

/// The document of a card's customer.
pub fn card_document(card: &Card) -> Option<Document> {
    Some(Document {
        kind: DocType::parse(&card.customer.doc_type)?,
        number: card.customer.doc_number.clone(),
    })
}

impl App {
    /// The customer that actions about a person concern: the attention's while there is one;
    /// between attentions, the card the advisor opened with a search.
    pub fn subject(&self) -> Option<&Card> {
        match &self.attention {
            Some(a) => a.customer.as_deref(),
            None => self.lookup.card.as_deref(),
        }
    }

    /// Opens or closes the attention so it follows the turn this window is busy with.
    pub(super) fn sync_attention(&mut self) {
        let current = self.queue.current.clone();
        match (&self.attention, current) {
            (Some(a), Some(t)) if a.turn_id == t.id => {}
            (_, Some(t)) => self.open_attention(&t),
            (Some(_), None) => self.close_attention(),
            (None, None) => {}
        }
    }

    /// A new attention for `turn`: the previous customer is gone from every pane; the turn's
    /// document opens its card, or the new-customer form prefilled when it is not registered.
    fn open_attention(&mut self, turn: &Turn) {
        self.close_attention();
        self.finished = None;
        self.attention = Some(Attention {
            turn_id: turn.id,
            label: turn.label.clone(),
            service: turn.service.clone(),
            customer: None,
        });
        let doc = turn
            .doc_type
            .as_deref()
            .and_then(DocType::parse)
            .zip(turn.doc_number.clone())
            .map(|(kind, number)| Document { kind, number });
        let Some(doc) = doc else {
            return;
        };
        match desk::customers::card(&self.store, &self.config, &doc) {
            Ok(card) => self.show_card(card),
            Err(_) if self.overlay.is_none() => {
                self.open_new_customer_form(&doc);
                self.notify(Notice::Info(format!(
                    "Turno {}: {} {} no está registrado; complete sus datos.",
                    turn.label, doc.kind, doc.number
                )));
            }
            Err(_) => {}
        }
    }

    /// Ends the attention: the card, the search and any form about the customer are cleared.
    pub(super) fn close_attention(&mut self) {
        self.attention = None;
        self.lookup = Default::default();
        if matches!(
            self.overlay,
            Some(Overlay::CustomerForm { .. } | Overlay::PqrsForm { .. })
        ) {
            self.overlay = None;
        }
    }

    /// Shows `card`: bound to the attention when there is one, else as the searched card.
    pub(super) fn show_card(&mut self, card: Card) {
        if card.consent != crate::domain::consent::Status::Vigente {
            self.notify(Notice::Error(format!(
                "Consentimiento {}: pida la autorización de datos (Ctrl+A).",
                card.consent.spanish()
            )));
        }
        self.lookup.query.clear();
        self.lookup.results.clear();
        self.lookup.nothing_found = false;
        match &mut self.attention {
            Some(a) => {
                let label = a.label.clone();
                let doc = card_document(&card);
                a.customer = Some(Box::new(card));
                if let Some(doc) = doc {
                    self.identify_turn(&label, &doc);
                }
            }
            None => self.lookup.card = Some(Box::new(card)),
        }
    }

    /// Writes the bound customer's document on the turn, so pausing and resuming it, its record
    /// and its rating keep the customer.
    fn identify_turn(&mut self, label: &str, doc: &Document) {
        let Screen::Console(c) = &self.screen else {
            return;
        };
        let actor = desk::Actor::staff(&c.user);
        let (clock, config) = (self.clock.as_ref(), &self.config);
        if let Err(e) = desk::turns::identify(&mut self.store, clock, &actor, config, label, doc) {
            self.notify(Notice::Error(super::capitalize(&e.to_string())));
        }
    }

    /// Shows `card`, asking first when it would replace the attention's customer.
    pub(super) fn offer_card(&mut self, card: Card) {
        let bound = self.attention.as_ref().and_then(|a| a.customer.as_deref());
        match bound {
            Some(b) if b.customer.id != card.customer.id => {
                let label = self
                    .attention
                    .as_ref()
                    .map(|a| a.label.clone())
                    .unwrap_or_default();
                let question = format!(
                    "El turno {label} atiende a {}. ¿Cambiar el cliente de esta atención a {}?",
                    card_who(b),
                    card_who(&card)
                );
                self.overlay = Some(Overlay::Confirm {
                    question,
                    on_yes: super::Confirmed::ChangeCustomer(Box::new(card)),
                });
            }
            _ => self.show_card(card),
        }
    }

    /// The new-customer form prefilled with `doc` (the turn's document).
    fn open_new_customer_form(&mut self, doc: &Document) {
        self.open_new_form_with(doc.kind.code(), &doc.number);
        if let Some(Overlay::CustomerForm { kind, form, .. }) = &mut self.overlay
            && *kind == CustomerFormKind::New
        {
            form.focus = 2;
        }
    }
}
