import oscar.apps.shipping.apps as apps


class ShippingConfig(apps.ShippingConfig):
    """Oscar's shipping app, forked for methods priced per cooperative parcel by weight and
    destination province, with rates the operator edits in the admin."""

    name = "shop.shipping"
