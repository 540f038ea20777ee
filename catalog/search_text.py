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

Titles and categories are indexed more finely, since shoppers type one or two characters as often
as a word: every hanzi and every pair of neighbouring hanzi of a run (so ``茶`` finds 长岗炒青绿茶,
which jieba keeps as ``绿茶``), and the pinyin initials of their words (``xg`` finds 香菇), see
:func:`segment_title_for_index`. Pairs never span punctuation, spaces or two fields, so ``茶 礼`` in
two fields does not become ``茶礼``.

A query also matches through its pinyin (:func:`query_alternatives`), which forgives the commonest
typing slip of a pinyin keyboard, a homophone: ``香姑`` finds 香菇.
"""

import logging
import re

import jieba
from pypinyin import Style, lazy_pinyin

jieba.setLogLevel(logging.WARNING)

#: Runs of letters, digits or hanzi; everything else (punctuation, spaces, underscores) separates
#: words, as it does for PostgreSQL's text-search parser.
WORD = re.compile(r"[^\W_]+")
HANZI = re.compile(r"[\u3400-\u9fff]")
HANZI_RUN = re.compile(r"[\u3400-\u9fff]+")
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


def segment_title_for_index(*texts):
    """The words of :func:`segment_for_index` for a title or category, with every single hanzi,
    every pair of neighbouring hanzi and the pinyin initials of every word of two or more hanzi.
    """
    words = segment_for_index(*texts).split()
    grams = []
    for text in texts:
        for run in HANZI_RUN.findall((text or "").lower()):
            grams.extend(run)
            grams.extend(run[start : start + 2] for start in range(len(run) - 1))
    # Initials of the words only: those of every pair across two words (岗炒 → gc) would match
    # initials nobody types for this product.
    words.extend([word_initials(word) for word in words if len(HANZI.findall(word)) >= 2])
    words.extend(grams)
    words.extend(word_pinyin(gram) for gram in grams if len(gram) == 2)
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


def word_initials(word):
    """``香菇`` → ``xg``: the first letter of each hanzi's pinyin (letters and digits kept whole)."""
    return "".join(lazy_pinyin(word, style=Style.FIRST_LETTER)).lower()


def query_alternatives(query):
    """The ways a query may match, each a list of words a product must all contain.

    The first is :func:`segment_query`. When the query has two or more Latin words (``xiang
    gu``), another joins them (``xianggu``), keeping any other words as they are. When it has a
    word of two or more hanzi, another reads such words as their pinyin (``香姑`` as ``xianggu``),
    so a homophone typed by mistake still finds the product. An empty list means the query has
    no words.
    """
    words = segment_query(query)
    if not words:
        return []
    alternatives = [words]
    latin = [word for word in words if LATIN.fullmatch(word)]
    if len(latin) >= 2:
        alternatives.append([word for word in words if word not in latin] + ["".join(latin)])
    spoken = [word_pinyin(word) if len(HANZI.findall(word)) >= 2 else word for word in words]
    if spoken != words:
        alternatives.append(spoken)
    return alternatives
