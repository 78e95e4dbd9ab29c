"""Signals other parts of the project listen to.

`stop_cancelled(sender, stop)` is sent once the cancellation of a stop is
committed; the pickup side moves or refunds the orders to be collected there.
"""

from django.dispatch import Signal

stop_cancelled = Signal()
