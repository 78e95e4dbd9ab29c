"""Compressed pages do not reveal, by their size, what their text compressed to (BREACH).

A page that echoes the visitor's search next to a secret would otherwise let
an attacker who sees sizes guess the secret: each gzip body now carries a
random-length name in its header, as Django 4.2 does.
"""

import gzip

import pytest

pytestmark = pytest.mark.django_db


def test_the_same_page_comes_in_many_compressed_sizes_and_always_decompresses_the_same(
    client, product_factory
):
    # given
    product_factory()

    # when
    responses = [
        client.get("/", {"q": "amlou"}, HTTP_ACCEPT_ENCODING="gzip") for _request in range(20)
    ]

    # then
    assert {response["Content-Encoding"] for response in responses} == {"gzip"}
    pages = {gzip.decompress(response.content) for response in responses}
    assert len(pages) == 1
    sizes = {len(response.content) for response in responses}
    assert len(sizes) >= 5
    assert all(int(response["Content-Length"]) == len(response.content) for response in responses)


def test_a_page_asked_without_gzip_is_sent_as_is(client):
    # when
    response = client.get("/cooperatives/")

    # then
    assert not response.has_header("Content-Encoding")
    assert b"<html" in response.content
