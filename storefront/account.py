"""Log in, sign up and log out: shared by shoppers and cooperative members."""

from django import forms
from django.contrib.auth import login
from django.contrib.auth.views import LoginView, LogoutView
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from marketplace.core.accounts import account_signup
from marketplace.core.forms import add_service_errors
from marketplace.core.ratelimit import rate_limited


class SignupForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"))
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput)
    password_again = forms.CharField(label=_("Password again"), widget=forms.PasswordInput)

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password")
        if password and password != cleaned.get("password_again"):
            self.add_error("password_again", _("The two passwords differ."))
        return cleaned


def safe_next(request, default):
    candidate = request.POST.get("next") or request.GET.get("next")
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


@require_http_methods(["GET", "POST"])
@rate_limited("signup", account=lambda request: request.POST.get("email"))
def signup(request):
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = account_signup(
                email=form.cleaned_data["email"], password=form.cleaned_data["password"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect(safe_next(request, "backoffice:home"))
    return render(
        request,
        "storefront/account/signup.html",
        {"form": form, "next": request.GET.get("next", "")},
    )


def _logged_in_as_posted_account(request, response):
    # Someone already logged in who fails another account's password must not get it back.
    posted = request.POST.get("username", "").strip().lower()
    return response.status_code == 302 and request.user.get_username().lower() == posted


login_view = rate_limited(
    "login",
    account=lambda request: request.POST.get("username"),
    succeeded=_logged_in_as_posted_account,
)(LoginView.as_view(template_name="storefront/account/login.html"))
logout_view = LogoutView.as_view()
