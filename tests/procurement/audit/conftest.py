"""The union, the ledger's market and a shopper, for changes across the platform to audit."""

from tests.procurement.campaigns.conftest import roster, union  # noqa: F401
from tests.procurement.ledger.conftest import areas, operator, shelves, shopper  # noqa: F401
