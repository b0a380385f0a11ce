"""The delivery worker: procrastinate's jobs (fan-out, delivery, stalled-job recovery) on
PostgreSQL, inside each service process by default or alone as `python -m service worker`.

procrastinate hands each job to one worker (`FOR UPDATE SKIP LOCKED`), retries a failed
delivery when `deliveries.attempt` says (the same job, so the same `webhook-id`), and
periodic jobs put back to work the jobs of a worker that stopped beating (killed, lost) and,
every hour, forget the events older than the retention (with their deliveries and log).
"""

import asyncio
import contextlib
import logging
import signal
from typing import Any

import procrastinate
from procrastinate.jobs import Job
from procrastinate.retry import BaseRetryStrategy, RetryDecision
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from service.config import Settings
from service.db import plain_url
from service.webhooks import deliveries, outbox
from service.webhooks.outbox import DELIVER_TASK, FAN_OUT_TASK, FORGET_TASK, QUEUE, RECOVER_TASK
from service.webhooks.queue_schema import PROCRASTINATE_SCHEMA
from service.webhooks.ssrf import url_policy

logger = logging.getLogger("service.webhooks")

# When the database itself fails under a job, try again this much later (for a long while).
ERROR_RETRY_SECONDS = 10
ERROR_RETRY_LIMIT = 1000
# procrastinate's worker stops when its database connection fails; start it again this much later.
RESTART_SECONDS = 5.0
_CRON_SECONDS = (1, 2, 3, 5, 10, 15, 20, 30)
FORGET_CRON = "41 * * * *"  # every hour (procrastinate defers each run once, whatever the replicas)


class RetryLater(Exception):
    """The attempt failed and is to be made again in `seconds` (the retry schedule's step)."""

    def __init__(self, seconds: int) -> None:
        super().__init__(f"retry in {seconds} s")
        self.seconds = seconds


class ScheduledRetry(BaseRetryStrategy):
    """A delivery's schedule comes from `RetryLater`; any other error is the database's or
    ours, and is retried at a steady pace without counting as a delivery attempt."""

    def get_retry_decision(self, *, exception: BaseException, job: Job) -> RetryDecision | None:
        if isinstance(exception, RetryLater):
            return RetryDecision(retry_in={"seconds": exception.seconds})
        if job.attempts < ERROR_RETRY_LIMIT:
            return RetryDecision(retry_in={"seconds": ERROR_RETRY_SECONDS})
        return None


def delivery_options(settings: Settings) -> deliveries.DeliveryOptions:
    return deliveries.DeliveryOptions(
        policy=url_policy(settings),
        retry_delays=settings.webhook_retry_delays,
        timeout_seconds=settings.webhook_timeout_seconds,
        max_response_bytes=settings.webhook_max_response_bytes,
    )


def _recovery_cron(stalled_seconds: float) -> str:
    every = max((s for s in _CRON_SECONDS if s <= stalled_seconds / 3), default=1)
    return f"* * * * * */{every}"  # croniter's sixth field is seconds


def build_queue(
    settings: Settings, database_url: str, sessions: async_sessionmaker[AsyncSession]
) -> procrastinate.App:
    """A procrastinate app with the webhook tasks, connected with psycopg to the job schema."""
    connector = procrastinate.PsycopgConnector(
        conninfo=plain_url(database_url),
        kwargs={"options": f"-c search_path={PROCRASTINATE_SCHEMA}"},
        min_size=1,
        max_size=4,
    )
    app = procrastinate.App(connector=connector)
    options = delivery_options(settings)
    retry = ScheduledRetry()

    @app.task(name=FAN_OUT_TASK, queue=QUEUE, retry=retry)
    async def fan_out(event_id: str) -> None:
        async with sessions() as session, session.begin():
            await deliveries.fan_out(session, event_id)

    @app.task(name=DELIVER_TASK, queue=QUEUE, retry=retry)
    async def deliver(delivery_id: int) -> None:
        retry_in = await deliveries.attempt(sessions, delivery_id, options)
        if retry_in is not None:
            raise RetryLater(retry_in)

    @app.periodic(cron=_recovery_cron(settings.webhook_stalled_seconds))
    @app.task(name=RECOVER_TASK, queue=QUEUE, pass_context=True)
    async def retry_stalled_jobs(context: procrastinate.JobContext, timestamp: int) -> None:
        manager = context.app.job_manager
        stalled = await manager.get_stalled_jobs(
            queue=QUEUE, seconds_since_heartbeat=settings.webhook_stalled_seconds
        )
        for job in stalled:
            if job.task_name == RECOVER_TASK:
                continue
            with contextlib.suppress(Exception):  # another replica got there first
                await manager.retry_job(job)
                logger.warning("retrying job %s of a worker that stopped", job.id)

    @app.periodic(cron=FORGET_CRON)
    @app.task(name=FORGET_TASK, queue=QUEUE)
    async def forget_old_events(timestamp: int) -> None:
        async with sessions() as session, session.begin():
            await outbox.forget_old_events(session)

    return app


