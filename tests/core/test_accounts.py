import re

import pytest
from django.contrib.auth.hashers import make_password
from django.core import mail
from django.test import Client, override_settings

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def login(client: Client, password: str):
    return client.post("/accounts/login/", {"username": "someone", "password": password})


def test_login_with_the_right_password_signs_in(make_user):
    make_user(None, username="someone")
    client = Client()

    response = login(client, "correct-horse-9")

    assert response.status_code == 302
    assert client.session.get("_auth_user_id")


def test_login_with_a_wrong_password_says_so_and_stays_out(make_user):
    make_user(None, username="someone")
    client = Client()

    response = login(client, "wrong")

    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()
    assert not client.session.get("_auth_user_id")


@override_settings(AXES_FAILURE_LIMIT=3)
def test_repeated_failed_logins_lock_the_account_even_with_the_right_password(make_user):
    make_user(None, username="someone")
    client = Client()
    for _ in range(3):
        login(client, "wrong")

    response = login(client, "correct-horse-9")

    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()
    assert not client.session.get("_auth_user_id")


def test_passwords_are_hashed_with_argon2_outside_tests(settings):
    # The test settings put a fast hasher first; production starts at Argon2.
    settings.PASSWORD_HASHERS = [h for h in settings.PASSWORD_HASHERS if "MD5" not in h]

    assert make_password("a-long-password-1").startswith("argon2$")


def test_password_reset_sends_a_link_that_lets_the_user_choose_a_new_password(make_user):
    user = make_user(None, username="someone")
    user.email = "someone@example.org"
    user.save()
    client = Client()

    client.post("/accounts/password/reset/", {"email": "someone@example.org"})
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    form_url = client.get(link).url  # Django swaps the token for a session-bound URL
    done = client.post(
        form_url, {"new_password1": "a-brand-new-pass-7", "new_password2": "a-brand-new-pass-7"}
    )

    assert len(mail.outbox) == 1
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-brand-new-pass-7")


def test_password_change_requires_the_old_password(client_as):
    client = client_as("delegate")

    response = client.post(
        "/accounts/password/change/",
        {"old_password": "nope", "new_password1": "x-new-password-1", "new_password2": "x-new-password-1"},
    )

    assert response.status_code == 200
    assert "Your old password was entered incorrectly" in response.content.decode()


def test_pages_send_security_headers(client):
    response = client.get("/")

    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_session_and_csrf_cookies_are_http_only(client, make_user, settings):
    make_user(None, username="someone")
    response = login(client, "correct-horse-9")

    assert response.cookies["sessionid"]["httponly"]
    assert response.cookies["sessionid"]["samesite"] == "Lax"
    assert settings.CSRF_COOKIE_HTTPONLY


@pytest.mark.parametrize(
    "path",
    ["/accounts/password/reset/", "/accounts/password/reset/done/", "/accounts/password/reset/complete/"],
)
def test_password_pages_use_the_platform_layout_not_the_admin(client, path):
    page = client.get(path).content.decode()

    assert 'class="site-header"' in page
    assert "Django administration" not in page
