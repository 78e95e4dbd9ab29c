"""What members and owners read about a cooperative's people."""

from django.utils import timezone

from ..models import Invitation


def open_invitations(cooperative):
    return Invitation.objects.filter(
        cooperative=cooperative,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
    )
