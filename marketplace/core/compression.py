"""Gzip for pages, with the "Heal the Breach" padding against BREACH.

A page that reflects what a visitor typed (a search, a form field) next to a
secret (a CSRF token, an address) lets an attacker who can watch compressed
sizes guess the secret a byte at a time. Django masks its CSRF token afresh on
every response, but not the rest of a page. As Django 4.2 does, each gzip body
gets a file name of random length in its header (RFC 1952 FNAME, ignored by
browsers), so sizes no longer reveal what the text compressed to.
"""

import gzip
import secrets

from django.middleware.gzip import GZipMiddleware

MAX_RANDOM_BYTES = 100
_HEADER_LENGTH = 10


def pad_gzip(compressed, max_random_bytes=MAX_RANDOM_BYTES):
    """``compressed`` (a gzip member without optional header fields) with a random-length name."""
    header = bytearray(compressed[:_HEADER_LENGTH])
    if header[3] != 0:  # already carries optional fields: leave it alone
        return compressed
    header[3] = gzip.FNAME
    name = b"a" * secrets.randbelow(max_random_bytes + 1)
    return bytes(header) + name + b"\x00" + compressed[_HEADER_LENGTH:]


class PaddedGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        already_encoded = response.has_header("Content-Encoding")
        response = super().process_response(request, response)
        if (
            already_encoded
            or response.streaming
            or response.get("Content-Encoding") != "gzip"
        ):
            return response
        response.content = pad_gzip(response.content)
        response["Content-Length"] = str(len(response.content))
        return response
