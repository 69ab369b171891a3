"""Guards shared by the XML readers (GPX, TCX).

Watch XML never needs a DTD, so any document declaring one is refused before a parser
sees it: that rules out entity expansion ("billion laughs") and external entities
whatever the parser version, which is what defusedxml would do, without the dependency.
"""

from __future__ import annotations

from backstride.activities.models import ActivityError

MAX_XML_BYTES = 50 * 1024 * 1024


def xml_text(data: bytes, name: str, kind: str) -> str:
    """Decoded text of an XML file, or ActivityError when it is unsafe or not text."""
    if len(data) > MAX_XML_BYTES:
        raise ActivityError(f"{name} is too large for a {kind} file (over 50 MB).")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ActivityError(f"{name} is not a readable {kind} file (not UTF-8 text).") from None
    upper = text.upper()
    if "<!DOCTYPE" in upper or "<!ENTITY" in upper:
        raise ActivityError(f"{name} declares a DTD or entities, which {kind} files never need.")
    return text


def looks_like(data: bytes, root: bytes) -> bool:
    """True when the first kilobyte opens an element named ``root``."""
    return b"<" + root in data[:1024].lower()
