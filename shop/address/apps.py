import oscar.apps.address.apps as apps


class AddressConfig(apps.AddressConfig):
    """Oscar's address app, forked for mainland addresses: GB/T 2260 divisions, one receiver, a mobile."""

    name = "shop.address"
