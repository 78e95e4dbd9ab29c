from django.contrib.postgres.fields import JSONField
from django.db import models
from django.utils.translation import gettext_lazy as _


class FailedTask(models.Model):
    """A Celery task that failed for good (after its retries): kept for an operator to replay."""

    task_id = models.CharField(max_length=255, db_index=True)
    task_name = models.CharField(max_length=255)
    args = JSONField(default=list)
    kwargs = JSONField(default=dict)
    exception = models.TextField()
    traceback = models.TextField(blank=True)
    retries = models.PositiveIntegerField(default=0)
    failed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-failed_at", "-pk")
        verbose_name = _("failed task")
        verbose_name_plural = _("failed tasks")

    def __str__(self):
        return f"{self.task_name} {self.task_id}"
