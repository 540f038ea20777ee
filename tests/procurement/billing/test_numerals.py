"""Amounts in Chinese capital numerals, as a 结算单 writes them."""

from decimal import Decimal

import pytest

from procurement.billing.numerals import amount_in_words


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        ("12345.67", "壹万贰仟叁佰肆拾伍元陆角柒分"),
        ("100.00", "壹佰元整"),
        ("1005.30", "壹仟零伍元叁角"),
        ("0.05", "伍分"),
        ("0.50", "伍角"),
        ("0.00", "零元整"),
        ("1.05", "壹元零伍分"),
        ("10.00", "壹拾元整"),
        ("10005.00", "壹万零伍元整"),
        ("100000.00", "壹拾万元整"),
        ("101000.00", "壹拾万壹仟元整"),
        ("1010101.01", "壹佰零壹万零壹佰零壹元零壹分"),
        ("20000.50", "贰万元伍角"),
        ("6110.00", "陆仟壹佰壹拾元整"),
        ("100000000.00", "壹亿元整"),
        ("100010000.00", "壹亿零壹万元整"),
        ("1234567890.12", "壹拾贰亿叁仟肆佰伍拾陆万柒仟捌佰玖拾元壹角贰分"),
    ],
)
def test_amount_in_words_follows_the_rules_of_financial_writing(amount, words):
    assert amount_in_words(Decimal(amount)) == words


def test_an_amount_is_rounded_to_the_fen_first():
    assert amount_in_words(Decimal("3.456")) == "叁元肆角陆分"


def test_a_negative_amount_is_refused():
    with pytest.raises(ValueError):
        amount_in_words(Decimal("-1"))
