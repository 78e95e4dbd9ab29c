"""Log in, sign up, confirm, reset a password and log out: shared by shoppers and cooperatives.

Sign-up has one path for the web and the API: both leave the account
inactive and send Saleor's confirmation e-mail, whose link lands on
``account_confirm`` here (the web form passes that page as the link; Saleor's
``accountRegister`` links to whatever ``redirectUrl`` its client gave, and the
home page forwards ``/?email=…&token=…`` here). Opening the link activates
the account and logs the shopper in.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.views import LoginView, LogoutView
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from marketplace.cooperatives.access import cooperatives_managed_by
from marketplace.core.accounts import account_signup, normalized_email
from marketplace.core.forms import add_service_errors
from marketplace.core.ratelimit import rate_limited

from . import checkout_saleor
from .basket import basket_merge_at_login
from .checkout_forms import AddressForm, city_label

SESSION_NEXT = "account-next"
BACKEND = "django.contrib.auth.backends.ModelBackend"


class SignupForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail"))
    password = forms.CharField(label=gettext_lazy("Password"), widget=forms.PasswordInput)
    password_again = forms.CharField(
        label=gettext_lazy("Password again"), widget=forms.PasswordInput
    )

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password")
        if password and password != cleaned.get("password_again"):
            self.add_error("password_again", gettext_lazy("The two passwords differ."))
        return cleaned


class PasswordForgotForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail"))


def safe_next(request, default):
    candidate = request.POST.get("next") or request.GET.get("next")
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


def may_use_back_office(user):
    return user.is_staff or cooperatives_managed_by(user).exists()


def landing_after_login(request, user, candidate=None):
    """Where someone goes once logged in: where they were heading, else by who they are.

    Shoppers land on their account, members and staff on the back office; a
    shopper reaches the back office only by asking for it ("sell with us").
    """
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    if may_use_back_office(user):
        return reverse("backoffice:home")
    return reverse("storefront:account")


def log_in(request, user):
    login(request, user, backend=BACKEND)
    basket_merge_at_login(request, user)


@require_http_methods(["GET", "POST"])
@rate_limited("signup", account=lambda request: request.POST.get("email"))
def signup(request):
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = account_signup(
                email=form.cleaned_data["email"], password=form.cleaned_data["password"],
                active=False,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            request.session[SESSION_NEXT] = safe_next(request, "")
            checkout_saleor.send_account_confirmation(
                user, request.build_absolute_uri(reverse("storefront:account-confirm"))
            )
            return redirect("storefront:signup-sent")
    return render(
        request,
        "storefront/account/signup.html",
        {"form": form, "next": request.GET.get("next", "")},
    )


def signup_sent(request):
    return render(request, "storefront/account/signup_sent.html")


def _link_accepted(_request, response):
    return response.status_code != 400


def _link_account(request):
    return request.GET.get("email") or request.POST.get("email")


@never_cache
@rate_limited(
    "account-token", account=_link_account, succeeded=_link_accepted, methods=("GET", "POST")
)
def account_confirm(request):
    """The confirmation link of the sign-up e-mail: activate the account and log in."""
    user = checkout_saleor.account_confirm(request.GET.get("email"), request.GET.get("token"))
    if user is None:
        return render(request, "storefront/account/confirm_failed.html", status=400)
    log_in(request, user)
    messages.success(request, _("Your account is confirmed. Welcome!"))
    return redirect(landing_after_login(request, user, request.session.pop(SESSION_NEXT, "")))


def forward_account_link(request):
    """Saleor's default links (``/?email=…&token=…``) reach the home page: send them on."""
    if request.GET.get("email") and request.GET.get("token"):
        query = urlencode({"email": request.GET["email"], "token": request.GET["token"]})
        return redirect(f"{reverse('storefront:account-confirm')}?{query}")
    return None


class ShopperLoginView(LoginView):
    template_name = "storefront/account/login.html"

    def form_valid(self, form):
        super().form_valid(form)
        basket_merge_at_login(self.request, form.get_user())
        return redirect(
            landing_after_login(self.request, form.get_user(), self.get_redirect_url())
        )


def _logged_in_as_posted_account(request, response):
    # Someone already logged in who fails another account's password must not get it back.
    posted = request.POST.get("username", "").strip().lower()
    return response.status_code == 302 and request.user.get_username().lower() == posted


login_view = rate_limited(
    "login",
    account=lambda request: request.POST.get("username"),
    succeeded=_logged_in_as_posted_account,
)(ShopperLoginView.as_view())
logout_view = LogoutView.as_view()


@require_http_methods(["GET", "POST"])
@rate_limited("password-reset", account=lambda request: request.POST.get("email"))
def password_forgot(request):
    form = PasswordForgotForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = checkout_saleor.User.objects.filter(
            email__iexact=normalized_email(form.cleaned_data["email"]), is_active=True
        ).first()
        if user is not None:
            checkout_saleor.send_password_reset(
                user, request.build_absolute_uri(reverse("storefront:password-reset"))
            )
        # The same answer whether or not the address has an account.
        return render(request, "storefront/account/password_sent.html")
    return render(request, "storefront/account/password_forgot.html", {"form": form})


@never_cache
@require_http_methods(["GET", "POST"])
@rate_limited(
    "account-token", account=_link_account, succeeded=_link_accepted, methods=("GET", "POST")
)
def password_reset(request):
    """Saleor's reset e-mail lands here with ``email`` and ``token``: choose a new password."""
    email = request.GET.get("email") or request.POST.get("email")
    token = request.GET.get("token") or request.POST.get("token")
    user = checkout_saleor.password_reset_check(email, token)
    if user is None:
        return render(request, "storefront/account/password_link_failed.html", status=400)
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        if not user.is_active:
            user.is_active = True  # the link proves the address, as confirmation does
            user.save(update_fields=["is_active"])
        log_in(request, user)
        messages.success(request, _("Your new password is saved."))
        return redirect(landing_after_login(request, user))
    return render(
        request,
        "storefront/account/password_reset.html",
        {"form": form, "email": email, "token": token},
    )




@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def account_addresses(request):
    form = AddressForm(request.POST or None, fixed_email=request.user.email)
    if request.method == "POST" and form.is_valid():
        checkout_saleor.user_address_add(request.user, form.address_fields())
        messages.success(request, _("The address is saved."))
        return redirect("storefront:account-addresses")
    addresses = checkout_saleor.user_addresses(request.user)
    for address in addresses:
        address.city_label = city_label(address.city)
    return render(
        request, "storefront/account/addresses.html", {"form": form, "addresses": addresses}
    )


@login_required
@require_POST
def account_address_delete(request, pk):
    if not checkout_saleor.user_address_delete(request.user, pk):
        raise Http404
    messages.success(request, _("The address is deleted."))
    return redirect("storefront:account-addresses")
