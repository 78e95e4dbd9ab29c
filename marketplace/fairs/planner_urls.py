from django.urls import path

from . import planner_views

app_name = "fairs-planner"

urlpatterns = [
    path("<slug:slug>/plan/", planner_views.season_plan, name="season-plan"),
]
