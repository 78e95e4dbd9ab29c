"""The season planner page: choose, see the proposal explained, edit it, create the stops."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from marketplace.core.forms import add_service_errors

from . import access
from .models import Fair, FairStatus
from .planner_forms import PlannedStopFormSet, SeasonPlanForm
from .planner_services import StopDefaults, season_plan_propose, season_plan_publish


def _initial(fair):
    return {
        "date_from": fair.season_start,
        "date_to": fair.season_end,
        "provinces": [code for code, _label in SeasonPlanForm.base_fields["provinces"].choices],
        "weekdays": [5, 6],
        "teams": 1,
        "min_days_between": 3,
        "stops_wanted": 9,
        "opens_at": datetime.time(9, 0),
        "closes_at": datetime.time(18, 0),
        "stand_capacity": 50,
        "deadline_days": 7,
        "pickup_offered": True,
    }


def _propose(request, form):
    data = form.cleaned_data
    return season_plan_propose(
        actor=request.user,
        date_from=data["date_from"],
        date_to=data["date_to"],
        provinces=data["provinces"],
        weekdays=data["weekdays"],
        blackout_dates=data["blackout_dates"],
        teams=data["teams"],
        min_days_between=data["min_days_between"],
        stops_wanted=data["stops_wanted"],
    )


@login_required
def season_plan(request, slug):
    access.ensure_fair_staff(request.user)
    fair = get_object_or_404(Fair, slug=slug)
    form = SeasonPlanForm(request.POST or None, initial=_initial(fair))
    rows, proposal = None, None
    action = request.POST.get("action")
    if request.method == "POST" and form.is_valid():
        if action == "publish":
            rows = PlannedStopFormSet(request.POST, prefix="stops")
            if rows.is_valid():
                kept = [row for row in rows.cleaned_data if row.get("keep")]
                data = form.cleaned_data
                defaults = StopDefaults(
                    opens_at=data["opens_at"],
                    closes_at=data["closes_at"],
                    stand_capacity=data["stand_capacity"],
                    deadline_days=data["deadline_days"],
                    pickup_offered=data["pickup_offered"],
                )
                try:
                    created = season_plan_publish(
                        fair=fair,
                        actor=request.user,
                        stops=kept,
                        defaults=defaults,
                        publish=request.POST.get("publish_now") == "on",
                    )
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    messages.success(
                        request,
                        _("%(count)s stops created from the plan.") % {"count": len(created)},
                    )
                    return redirect("fairs-backoffice:fair", slug=fair.slug)
        else:
            try:
                proposal = _propose(request, form)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                rows = PlannedStopFormSet(
                    prefix="stops",
                    initial=[
                        {
                            "keep": True,
                            "date": stop.date,
                            "team": stop.team,
                            "province": stop.province,
                            "explanation": stop.explanation,
                        }
                        for stop in proposal.stops
                    ],
                )
    return render(
        request,
        "fairs/backoffice/season_plan.html",
        {
            "fair": fair,
            "form": form,
            "rows": rows,
            "proposal": proposal,
            "can_publish_stops": fair.status != FairStatus.ARCHIVED,
        },
    )
