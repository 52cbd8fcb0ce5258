"""Frames on the control pipes between the supervisor and the runner.

A frame is a 4-byte big-endian length followed by that many bytes of UTF-8 JSON (an object).
The runner side is untrusted: the supervisor bounds frame sizes and treats anything malformed
as a protocol violation, never as an exception that could stop grading.
"""
import json
import os
import struct

MAX_FRAME = 4 * 1024 * 1024
_HEADER = struct.Struct(">I")


class ProtocolError(Exception):
    """The other side sent something that is not a valid frame."""


def encode(message):
    body = json.dumps(message, separators=(",", ":")).encode("utf-8")
    return _HEADER.pack(len(body)) + body


def write_frame(fd, message):
    """Writes one frame completely (blocking)."""
    data = memoryview(encode(message))
    while data:
        written = os.write(fd, data)
        data = data[written:]


class FrameReader:
    """Accumulates bytes read from a pipe and yields complete frames."""

    def __init__(self, max_frame=MAX_FRAME):
        self._buffer = bytearray()
        self._max = max_frame

    def feed(self, data):
        self._buffer += data

    def next_frame(self):
        """Returns the next complete message, None when more bytes are needed."""
        if len(self._buffer) < _HEADER.size:
            return None
        (length,) = _HEADER.unpack_from(self._buffer)
        if length > self._max:
            raise ProtocolError(f"frame of {length} bytes exceeds {self._max}")
        if len(self._buffer) < _HEADER.size + length:
            return None
        body = bytes(self._buffer[_HEADER.size:_HEADER.size + length])
        del self._buffer[:_HEADER.size + length]
        try:
            message = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as e:
            raise ProtocolError(f"frame is not JSON: {e}") from None
        if not isinstance(message, dict):
            raise ProtocolError("frame is not a JSON object")
        return message


def read_frame_blocking(fd, reader):
    """Runner side: blocks until one whole frame arrived; None on end of file."""
    while True:
        message = reader.next_frame()
        if message is not None:
            return message
        chunk = os.read(fd, 65536)
        if not chunk:
            return None
        reader.feed(chunk)
