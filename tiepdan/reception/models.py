"""Citizen reception: the register of visits, cases, group visits, refusals, the heads' sessions
and online sessions with their connection sites (LEGAL.md §1.4, §2; NĐ 154/2026)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tiepdan.core.models import BaseModel
from tiepdan.petitions.models import Kind as PetitionKind


class ReceptionKind(models.TextChoices):
    """LTCD Art. 2.1: regular, periodic (by the head), ad-hoc."""

    REGULAR = "regular", _("Regular reception")
    PERIODIC = "periodic", _("Periodic reception by the head")
    AD_HOC = "ad_hoc", _("Ad-hoc reception")


class ReceptionForm(models.TextChoices):
    """From 01/07/2026 in person or online (LTCD Art. 3a, Law 136/2025)."""

    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")


class DeskOutcome(models.TextChoices):
    """What was done at the desk (TCD-03: LTCD Art. 25-26; NĐ 154/2026 Art. 14-15)."""

    PETITION_RECEIVED = "petition_received", _("Written petition received (receipt Mẫu 02/TCD)")
    STATEMENT_RECORDED = "statement_recorded", _("Statement recorded and signed")
    GUIDED = "guided", _("Guided to the competent body")
    TRANSFERRED = "transferred", _("Transferred to the competent body")
    EXPLAINED = "explained", _("Explained (already resolved correctly) and closed")
    REFUSED = "refused", _("Reception refused")


class Visitor(BaseModel):
    """A person who came, found again by citizen ID (NĐ 154/2026 Art. 12.1). Personal data kept
    secret by the reception officer (Art. 12.2): never shown on the public site."""

    full_name = models.CharField(_("full name"), max_length=255)
    citizen_id = models.CharField(_("citizen ID"), max_length=12, blank=True, db_index=True)
    id_paper = models.CharField(_("other identity paper"), max_length=64, blank=True)
    address = models.CharField(_("address"), max_length=500, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    name_folded = models.CharField(max_length=255, default="", editable=False, db_index=True)

    class Meta:
        verbose_name = _("visitor")
        verbose_name_plural = _("visitors")
        constraints = [
            models.UniqueConstraint(
                fields=["citizen_id"],
                condition=~models.Q(citizen_id=""),
                name="reception_visitor_unique_citizen_id",
            )
        ]

    def __str__(self) -> str:
        return self.full_name


class ReceptionCase(BaseModel):
    """A matter (vụ việc) that gathers visits and petitions; statistics count visits, persons
    and cases, first or repeated."""

    org_unit = models.ForeignKey(
        "organizations.OrgUnit", on_delete=models.PROTECT, related_name="reception_cases"
    )
    summary = models.CharField(_("summary"), max_length=500)
    opened_on = models.DateField(_("first visit on"))

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [models.Index(fields=["org_unit", "opened_on"])]

    def __str__(self) -> str:
        return self.summary


class RefusalGround(BaseModel):
    """A ground to refuse reception (LTCD Art. 9; NĐ 154/2026 Art. 4.1), as data. Whether a
    written notice Mẫu 01/TCD is due (TCD-02) is data too: the list is unconfirmed [U]."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    text = models.CharField(_("ground"), max_length=255)
    source = models.CharField(_("legal source"), max_length=128)
    needs_notice = models.BooleanField(_("written refusal notice required"), default=False)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("refusal ground")
        verbose_name_plural = _("refusal grounds")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.text


class HeadKind(models.TextChoices):
    """Whose periodic reception the law sets a minimum for (LEGAL.md §1.4)."""

    TTCP_HEAD = "ttcp_head", _("Inspector General / Head of the Government Office")
    PROVINCE_CHAIR = "province_chair", _("Chair of the provincial people's committee")
    DISTRICT_CHAIR = "district_chair", _("Chair of the district people's committee")
    COMMUNE_CHAIR = "commune_chair", _("Chair of the commune people's committee")
    AGENCY_HEAD = "agency_head", _("Head of an agency")
    PUBLIC_SERVICE_HEAD = "public_service_head", _("Head of a public service unit")


class ReceptionMinimum(BaseModel):
    """The legal minimum of periodic reception days, by head and date (LEGAL.md §1.4)."""

    class Period(models.TextChoices):
        WEEK = "week", _("week")
        MONTH = "month", _("month")

    head_kind = models.CharField(_("head"), max_length=32, choices=HeadKind.choices)
    days = models.PositiveSmallIntegerField(_("days"))
    period = models.CharField(_("per"), max_length=8, choices=Period.choices)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    source = models.CharField(_("legal source"), max_length=255)
    confirmed = models.BooleanField(_("confirmed"), default=True)

    class Meta:
        verbose_name = _("reception minimum")
        verbose_name_plural = _("reception minimums")
        ordering = ["head_kind", "valid_from"]

    def __str__(self) -> str:
        return f"{self.get_head_kind_display()}: {self.days}/{self.get_period_display()}"


