import oscar.apps.customer.apps as apps


class CustomerConfig(apps.CustomerConfig):
    """Oscar's customer app, forked so shoppers log in with an e-mail or a mobile number."""

    name = "shop.customer"
