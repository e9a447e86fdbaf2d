"""Publishing decisions and conclusions on the public portal: every write (draft, edit,
approve, withdraw).

Complaint decisions are published for at least 15 days (KN-10, LKN Art. 41.3); denunciation
conclusions within 7 working days, without revealing the denouncer, for at least 15
consecutive days (TC-11, TC-12; LTC Art. 40.1, 40.3; NĐ 31/2019 Art. 6); answers to regulation
feedback are published too (PA-03, NĐ 20/2008 Art. 19). The text is redacted automatically,
and an official other than its preparer approves it (four eyes, LESSONS 5).
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections import Counter
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tiepdan.accounts.permissions import ensure_capability, user_can_in_unit
from tiepdan.accounts.roles import Capability
from tiepdan.audit.services import audit_record
from tiepdan.core import clock
from tiepdan.core.exceptions import Conflict, PermissionDenied, ValidationFailed
from tiepdan.core.text import fold, nfc
from tiepdan.deadlines.rules import rule_get
from tiepdan.organizations.models import OrgUnit
from tiepdan.petitions.models import PetitionDeadline
from tiepdan.resolution.models import Publication, Resolution
from tiepdan.resolution.publication.redaction import Category, Person, find, protected_rules, redact
from tiepdan.resolution.workflow import Status, Track

# A case can be published once it is decided or concluded, and later too.
PUBLISHABLE = (Status.DECIDED, Status.EFFECTIVE, Status.ENFORCED, Status.HANDLED, Status.CLOSED)
KIND_OF_TRACK = {
    Track.COMPLAINT: Publication.Kind.COMPLAINT_DECISION,
    Track.DENUNCIATION: Publication.Kind.DENUNCIATION_CONCLUSION,
    Track.REGULATION_FEEDBACK: Publication.Kind.REGULATION_ANSWER,
}
# The publishing time limits the approval meets (TC-11 for conclusions, KN-10 for decisions).
PUBLISH_LIMITS = ("TC-11", "KN-10")
_SLUG_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def _new_slug() -> str:
    """12 characters of 31 (about 59 bits): not guessable, easy to read out."""
    while True:
        slug = "".join(secrets.choice(_SLUG_ALPHABET) for _i in range(12))
        if not Publication.objects.filter(slug=slug).exists():
            return slug


def _ensure_member(actor: Any, unit: OrgUnit) -> None:
    if not user_can_in_unit(actor, Capability.DECIDE, unit):
        ensure_capability(actor, Capability.RESOLVE_PETITIONS, unit)


def _rules(resolution: Resolution) -> list[Any]:
    petition = resolution.petition
    people = [
        Person(
            full_name=p.full_name,
            citizen_id=p.citizen_id,
            address=p.address,
            phone=p.phone,
            email=p.email,
            is_organisation=p.is_organisation,
        )
        for p in petition.petitioners.all()
    ]
    # Every petitioner of a denunciation (or of a part of a petition that held one) is a
    # denouncer, whose identity is never published (LTC Art. 40.3).
    return protected_rules(people, hide_names=petition.is_confidential)


def _money(value: Decimal) -> str:
    return f"{value:,.0f}".replace(",", ".")  # 20.000.000


def _area(value: Decimal) -> str:
    return f"{value.normalize():f}".replace(".", ",")  # 120,5


def _draft_text(resolution: Resolution) -> tuple[str, str]:
    """Title and body built from the case, before redaction. Published text is Vietnamese
    whatever language the official works in."""
    kind = Publication.Kind(KIND_OF_TRACK[Track(resolution.track)])
    number = resolution.decision_number
    with translation.override("vi"):
        values = {
            "kind": kind.label,
            "number": number,
            "date": resolution.decided_on.strftime("%d/%m/%Y") if resolution.decided_on else "",
            "unit": resolution.org_unit.name,
        }
        title = (
            _("%(kind)s No. %(number)s dated %(date)s") if number else _("%(kind)s dated %(date)s")
        ) % values
        issued = (
            _("On %(date)s, %(unit)s issued the %(kind)s No. %(number)s.")
            if number
            else _("On %(date)s, %(unit)s issued the %(kind)s.")
        )
        lines = [issued % values]
        petition = resolution.petition
        if resolution.track != Track.DENUNCIATION:
            names = [p.full_name for p in petition.petitioners.all()]
            if names:
                lines.append(_("Petitioner: %(names)s") % {"names": ", ".join(names)})
        if petition.respondent_name:
            label = {
                Track.COMPLAINT: _("Complaint against: %(name)s"),
                Track.DENUNCIATION: _("Person or body denounced: %(name)s"),
            }.get(Track(resolution.track), _("Concerning: %(name)s"))
            lines.append(label % {"name": petition.respondent_name})
        outcome = resolution.get_outcome_display() or resolution.get_regulation_outcome_display()
        if outcome:
            lines.append(_("Outcome: %(outcome)s") % {"outcome": outcome})
        amounts = [
            (_("Money to recover: %(n)s đồng"), resolution.amount_recovered, _money),
            (_("Money to return: %(n)s đồng"), resolution.amount_returned, _money),
            (_("Land to recover: %(n)s m²"), resolution.land_recovered_m2, _area),
            (_("Land to return: %(n)s m²"), resolution.land_returned_m2, _area),
            (_("People whose rights are restored: %(n)s"), resolution.people_rights_restored, str),
        ]
        lines += [label % {"n": show(value)} for label, value, show in amounts if value]
        body = "\n".join(lines)
        if resolution.decision_summary.strip():
            body += "\n\n" + resolution.decision_summary.strip()
    return title, body


def _audit(actor: Any, publication: Publication, action: str, summary: str, **changes: Any) -> None:
    audit_record(
        actor=actor,
        action=f"publication.{action}",
        obj=publication,
        unit=publication.resolution.org_unit,
        summary=summary,
        changes=changes,
    )


def _locked(publication_id: int) -> Publication:
    return (
        Publication.objects.select_for_update(of=("self",))
        .select_related("resolution", "resolution__org_unit", "resolution__petition")
        .get(pk=publication_id)
    )


def redaction_labels(counts: Counter[str] | dict[str, int]) -> list[str]:
    """'name of the denouncer (2 places)': what was found, never the values."""
    return [
        ngettext("%(what)s (%(n)d place)", "%(what)s (%(n)d places)", n)
        % {"what": Category(category).label, "n": n}
        for category in Category.values
        if (n := counts.get(category, 0))
    ]


def _ensure_clean(resolution: Resolution, *texts: str) -> None:
    """Refuse text that still holds a petitioner's protected datum; the message names the
    kind of datum, never the datum, so it can be shown and logged safely."""
    found = find("\n".join(texts), _rules(resolution))
    if found:
        raise ValidationFailed(
            _(
                "The text still contains protected data: %(what)s. Remove it, or replace it "
                "with “[đã ẩn]”, then save again."
            )
            % {"what": "; ".join(redaction_labels(found))},
            extra={"field": "body"},
        )


@transaction.atomic
def publication_draft(*, actor: Any, resolution_id: int) -> Publication:
    """Prepare the text to publish from the decided case, with protected data removed. The
    draft is not public until another official approves it."""
    resolution = (
        Resolution.objects.select_for_update(of=("self",))
        .select_related("org_unit", "petition")
        .get(pk=resolution_id)
    )
    _ensure_member(actor, resolution.org_unit)
    if resolution.track not in KIND_OF_TRACK:
        raise ValidationFailed(_("The law does not require publishing this kind of result."))
    if resolution.status not in PUBLISHABLE:
        raise ValidationFailed(
            _("Only a decided or concluded case can be published; this case is “%(status)s”.")
            % {"status": resolution.get_status_display()}
        )
    active = resolution.publications.exclude(status=Publication.Status.WITHDRAWN).first()
    if active is not None:
        raise Conflict(_("This case already has a text to publish."), extra={"slug": active.slug})
    raw_title, raw_body = _draft_text(resolution)
    rules = _rules(resolution)
    title, title_counts = redact(raw_title, rules)
    body, counts = redact(raw_body, rules)
    counts.update(title_counts)
    publication = Publication.objects.create(
        resolution=resolution,
        slug=_new_slug(),
        kind=KIND_OF_TRACK[Track(resolution.track)],
        title=title[:255],
        body=body,
        redactions=dict(counts),
        search_text=fold(f"{title} {body}"),
        min_days=rule_get("TC-12", clock.today()).duration_days,  # = KN-10: 15 days
        prepared_by=actor,
    )
    _audit(
        actor,
        publication,
        "draft",
        f"Soạn bản công khai {resolution.petition.reference}",
        redactions=dict(counts),
    )
    return publication


@transaction.atomic
def publication_update(*, actor: Any, publication_id: int, title: str, body: str) -> Publication:
    """Save the reviewer's edit of a draft; refused while it holds any protected datum."""
    publication = _locked(publication_id)
    resolution = publication.resolution
    _ensure_member(actor, resolution.org_unit)
    if publication.status != Publication.Status.DRAFT:
        raise Conflict(_("Only a draft can be edited; withdraw it and prepare a new one."))
    title, body = nfc(title).strip(), nfc(body).strip()
    if not title or not body:
        raise ValidationFailed(_("Write both the title and the text."), extra={"field": "body"})
    if len(title) > 255:
        raise ValidationFailed(_("The title is too long."), extra={"field": "title"})
    _ensure_clean(resolution, title, body)
    before = {"title": publication.title, "body_chars": len(publication.body)}
    publication.title, publication.body = title, body
    publication.search_text = fold(f"{title} {body}")
    publication.save(update_fields=["title", "body", "search_text", "updated_at"])
    _audit(
        actor,
        publication,
        "update",
        f"Sửa bản công khai {resolution.petition.reference}",
        title={"from": before["title"], "to": title},
        body_chars={"from": before["body_chars"], "to": len(body)},
    )
    return publication


