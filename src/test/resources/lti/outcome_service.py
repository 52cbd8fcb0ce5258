#!/usr/bin/python3
"""Stand-in LTI 1.1 outcome service for Gofer's tests.

Verifies every request with oauthlib (an OAuth 1.0a implementation independent of Gofer's):
HMAC-SHA1 signature over the request URL and Authorization header parameters, single-use nonces,
and oauth_body_hash = base64(SHA-1(body bytes)); then parses the POX replaceResult request and
validates the score strictly (a plain decimal in [0, 1]). Answers as edX does: HTTP 200 with
imsx_codeMajor success or failure.

Usage: outcome_service.py --consumer KEY:SECRET [--port N]
Prints "PORT <n>" on stdout once listening on 127.0.0.1. Control endpoints (JSON):
  POST /_control  {"fail_500": n, "hang": n, "hang_seconds": s, "failure": n, "description": "...",
                   "code_major": "failure|unsupported|processing"}
  GET  /_control/received   every outcome request seen, accepted or not
"""
import argparse
import base64
import hashlib
import json
import re
import sys
import threading
import time
import xml.etree.ElementTree as ET
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from oauthlib.oauth1 import RequestValidator, SignatureOnlyEndpoint
from oauthlib.oauth1.rfc5849 import utils

NS = "{http://www.imsglobal.org/services/ltiv1p1/xsd/imsoms_v1p0}"
SCORE = re.compile(r"^(0(\.[0-9]+)?|1(\.0+)?|\.[0-9]+)$")


class Validator(RequestValidator):
    def __init__(self, consumers):
        super().__init__()
        self.consumers = consumers
        self.nonces = set()
        self.lock = threading.Lock()

    enforce_ssl = False

    def check_client_key(self, client_key):
        return 0 < len(client_key) <= 200

    def check_nonce(self, nonce):
        return 8 <= len(nonce) <= 64 and nonce.isalnum()

    def validate_client_key(self, client_key, request):
        return client_key in self.consumers

    @property
    def dummy_client(self):
        return "dummy-client"

    def get_client_secret(self, client_key, request):
        return self.consumers.get(client_key, "dummy-secret")

    def validate_timestamp_and_nonce(self, client_key, timestamp, nonce, request,
                                     request_token=None, access_token=None):
        if abs(time.time() - int(timestamp)) > 300:
            return False
        with self.lock:
            if (client_key, nonce) in self.nonces:
                return False
            self.nonces.add((client_key, nonce))
            return True


class State:
    def __init__(self):
        self.lock = threading.Lock()
        self.fail_500 = 0
        self.hang = 0
        self.hang_seconds = 10
        self.failure = 0
        self.description = "User not found."
        self.code_major = "failure"
        self.received = []


def response(code_major, description, message_ref):
    return ("<?xml version='1.0' encoding='UTF-8'?>"
            "<imsx_POXEnvelopeResponse xmlns='http://www.imsglobal.org/services/ltiv1p1/xsd/imsoms_v1p0'>"
            "<imsx_POXHeader><imsx_POXResponseHeaderInfo><imsx_version>V1.0</imsx_version>"
            "<imsx_messageIdentifier>%d</imsx_messageIdentifier><imsx_statusInfo>"
            "<imsx_codeMajor>%s</imsx_codeMajor><imsx_severity>%s</imsx_severity>"
            "<imsx_description>%s</imsx_description>"
            "<imsx_messageRefIdentifier>%s</imsx_messageRefIdentifier>"
            "<imsx_operationRefIdentifier>replaceResult</imsx_operationRefIdentifier>"
            "</imsx_statusInfo></imsx_POXResponseHeaderInfo></imsx_POXHeader>"
            "<imsx_POXBody><replaceResultResponse/></imsx_POXBody></imsx_POXEnvelopeResponse>"
            % (int(time.time() * 1000), code_major, "status" if code_major == "success" else "error",
               escape(description), escape(message_ref))).encode("utf-8")


def escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def make_handler(endpoint, state, port_holder):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, fmt, *args):
            pass

        def send(self, status, body, content_type="application/xml"):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")  # HTTP/1.0: never let a client reuse it
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            if self.path == "/_control/received":
                with state.lock:
                    body = json.dumps(state.received).encode()
                self.send(200, body, "application/json")
            else:
                self.send(404, b"{}", "application/json")

        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length)
            if self.path == "/_control":
                cmd = json.loads(body or b"{}")
                with state.lock:
                    for k, v in cmd.items():
                        setattr(state, k, v)
                self.send(200, b"{}", "application/json")
                return
            with state.lock:
                if state.hang > 0:
                    state.hang -= 1
                    hang = state.hang_seconds
                else:
                    hang = 0
            if hang:
                record = {"accepted": False, "error": "hung"}
                with state.lock:
                    state.received.append(record)
                time.sleep(hang)  # bounded: the client should have given up by now
                return  # close without answering
            self.outcome(body)

        def outcome(self, body):
            record = {"accepted": False}
            with state.lock:
                state.received.append(record)
                if state.fail_500 > 0:
                    state.fail_500 -= 1
                    record["error"] = "simulated 500"
                    self.send(500, b"Internal Server Error", "text/plain")
                    return
            uri = "http://127.0.0.1:%d%s" % (port_holder[0], self.path)
            headers = {k: v for k, v in self.headers.items()}
            record["content_type"] = headers.get("Content-Type")
            valid, request = endpoint.validate_request(uri, "POST", body, headers)
            try:
                auth = {k: utils.unescape(v)
                        for k, v in utils.parse_authorization_header(headers.get("Authorization", ""))}
            except ValueError:
                auth = {}
            record["oauth_signature_method"] = auth.get("oauth_signature_method")
            expected_hash = base64.b64encode(hashlib.sha1(body).digest()).decode()
            message_ref = ""
            try:
                root = ET.fromstring(body)
                message_ref = root.findtext(".//%simsx_messageIdentifier" % NS) or ""
                sourcedid = root.findtext(".//%ssourcedId" % NS)
                score = root.findtext(".//%stextString" % NS)
                if root.find(".//%sreplaceResultRequest" % NS) is None:
                    raise ValueError("not a replaceResultRequest")
            except Exception as e:  # noqa: BLE001 - any parse problem is a failure reply
                record["error"] = "Request body XML parsing error: %s" % e
                self.send(200, response("failure", record["error"], message_ref))
                return
            record.update({"sourcedid": sourcedid, "score": score, "message_id": message_ref})
            if not valid:
                record["error"] = "OAuth verification error: signature invalid"
            elif auth.get("oauth_body_hash") != expected_hash:
                record["error"] = "OAuth verification error: body hash mismatch"
            elif record["content_type"] != "application/xml":
                record["error"] = "wrong content type"
            elif score is None or not SCORE.match(score) or not 0.0 <= float(score) <= 1.0:
                record["error"] = "score must be a decimal between 0.0 and 1.0"
            if "error" in record:
                self.send(200, response("failure", record["error"], message_ref))
                return
            with state.lock:
                if state.failure > 0:
                    state.failure -= 1
                    record["error"] = state.description
                    self.send(200, response(state.code_major, state.description, message_ref))
                    return
                record["accepted"] = True
            self.send(200, response("success", "Score for %s is now %s" % (sourcedid, score), message_ref))

    return Handler


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--consumer", action="append", required=True)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    consumers = dict(c.split(":", 1) for c in args.consumer)
    endpoint = SignatureOnlyEndpoint(Validator(consumers))
    state = State()
    port_holder = [0]
    server = ThreadingHTTPServer(("127.0.0.1", args.port), make_handler(endpoint, state, port_holder))
    server.daemon_threads = True
    port_holder[0] = server.server_address[1]
    print("PORT %d" % port_holder[0], flush=True)
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        server.server_close()


if __name__ == "__main__":
    sys.exit(main())
