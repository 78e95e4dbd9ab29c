"""Every user-visible string exists in Arabic and French (English is the msgid)."""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parents[2] / "locale"


def catalogue(language):
    with open(LOCALE / language / "LC_MESSAGES" / "django.po", "rb") as handle:
        return read_po(handle, locale=language)


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_every_message_is_translated(language):
    # when
    messages = [message for message in catalogue(language) if message.id]
    missing = [
        message.id
        for message in messages
        if message.fuzzy
        or not (all(message.string) if isinstance(message.string, tuple) else message.string)
    ]

    # then
    assert len(messages) > 100
    assert missing == []


def test_the_english_catalogue_exists():
    assert (LOCALE / "en" / "LC_MESSAGES" / "django.po").exists()