def worker_options(settings: Settings) -> dict[str, Any]:
    return {
        "queues": [QUEUE],
        "concurrency": 4,
        "delete_jobs": "successful",
        "fetch_job_polling_interval": settings.webhook_worker_poll_seconds,
        "update_heartbeat_interval": settings.webhook_stalled_seconds / 3,
        "stalled_worker_timeout": settings.webhook_stalled_seconds,
        "shutdown_graceful_timeout": settings.webhook_timeout_seconds + 2,
    }


async def run_until_stopped(queue: procrastinate.App, settings: Settings) -> None:
    """Run the worker until cancelled, starting it again whenever it ends: a database failure
    ends procrastinate's loop, with the error or, when its listener fails, quietly."""
    while True:
        try:
            await queue.run_worker_async(install_signal_handlers=False, **worker_options(settings))
            reason = "its loop ended"
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            reason = type(exc).__name__
        logger.warning(
            "webhook worker stopped (%s); starting again in %g s", reason, RESTART_SECONDS
        )
        await asyncio.sleep(RESTART_SECONDS)


STOP_MARGIN_SECONDS = 2.0


class InServiceWorker:
    """The worker as a task of the service process (the default: `make run` needs no more)."""

    def __init__(self, queue: procrastinate.App, settings: Settings) -> None:
        self.queue = queue
        self.settings = settings
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        await self.queue.open_async()
        self._task = asyncio.create_task(
            run_until_stopped(self.queue, self.settings),
            name="webhook worker",
        )

    async def stop(self) -> None:
        """Stop within the deliveries' grace period plus a margin, whatever the database did:
        after an outage, procrastinate's shutdown or the closing of its broken connections
        could wait for ever (seen in 2 of 20 busy runs), and the process with it."""
        limit = worker_options(self.settings)["shutdown_graceful_timeout"] + STOP_MARGIN_SECONDS
        deadline = asyncio.get_running_loop().time() + limit
        if self._task is not None:
            self._task.cancel()
            # Waited for, not awaited: its CancelledError must not be mistaken for ours.
            done, _ = await asyncio.wait({self._task}, timeout=limit)
            if not done:
                logger.warning("webhook worker did not stop within %g s; leaving it", limit)
                return
        try:
            async with asyncio.timeout_at(deadline):
                await self.queue.close_async()
        except TimeoutError:
            logger.warning("webhook queue did not close within %g s; leaving it", limit)


async def run_standalone(settings: Settings, database_url: str) -> None:
    """`python -m service worker`: only the worker, until SIGTERM or SIGINT."""
    from service.db import create_engine, session_factory

    engine = create_engine(settings, database_url)
    # The job queue needs a session connection (LISTEN, a startup parameter): not PgBouncer's.
    queue = build_queue(
        settings, settings.database_listen_url or database_url, session_factory(engine)
    )
    try:
        async with queue.open_async():
            running = asyncio.create_task(run_until_stopped(queue, settings))
            loop = asyncio.get_running_loop()
            for stop in (signal.SIGTERM, signal.SIGINT):
                # Cancelling lets procrastinate finish the attempts in flight, then stop.
                loop.add_signal_handler(stop, running.cancel)
            with contextlib.suppress(asyncio.CancelledError):
                await running
    finally:
        await engine.dispose()
