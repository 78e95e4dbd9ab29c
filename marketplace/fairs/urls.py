from django.urls import path

from . import views

app_name = "fairs"

urlpatterns = [
    path("", views.fair_list, name="fair-list"),
    path("<slug:slug>/", views.fair_detail, name="fair-detail"),
    path("<slug:slug>/calendar.ics", views.fair_calendar_feed, name="fair-calendar"),
    path("<slug:slug>/stops/<int:pk>/", views.stop_detail, name="stop-detail"),
]
