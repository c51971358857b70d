//! `ventanilla customer ...`.

use super::{Ctx, doc_of, parse_doc, print_json};
use crate::cli::{CustomerCommand, CustomerFields};
use crate::desk::{self, customers::Card};
use crate::domain::customer::Input;
use crate::error::Result;

/// Runs a customer subcommand.
pub fn run(ctx: &Ctx, cmd: CustomerCommand) -> Result<()> {
    let mut store = ctx.store()?;
    let (clock, config) = (ctx.clock.as_ref(), &ctx.loaded.config);
    match cmd {
        CustomerCommand::Show { kind, number, json } => {
            let card = desk::customers::card(&store, config, &doc_of(&kind, &number)?)?;
            if json {
                return print_json(&card);
            }
            print_card(&card, ctx.loaded.config.utc_offset());
        }
        CustomerCommand::Find { text, limit, json } => {
            let found = desk::customers::find(&store, &text, limit)?;
            if json {
                return print_json(&found);
            }
            for c in found {
                crate::say!(
                    "{}\t{}\t{} {}\t{}",
                    c.doc_type,
                    c.doc_number,
                    c.names,
                    c.surnames,
                    c.affiliation
                );
            }
        }
        CustomerCommand::Add {
            doc,
            fields,
            on_behalf,
        } => {
            let d = parse_doc(&doc)?;
            let input = Input {
                doc_type: d.kind.code().into(),
                doc_number: d.number,
                ..input(&fields)
            };
            let actor = ctx.actor(&store, on_behalf.user.as_deref())?;
            let c = desk::customers::add(&mut store, clock, &actor, config, &input)?;
            crate::say!(
                "Cliente {} {} registrado: {} {}",
                c.doc_type,
                c.doc_number,
                c.names,
                c.surnames
            );
        }
        CustomerCommand::Notes {
            kind,
            number,
            text,
            on_behalf,
        } => {
            let d = doc_of(&kind, &number)?;
            let actor = ctx.actor(&store, on_behalf.user.as_deref())?;
            desk::customers::set_sensitive_notes(&mut store, clock, &actor, &d, &text)?;
            crate::say!("Notas sensibles de {} {} actualizadas", d.kind, d.number);
        }
        CustomerCommand::Edit {
            kind,
            number,
            fields,
            on_behalf,
        } => {
            let d = doc_of(&kind, &number)?;
            let changes = changes(&fields);
            let actor = ctx.actor(&store, on_behalf.user.as_deref())?;
            let n = desk::customers::edit(&mut store, clock, &actor, config, &d, &changes)?;
            crate::say!("Cliente {} {}: {n} campos actualizados", d.kind, d.number);
        }
    }
    Ok(())
}

fn input(f: &CustomerFields) -> Input {
    let s = |v: &Option<String>| v.clone().unwrap_or_default();
    Input {
        names: s(&f.names),
        surnames: s(&f.surnames),
        birth_date: s(&f.birth_date),
        phone: s(&f.phone),
        email: s(&f.email),
        address: s(&f.address),
        affiliation: s(&f.affiliation),
        category: s(&f.category),
        ..Input::default()
    }
}

fn changes(f: &CustomerFields) -> Vec<(String, String)> {
    [
        ("nombres", &f.names),
        ("apellidos", &f.surnames),
        ("fecha_nacimiento", &f.birth_date),
        ("telefono", &f.phone),
        ("correo", &f.email),
        ("direccion", &f.address),
        ("estado_afiliacion", &f.affiliation),
        ("categoria", &f.category),
    ]
    .into_iter()
    .filter_map(|(name, v)| v.clone().map(|v| (name.to_string(), v)))
    .collect()
}

fn print_card(card: &Card, offset: chrono::FixedOffset) {
    let c = &card.customer;
    crate::say!(
        "{} {} — {} {}",
        c.doc_type,
        c.doc_number,
        c.names,
        c.surnames
    );
    let category = c
        .category
        .as_deref()
        .map(|k| format!(", categoría {k}"))
        .unwrap_or_default();
    crate::say!("Afiliación: {}{category}", c.affiliation);
    for (label, value) in [
        ("Nacimiento", &c.birth_date),
        ("Teléfono", &c.phone),
        ("Correo", &c.email),
        ("Dirección", &c.address),
    ] {
        if let Some(v) = value {
            crate::say!("{label}: {v}");
        }
    }
    crate::say!("Consentimiento: {}", card.consent.spanish());
    for p in &card.purposes {
        let state = match p.granted {
            Some(true) => "autorizada",
            Some(false) => "revocada",
            None => "sin respuesta",
        };
        crate::say!(
            "  {}: {state}",
            crate::domain::consent::purpose_label(&p.purpose)
        );
    }
    crate::say!("Historial (lo más reciente primero):");
    for e in &card.timeline {
        let at = crate::localtime::human_stamp(&e.at, offset);
        crate::say!("  {at}  {:<14}  {}", e.kind, e.summary);
    }
}
