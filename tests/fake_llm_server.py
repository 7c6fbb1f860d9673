"""A fake OpenAI-compatible completions server, for tests that need real processes on
loopback without a model: ``python tests/fake_llm_server.py PORT [DELAY_S]``.

``POST /v1/completions`` and ``/v1/chat/completions`` (stream or not) answer one fixed reply,
streamed in pieces with
``DELAY_S`` between them, so a request takes a while like a real model's; ``GET /`` and
``GET /v1/models`` answer for readiness. No tokenize endpoint: drafter counts tokens itself.
"""

from __future__ import annotations

import json
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

REPLY = (
    "Здравствуйте! Ваше обращение рассмотрено. Специалисты управляющей компании проверят "
    "работу и устранят неисправность в течение 5 рабочих дней. Спасибо за обращение."
)
PIECES = 10


class Handler(BaseHTTPRequestHandler):
    delay_s = 0.1

    def log_message(self, *args) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        body = json.dumps({"object": "list", "data": [{"id": "fake", "object": "model"}]})
        self._send(200, body.encode(), "application/json")

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        request = json.loads(self.rfile.read(length) or b"{}")
        if not self.path.endswith("/completions"):
            self._send(404, b"{}", "application/json")
            return
        words = REPLY.split(" ")
        step = max(1, len(words) // PIECES)
        pieces = [" ".join(words[i : i + step]) + " " for i in range(0, len(words), step)]
        chat = self.path.endswith("/chat/completions")
        if not request.get("stream"):
            time.sleep(self.delay_s * len(pieces))
            done = {"message": {"role": "assistant", "content": REPLY}} if chat else {"text": REPLY}
            body = {"choices": [{**done, "index": 0, "finish_reason": "stop"}]}
            self._send(200, json.dumps(body, ensure_ascii=False).encode(), "application/json")
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        for piece in pieces:
            time.sleep(self.delay_s)
            part = {"delta": {"content": piece}} if chat else {"text": piece}
            event = {"choices": [{**part, "index": 0, "finish_reason": None}]}
            self.wfile.write(f"data: {json.dumps(event, ensure_ascii=False)}\n\n".encode())
            self.wfile.flush()
        self.wfile.write(b"data: [DONE]\n\n")
        self.wfile.flush()

    def _send(self, status: int, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def main() -> None:
    port = int(sys.argv[1])
    Handler.delay_s = float(sys.argv[2]) if len(sys.argv) > 2 else 0.1
    ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()


if __name__ == "__main__":
    main()
