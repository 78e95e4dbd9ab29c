"""E-mails to cooperatives: sent after the transaction commits, in French and Arabic.

Members choose no language in Saleor 2.10, and the region's cooperatives
read either; each message carries both, French first.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from .models import MembershipRole

MESSAGE_LANGUAGES = ("fr", "ar")


def owner_emails(cooperative):
    return list(
        cooperative.memberships.filter(role=MembershipRole.OWNER).values_list(
            "user__email", flat=True
        )
    )


def render_bilingual(template, context):
    """Render ``<template>_subject.txt`` and ``<template>.txt`` in each message language."""
    subjects, bodies = [], []
    for language in MESSAGE_LANGUAGES:
        with translation.override(language):
            subjects.append(render_to_string(f"{template}_subject.txt", context).strip())
            bodies.append(render_to_string(f"{template}.txt", context).strip())
    return " / ".join(subjects), "\n\n— — —\n\n".join(bodies)


def send_cooperative_email(*, cooperative, template, context=None, recipients=None):
    """Queue an e-mail about ``cooperative`` to ``recipients`` (default: its owners).

    ``template`` names a pair of templates, e.g.
    ``cooperatives/emails/approved`` → ``approved_subject.txt`` and ``approved.txt``.
    """
    context = {"cooperative": cooperative, "site_url": settings.SITE_URL, **(context or {})}
    recipients = list(recipients) if recipients is not None else owner_emails(cooperative)
    if not recipients:
        return
    subject, body = render_bilingual(template, context)
    transaction.on_commit(
        lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    )
