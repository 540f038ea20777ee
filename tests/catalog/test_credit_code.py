import pytest

from catalog.demo import COOPERATIVES
from catalog.validators import cooperative_credit_code, credit_code_check_char, credit_code_is_valid


def test_check_character_of_the_standards_example():
    assert credit_code_check_char("91350100M000100Y4") == "3"
    assert credit_code_is_valid("91350100M000100Y43")


@pytest.mark.parametrize(
    "code",
    [
        "91350100M000100Y44",  # wrong check character
        "91350100M000100Y4",  # 17 characters
        "91350100M000100Y433",  # 19 characters
        "91350100M00010OY43",  # O is not in the charset
        "",
        None,
    ],
)
def test_invalid_credit_codes_are_refused(code):
    assert not credit_code_is_valid(code)


def test_check_character_needs_17_charset_characters():
    with pytest.raises(ValueError):
        credit_code_check_char("91350100M000100I4")


def test_demo_cooperatives_have_valid_sui_county_cooperative_codes():
    codes = [cooperative_credit_code(coop.organisation_code) for coop in COOPERATIVES]
    assert all(credit_code_is_valid(code) and code.startswith("93421321") for code in codes)
    assert len(set(codes)) == len(codes)
