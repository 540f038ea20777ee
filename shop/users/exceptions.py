class VerificationRefused(Exception):
    """A code was not sent or not accepted; ``message`` says why, for the person at the form."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message
