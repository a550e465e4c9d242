"""The HTTP plumbing shared by the scripted model-API mocks: a threaded server on 127.0.0.1 and a
request log tests can read back. Standard library only."""

import argparse
import http.server
import json
import threading


def sse_event(name, data):
    """One server-sent event."""
    return "event: %s\ndata: %s\n\n" % (name, json.dumps(data))


class RequestLog:
    """Every request the mock received, in order; also appended to `path` as JSONL when given."""

    def __init__(self, path=None):
        self.path = path
        self.requests = []
        self.lock = threading.Lock()

    def add(self, entry):
        with self.lock:
            self.requests.append(entry)
            if self.path:
                with open(self.path, "a", encoding="utf-8") as file:
                    file.write(json.dumps(entry) + "\n")

    def posts(self):
        with self.lock:
            return [entry for entry in self.requests if entry["method"] == "POST"]


class MockServer:
    """Subclasses answer `handle_post(path, body) -> (status, content type, text)` and may answer HEAD."""

    def __init__(self, log):
        self.log = log
        self.server = None
        self.thread = None

    def handle_head(self, path):
        return 404

    def handle_post(self, path, body):
        raise NotImplementedError

    @property
    def base_url(self):
        host, port = self.server.server_address[:2]
        return "http://%s:%d" % (host, port)

    def start(self, port=0):
        mock = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_HEAD(self):
                mock.log.add({"method": "HEAD", "path": self.path, "headers": dict(self.headers), "body": None})
                self.send_response(mock.handle_head(self.path))
                self.send_header("Content-Length", "0")
                self.end_headers()

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                try:
                    body = json.loads(raw or b"{}")
                except ValueError:
                    body = {"unparsed": raw.decode("utf-8", "replace")}
                mock.log.add({"method": "POST", "path": self.path, "headers": dict(self.headers), "body": body})
                status, content_type, text = mock.handle_post(self.path, body)
                data = text.encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                if content_type == "text/event-stream":
                    self.send_header("Cache-Control", "no-cache")
                self.end_headers()
                self.wfile.write(data)

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def wait(self):
        self.thread.join()

    def stop(self):
        if self.server:
            self.server.shutdown()
            self.server.server_close()
            self.server = None


def command_line(description, scenario_help, make_mock, extra_flags=()):
    """Runs a mock from the command line until Ctrl-C: `make_mock(args, log)` builds it."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--scenario", default="[]", help=scenario_help)
    parser.add_argument("--log", help="append every request here as JSONL")
    for flag, help_text in extra_flags:
        parser.add_argument(flag, action="store_true", help=help_text)
    args = parser.parse_args()
    mock = make_mock(args, RequestLog(args.log))
    mock.start(port=args.port)
    print("listening on %s" % mock.base_url, flush=True)
    try:
        mock.wait()
    except KeyboardInterrupt:
        pass
    mock.stop()
    return 0
