"""Telling petitioners how their petition goes: through every configured sender, after commit.

Triage (transfer, guidance, return) and resolution (acceptance, extension, suspension, resume,
decision) both call `petitioner_tell`. Each sender (`settings.PETITIONER_SENDERS`: e-mail, SMS)
gets its own Celery task, so a retry on one channel never repeats another. Contacts are read
when the task runs, so no address travels through the broker.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction

from tiepdan.notifications.senders import CitizenMessage, Contact, senders_load
from tiepdan.petitions.identity import tracking_code_display
from tiepdan.petitions.models import Petition, PetitionDocument
from tiepdan.petitions.services.common import event_write

PORTAL_LINE = "Ông/bà có thể tra cứu tình trạng đơn trên Cổng tiếp công dân bằng mã tra cứu."


def _contacts(petition: Petition) -> tuple[Contact, ...]:
    return tuple(
        Contact(email=person.email.strip(), phone=person.phone.strip())
        for person in petition.petitioners.all()
    )


def petitioner_tell(
    *,
    petition: Petition,
    subject: str,
    body: str,
    document: PetitionDocument | None = None,
) -> int:
    """Queue the notice for after commit and record a "petitioner_notified" event.

    `subject` must make sense alone (an SMS carries only it); the document's number and date
    and the portal hint are added to `body`. Returns how many petitioners can be reached (0:
    nothing is queued and no event is written).
    """
    contacts = _contacts(petition)
    senders = [
        (path, sender)
        for path, sender in senders_load()
        if any(sender.reaches(contact) for contact in contacts)
    ]
    if not senders:
        return 0
    lines = [body.strip()]
    if document is not None:
        lines.append(f"Văn bản số {document.number} ngày {document.issued_on:%d/%m/%Y}.")
    lines.append(PORTAL_LINE)
    text = "\n".join(line for line in lines if line)
    subject = subject.strip()[:200]
    from tiepdan.petitions.tasks import petitioner_send_task

    def queue(path: str, pk: int = petition.pk) -> Callable[[], None]:
        def petitioner_send_queue() -> None:  # a named function: Django logs its __qualname__
            petitioner_send_task.delay(path, pk, subject, text)

        return petitioner_send_queue

    for path, _sender in senders:
        # robust: a mail server or gateway that fails never undoes or fails the committed move.
        transaction.on_commit(queue(path), robust=True)
    reached = sum(1 for c in contacts if any(s.reaches(c) for _p, s in senders))
    event_write(
        petition=petition,
        actor=None,
        unit=petition.current_unit,
        action="petitioner_notified",
        data={
            "how": [sender.name for _path, sender in senders],
            "count": reached,
            "subject": subject,
            **({"document": document.number} if document is not None else {}),
        },
        audit_summary=f"Gửi thông báo cho người gửi đơn {petition.reference}",
    )
    return reached


def petitioner_send(*, sender: str, petition_id: int, subject: str, body: str) -> int:
    """Deliver one notice through one configured sender (the Celery task's body)."""
    configured: dict[str, Any] = dict(senders_load())
    if sender not in configured:  # only a configured sender runs, whatever the queue says
        return 0
    petition = Petition.objects.filter(pk=petition_id).first()
    if petition is None:
        return 0
    message = CitizenMessage(
        reference=tracking_code_display(petition.tracking_code),
        subject=subject,
        body=body,
        contacts=_contacts(petition),
    )
    return configured[sender].send(message)
