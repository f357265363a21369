"""Standard Webhooks signing and verification with the Python standard library only.

https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md
Kept in packages/client/test/webhook-verify.py, whose tests check it against verifyWebhook both
ways; docs/events.md shows all of it above the `__main__` block.
"""

import base64
import hashlib
import hmac
import json
import time

TOLERANCE_SECONDS = 5 * 60  # as the standardwebhooks libraries enforce


def sign(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    """Returns `v1,<base64 HMAC-SHA256>` over `{msg_id}.{timestamp}.{body}`."""
    key = base64.b64decode(secret.removeprefix("whsec_"))
    message = f"{msg_id}.{timestamp}.".encode() + body
    return "v1," + base64.b64encode(hmac.new(key, message, hashlib.sha256).digest()).decode()


def verify(secret: str, headers, body: bytes) -> dict:
    """Returns the event of a delivery, or raises ValueError.

    `headers` maps lower-case names to values (or is case-insensitive, like Flask's and
    Django's); `body` is the raw request body, not JSON parsed and serialized again.
    """
    msg_id = headers.get("webhook-id")
    timestamp = headers.get("webhook-timestamp")
    signatures = headers.get("webhook-signature")
    if not (msg_id and timestamp and signatures):
        raise ValueError("a webhook- header is missing")
    if not (timestamp.isascii() and timestamp.isdigit()):
        raise ValueError("webhook-timestamp is not whole seconds")
    if abs(time.time() - int(timestamp)) > TOLERANCE_SECONDS:
        raise ValueError("webhook-timestamp is outside the tolerance")
    expected = sign(secret, msg_id, int(timestamp), body).removeprefix("v1,").encode()
    for entry in signatures.split(" "):
        version, _, signature = entry.partition(",")
        if version == "v1" and hmac.compare_digest(signature.encode(), expected):
            return json.loads(body)
    raise ValueError("no signature matches the secret")


if __name__ == "__main__":
    # The tests' entry point: `verify` or `sign`, with a JSON request on stdin.
    import sys

    request = json.load(sys.stdin)
    body = request["body"].encode()
    if sys.argv[1] == "verify":
        print(verify(request["secret"], request["headers"], body)["type"])
    else:
        print(sign(request["secret"], request["id"], request["timestamp"], body))
