"""The one error every store raises, and the redaction of credentials from any message about a store.

Kept apart so that the console check, the stores and the CLI can share them.
"""

import re


class StoreError(Exception):
    """A store could not be reached or refused a statement."""


_USERINFO = re.compile(r"(\b[a-zA-Z][\w+.-]*://)[^/\s@'\"]+@")


def redact(text: str, *secrets: str | None) -> str:
    """`text` without credentials: the user:password@ of any URI, and each secret given."""
    text = _USERINFO.sub(r"\1***@", text)
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return text
