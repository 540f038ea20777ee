"""A local Alipay gateway for development and tests: the same protocol, no network.

Only mounted when ``ALIPAY_EMULATOR`` is on, which a system check refuses outside DEBUG.
"""
