from shop.exceptions import DomainError


class DivisionChoiceError(DomainError):
    """The province, city and district chosen do not name one place in the division data.

    ``field`` is the form field to show ``message`` next to: ``province``, ``city`` or ``district``.
    """

    def __init__(self, field, message):
        super().__init__(message)
        self.field = field