class ReceptionSession(BaseModel):
    """A head's periodic or ad-hoc reception session, in person or online (LTCD Art. 18, 24;
    NĐ 154/2026 Art. 10, 25, Ch. V). The schedule is published at least 5 working days ahead."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        POSTPONED = "postponed", _("Postponed")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    org_unit = models.ForeignKey(
        "organizations.OrgUnit", on_delete=models.PROTECT, related_name="reception_sessions"
    )
    head = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("head receiving"),
        on_delete=models.PROTECT,
        related_name="reception_sessions",
    )
    head_kind = models.CharField(_("head"), max_length=32, choices=HeadKind.choices)
    kind = models.CharField(_("kind"), max_length=16, choices=ReceptionKind.choices)
    form = models.CharField(
        _("form"), max_length=16, choices=ReceptionForm.choices, default=ReceptionForm.IN_PERSON
    )
    office = models.ForeignKey(
        "organizations.ReceptionOffice",
        verbose_name=_("reception office"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    place = models.CharField(_("place"), max_length=255, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SCHEDULED
    )
    published_on = models.DateField(_("published on"), null=True, blank=True)
    postponed_from = models.DateTimeField(_("first planned for"), null=True, blank=True)
    postponement_reason = models.TextField(_("reason for postponement"), blank=True)
    # Online sessions (NĐ 154/2026 Ch. V): the video room on the self-hosted Jitsi server.
    room_name = models.CharField(_("video room"), max_length=64, blank=True)
    notified_on = models.DateField(_("participants notified on"), null=True, blank=True)
    link_tested_on = models.DateField(_("link tested on"), null=True, blank=True)
    recording_reference = models.CharField(_("recording reference"), max_length=255, blank=True)
    minutes = models.FileField(_("minutes"), upload_to="reception/minutes/%Y/", blank=True)
    slug = models.CharField(max_length=16, unique=True, editable=False)

    class Meta:
        verbose_name = _("reception session")
        verbose_name_plural = _("reception sessions")
        ordering = ["starts_at"]
        indexes = [
            models.Index(fields=["org_unit", "starts_at"]),
            models.Index(fields=["head", "starts_at"]),
            models.Index(fields=["status", "published_on", "starts_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.head} {self.starts_at:%d/%m/%Y}"


class ConnectionSite(BaseModel):
    """One site joined to an online session: the central site or a component site (NĐ 154/2026
    Art. 3.4-3.5)."""

    session = models.ForeignKey(ReceptionSession, on_delete=models.CASCADE, related_name="sites")
    org_unit = models.ForeignKey(
        "organizations.OrgUnit", on_delete=models.PROTECT, related_name="+"
    )
    is_central = models.BooleanField(_("central site"), default=False)
    participants = models.TextField(_("participants"), blank=True)
    link_tested_on = models.DateField(_("link tested on"), null=True, blank=True)
    joined_at = models.DateTimeField(_("joined at"), null=True, blank=True)

    class Meta:
        verbose_name = _("connection site")
        verbose_name_plural = _("connection sites")
        constraints = [
            models.UniqueConstraint(fields=["session", "org_unit"], name="reception_site_unique"),
            models.UniqueConstraint(
                fields=["session"],
                condition=models.Q(is_central=True),
                name="reception_site_one_central",
            ),
        ]

    def __str__(self) -> str:
        return str(self.org_unit)


class SessionRegistration(BaseModel):
    """A citizen registered to be received at a session (from the desk or the portal)."""

    session = models.ForeignKey(
        ReceptionSession, on_delete=models.CASCADE, related_name="registrations"
    )
    full_name = models.CharField(_("full name"), max_length=255)
    citizen_id = models.CharField(_("citizen ID"), max_length=12, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    summary = models.CharField(_("summary"), max_length=500)
    petition = models.ForeignKey(
        "petitions.Petition", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.full_name


class ConclusionNotice(BaseModel):
    """The head's conclusions after a session, sent to the agencies concerned and followed up
    (Thông báo kết luận, NĐ 154/2026 Art. 25.2)."""

    session = models.ForeignKey(
        ReceptionSession, on_delete=models.PROTECT, related_name="conclusions"
    )
    number = models.CharField(_("number"), max_length=64)
    issued_on = models.DateField(_("issued on"))
    content = models.TextField(_("conclusions"))
    recipients = models.ManyToManyField(
        "organizations.OrgUnit", verbose_name=_("sent to"), related_name="+"
    )
    follow_up_due_on = models.DateField(_("report due on"), null=True, blank=True)
    followed_up_on = models.DateField(_("reported on"), null=True, blank=True)
    follow_up = models.TextField(_("result reported"), blank=True)

    class Meta:
        verbose_name = _("conclusion notice")
        verbose_name_plural = _("conclusion notices")
        ordering = ["issued_on"]

    def __str__(self) -> str:
        return self.number


class Visit(BaseModel):
    """One visit (lượt tiếp): a row of the reception register, Mẫu 03/TCD (LTCD Art. 25.2)."""

    org_unit = models.ForeignKey(
        "organizations.OrgUnit", on_delete=models.PROTECT, related_name="visits"
    )
    office = models.ForeignKey(
        "organizations.ReceptionOffice",
        verbose_name=_("reception office"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField()
    serial = models.PositiveIntegerField(_("no."))  # STT, column 1: per unit and year
    received_at = models.DateTimeField(_("received at"))
    kind = models.CharField(
        _("reception"), max_length=16, choices=ReceptionKind.choices, default=ReceptionKind.REGULAR
    )
    form = models.CharField(
        _("form"), max_length=16, choices=ReceptionForm.choices, default=ReceptionForm.IN_PERSON
    )
    session = models.ForeignKey(
        ReceptionSession, null=True, blank=True, on_delete=models.PROTECT, related_name="visits"
    )
    receivers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("received by"), related_name="+"
    )
    head_received = models.BooleanField(_("received by the head"), default=False)
    visitors = models.ManyToManyField(Visitor, through="VisitPerson", related_name="visits")
    case = models.ForeignKey(
        ReceptionCase, null=True, blank=True, on_delete=models.PROTECT, related_name="visits"
    )
    is_repeat = models.BooleanField(_("repeated visit"), default=False)
    people_count = models.PositiveIntegerField(_("people with the same content"), default=1)
    representatives_count = models.PositiveSmallIntegerField(_("representatives"), default=0)
    appointment_document = models.FileField(
        _("document appointing the representatives"),
        upload_to="reception/appointments/%Y/",
        blank=True,
    )
    summary = models.CharField(_("summary"), max_length=500)
    petition_kind = models.CharField(_("kind"), max_length=32, choices=PetitionKind.choices)
    prior_bodies = models.CharField(_("bodies that already decided"), max_length=500, blank=True)
    within_competence = models.BooleanField(_("within our competence"), null=True, blank=True)
    outcome = models.CharField(_("outcome at the desk"), max_length=32, choices=DeskOutcome.choices)
    statement = models.TextField(_("statement recorded"), blank=True)
    guidance_to = models.CharField(_("guided to"), max_length=255, blank=True)
    guidance_number = models.CharField(_("guidance document no."), max_length=64, blank=True)
    transfer_to = models.CharField(_("transferred to"), max_length=255, blank=True)
    transfer_number = models.CharField(_("transfer slip no."), max_length=64, blank=True)
    petition = models.ForeignKey(
        "petitions.Petition", null=True, blank=True, on_delete=models.PROTECT, related_name="visits"
    )
    refusal_ground = models.ForeignKey(
        RefusalGround, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    refusal_notice_due_on = models.DateField(_("refusal notice due on"), null=True, blank=True)
    refusal_notice_number = models.CharField(_("refusal notice no."), max_length=64, blank=True)
    follow_up = models.TextField(_("follow-up of the result"), blank=True)
    note = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["received_at", "serial"]
        constraints = [
            models.UniqueConstraint(
                fields=["org_unit", "year", "serial"], name="reception_visit_unique_serial"
            )
        ]
        indexes = [
            models.Index(fields=["org_unit", "received_at"]),
            models.Index(fields=["case", "received_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.serial}/{self.year}"

    @property
    def is_group(self) -> bool:
        return self.people_count >= 5  # LEGAL.md §2.4: 5 or more people on the same content


class VisitPerson(models.Model):
    """A visitor at a visit; representatives speak for a group (TCD-01, LTCD Art. 29)."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="persons")
    visitor = models.ForeignKey(Visitor, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=1)
    is_representative = models.BooleanField(_("representative"), default=False)
    # As given at this visit: the register keeps what was recorded that day, whatever another
    # unit later types for the same citizen ID (Visitor holds the latest details).
    full_name = models.CharField(_("full name"), max_length=255, default="")
    citizen_id = models.CharField(_("citizen ID"), max_length=12, blank=True, default="")
    id_paper = models.CharField(_("other identity paper"), max_length=64, blank=True, default="")
    address = models.CharField(_("address"), max_length=500, blank=True, default="")
    phone = models.CharField(_("phone"), max_length=32, blank=True, default="")

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["visit", "visitor"], name="reception_person_once")
        ]

    def __str__(self) -> str:
        return f"{self.visitor} ({self.visit})"
