"""Running calls at the same moment, for the races that only PostgreSQL's row locks decide."""

import threading

from django.db import DatabaseError, connection


def at_once(*calls):
    """Runs ``calls`` in threads released together; returns their results in order (a database
    error a view raised, which a shopper would have seen as a 500, in place of its response)."""
    start, results = threading.Barrier(len(calls)), [None] * len(calls)

    def run(n):
        start.wait()
        try:
            results[n] = calls[n]()
        except DatabaseError as error:
            results[n] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
