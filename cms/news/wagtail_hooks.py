from wagtail import hooks

from cms.featuring import FEATURING_HOOK, HOME_SECTION_HOOK

from .selectors import news_featuring, news_home_section

hooks.register(FEATURING_HOOK, news_featuring)
hooks.register(HOME_SECTION_HOOK, news_home_section)
