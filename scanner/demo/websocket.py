"""A minimal WebSocket endpoint for the fixture sites: accept the handshake, greet once, then
read and drop every frame the client sends until it closes (or goes quiet)."""

from __future__ import annotations

import base64
import hashlib
import struct
from typing import BinaryIO

GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
CLOSE = 0x8
_CHUNK = 65_536


def accept_key(key: str) -> str:
    """The ``Sec-WebSocket-Accept`` answer to a client's ``Sec-WebSocket-Key`` (RFC 6455)."""
    return base64.b64encode(hashlib.sha1((key + GUID).encode()).digest()).decode()


def text_frame(text: str) -> bytes:
    """One unmasked text frame, as a server sends it."""
    data = text.encode()
    if len(data) < 126:
        return bytes([0x81, len(data)]) + data
    return bytes([0x81, 126]) + struct.pack(">H", len(data)) + data


def drain(rfile: BinaryIO, wfile: BinaryIO) -> int:
    """Read and drop client frames until a close frame or the end; how many were read."""
    frames = 0
    while len(head := rfile.read(2)) == 2:
        opcode, length = head[0] & 0x0F, head[1] & 0x7F
        if length >= 126:
            size = 2 if length == 126 else 8
            length = int.from_bytes(rfile.read(size), "big")
        if head[1] & 0x80:
            rfile.read(4)
        while length > 0 and (chunk := rfile.read(min(length, _CHUNK))):
            length -= len(chunk)
        frames += 1
        if opcode == CLOSE:
            wfile.write(bytes([0x88, 0]))
            break
    return frames
