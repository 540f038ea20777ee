class RegistrationRefused(Exception):
    """A registration the event cannot take; ``message`` says why, for the visitor."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message
