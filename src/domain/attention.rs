//! The vocabulary of attention records: the channels and the information levels.

crate::closed_set! {
    /// Where an attention happened.
    #[derive(Default)]
    pub enum Channel: "canal de atención" {
        #[default]
        Ventanilla = "ventanilla", "Ventanilla", ["presencial", "modulo", "personal"];
        Telefono = "telefono", "Teléfono", ["telefonico", "llamada", "tel"];
        Chat = "chat", "Chat";
        Correo = "correo", "Correo electrónico", ["email", "e mail", "mail"];
        Whatsapp = "whatsapp", "WhatsApp", ["wa", "wsp"];
        Web = "web", "Web", ["pagina web", "formulario web"];
    }
}

impl Channel {
    /// Phone and chat attentions on a routed topic go to the staff listed for it.
    pub fn is_routed(self) -> bool {
        matches!(self, Channel::Telefono | Channel::Chat)
    }

    /// A virtual attention (not at the window): rated as virtual perception.
    pub fn is_virtual(self) -> bool {
        self != Channel::Ventanilla
    }
}

crate::closed_set! {
    /// How deep the information given went (procedure 1, step "registrar la atención").
    #[derive(Default)]
    pub enum Level: "nivel de información" {
        #[default]
        Basica = "1", "1 · información básica", ["basica", "basico", "nivel 1", "uno"];
        Detallada = "2", "2 · información detallada y orientación",
            ["detallada", "orientacion", "nivel 2", "dos"];
        Tramite = "3", "3 · trámite o gestión completa",
            ["tramite", "gestion", "nivel 3", "tres"];
    }
}

impl Level {
    /// The level as a number (1–3), as stored.
    pub fn number(self) -> u8 {
        match self {
            Level::Basica => 1,
            Level::Detallada => 2,
            Level::Tramite => 3,
        }
    }

    /// The level numbered `n`.
    pub fn from_number(n: u8) -> Option<Level> {
        Level::ALL.iter().copied().find(|l| l.number() == n)
    }
}
