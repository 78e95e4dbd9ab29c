"""Latin terms inside Arabic sentences read in their own order.

In a right-to-left line the bidirectional algorithm attaches a number that
opens a Latin term to the Arabic around it: "(3-D Secure)" shows as
"(D Secure-3)". Such a term is wrapped in a Unicode isolate (U+2066 or
U+2068 … U+2069), which lays it out on its own, left to right.
"""

import re

from tests.core.test_translations import catalogue

ISOLATED = re.compile("[\u2066\u2067\u2068][^\u2069]*\u2069")
# Placeholders and markup are not shown as written.
HIDDEN = re.compile(r"%\(\w+\)[-+ #0]*\d*(?:\.\d+)?[a-z]|%[sd]|<[^>]+>")
# A number joined to Latin letters directly or by a hyphen, dot or slash: its digits
# take the Arabic direction and jump to the other side of the term.
NUMBER_OPENING_A_LATIN_TERM = re.compile(r"(?<![A-Za-z\d.\-/])\d[\d.\-/]*[A-Za-z]")


def arabic_strings():
    for message in catalogue("ar"):
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        yield from ((message.id, string) for string in strings)


def test_no_arabic_message_lets_a_latin_term_open_with_a_number_unisolated():
    # when
    misordered = [
        (msgid, string)
        for msgid, string in arabic_strings()
        if NUMBER_OPENING_A_LATIN_TERM.search(HIDDEN.sub("", ISOLATED.sub("", string)))
    ]

    # then
    assert misordered == []


def test_every_arabic_3_d_secure_is_isolated():
    # when
    named = [string for _msgid, string in arabic_strings() if "3-D Secure" in string]

    # then
    assert len(named) >= 3
    assert [string for string in named if not ISOLATED.search(string)] == []
