"""A fair's calendar (ICS): one event per published stop, in Africa/Casablanca time."""

import zoneinfo

from django.conf import settings
from django.utils import translation
from icalendar import Calendar, Event


def fair_calendar(fair, stops, *, language, base_url):
    """The ICS bytes of ``fair``'s ``stops``, titled in ``language``."""
    local = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    calendar = Calendar()
    calendar.add("prodid", "-//Terroir Fès-Meknès//Fairs//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    with translation.override(language):
        calendar.add("x-wr-calname", fair.name)
        calendar.add("x-wr-timezone", settings.TIME_ZONE)
        for stop in stops:
            event = Event()
            event.add("uid", f"fair-stop-{stop.pk}@terroir-fes-meknes.ma")
            event.add("summary", stop.title)
            event.add("dtstart", stop.starts_at.astimezone(local))
            event.add("dtend", stop.ends_at.astimezone(local))
            event.add("dtstamp", stop.updated_at.astimezone(zoneinfo.ZoneInfo("UTC")))
            event.add("location", f"{stop.venue}, {stop.commune} ({stop.province_name})")
            event.add("geo", (float(stop.latitude), float(stop.longitude)))
            event.add("url", base_url + stop.get_absolute_url())
            event.add("description", fair.description)
            calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
