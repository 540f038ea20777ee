"""Amounts in Chinese capital numerals (大写金额), as a 结算单 or a cheque writes them.

The rules of financial writing (《会计基础工作规范》 and bank practice): digits 零壹贰叁肆伍陆柒捌玖,
units 拾佰仟 inside each group of four and 万 / 亿 between groups; one 零 stands for any run of
zeros between non-zero digits (1005 → 壹仟零伍), a group whose thousands digit is zero after a
non-zero higher group starts with 零 (10005 → 壹万零伍); 元 follows the yuan (none when there are
none but there are jiao or fen), 整 ends an amount of whole yuan (an amount ending in 角 needs
none), and a missing jiao between yuan and fen is 零 (1.05 → 壹元零伍分).
"""

from decimal import ROUND_HALF_UP, Decimal

DIGITS = "零壹贰叁肆伍陆柒捌玖"
UNITS = ("", "拾", "佰", "仟")
GROUPS = ("", "万", "亿", "万亿")
CENT = Decimal("0.01")


def _group(number):
    """A group of four digits (1–9999) without its 万/亿, and whether it starts with a zero."""
    text, zero = "", False
    for position in range(3, -1, -1):
        digit = number // 10**position % 10
        if digit == 0:
            zero = bool(text)
            continue
        if zero:
            text += DIGITS[0]
            zero = False
        text += DIGITS[digit] + UNITS[position]
    return text


def _yuan(number):
    groups = []
    while number:
        groups.append(number % 10000)
        number //= 10000
    if len(groups) > len(GROUPS):
        raise ValueError("amount too large")
    text, gap = "", False
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            gap = bool(text)
            continue
        if text and (gap or group < 1000):
            text += DIGITS[0]
        text += _group(group) + GROUPS[index]
        gap = False
    return text


def amount_in_words(amount):
    """``amount`` (a Decimal in yuan, ≥ 0, rounded half up to the fen) in capital numerals:
    ``Decimal("12345.67")`` → ``"壹万贰仟叁佰肆拾伍元陆角柒分"``, ``0`` → ``"零元整"``.
    Raises ``ValueError`` for a negative amount."""
    amount = Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)
    if amount < 0:
        raise ValueError("negative amount")
    fen_total = int(amount * 100)
    yuan, jiao, fen = fen_total // 100, fen_total // 10 % 10, fen_total % 10
    if fen_total == 0:
        return "零元整"
    text = _yuan(yuan) + "元" if yuan else ""
    if jiao:
        text += DIGITS[jiao] + "角"
    elif yuan and fen:
        text += DIGITS[0]
    if fen:
        text += DIGITS[fen] + "分"
    elif not jiao:
        text += "整"
    return text
