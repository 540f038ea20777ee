class SmsNotSent(Exception):
    """The backend could not hand the message to its provider; ``message`` is for the user."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message
