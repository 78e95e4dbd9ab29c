from django.urls import path

from . import account, views

app_name = "storefront"

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/login/", account.login_view, name="login"),
    path("accounts/logout/", account.logout_view, name="logout"),
    path("accounts/signup/", account.signup, name="signup"),
]
