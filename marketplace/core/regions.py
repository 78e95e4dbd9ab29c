"""The Fès–Meknès region: its 2 prefectures and 7 provinces."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Province(models.TextChoices):
    FES = "fes", _("Fès (prefecture)")
    MEKNES = "meknes", _("Meknès (prefecture)")
    BOULEMANE = "boulemane", _("Boulemane")
    EL_HAJEB = "el-hajeb", _("El Hajeb")
    IFRANE = "ifrane", _("Ifrane")
    MOULAY_YACOUB = "moulay-yacoub", _("Moulay Yacoub")
    SEFROU = "sefrou", _("Sefrou")
    TAOUNATE = "taounate", _("Taounate")
    TAZA = "taza", _("Taza")
