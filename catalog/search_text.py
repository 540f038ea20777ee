"""Chinese word segmentation for product search.

PostgreSQL's full-text search splits words on spaces, which Chinese text does not have. We
segment with jieba and store the words space-separated in ``Product.search_text``; PostgreSQL
then indexes that column with the ``simple`` configuration (no stemming, no stop words).
"""

import logging
import re

import jieba

jieba.setLogLevel(logging.WARNING)

#: Runs of letters, digits or hanzi; everything else (punctuation, spaces) separates words.
WORD = re.compile(r"[\w]+", re.UNICODE)


def segment_for_index(*texts):
    """Every word a search could use to find ``texts``: whole words and their dictionary sub-words.

    ``cut_for_search`` yields ``黑木耳`` as ``黑木 木耳 黑木耳``, so both ``木耳`` and ``黑木耳`` match.
    """
    words = []
    for text in texts:
        for run in WORD.findall(text or ""):
            words.extend(jieba.cut_for_search(run.lower()))
            words.extend(jieba.cut(run.lower()))
    return " ".join(dict.fromkeys(w for w in words if w.strip()))


def segment_query(query):
    """The words of a shopper's query, each of which a matching product must contain."""
    words = []
    for run in WORD.findall((query or "").lower()):
        words.extend(w for w in jieba.cut(run) if w.strip())
    return list(dict.fromkeys(words))
