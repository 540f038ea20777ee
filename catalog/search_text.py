"""Chinese word segmentation for product search.

PostgreSQL's full-text search splits words on spaces, which Chinese text does not have. We
segment with jieba and store the words space-separated in ``Product.search_text``; PostgreSQL
then indexes that column with the ``simple`` configuration (no stemming, no stop words).

The index side is generous and the query side is precise: a product's text is stored as every
word any of jieba's modes finds in it, and a query is cut once, in jieba's default mode, into the
words a product must all contain. jieba's HMM guesses words it does not know from their context,
so the same characters can be cut differently in a title and in a query (``淮河镇土鸡蛋`` gives
``淮河镇 土鸡蛋`` while the query ``土鸡蛋`` gives ``土 鸡蛋``); storing the dictionary-only cut as
well keeps such queries matching.

Pinyin: every stored word with two or more hanzi is stored again as its toneless pinyin, syllables joined
(``香菇`` also as ``xianggu``), so a shopper without a Chinese keyboard finds it. A query typed as
separate syllables (``xiang gu``) is also tried with its Latin words joined, see
:func:`query_alternatives`. Single-hanzi words get no pinyin: a lone syllable (``xiang``) would
match every product with a word 香, 相 or 向 … and find unrelated products.
"""

import logging
import re

import jieba
from pypinyin import lazy_pinyin

jieba.setLogLevel(logging.WARNING)

#: Runs of letters, digits or hanzi; everything else (punctuation, spaces, underscores) separates
#: words, as it does for PostgreSQL's text-search parser.
WORD = re.compile(r"[^\W_]+")
HANZI = re.compile(r"[\u3400-\u9fff]")
LATIN = re.compile(r"[a-z]+")


def _runs(text):
    return WORD.findall((text or "").lower())


def segment_for_index(*texts):
    """Every word a search could use to find ``texts``, space-separated and without repeats.

    ``cut_for_search`` yields ``黑木耳`` as ``黑木 木耳 黑木耳``, so both ``木耳`` and ``黑木耳`` match.
    """
    words = []
    for text in texts:
        for run in _runs(text):
            words.extend(jieba.cut_for_search(run))
            words.extend(jieba.cut(run))
            words.extend(jieba.cut(run, HMM=False))
    words = [word for word in words if word.strip()]
    words.extend([word_pinyin(word) for word in words if len(HANZI.findall(word)) >= 2])
    return " ".join(dict.fromkeys(word for word in words if word))


def segment_query(query):
    """The words of a shopper's query, each of which a matching product must contain.

    Punctuation and whitespace alone give no words.
    """
    words = []
    for run in _runs(query):
        words.extend(word for word in jieba.cut(run) if word.strip())
    return list(dict.fromkeys(words))


def word_pinyin(word):
    """``香菇`` → ``xianggu``: the toneless pinyin of a word's hanzi, letters and digits kept."""
    return "".join(lazy_pinyin(word)).lower()


def query_alternatives(query):
    """The ways a query may match, each a list of words a product must all contain.

    The first is :func:`segment_query`. When the query has two or more Latin words (``xiang
    gu``), a second joins them (``xianggu``), keeping any other words as they are. An empty list
    means the query has no words.
    """
    words = segment_query(query)
    if not words:
        return []
    latin = [word for word in words if LATIN.fullmatch(word)]
    if len(latin) < 2:
        return [words]
    joined = [word for word in words if word not in latin] + ["".join(latin)]
    return [words, joined]
