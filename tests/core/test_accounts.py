import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from saleor.account.models import User

from marketplace.core.accounts import account_signup

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_rate_limits():
    cache.clear()
    yield
    cache.clear()


def test_a_visitor_signs_up_and_is_asked_to_confirm_by_e_mail(client):
    # when
    response = client.post(
        "/accounts/signup/",
        {"email": "Amina@Example.ma", "password": "zendaz-honey-42",
         "password_again": "zendaz-honey-42"},
    )

    # then
    assert response.status_code == 302
    assert response["Location"] == "/accounts/signup/sent/"
    user = User.objects.get()
    assert user.email == "amina@example.ma"
    assert not user.is_active
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"email": "not-an-email", "password": "zendaz-honey-42",
          "password_again": "zendaz-honey-42"}, "email"),
        ({"email": "a@example.ma", "password": "zendaz-honey-42",
          "password_again": "other-password-1"}, "password_again"),
        ({"email": "a@example.ma", "password": "short", "password_again": "short"}, "password"),
    ],
)
def test_sign_up_with_bad_input_shows_the_error_and_creates_nobody(client, data, field):
    # when
    response = client.post("/ar/accounts/signup/", data)

    # then
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert User.objects.count() == 0


def test_sign_up_with_a_taken_email_is_refused(client, customer):
    # when
    response = client.post(
        "/accounts/signup/",
        {"email": "CUSTOMER@example.com", "password": "zendaz-honey-42",
         "password_again": "zendaz-honey-42"},
    )

    # then
    assert response.context["form"].errors["email"]
    assert User.objects.count() == 1


def test_sign_up_never_redirects_to_another_site(client, mailoutbox):
    # given
    client.post(
        "/accounts/signup/?next=https://evil.example/",
        {"email": "b@example.ma", "password": "zendaz-honey-42",
         "password_again": "zendaz-honey-42", "next": "https://evil.example/"},
    )
    link = next(word for word in mailoutbox[0].body.split() if "token=" in word)

    # when
    response = client.get(link.replace("http://testserver", ""))

    # then
    assert response["Location"] == "/account/"


def test_ten_wrong_passwords_lock_the_account_on_the_log_in_page(client, customer):
    # given
    for _ in range(10):
        client.post("/accounts/login/", {"username": customer.email, "password": "wrong"})

    # when
    response = client.post(
        "/accounts/login/", {"username": customer.email, "password": "password-123"}
    )

    # then
    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    assert "_auth_user_id" not in client.session


def test_log_in_with_the_right_password_opens_a_session(client, customer):
    # when
    response = client.post(
        "/accounts/login/", {"username": customer.email, "password": "password-123"}
    )

    # then
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(customer.pk)


def test_back_office_requires_log_in(client):
    # when
    response = client.get("/backoffice/")

    # then
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/backoffice/")


def test_the_sign_up_service_refuses_a_taken_email_whatever_its_case(customer):
    # when
    with pytest.raises(ValidationError) as refused:
        account_signup(email=f"  {customer.email.upper()} ", password="zendaz-honey-42")

    # then
    assert refused.value.error_dict["email"][0].code == "unique"
    assert User.objects.count() == 1


def test_the_sign_up_service_creates_an_active_account_that_can_log_in(client):
    # when
    user = account_signup(email="Youssef@Example.MA", password="zendaz-honey-42")

    # then
    assert user.email == "youssef@example.ma"
    assert user.is_active
    assert client.login(username="youssef@example.ma", password="zendaz-honey-42")
