//! Runs the real binary in a pseudo-terminal and rebuilds its screen with vt100.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

/// A program running in a pseudo-terminal.
pub struct PtyApp {
    pub parser: vt100::Parser,
    rx: Receiver<Vec<u8>>,
    writer: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
    eof: bool,
}

impl PtyApp {
    /// Starts `cmd` in a `cols`×`rows` terminal.
    pub fn spawn(mut cmd: CommandBuilder, cols: u16, rows: u16) -> PtyApp {
        cmd.env("TERM", "xterm-256color");
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        let child = pair.slave.spawn_command(cmd).expect("spawn in pty");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if tx.send(buf[..n].to_vec()).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        PtyApp {
            parser: vt100::Parser::new(rows, cols, 0),
            rx,
            writer,
            child,
            _master: pair.master,
            eof: false,
        }
    }

    /// Types bytes (keys) into the terminal.
    pub fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("write to pty");
        self.writer.flush().expect("flush pty");
    }

    /// Feeds output until `done(screen)` holds or `timeout` passes; true if it held.
    pub fn wait_until(&mut self, timeout: Duration, done: impl Fn(&vt100::Screen) -> bool) -> bool {
        let deadline = Instant::now() + timeout;
        loop {
            if done(self.parser.screen()) {
                return true;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() || self.eof {
                return done(self.parser.screen());
            }
            match self.rx.recv_timeout(left.min(Duration::from_millis(50))) {
                Ok(bytes) => self.parser.process(&bytes),
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => self.eof = true,
            }
        }
    }

    /// Waits until the screen shows `text`.
    pub fn wait_text(&mut self, text: &str, timeout: Duration) -> bool {
        self.wait_until(timeout, |s| s.contents().contains(text))
    }

    /// The screen as text.
    pub fn contents(&self) -> String {
        self.parser.screen().contents()
    }

    /// Waits for the program to exit and its output to be fully read.
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<portable_pty::ExitStatus> {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                self.wait_until(Duration::from_secs(2), |_| false);
                return Some(status);
            }
            self.wait_until(Duration::from_millis(50), |_| false);
        }
        None
    }
}

impl Drop for PtyApp {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}
