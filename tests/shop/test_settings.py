"""Production settings come from the environment, default to safe values, and fail loudly: a
deployment that would quietly run on development fallbacks fails ``check --deploy``.

Each variant runs in a subprocess of its own, since settings are read once at import."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

#: What the test run itself sets and production would not have.
UNSET = {
    "DEBUG",
    "SECRET_KEY",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "DJANGO_SETTINGS_MODULE",
    "DATABASE_URL",
    "DATABASE_CONN_MAX_AGE",
    "REDIS_URL",
    "EMAIL_BACKEND",
    "SITE_URL",
    "ALIPAY_EMULATOR",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "ALIPAY_APP_ID",
    "ALIPAY_SELLER_ID",
    "ALIPAY_APP_PRIVATE_KEY",
    "ALIPAY_PUBLIC_KEY",
}

#: A complete production environment (nothing here is contacted by ``check``).
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "wenfu.example.cn",
    "SITE_URL": "https://wenfu.example.cn",
    "DATABASE_URL": "postgres://wenfu:password@db.example.cn:5432/wenfu",
    "REDIS_URL": "redis://redis.example.cn:6379/0",
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "ALIPAY_APP_ID": "2021000000000000",
    "ALIPAY_SELLER_ID": "2088000000000000",
    "ALIPAY_APP_PRIVATE_KEY": "-----BEGIN RSA PRIVATE KEY-----",
    "ALIPAY_PUBLIC_KEY": "-----BEGIN PUBLIC KEY-----",
}


def environment(env):
    environment = {key: value for key, value in os.environ.items() if key not in UNSET}
    environment.update(env)
    return environment


def manage(*args, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment(env), capture_output=True, text=True
    )


def setting_values(*names, argv=("manage.py", "check"), **env):
    """The settings ``names`` as shop.settings computes them for ``env`` and a command line."""
    script = (
        f"import sys; sys.argv = {list(argv)!r}\n"
        "import json, django\nfrom django.conf import settings\ndjango.setup()\n"
        f"print(json.dumps({{name: getattr(settings, name) for name in {list(names)!r}}}, default=str))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=environment({"DJANGO_SETTINGS_MODULE": "shop.settings", **env}),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_a_complete_production_environment_passes_check_deploy():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"REDIS_URL": ""}, "wenfu.E001"),
        ({"DATABASE_URL": ""}, "wenfu.E002"),
        ({"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}, "wenfu.E003"),
        ({"ALIPAY_PUBLIC_KEY": ""}, "wenfu.E004"),
        ({"SITE_URL": "http://wenfu.example.cn"}, "wenfu.E005"),
    ],
    ids=["no-redis", "sqlite", "console-email", "no-alipay-keys", "http-site-url"],
)
def test_a_development_fallback_in_production_is_a_deploy_error(change, error):
    env = {key: value for key, value in {**PRODUCTION, **change}.items() if value}

    result = manage("check", "--deploy", **env)

    assert result.returncode != 0
    assert error in result.stderr
    # Only that one: the rest of the environment is complete.
    assert result.stderr.count("wenfu.E") == 1, result.stderr


def test_development_with_debug_on_has_none_of_these_errors():
    result = manage("check", "--deploy", DEBUG="1")
    assert "wenfu.E" not in result.stdout + result.stderr


def test_debug_is_off_unless_asked_for():
    assert setting_values("DEBUG", SECRET_KEY="x" * 50) == {"DEBUG": False}
    assert setting_values("DEBUG", DEBUG="1") == {"DEBUG": True}


def test_production_refuses_to_start_without_a_secret_key():
    env = {key: value for key, value in PRODUCTION.items() if key != "SECRET_KEY"}
    command = [sys.executable, "-c", "import shop.wsgi"]
    result = subprocess.run(command, cwd=ROOT, env=environment(env), capture_output=True, text=True)
    # Django itself refuses to start the application with an empty key.
    assert result.returncode != 0
    assert "The SECRET_KEY setting must not be empty" in result.stderr
    deploy = manage("check", "--deploy", **env)
    assert deploy.returncode != 0 and "wenfu.E006" in deploy.stderr


def test_management_commands_run_without_production_settings():
    # A fresh checkout: no environment at all, DEBUG off. Checking the code needs no secrets.
    assert manage("check").returncode == 0
    assert manage("makemigrations", "--check", "--dry-run").returncode == 0


def test_hsts_covers_subdomains_and_preload_only_when_asked():
    names = ("SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD")
    assert setting_values(*names, **PRODUCTION) == {
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": False,
        "SECURE_HSTS_PRELOAD": False,
    }
    opted_in = setting_values(
        *names, **PRODUCTION, SECURE_HSTS_INCLUDE_SUBDOMAINS="1", SECURE_HSTS_PRELOAD="1"
    )
    assert opted_in["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert opted_in["SECURE_HSTS_PRELOAD"] is True


def test_the_development_server_keeps_no_database_connections():
    runserver = setting_values("DATABASES", argv=("manage.py", "runserver"), DEBUG="1")["DATABASES"][
        "default"
    ]
    assert (runserver["CONN_MAX_AGE"], runserver["CONN_HEALTH_CHECKS"]) == (0, False)

    served = setting_values("DATABASES", **PRODUCTION)["DATABASES"]["default"]
    assert (served["CONN_MAX_AGE"], served["CONN_HEALTH_CHECKS"]) == (60, True)


@pytest.mark.django_db
def test_the_load_balancers_health_probe_is_not_redirected_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    assert client.get("/healthz").status_code == 200
    redirected = client.get("/shop/catalogue/")
    assert redirected.status_code == 301
    assert redirected["Location"].startswith("https://")


def test_the_development_server_logs_each_line_once_and_its_requests_with_their_time():
    script = (
        "import logging\n"
        "logging.getLogger('django.request').warning('Not Found: /meiyou/')\n"
        "logging.getLogger('django.server').info('\"GET /meiyou/ HTTP/1.1\" 404 6154')"
    )
    result = manage("shell", "-c", script, DEBUG="1")

    assert result.returncode == 0, result.stderr
    assert result.stderr.count("Not Found: /meiyou/") == 1
    (request_line,) = [line for line in result.stderr.splitlines() if "GET /meiyou/" in line]
    assert request_line.startswith("[")  # runserver's [day/month/year time] prefix


def make_variable(variable, *args, **env):
    """The value the Makefile exports as ``variable`` to its recipes, for ``make args``."""
    result = subprocess.run(
        ["make", "-s", f"--eval=show: ; @echo $${variable}", "show", *args],
        cwd=ROOT,
        env=environment(env),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_make_run_on_another_port_sends_links_and_payments_to_that_port():
    assert make_variable("SITE_URL") == "http://127.0.0.1:8000"
    assert make_variable("SITE_URL", "HOST=127.0.0.1:8100") == "http://127.0.0.1:8100"
    # An address given outright (a proxy in front, say) is kept.
    assert make_variable("SITE_URL", "HOST=127.0.0.1:8100", SITE_URL="https://wenfu.example.cn") == (
        "https://wenfu.example.cn"
    )
