from wagtail import hooks

from cms.featuring import FEATURING_HOOK, HOME_SECTION_HOOK

from .selectors import live_sales_featuring, live_sales_home_section

hooks.register(FEATURING_HOOK, live_sales_featuring)
hooks.register(HOME_SECTION_HOOK, live_sales_home_section)
