"""A resolution case: the competent unit's work on an accepted petition, to its outcome."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tiepdan.core.models import BaseModel
from tiepdan.resolution.workflow import Status, Track


class Outcome(models.TextChoices):
    """Conclusion of a complaint decision or denunciation conclusion (LKN Art. 40.2.h)."""

    FOUNDED = "founded", _("Founded")
    PARTLY_FOUNDED = "partly_founded", _("Partly founded")
    UNFOUNDED = "unfounded", _("Unfounded")


class RegulationOutcome(models.TextChoices):
    """What is done with feedback on a regulation (NĐ 20/2008 Art. 15)."""

    AMEND = "amend", _("Amend or supplement the regulation")
    REPEAL = "repeal", _("Repeal the regulation")
    RECOMMEND = "recommend", _("Recommend to the competent body")
    ISSUE = "issue", _("Issue a new regulation")
    NO_CHANGE = "no_change", _("No change needed")


class MinutesSignature(models.TextChoices):
    """How the dialogue minutes were closed (LKN Art. 30.4, 30.6; NĐ 124/2020 Art. 28.4-28.5)."""

    SIGNED = "signed", _("Signed by the participants")
    REFUSED = "refused", _("The complainant refused to sign (noted in the minutes)")
    ABSENT = "absent", _("The complainant was absent without good reason")


class Resolution(BaseModel):
    """One resolution case. A second complaint is a new case linked to the first (LKN Art. 33)."""

    petition = models.ForeignKey(
        "petitions.Petition", on_delete=models.PROTECT, related_name="resolutions"
    )
    track = models.CharField(_("track"), max_length=32, choices=Track.choices)
    level = models.PositiveSmallIntegerField(_("level"), default=1)
    org_unit = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("resolving unit"),
        on_delete=models.PROTECT,
        related_name="resolutions",
    )
    status = models.CharField(
        _("status"), max_length=32, choices=Status.choices, default=Status.ACCEPTED
    )
    suspended_from = models.CharField(max_length=32, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolver"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resolutions",
    )
    verifying_unit = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("verifying unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    accepted_on = models.DateField(_("accepted on"))
    # The finding of complexity is written in the case file (NĐ 124 Art. 3a; NĐ 31 Art. 3.2).
    complexity_criteria = models.JSONField(_("complexity criteria"), default=list, blank=True)
    is_remote = models.BooleanField(_("remote area"), default=False)
    rule_id = models.CharField(_("time-limit rule"), max_length=16)
    due_on = models.DateField(_("due on"), null=True, blank=True, db_index=True)
    extensions_used = models.PositiveSmallIntegerField(_("extensions"), default=0)
    dialogue_on = models.DateField(_("dialogue date"), null=True, blank=True)
    # KN-14: the invitation goes out at least 5 days before the dialogue (from 01/07/2026).
    dialogue_notice_on = models.DateField(_("dialogue invitation sent on"), null=True, blank=True)
    dialogue_planned_on = models.DateField(_("dialogue planned for"), null=True, blank=True)
    dialogue_minutes = models.CharField(
        _("dialogue minutes"), max_length=16, choices=MinutesSignature.choices, blank=True
    )
    outcome = models.CharField(_("outcome"), max_length=32, choices=Outcome.choices, blank=True)
    regulation_outcome = models.CharField(
        _("regulation outcome"), max_length=32, choices=RegulationOutcome.choices, blank=True
    )
    decision_number = models.CharField(_("decision number"), max_length=64, blank=True)
    decision_summary = models.TextField(_("decision / conclusion"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    effective_on = models.DateField(_("effective on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    amount_recovered = models.DecimalField(
        _("money to recover (VND)"), max_digits=18, decimal_places=0, default=0
    )
    amount_returned = models.DecimalField(
        _("money to return (VND)"), max_digits=18, decimal_places=0, default=0
    )
    land_recovered_m2 = models.DecimalField(
        _("land to recover (m²)"), max_digits=14, decimal_places=1, default=0
    )
    land_returned_m2 = models.DecimalField(
        _("land to return (m²)"), max_digits=14, decimal_places=1, default=0
    )
    people_rights_restored = models.PositiveIntegerField(
        _("people whose rights are restored"), default=0
    )
    # What the decision or conclusion recommends for those at fault (Biểu 03/GQKN, 04/GQTC).
    persons_to_discipline = models.PositiveIntegerField(
        _("people recommended for administrative handling"), default=0
    )
    persons_referred = models.PositiveIntegerField(
        _("people referred to the investigating body"), default=0
    )
    first_resolution = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="second_resolutions"
    )
    # TC-16: a withdrawn denunciation that must still be resolved (signs of violation, threats).
    must_continue = models.BooleanField(_("must be resolved despite withdrawal"), default=False)

    class Meta:
        verbose_name = _("resolution case")
        verbose_name_plural = _("resolution cases")
        indexes = [
            models.Index(fields=["org_unit", "status", "due_on"]),
            models.Index(fields=["track", "decided_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_track_display()} {self.petition.reference} ({self.level})"

    @property
    def is_complex(self) -> bool:
        return len(self.complexity_criteria) >= 1

    @property
    def is_especially_complex(self) -> bool:
        return len(self.complexity_criteria) >= 2  # NĐ 31/2019 Art. 3.3


class Suspension(models.Model):
    """A period the clock stood still; the limit continues from the resume date."""

    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="suspensions")
    started_on = models.DateField(_("suspended on"))
    ended_on = models.DateField(_("resumed on"), null=True, blank=True)
    reason = models.TextField(_("reason"))

    class Meta:
        verbose_name = _("suspension")
        verbose_name_plural = _("suspensions")
        ordering = ["started_on"]

    def __str__(self) -> str:
        return f"{self.started_on} → {self.ended_on or '…'}"


class Withdrawal(models.Model):
    """A withdrawal recorded on the case: whole, or from 01/07/2026 part of the content.

    LKN Art. 10 as amended by Law 136/2025; LTC Art. 33.1-33.3 (TC-16). Withdrawn content is
    not reconsidered unless it was withdrawn under threat or coercion (`forced`).
    """

    class Scope(models.TextChoices):
        WHOLE = "whole", _("The whole petition")
        PART = "part", _("Part of the content")

    resolution = models.ForeignKey(Resolution, on_delete=models.CASCADE, related_name="withdrawals")
    withdrawn_on = models.DateField(_("withdrawn on"))
    scope = models.CharField(_("scope"), max_length=8, choices=Scope.choices)
    content = models.TextField(_("content withdrawn"))
    forced = models.BooleanField(_("withdrawn under threat or coercion"), default=False)
    # TC-16: the case goes on despite the withdrawal.
    continues = models.BooleanField(_("resolution continues"), default=False)
    # Some of several petitioners: the case goes on for the others (NĐ 124 Art. 7a; LTC 33.2).
    persons = models.CharField(_("who withdrew"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("withdrawal")
        verbose_name_plural = _("withdrawals")
        ordering = ["withdrawn_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_scope_display()} {self.withdrawn_on}"


class ProtectionRequest(BaseModel):
    """A request to protect a denouncer or a relative, and the decision on it (LTC Art. 47-58).

    As confidential as the denouncer's identity: only those who may see it see these rows.
    """

    class Relation(models.TextChoices):
        DENOUNCER = "denouncer", _("The denouncer")
        SPOUSE = "spouse", _("Spouse")
        PARENT = "parent", _("Parent")
        CHILD = "child", _("Child (including adopted)")

    class Measure(models.TextChoices):
        # LTC Art. 48.1 [kinds of protection; procedures Art. 48-58 not detailed in LEGAL.md].
        CONFIDENTIALITY = "confidentiality", _("Keeping the identity secret")
        JOB = "job", _("Protecting the position or job")
        LIFE_HEALTH = "life_health", _("Protecting life and health")
        PROPERTY = "property", _("Protecting property")
        HONOUR = "honour", _("Protecting honour and dignity")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested, to be decided")
        GRANTED = "granted", _("Protection applied")
        REFUSED = "refused", _("Refused")
        ENDED = "ended", _("Protection ended")

    resolution = models.ForeignKey(
        Resolution, on_delete=models.PROTECT, related_name="protection_requests"
    )
    person_name = models.CharField(_("person to protect"), max_length=255)
    relation = models.CharField(
        _("relation to the denouncer"), max_length=16, choices=Relation.choices
    )
    measures = models.JSONField(_("measures"), default=list)
    grounds = models.TextField(_("grounds given"))
    requested_on = models.DateField(_("requested on"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.REQUESTED
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decision_note = models.TextField(_("decision"), blank=True)
    protecting_body = models.CharField(
        _("body carrying out the protection"), max_length=255, blank=True
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    class Meta:
        verbose_name = _("protection request")
        verbose_name_plural = _("protection requests")
        ordering = ["requested_on", "pk"]
        indexes = [models.Index(fields=["status", "requested_on"])]

    def __str__(self) -> str:
        return f"{self.get_relation_display()} {self.requested_on}"


class Publication(BaseModel):
    """A decision or conclusion published on the public portal, redacted and reviewed first.

    Complaint decisions (KN-10, LKN Art. 41.3), denunciation conclusions without the denouncer
    (TC-11, TC-12; LTC Art. 40.1, 40.3) and answers to regulation feedback (PA-03). The body is
    the redacted text exactly as the portal shows it; an official other than the preparer
    approves it (four eyes, LESSONS 5).
    """

    class Kind(models.TextChoices):
        COMPLAINT_DECISION = "complaint_decision", _("Complaint decision")
        DENUNCIATION_CONCLUSION = "denunciation_conclusion", _("Denunciation conclusion")
        REGULATION_ANSWER = "regulation_answer", _("Answer to regulation feedback")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft, to be reviewed")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    resolution = models.ForeignKey(
        Resolution, on_delete=models.PROTECT, related_name="publications"
    )
    # Random and unguessable: the portal never shows database ids (DESIGN.md, Conventions).
    slug = models.CharField(max_length=16, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=255)
    body = models.TextField(_("text to publish"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    # What the automatic redaction removed, as {category: count}: never the values themselves.
    redactions = models.JSONField(default=dict, blank=True, editable=False)
    # Folded title and body (tiepdan.core.text.fold), for accent-insensitive portal search.
    search_text = models.TextField(default="", editable=False)
    # KN-10 / TC-12: posted for at least 15 consecutive days.
    min_days = models.PositiveSmallIntegerField(_("minimum days published"), default=15)
    published_on = models.DateField(_("published on"), null=True, blank=True, db_index=True)
    unpublish_after = models.DateField(_("published at least until"), null=True, blank=True)
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("prepared by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["-published_on", "-created_at"]
        constraints = [
            # One draft or published text per case; a withdrawn one can be prepared again.
            models.UniqueConstraint(
                fields=["resolution"],
                condition=~models.Q(status="withdrawn"),
                name="publication_one_active_per_case",
            ),
            # Four eyes: whoever prepared the text does not approve it.
            models.CheckConstraint(
                condition=~models.Q(approved_by=models.F("prepared_by")),
                name="publication_approver_is_not_preparer",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="published")
                | models.Q(
                    approved_by__isnull=False,
                    published_on__isnull=False,
                    unpublish_after__isnull=False,
                ),
                name="publication_published_is_approved_and_dated",
            ),
        ]
        indexes = [models.Index(fields=["status", "published_on"])]

    def __str__(self) -> str:
        return self.title

    @property
    def excerpt(self) -> str:
        """The body on one line, for lists: its lines joined, cut at a word."""
        text = " · ".join(line.strip() for line in self.body.splitlines() if line.strip())
        return text if len(text) <= 240 else text[:240].rsplit(" ", 1)[0] + " …"


class Implementation(models.Model):
    """What was done in carrying out a legally effective complaint decision or a denunciation
    conclusion, on one day: money and land actually recovered or returned, people disciplined
    or prosecuted (NĐ 124/2020 Art. 31; LTC Art. 36; Biểu 05/KQTH). `completes` marks the
    record that ends the implementation (enforcement recorded, conclusion acted on)."""

    resolution = models.ForeignKey(
        Resolution, on_delete=models.PROTECT, related_name="implementations"
    )
    done_on = models.DateField(_("done on"), db_index=True)
    amount_recovered = models.DecimalField(
        _("money recovered (VND)"), max_digits=18, decimal_places=0, default=0
    )
    amount_returned = models.DecimalField(
        _("money returned (VND)"), max_digits=18, decimal_places=0, default=0
    )
    land_recovered_m2 = models.DecimalField(
        _("land recovered (m²)"), max_digits=14, decimal_places=1, default=0
    )
    land_returned_m2 = models.DecimalField(
        _("land returned (m²)"), max_digits=14, decimal_places=1, default=0
    )
    persons_disciplined = models.PositiveIntegerField(_("people disciplined"), default=0)
    persons_prosecuted = models.PositiveIntegerField(_("people prosecuted"), default=0)
    completes = models.BooleanField(_("implementation completed"), default=False)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("implementation record")
        verbose_name_plural = _("implementation records")
        ordering = ["done_on", "pk"]

    def __str__(self) -> str:
        return f"{self.resolution_id} {self.done_on:%Y-%m-%d}"