@transaction.atomic
def publication_approve(*, actor: Any, publication_id: int) -> Publication:
    """Approve and publish from today for at least `min_days` days (KN-10, TC-12); meets the
    publishing time limit (TC-11 / KN-10) of the case."""
    publication = _locked(publication_id)
    resolution = publication.resolution
    unit = resolution.org_unit
    _ensure_member(actor, unit)
    ensure_capability(actor, Capability.DECIDE, unit)
    if publication.status != Publication.Status.DRAFT:
        raise Conflict(_("This text is no longer a draft."))
    if publication.prepared_by_id == actor.pk:
        raise PermissionDenied(
            _("You prepared this text: another official must review and approve it.")
        )
    if resolution.status not in PUBLISHABLE:
        raise ValidationFailed(_("The case is no longer in a state that can be published."))
    today = clock.today()
    if not unit.is_valid_on(today):
        raise ValidationFailed(_("The resolving unit no longer exists; it cannot publish."))
    _ensure_clean(resolution, publication.title, publication.body, resolution.decision_number)
    publication.status = Publication.Status.PUBLISHED
    publication.approved_by = actor
    publication.published_on = today
    publication.unpublish_after = today + dt.timedelta(days=publication.min_days)
    publication.save(
        update_fields=["status", "approved_by", "published_on", "unpublish_after", "updated_at"]
    )
    met = PetitionDeadline.objects.filter(
        petition=resolution.petition, org_unit=unit, family__in=PUBLISH_LIMITS, met_on=None
    ).update(met_on=today)
    _audit(
        actor,
        publication,
        "approve",
        f"Duyệt và công khai {resolution.petition.reference}",
        published_on=today,
        unpublish_after=publication.unpublish_after,
        limits_met=met,
    )
    return publication


