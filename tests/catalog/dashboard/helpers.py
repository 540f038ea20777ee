"""People and form helpers for the dashboard tests (catalogue and orders)."""

from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse

from catalog.models import TierPrice
from tests.factories import PartnerFactory

User = get_user_model()


#: The password of the users made here.
STAFF_PASSWORD = "secret-pass-123"


def cooperative_user(partner, email):
    """A non-staff user working for ``partner`` with Oscar's partner dashboard access."""
    user = User.objects.create_user(email, STAFF_PASSWORD)
    user.user_permissions.add(
        Permission.objects.get(codename="dashboard_access", content_type__app_label="partner")
    )
    partner.users.add(user)
    return user


def cooperative(name, email):
    """A cooperative (partner) and one of its staff."""
    partner = PartnerFactory(name=name)
    return partner, cooperative_user(partner, email)


def operator_user(email="yunying@example.cn"):
    return User.objects.create_superuser(email, STAFF_PASSWORD)


def form_data(response, form_id):
    """What a browser would post from the form ``form_id`` of ``response`` as it is: text
    inputs and textareas with their values, checked boxes, selected (or first) options; no
    files."""
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    form = soup.find("form", id=form_id)
    assert form is not None, f"no form #{form_id}"
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.has_attr("disabled"):
            continue
        if field.name == "textarea":
            data[name] = field.text
        elif field.name == "select":
            options = field.find_all("option")
            chosen = [option for option in options if option.has_attr("selected")] or options[:1]
            data[name] = chosen[0].get("value", chosen[0].text) if chosen else ""
        else:
            kind = field.get("type", "text")
            if kind in ("checkbox", "radio"):
                if field.has_attr("checked"):
                    data[name] = field.get("value", "on")
            elif kind in ("file", "submit", "button", "image"):
                continue
            else:
                data[name] = field.get("value", "")
    return data


def form_errors(response):
    """The errors of the product page's form and formsets, for assertion messages."""
    errors = {}
    for name in ("form", "stockrecord_formset", "image_formset", "category_formset", "recommended_formset"):
        value = response.context.get(name) if response.context else None
        if value is None:
            continue
        if getattr(value, "errors", None) and any(value.errors):
            errors[name] = value.errors
        if hasattr(value, "non_form_errors") and value.non_form_errors():
            errors[f"{name}:non_form"] = value.non_form_errors()
    return errors


def tiers_url(stockrecord):
    return reverse("dashboard:catalogue-stockrecord-tiers", kwargs={"pk": stockrecord.pk})


def tier_post(*rows):
    """The tier price page's formset as posted with ``rows`` of (minimum quantity, price)."""
    data = {"tiers-TOTAL_FORMS": str(len(rows)), "tiers-INITIAL_FORMS": "0"}
    for index, (quantity, price) in enumerate(rows):
        data[f"tiers-{index}-min_quantity"] = str(quantity)
        data[f"tiers-{index}-price"] = str(price)
    return data


def saved_tiers(stockrecord):
    return list(TierPrice.objects.filter(stockrecord=stockrecord).values_list("min_quantity", "price"))
