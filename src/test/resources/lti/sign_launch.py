#!/usr/bin/python3
"""Signs an LTI 1.1 launch with oauthlib, as an LMS would, for Gofer's tests.

Reads JSON on stdin: {"url", "key", "secret", "params": {...}, "signature_method"?: "HMAC-SHA1",
"timestamp"?: "...", "nonce"?: "..."} and prints the application/x-www-form-urlencoded body.
"""
import json
import sys

from oauthlib.oauth1 import Client, SIGNATURE_TYPE_BODY


def main():
    spec = json.load(sys.stdin)
    client = Client(spec["key"], client_secret=spec["secret"],
                    signature_method=spec.get("signature_method", "HMAC-SHA1"),
                    signature_type=SIGNATURE_TYPE_BODY, callback_uri="about:blank",
                    timestamp=spec.get("timestamp"), nonce=spec.get("nonce"))
    _, _, body = client.sign(spec["url"], http_method="POST", body=spec["params"],
                             headers={"Content-Type": "application/x-www-form-urlencoded"})
    sys.stdout.write(body)


if __name__ == "__main__":
    main()