@transaction.atomic
def publication_withdraw(*, actor: Any, publication_id: int, reason: str) -> Publication:
    """Take a publication off the portal (or discard a draft). Before the minimum period has
    run, only a leader may, with a written reason (KN-10, TC-12)."""
    publication = _locked(publication_id)
    unit = publication.resolution.org_unit
    _ensure_member(actor, unit)
    reason = nfc(reason).strip()
    if publication.status == Publication.Status.WITHDRAWN:
        raise Conflict(_("This text is already withdrawn."))
    today = clock.today()
    if publication.status == Publication.Status.PUBLISHED:
        if not reason:
            raise ValidationFailed(
                _("Write the reason for withdrawing it."), extra={"field": "reason"}
            )
        if today <= publication.unpublish_after and not user_can_in_unit(
            actor, Capability.DECIDE, unit
        ):
            raise PermissionDenied(
                _(
                    "It must stay published until %(day)s; before then only a leader may "
                    "withdraw it, with a written reason."
                )
                % {"day": publication.unpublish_after.strftime("%d/%m/%Y")}
            )
    was = publication.status
    publication.status = Publication.Status.WITHDRAWN
    publication.withdrawn_on = today
    publication.withdrawn_by = actor
    publication.withdrawal_reason = reason
    publication.save(
        update_fields=[
            "status",
            "withdrawn_on",
            "withdrawn_by",
            "withdrawal_reason",
            "updated_at",
        ]
    )
    early = was == Publication.Status.PUBLISHED and today <= publication.unpublish_after
    _audit(
        actor,
        publication,
        "withdraw",
        f"Rút bản công khai {publication.resolution.petition.reference}",
        was=was,
        reason=reason,
        before_minimum=early,
    )
    return publication
