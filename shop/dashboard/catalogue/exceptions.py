"""Domain errors of the cooperative dashboard; views turn them into Chinese messages."""

from shop.exceptions import DomainError


class TierPriceError(DomainError):
    """Tier prices break a rule; ``messages`` says which, in Chinese, for the cooperative."""

    def __init__(self, messages):
        self.messages = list(messages)
        super().__init__("；".join(str(message) for message in self.messages))
