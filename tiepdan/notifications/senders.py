"""Channels that carry a notice to a citizen: e-mail, and an SMS / messaging-app gateway.

`settings.PETITIONER_SENDERS` lists the dotted paths of the senders in use. A sender says whom
it can reach (`reaches`) and delivers one message to each contact separately (`send`): a
denouncer never sees another person's address (LTC Art. 56). A failure to deliver raises
`OSError`, so the Celery task that calls the sender retries it.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Contact:
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class CitizenMessage:
    """A notice: `subject` is complete on its own (an SMS carries only it), `body` adds detail."""

    reference: str
    subject: str
    body: str
    contacts: tuple[Contact, ...]


class Sender(Protocol):
    name: str

    def reaches(self, contact: Contact) -> bool: ...

    def send(self, message: CitizenMessage) -> int: ...


class EmailSender:
    """Through Django's mail backend, one e-mail per address."""

    name = "email"

    def reaches(self, contact: Contact) -> bool:
        return bool(contact.email)

    def send(self, message: CitizenMessage) -> int:
        from django.core.mail import send_mail

        sent = 0
        for address in dict.fromkeys(c.email for c in message.contacts if self.reaches(c)):
            sent += send_mail(message.subject, message.body, None, [address])
        return sent


class HttpSmsSender:
    """POSTs `{"to", "text", "reference"}` as JSON to `SMS_GATEWAY_URL`, one request per phone.

    Off unless `SMS_ENABLED` is true and a gateway URL is set. `SMS_GATEWAY_TOKEN`, if set, goes
    in an `Authorization: Bearer` header. Any answer other than 2xx counts as a failure.
    """

    name = "sms"

    @property
    def enabled(self) -> bool:
        return bool(getattr(settings, "SMS_ENABLED", False) and self.url)

    @property
    def url(self) -> str:
        return getattr(settings, "SMS_GATEWAY_URL", "") or ""

    def reaches(self, contact: Contact) -> bool:
        return self.enabled and bool(contact.phone.strip())

    def _post(self, payload: dict[str, str]) -> None:
        headers = {"Content-Type": "application/json; charset=utf-8"}
        token = getattr(settings, "SMS_GATEWAY_TOKEN", "")
        if token:
            headers["Authorization"] = f"Bearer {token}"
        request = urllib.request.Request(  # noqa: S310 (the scheme is checked in send)
            self.url, data=json.dumps(payload).encode(), headers=headers, method="POST"
        )
        timeout = getattr(settings, "SMS_GATEWAY_TIMEOUT", 10)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                status = response.status
        except urllib.error.HTTPError as exc:  # an HTTPError is an OSError too: retried
            raise OSError(f"SMS gateway answered {exc.code}") from exc
        if not 200 <= status < 300:
            raise OSError(f"SMS gateway answered {status}")

    def send(self, message: CitizenMessage) -> int:
        if not self.enabled:
            return 0
        if not self.url.startswith(("http://", "https://")):
            raise ValueError("SMS_GATEWAY_URL must be an http(s) address")
        phones = dict.fromkeys(c.phone.strip() for c in message.contacts if self.reaches(c))
        for phone in phones:
            self._post({"to": phone, "text": message.subject, "reference": message.reference})
        return len(phones)


def senders_load(paths: Sequence[str] | None = None) -> list[tuple[str, Sender]]:
    """The configured senders with their dotted paths (the Celery task gets the path)."""
    if paths is None:
        paths = getattr(settings, "PETITIONER_SENDERS", None) or [
            "tiepdan.notifications.senders.EmailSender"
        ]
    return [(path, import_string(path)()) for path in paths]
