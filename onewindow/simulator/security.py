"""The credential checks of the utility API: bearer token and the HMAC request signature
(v1.1: over timestamp, method, request target, Idempotency-Key and body; the v1 signature over
timestamp and body alone is refused, since it let a signed request be replayed on another
ticket)."""

import hashlib
import hmac

MAX_CLOCK_SKEW_S = 300


def signature(secret: str, timestamp: str, method: str, target: str, key: str, body: bytes) -> str:
    """The `X-OneWindow-Signature` value of a request signed at `timestamp`: `target` is the
    request target as on the request line, `key` the Idempotency-Key ("" when none)."""
    head = "\n".join((timestamp, method.upper(), target, key))
    message = head.encode("utf-8") + b"\n" + body
    return "sha256=" + hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def token_refusal(
    authorization: str | None, token: str | None, forbidden: frozenset[str]
) -> tuple[int, str] | None:
    """(status, message) when the bearer token is refused, None when it is accepted."""
    if token is None and not forbidden:
        return None
    scheme, _, presented = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not presented:
        return 401, "缺少 Bearer 令牌"
    presented_bytes = presented.strip().encode("utf-8")
    for refused in forbidden:
        if hmac.compare_digest(presented_bytes, refused.encode("utf-8")):
            return 403, "该令牌无权访问本接口"
    if token is not None and not hmac.compare_digest(presented_bytes, token.encode("utf-8")):
        return 401, "令牌无效"
    return None


def signature_refusal(
    secret: str,
    timestamp: str | None,
    presented: str | None,
    request: tuple[str, str, str, bytes],
    now_unix: float,
) -> str | None:
    """Why the signature is refused (a message), None when it holds; `request` is the
    method, target, Idempotency-Key and body as received."""
    if not timestamp or not presented:
        return "缺少请求签名"
    if not (timestamp.isascii() and timestamp.isdigit()):
        return "签名时间戳格式无效"
    if abs(now_unix - int(timestamp)) > MAX_CLOCK_SKEW_S:
        return "签名时间戳与服务器时间相差超过 300 秒，请校对本机时间"
    expected = signature(secret, timestamp, *request)
    if not hmac.compare_digest(presented.encode("utf-8"), expected.encode("ascii")):
        return "请求签名无效"
    return None
