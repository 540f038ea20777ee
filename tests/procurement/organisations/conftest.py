"""Helpers of the organisation pages' tests: a registration as a browser posts it."""

import pytest
from django.contrib.auth import get_user_model

from tests.procurement.conftest import credit_code

User = get_user_model()


def registration_post(**changes):
    """The registration form of a county-government canteen, filled in, with ``changes``."""
    data = {
        "name": "随县农业农村局机关食堂",
        "kind": "government",
        "credit_code": credit_code("11", 77),
        "invoice_title": "随县农业农村局",
        "registered_address": "湖北省随州市随县厉山镇烈山大道 18 号",
        "contact_name": "张科长",
        "contact_mobile": "13900001111",
        "contact_email": "",
        "bank_name": "",
        "bank_account": "",
        "target_mode": "amount",
        "annual_target": "80000",
        "annual_food_budget": "",
        "target_percent": "10",
        "address-label": "局机关食堂后厨",
        "address-first_name": "刘师傅",
        "address-phone_number": "139 0000 2222",
        "address-province": "420000",
        "address-city": "421300",
        "address-district": "421321",
        "address-street": "厉山镇",
        "address-line1": "烈山大道 18 号院内食堂",
    }
    data.update(changes)
    return data


@pytest.fixture
def newcomer(db):
    return User.objects.create_user("xinren@example.cn", "secret-pass-123", mobile="13900003333")
