"""What the order form posts, as a browser would."""


def order_form_data(address, delivery_date, lines, **extra):
    """What the order form posts for ``lines`` ``[(stock record id, quantity)]``."""
    data = {
        "delivery_address": address.pk,
        "delivery_date": delivery_date.isoformat() if hasattr(delivery_date, "isoformat") else delivery_date,
        "note": "",
        "form-TOTAL_FORMS": len(lines),
        "form-INITIAL_FORMS": 0,
        "form-MIN_NUM_FORMS": 0,
        "form-MAX_NUM_FORMS": 200,
        "save": "1",
    }
    for index, (stockrecord, quantity) in enumerate(lines):
        data[f"form-{index}-stockrecord"] = stockrecord
        data[f"form-{index}-quantity"] = quantity
    data.update(extra)
    return data
