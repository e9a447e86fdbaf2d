"""Petitions, their petitioners, history, time limits, transfers, documents and attachments."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tiepdan.core.models import BaseModel
from tiepdan.petitions.workflow import Action, Status


class Channel(models.TextChoices):
    """Where a petition came from (LEGAL.md §3.1, GLOSSARY 'channel')."""

    IN_PERSON = "in_person", _("In person at a reception office")
    POST = "post", _("Post")
    PORTAL = "portal", _("Public portal")
    EMAIL = "email", _("E-mail")
    HOTLINE = "hotline", _("Hotline")
    FORWARDED_AGENCY = "forwarded_agency", _("Forwarded by another agency")
    FORWARDED_DEPUTY = "forwarded_deputy", _("Forwarded by a deputy")
    FORWARDED_FRONT = "forwarded_front", _("Forwarded by the Fatherland Front")
    FORWARDED_PRESS = "forwarded_press", _("Forwarded by the press")
    LEADER = "leader", _("Handed down by a leader")
    NATIONAL_PORTAL = "national_portal", _("National public-service portal")
    MESSAGING_APP = "messaging_app", _("Messaging app")
    TRANSFERRED_IN = "transferred_in", _("Transferred from a unit in tiepdan")
    API = "api", _("Another system (API)")


class Kind(models.TextChoices):
    COMPLAINT = "complaint", _("Complaint")
    DENUNCIATION = "denunciation", _("Denunciation")
    RECOMMENDATION = "recommendation", _("Recommendation")
    FEEDBACK = "feedback", _("Feedback")
    REGULATION_FEEDBACK = "regulation_feedback", _("Regulation feedback")
    MIXED = "mixed", _("Mixed petition")


class ComplaintSubject(models.TextChoices):
    ADMINISTRATIVE_ACT = "administrative_act", _("Administrative decision or act")
    DISCIPLINARY_DECISION = "disciplinary_decision", _("Disciplinary decision")


class Field(models.TextChoices):
    """Field of content, as the statistics forms count it (LEGAL.md §7.2)."""

    LAND = "land", _("Land")
    HOUSING = "housing", _("Housing and assets")
    POLICY = "policy", _("Policy and civil-service regime")
    JUSTICE = "justice", _("Justice")
    PARTY = "party", _("Party")
    CORRUPTION = "corruption", _("Corruption")
    OTHER = "other", _("Other")


class ProcedureStage(models.TextChoices):
    NOT_RESOLVED = "not_resolved", _("Not yet resolved")
    RESOLVED_ONCE = "resolved_once", _("Resolved once")
    RESOLVED_TWICE = "resolved_twice", _("Resolved twice")
    COURT_JUDGMENT = "court_judgment", _("Court judgment")


class DuplicateStatus(models.TextChoices):
    UNCHECKED = "unchecked", _("Not checked")
    NEW = "new", _("New")
    DUPLICATE = "duplicate", _("Duplicate")
    REPEAT = "repeat", _("Repeated petition")


# Five or more signatories on the same content make a group (LEGAL.md §2.4, TCD-01).
GROUP_THRESHOLD = 5


class IneligibilityReason(BaseModel):
    """A reason a petition is not eligible (XLD-01/XLD-02, XLD-03): data an admin edits."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    text = models.CharField(_("reason"), max_length=255)
    source = models.CharField(_("legal source"), max_length=128, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("ineligibility reason")
        verbose_name_plural = _("ineligibility reasons")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.text


class Petition(BaseModel):
    """A petition as received: one record that travels between units with one history."""

    tracking_code = models.CharField(_("tracking code"), max_length=16, db_index=True)
    # The citizen's secret to follow the petition with its code (a 6-digit PIN on the receipt),
    # stored hashed like a password: the portal never shows a petition to the code alone.
    tracking_pin_hash = models.CharField(max_length=128, blank=True, editable=False)
    # A mixed petition split into cases keeps the citizen's code; parts are numbered 1, 2, ...
    part_number = models.PositiveSmallIntegerField(default=0)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="parts"
    )
    received_on = models.DateField(_("received on"))
    channel = models.CharField(_("channel"), max_length=32, choices=Channel.choices)
    forwarded_by = models.CharField(
        _("forwarded by"), max_length=255, blank=True, help_text=_("Agency, deputy or newspaper.")
    )
    receiving_unit = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("receiving unit"),
        on_delete=models.PROTECT,
        related_name="received_petitions",
    )
    current_unit = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("holding unit"),
        on_delete=models.PROTECT,
        related_name="held_petitions",
    )
    status = models.CharField(
        _("status"), max_length=32, choices=Status.choices, default=Status.RECEIVED
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_petitions",
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    kinds = models.JSONField(_("kinds it contains"), default=list, blank=True)
    complaint_subject = models.CharField(
        _("complaint about"), max_length=32, choices=ComplaintSubject.choices, blank=True
    )
    field = models.CharField(_("field"), max_length=16, choices=Field.choices, blank=True)
    is_repeated = models.BooleanField(_("repeated petition"), default=False)
    procedure_stage = models.CharField(
        _("procedure stage"), max_length=32, choices=ProcedureStage.choices, blank=True
    )
    # The denouncer asked in writing for their identity to be kept secret (LTC Art. 9.1, 47):
    # every denouncer is protected anyway; the request also keeps the case out of online
    # reception (NĐ 154/2026 Art. 20).
    identity_secrecy_requested = models.BooleanField(_("identity secrecy requested"), default=False)
    is_anonymous = models.BooleanField(
        _("anonymous"), default=False, help_text=_("No name or address, or a false name (XLD-03).")
    )
    signatory_count = models.PositiveIntegerField(_("number of signatories"), default=1)
    summary = models.CharField(_("summary"), max_length=500)
    content = models.TextField(_("full content"), blank=True)
    request = models.TextField(_("petitioner's request"), blank=True)
    prior_handling = models.TextField(_("prior handling by other bodies"), blank=True)
    respondent_name = models.CharField(_("respondent / accused"), max_length=255, blank=True)
    respondent_is_body = models.BooleanField(_("respondent is a body"), default=False)
    respondent_details = models.CharField(
        _("respondent's position, address"), max_length=255, blank=True
    )
    decision_known_on = models.DateField(
        _("date the decision became known"),
        null=True,
        blank=True,
        help_text=_("For complaints: starts the 90-day limitation period (KN-01)."),
    )
    is_eligible = models.BooleanField(_("eligible"), null=True, blank=True)
    ineligibility_reasons = models.ManyToManyField(
        IneligibilityReason, verbose_name=_("ineligibility reasons"), blank=True
    )
    is_within_competence = models.BooleanField(_("within competence"), null=True, blank=True)
    competent_unit = models.ForeignKey(
        "organizations.OrgUnit",
        verbose_name=_("competent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    competent_body = models.CharField(_("competent body"), max_length=255, blank=True)
    duplicate_status = models.CharField(
        _("duplicate check"),
        max_length=16,
        choices=DuplicateStatus.choices,
        default=DuplicateStatus.UNCHECKED,
    )
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("duplicate of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
    )
    # Folded (no accents, đ→d, lower-case) text for search, the same on SQLite and PostgreSQL.
    # Denouncers' identities are left out, so a name search cannot reveal who denounced.
    search_text = models.TextField(default="", editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("petition")
        verbose_name_plural = _("petitions")
        constraints = [
            models.UniqueConstraint(
                fields=["tracking_code", "part_number"], name="petition_unique_code_part"
            ),
            models.CheckConstraint(
                condition=Q(part_number=0, parent__isnull=True)
                | Q(part_number__gt=0, parent__isnull=False),
                name="petition_parts_have_a_parent",
            ),
        ]
        indexes = [
            models.Index(fields=["current_unit", "status", "received_on"]),
            models.Index(fields=["receiving_unit", "received_on"]),
            models.Index(fields=["kind", "received_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.reference} — {self.summary[:60]}"

    @property
    def reference(self) -> str:
        return (
            self.tracking_code
            if not self.part_number
            else f"{self.tracking_code}-{self.part_number}"
        )

    @property
    def is_group(self) -> bool:
        return self.signatory_count >= GROUP_THRESHOLD

    @property
    def is_confidential(self) -> bool:
        """A denunciation's denouncer is protected (LTC Art. 9, 47, 56). Every part split from a
        petition that held a denunciation stays protected: the author is the same person."""
        if self.kind == Kind.DENUNCIATION or Kind.DENUNCIATION in (self.kinds or []):
            return True
        return self.parent_id is not None and self.parent.is_confidential


class Petitioner(BaseModel):
    """Who sent the petition: an individual or an organisation (several for a group)."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="petitioners")
    position = models.PositiveSmallIntegerField(default=1)
    is_organisation = models.BooleanField(_("organisation"), default=False)
    full_name = models.CharField(_("full name"), max_length=255)
    citizen_id = models.CharField(_("citizen ID"), max_length=12, blank=True, db_index=True)
    address = models.CharField(_("address"), max_length=500, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    is_representative = models.BooleanField(_("representative"), default=False)
    authorisation = models.CharField(_("authorisation document"), max_length=255, blank=True)
    name_folded = models.CharField(max_length=255, default="", editable=False, db_index=True)

    class Meta:
        verbose_name = _("petitioner")
        verbose_name_plural = _("petitioners")
        ordering = ["petition", "position"]

    def __str__(self) -> str:
        return self.full_name


class RegisterEntry(models.Model):
    """The petition's number in a unit's register; every unit that received it has one."""

    org_unit = models.ForeignKey(
        "organizations.OrgUnit", on_delete=models.PROTECT, related_name="register_entries"
    )
    petition = models.ForeignKey(
        Petition, on_delete=models.CASCADE, related_name="register_entries"
    )
    year = models.PositiveSmallIntegerField()
    number = models.PositiveIntegerField(_("register number"))
    registered_on = models.DateField()
    # The day the unit first decided on the petition: a triage decision (a move that stops the
    # triage clocks) or a resolution decision. Kept when a decision is reopened, so a past
    # period's "handled" numbers recompute the same (LEGAL.md §7.2; the dashboard counts it).
    handled_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("register entry")
        verbose_name_plural = _("register entries")
        indexes = [models.Index(fields=["org_unit", "registered_on", "handled_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["org_unit", "year", "number"], name="register_unique_number"
            ),
            models.UniqueConstraint(fields=["org_unit", "petition"], name="register_once"),
        ]

    def __str__(self) -> str:
        return f"{self.number}/{self.year}"


class Counter(models.Model):
    """Per-unit, per-year sequences (register numbers, document numbers), locked on use."""

    org_unit = models.ForeignKey("organizations.OrgUnit", on_delete=models.CASCADE)
    year = models.PositiveSmallIntegerField()
    series = models.CharField(max_length=32)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["org_unit", "year", "series"], name="counter_unique_series"
            )
        ]

    def __str__(self) -> str:
        return f"{self.series} {self.year}: {self.last}"


class PetitionEvent(models.Model):
    """One step in the petition's history: who did what, where, from which state to which."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    org_unit = models.ForeignKey(
        "organizations.OrgUnit", on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(max_length=32)
    from_status = models.CharField(max_length=32, blank=True)
    to_status = models.CharField(max_length=32, blank=True)
    note = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("petition event")
        verbose_name_plural = _("petition events")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["action", "at"])]

    def __str__(self) -> str:
        return f"{self.action} {self.at:%Y-%m-%d}"

    @property
    def action_label(self) -> str:
        labels = dict(Action.choices) | EVENT_LABELS
        return str(labels.get(self.action, self.action))


EVENT_LABELS = {
    "receive": _("Received"),
    "register": _("Registered"),
    "classify": _("Classified"),
    "assign": _("Assigned"),
    "urge_follow_up": _("Urged the receiving unit"),
    "report_back": _("Reported back to the sender"),
    "duplicate_check": _("Duplicate check"),
    "attach": _("Attachment added"),
    "petitioner_notified": _("Petitioner notified"),
    "pin_reset": _("Tracking PIN reset"),
}


class PetitionDeadline(models.Model):
    """A legal time limit running for a petition in a unit, with its rule and explanation."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="deadlines")
    org_unit = models.ForeignKey(
        "organizations.OrgUnit", on_delete=models.PROTECT, related_name="+"
    )
    rule_id = models.CharField(_("rule"), max_length=16)
    family = models.CharField(max_length=16)
    started_on = models.DateField(_("started on"))
    due_on = models.DateField(_("due on"), db_index=True)
    explanation = models.CharField(_("explanation"), max_length=500)
    source = models.CharField(_("legal source"), max_length=255)
    met_on = models.DateField(_("met on"), null=True, blank=True)
    is_overdue = models.BooleanField(_("overdue"), default=False)
    # A suspended case's clock is stopped (LTC Art. 34; NĐ 124 Art. 28b): not overdue meanwhile.
    is_paused = models.BooleanField(_("paused"), default=False)
    overdue_notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("time limit")
        verbose_name_plural = _("time limits")
        ordering = ["due_on"]
        indexes = [models.Index(fields=["met_on", "due_on"])]

    def __str__(self) -> str:
        return f"{self.rule_id} {self.due_on}"


class Transfer(BaseModel):
    """A petition sent on by a unit: to a unit in tiepdan (which then holds it) or outside."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="transfers")
    from_unit = models.ForeignKey(
        "organizations.OrgUnit", on_delete=models.PROTECT, related_name="+"
    )
    to_unit = models.ForeignKey(
        "organizations.OrgUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    to_body = models.CharField(_("receiving body"), max_length=255, blank=True)
    kind = models.CharField(max_length=32, choices=Action.choices, default=Action.TRANSFER)
    sent_on = models.DateField()
    document = models.ForeignKey(
        "petitions.PetitionDocument", null=True, blank=True, on_delete=models.SET_NULL
    )
    reported_back_on = models.DateField(null=True, blank=True)
    report = models.TextField(blank=True)
    last_urged_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")
        ordering = ["sent_on", "pk"]

    def __str__(self) -> str:
        return f"{self.from_unit} → {self.to_unit or self.to_body}"


class DocumentKind(models.TextChoices):
    RECEIPT = "receipt", _("Receipt (Mẫu 02/TCD)")
    ACCEPTANCE_PROPOSAL = "acceptance_proposal", _("Acceptance proposal (Mẫu 01)")
    GUIDANCE_SLIP = "guidance_slip", _("Guidance slip")
    TRANSFER_SLIP = "transfer_slip", _("Transfer slip (Mẫu 03)")
    RETURN_SLIP = "return_slip", _("Return slip")
    URGING_LETTER = "urging_letter", _("Urging letter")
    REFUSAL_NOTICE = "refusal_notice", _("Notice of refusal to accept (KN-20)")
    # Resolution documents (tiepdan.resolution.documents), one per workflow `document` name.
    ACCEPTANCE_NOTICE = "acceptance_notice", _("Notice of acceptance of a complaint")
    ACCEPTANCE_DECISION = "acceptance_decision", _("Decision to accept a denunciation (Mẫu 04)")
    DENOUNCER_NOTICE = "denouncer_notice", _("Notice to the denouncer (Mẫu 05)")
    ACCUSED_NOTICE = "accused_notice", _("Notice to the accused (Mẫu 06)")
    EXTENSION_DECISION = "extension_decision", _("Extension decision (Mẫu 01, NĐ 31/2019)")
    DIALOGUE_MINUTES = "dialogue_minutes", _("Dialogue minutes (Mẫu 14)")
    COMPLAINT_DECISION = "complaint_decision", _("Complaint decision")
    DENUNCIATION_CONCLUSION = "denunciation_conclusion", _("Denunciation conclusion")
    SUSPENSION_DECISION = "suspension_decision", _("Suspension decision")
    RESUME_DECISION = "resume_decision", _("Decision to resume")
    TERMINATION_DECISION = "termination_decision", _("Termination decision")
    ANSWER_LETTER = "answer_letter", _("Answer letter")
    DIALOGUE_NOTICE = "dialogue_notice", _("Dialogue invitation (KN-14)")
    WITHDRAWAL_RECORD = "withdrawal_record", _("Record of a withdrawal (Mẫu 03, NĐ 31/2019)")
    REVIEW_ANSWER = "review_answer", _("Notice not to resolve a re-denunciation again (TC-13)")
    PROTECTION_DECISION = "protection_decision", _("Decision on protection measures")


class PetitionDocument(BaseModel):
    """A numbered document a unit issued about the petition (.docx, editable in Word)."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="documents")
    org_unit = models.ForeignKey(
        "organizations.OrgUnit", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("document"), max_length=32, choices=DocumentKind.choices)
    number = models.CharField(_("number and symbol"), max_length=64)
    issued_on = models.DateField(_("issued on"))
    file = models.FileField(upload_to="documents/%Y/%m/")
    addressed_to_petitioner = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["issued_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"


class Attachment(BaseModel):
    """A file the petitioner gave, stored outside the database, type checked by content."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="attachments/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name
