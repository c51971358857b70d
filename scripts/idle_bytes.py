#!/usr/bin/env python3
"""Bytes a mode writes to its terminal per minute: what a station's SSH session carries
(before SSH's own framing and compression).

usage: scripts/idle_bytes.py BINARY DB SECONDS MODE [ARGS...]
  e.g. scripts/idle_bytes.py target/release/ventanilla /tmp/demo.sqlite3 60 console --window 1
The console is logged in as asesor1 (PIN 1234, the demo's) and then left idle; other modes
are left as they start. Prints the bytes of the first 5 s (the first full draw) and the bytes
per minute after it.
"""
import os, pty, select, sys, time

binary, db, seconds, mode, *args = sys.argv[1:]
seconds = float(seconds)
pid, fd = pty.fork()
if pid == 0:
    os.environ["TERM"] = "xterm-256color"
    os.execv(binary, [binary, "--db", db, mode, *args])

def pump(until):
    n = 0
    while time.time() < until:
        r, _, _ = select.select([fd], [], [], 0.1)
        if r:
            try:
                n += len(os.read(fd, 65536))
            except OSError:
                break
    return n

os.set_blocking(fd, True)
import fcntl, struct, termios
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
start = time.time()
first = pump(start + 2)
if mode == "console":
    os.write(fd, b"asesor1\r")
    time.sleep(0.3)
    os.write(fd, b"1234\r")
first += pump(start + 5)
idle = pump(time.time() + seconds)
os.kill(pid, 9)
print(f"{mode}: first draw {first} bytes; then {idle * 60 / seconds:.0f} bytes/minute idle")
