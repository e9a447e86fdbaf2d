"""Telling petitioners how their petition goes: through every configured sender, after commit.

Triage (transfer, guidance, return) and resolution (acceptance, extension, suspension, resume,
decision) both call `petitioner_tell`. Each sender (`settings.PETITIONER_SENDERS`: e-mail, SMS)
gets its own Celery task, so a retry on one channel never repeats another. Contacts are read
when the task runs, so no address travels through the broker.

The tracking PIN is never sent, by SMS or by e-mail. The address and number are typed by the
citizen and never verified: one wrong letter would hand a stranger the code *and* the secret
that opens the petition (for a denunciation, the denouncer's identity, kept secret by LTC
Art. 47.2). The text also passes through the broker and mail logs in the clear, while the
database keeps only the PIN's hash. The PIN is shown once on the filing page and printed on the
receipt; notices only remind the citizen where to use it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import transaction

from tiepdan.notifications.senders import CitizenMessage, Contact, senders_load
from tiepdan.petitions.identity import tracking_code_display
from tiepdan.petitions.models import Petition, PetitionDocument
from tiepdan.petitions.services.common import event_write

# The public tracking page (portal); notices carry the full address so it can be typed or tapped.
TRACKING_PATH = "/cong-khai/tra-cuu/"


def tracking_url() -> str:
    return f"{settings.SITE_URL.rstrip('/')}{TRACKING_PATH}"


def portal_line() -> str:
    return (
        f"Ông/bà có thể theo dõi đơn tại {tracking_url()} bằng mã tra cứu và mã PIN được cấp "
        "khi gửi đơn (ghi trên giấy biên nhận). Vì an toàn, mã PIN không bao giờ được gửi qua "
        "thư điện tử hay tin nhắn."
    )


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
    lines.append(portal_line())
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


def petition_receipt_tell(*, petition: Petition) -> int:
    """Tell the petitioner their petition was received, with the tracking code to follow it.

    Not a legal duty (the receipt, Mẫu 02/TCD, is), but it gives an online filer the code in
    writing and tells every petitioner who left a contact where to follow the petition.
    A denunciation (or any confidential petition) is acknowledged in neutral words, without
    the agency's name: the subject line of an SMS may be read by others on the phone.
    """
    code = tracking_code_display(petition.tracking_code)
    day = f"{petition.received_on:%d/%m/%Y}"
    where = "" if petition.is_confidential else f" tại {petition.receiving_unit.name}"
    return petitioner_tell(
        petition=petition,
        subject=f"Đơn đã được tiếp nhận, mã tra cứu {code}",
        body="\n".join(
            [
                f"Đơn của ông/bà đã được tiếp nhận ngày {day}{where}.",
                f"Mã tra cứu: {code}.",
            ]
        ),
    )


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
