"""Alerting: an automation that sends a notification when one of our flow runs fails or crashes.

The notification goes through a block the user configures, found by its name ``radar-alerts``
(any notification block type: Slack, Microsoft Teams, email, a custom webhook, ...).
``radar alerts URL`` creates a custom webhook block of that name (JSON ``{"text": ...}``, which
Slack, Mattermost and most chat webhooks accept) and the automation; ``radar serve`` (re)creates
the automation whenever the block exists. The server runs the automation, so a run that crashed
with its worker still notifies.
"""

from __future__ import annotations

import logging
from typing import Any
from uuid import UUID

BLOCK_NAME = "radar-alerts"
AUTOMATION_NAME = "radar-failed-runs"
TAG = "policy-radar"
EVENTS = ("prefect.flow-run.Failed", "prefect.flow-run.Crashed")
SUBJECT = "Policy Radar: run {{ flow_run.name }} {{ flow_run.state.name }}"
BODY = (
    "Flow run {{ flow.name }}/{{ flow_run.name }} ended {{ flow_run.state.name }}: "
    "{{ flow_run.state.message }}\n{{ flow_run|ui_url }}"
)
log = logging.getLogger("policy_radar.alerts")


def find_alert_block() -> UUID | None:
    """Return the id of the notification block named ``radar-alerts``, or None."""
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        documents = client.read_block_documents(include_secrets=False)
    for doc in documents:
        schema = doc.block_schema
        if doc.name == BLOCK_NAME and schema is not None and "notify" in schema.capabilities:
            return doc.id
    return None


def create_webhook_block(url: str) -> UUID:
    """Save (or replace) the block ``radar-alerts``: a JSON webhook posting the alert's text."""
    from prefect.blocks.notifications import CustomWebhookNotificationBlock

    block = CustomWebhookNotificationBlock(
        name=BLOCK_NAME,
        url=url,
        json_data={"text": "{{subject}}\n{{body}}"},
        headers=None,
        cookies=None,
    )
    saved = block.save(BLOCK_NAME, overwrite=True)
    assert isinstance(saved, UUID)  # the sync call returns the id, not a coroutine
    return saved


def automation_spec(block_id: UUID) -> Any:
    """Return the automation: any Failed or Crashed run tagged policy-radar sends the block."""
    from prefect.events.actions import SendNotification
    from prefect.events.schemas.automations import AutomationCore, EventTrigger, Posture

    return AutomationCore(
        name=AUTOMATION_NAME,
        description=f"Notify through the block {BLOCK_NAME} when a Policy Radar run fails.",
        trigger=EventTrigger(
            expect=set(EVENTS),
            match={"prefect.resource.id": "prefect.flow-run.*"},
            match_related={"prefect.resource.id": f"prefect.tag.{TAG}"},
            posture=Posture.Reactive,
            threshold=1,
        ),
        actions=[SendNotification(block_document_id=block_id, subject=SUBJECT, body=BODY)],
    )


def ensure_alert_automation(block_id: UUID | None = None) -> UUID | None:
    """Create the automation (replacing one of the same name) when the block exists; else None."""
    from prefect.client.orchestration import get_client

    block = block_id or find_alert_block()
    if block is None:
        return None
    with get_client(sync_client=True) as client:
        for old in client.read_automations_by_name(AUTOMATION_NAME):
            client.delete_automation(old.id)
        created: UUID = client.create_automation(automation_spec(block))
    log.info("automation %s notifies block %s on failed or crashed runs", AUTOMATION_NAME, block)
    return created
