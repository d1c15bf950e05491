#!/usr/bin/env python3
"""An SMTP server for tests, on 127.0.0.1: keeps every message it accepts
in a Maildir under DIR/maildir, and can be told to refuse.

    smtp_sink.py DIR PORT [DELAY_MS]

Each message takes DELAY_MS (default 0) to accept, as a real server's
queue write does. DIR/arrivals.log gets a line per accepted message: the
time (seconds since 1970) and its Message-ID. While DIR/refuse exists, every message is answered 451 (try again later);
recipients whose address starts with "bounce" are refused with 550. Runs
until it is sent SIGTERM or SIGINT; prints "ready" once it listens.
"""
import asyncio
import email.parser
import mailbox
import time
import pathlib
import signal
import sys
import threading

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, root: pathlib.Path, delay: float):
        self.root = root
        self.delay = delay
        self.box = mailbox.Maildir(root / "maildir", create=True)
        self.arrivals = open(root / "arrivals.log", "a", buffering=1)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().startswith("bounce"):
            return "550 5.1.1 no such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if (self.root / "refuse").exists():
            return "451 4.3.0 try again later"
        if self.delay:
            await asyncio.sleep(self.delay)
        content = envelope.original_content or envelope.content
        # Maildir adds each message atomically (tmp/, then new/).
        self.box.add(content)
        headers = email.parser.BytesHeaderParser().parsebytes(content)
        self.arrivals.write(f"{time.time():.6f} {headers.get('Message-ID', '').strip()}\n")
        return "250 OK"


def main() -> int:
    root, port = pathlib.Path(sys.argv[1]), int(sys.argv[2])
    delay = int(sys.argv[3]) / 1000 if len(sys.argv) > 3 else 0.0
    root.mkdir(parents=True, exist_ok=True)
    controller = Controller(Sink(root, delay), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    done = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: done.set())
    done.wait()
    controller.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
