//! Letters as PDF (A4, the standard Helvetica fonts, WinAnsi text so Spanish accents print):
//! a title and paragraphs, wrapped and paginated. What a letter says is decided elsewhere
//! (`desk::pqrs::letters`); this only lays it out.

use printpdf::{
    BuiltinFont, Mm, Op, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, TextItem,
};

/// One block of a letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A heading in bold.
    Title(String),
    /// Text wrapped to the page width; its own line breaks are kept.
    Para(String),
    /// An empty line.
    Gap,
}

const PAGE_W: f32 = 210.0;
const PAGE_H: f32 = 297.0;
const MARGIN: f32 = 25.0;
/// Characters per line of 11 pt Helvetica across 160 mm.
const COLUMNS: usize = 85;
const BODY: f32 = 11.0;
const TITLE: f32 = 13.0;

/// The letter as plain lines (for a text printer): headings and paragraphs, blank lines
/// between blocks kept.
pub fn plain_lines(blocks: &[Block]) -> Vec<String> {
    let mut out = Vec::new();
    for b in blocks {
        match b {
            Block::Title(t) => out.push(t.clone()),
            Block::Para(t) => out.extend(t.lines().map(str::to_string)),
            Block::Gap => out.push(String::new()),
        }
    }
    out
}

/// A line as laid out: its text and whether it is a heading.
type Laid = (String, bool);

fn lay_out(blocks: &[Block]) -> Vec<Laid> {
    let mut out = Vec::new();
    for b in blocks {
        match b {
            Block::Title(t) => out.push((t.clone(), true)),
            Block::Gap => out.push((String::new(), false)),
            Block::Para(text) => {
                for line in text.lines() {
                    if line.trim().is_empty() {
                        out.push((String::new(), false));
                        continue;
                    }
                    for w in textwrap::wrap(line, COLUMNS) {
                        out.push((w.into_owned(), false));
                    }
                }
            }
        }
    }
    out
}

fn font(title: bool) -> Vec<Op> {
    let (font, size) = if title {
        (BuiltinFont::HelveticaBold, TITLE)
    } else {
        (BuiltinFont::Helvetica, BODY)
    };
    vec![
        Op::SetFont {
            font: PdfFontHandle::Builtin(font),
            size: Pt(size),
        },
        Op::SetLineHeight {
            lh: Pt(size * 1.35),
        },
    ]
}

fn page(lines: &[Laid]) -> PdfPage {
    let mut ops = vec![
        Op::StartTextSection,
        Op::SetTextCursor {
            pos: Point::new(Mm(MARGIN), Mm(PAGE_H - MARGIN)),
        },
    ];
    let mut heading = None;
    for (text, title) in lines {
        if heading != Some(*title) {
            ops.extend(font(*title));
            heading = Some(*title);
        }
        ops.push(Op::ShowText {
            items: vec![TextItem::Text(text.clone())],
        });
        ops.push(Op::AddLineBreak);
    }
    ops.push(Op::EndTextSection);
    PdfPage::new(Mm(PAGE_W), Mm(PAGE_H), ops)
}

/// The PDF bytes of a letter titled `name` (the document's title) with `blocks`.
pub fn letter(name: &str, blocks: &[Block]) -> Vec<u8> {
    // lines that fit between the margins at the body's line height (headings are few)
    let per_page = ((PAGE_H - 2.0 * MARGIN) / (BODY * 1.35 * 0.3528)) as usize;
    let lines = lay_out(blocks);
    let pages: Vec<PdfPage> = lines.chunks(per_page.max(1)).map(page).collect();
    let mut doc = PdfDocument::new(name);
    doc.with_pages(pages);
    let mut warnings = Vec::new();
    doc.save(&PdfSaveOptions::default(), &mut warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_letters_wrap_and_paginate() {
        let long = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(200);
        let laid = lay_out(&[Block::Title("T".into()), Block::Para(long)]);
        assert!(laid.iter().all(|(l, _)| l.chars().count() <= COLUMNS));
        let pdf = letter(
            "x",
            &[Block::Para("Radicado SEDE-2026-000001 · Muñoz".into())],
        );
        assert!(pdf.starts_with(b"%PDF"));
    }
}
