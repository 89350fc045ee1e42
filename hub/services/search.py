"""The hub's search index: an article's words (original and published translations), kept
in step whenever an article or a translation is rendered, approved or changed."""

from hub.models import Article, ArticleSearchText, Status
from hub.search_text import index_terms


def article_index(article: Article) -> ArticleSearchText:
    """(Re)write the search text of *article* from its original and published translations."""
    texts = [article.title, article.summary, article.body]
    for translation in article.translations.filter(status=Status.PUBLISHED).order_by("language"):
        texts += [translation.title, translation.summary, translation.body]
    entry, _created = ArticleSearchText.objects.update_or_create(
        article=article, defaults={"terms": index_terms(texts)}
    )
    return entry


def articles_index_all() -> int:
    """Rebuild the search text of every article (after loading fixtures); returns how many."""
    count = 0
    for article in Article.objects.all():
        article_index(article)
        count += 1
    return count
