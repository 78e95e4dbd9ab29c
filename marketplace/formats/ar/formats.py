# Django's Arabic formats leave the short date-time to the global default,
# the US month/day order: Moroccan readers expect day/month/year, 24 hours.
DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y H:i"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
