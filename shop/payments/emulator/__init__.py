"""A local Alipay gateway for development and tests: the same protocol, no network.

Only with ``ALIPAY_EMULATOR`` and ``DEBUG`` both on: the settings refuse the emulator with DEBUG
off, its URLs are not mounted and the gateway does not use its keys.
"""
