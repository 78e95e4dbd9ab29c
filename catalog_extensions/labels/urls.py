"""Public label pages (``labels`` namespace), under the site's language prefixes."""

from django.urls import path

from . import views

app_name = "labels"

urlpatterns = [
    path("labels/", views.label_list, name="label-list"),
    path("labels/<slug:slug>/", views.label_detail, name="label-detail"),
    path("verify/<str:code>/", views.verify, name="verify"),
]
