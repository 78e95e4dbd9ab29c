"""The label registry, kept by council staff holding ``manage_labels``."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from marketplace.core.regions import Province

from .. import access
from ..errors import LabelErrorCode
from ..models import Label, LabelKind

LABEL_FIELDS = (
    "kind",
    "slug",
    "name_fr",
    "name_ar",
    "name_en",
    "description_fr",
    "description_ar",
    "description_en",
    "guarantees_fr",
    "guarantees_ar",
    "guarantees_en",
    "certificate_required",
    "protected_product_fr",
    "protected_product_ar",
    "provinces",
)


def _check(label):
    if Label.objects.filter(slug=label.slug).exclude(pk=label.pk).exists():
        raise ValidationError(
            {
                "slug": ValidationError(
                    _("Another label already uses this slug."),
                    code=LabelErrorCode.DUPLICATE_SLUG.value,
                )
            }
        )
    unknown = [code for code in label.provinces if code not in Province.values]
    if unknown:
        raise ValidationError(
            {
                "provinces": ValidationError(
                    _("Unknown province: %(codes)s."),
                    code=LabelErrorCode.INVALID.value,
                    params={"codes": ", ".join(unknown)},
                )
            }
        )
    if label.kind in (LabelKind.IGP, LabelKind.AOP) and not label.provinces:
        raise ValidationError(
            {
                "provinces": ValidationError(
                    _("An IGP or AOP needs its geographical area: choose its provinces."),
                    code=LabelErrorCode.REQUIRED.value,
                )
            }
        )
    try:
        label.full_clean(exclude=["logo"])
    except ValidationError as error:
        raise ValidationError(
            {
                field: [
                    ValidationError(message, code=LabelErrorCode.INVALID.value)
                    for message in messages
                ]
                for field, messages in error.message_dict.items()
            }
        )


def _save(label, *, data, certifying_bodies, logo):
    for field in LABEL_FIELDS:
        if field in data:
            setattr(label, field, data[field])
    label.provinces = sorted(set(label.provinces or []))
    _check(label)
    with transaction.atomic():
        if logo is not None:
            label.logo.save(getattr(logo, "name", "logo.png"), logo, save=False)
        label.save()
        if certifying_bodies is not None:
            label.certifying_bodies.set(certifying_bodies)
    return label


def label_create(*, user, data, certifying_bodies=(), logo=None):
    access.ensure_label_manager(user)
    return _save(Label(), data=data, certifying_bodies=list(certifying_bodies), logo=logo)


def label_update(*, label, user, data, certifying_bodies=None, logo=None):
    access.ensure_label_manager(user)
    label = Label.objects.get(pk=label.pk)
    return _save(label, data=data, certifying_bodies=certifying_bodies, logo=logo)
