"""The sample tracker of a fictional job seeker, Jordan Lee, dated around any day.

Every date is a number of working days from an anchor day, so `followup demo` shows a lively week
whatever today is, and `scripts/make_sample.py` regenerates `samples/tracker.xlsx`.
The opportunities cover every stage of the cadence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from followup.schema import CONTACTS, INTERVIEWS, LOG, SEARCH, SETTINGS_SHEET, Sheet
from followup.workbook.template import write_tracker

SAMPLE_ANCHOR = dt.date(2026, 11, 23)


def demo_day(today: dt.date) -> dt.date:
    """The day the demo plans for: today, or the coming Monday at a weekend (no steps fall due
    on a weekend, so a weekend demo would look empty)."""
    return today + dt.timedelta(days=max(0, 7 - today.weekday()) if today.weekday() >= 5 else 0)


def _interviews(d: Any) -> list[dict[str, Any]]:
    return [
        # Fresh: today's interview, no thank-you yet and no timeline asked.
        dict(
            company="Northwind Traders",
            role="Senior Data Analyst",
            interview_date=d(0),
            round="Hiring manager",
            interviewer="Priya Shah",
            interviewer_type="Hiring manager",
            email="priya.shah@northwind.example",
            key_point="cleaning up their sales pipeline data",
            skills="SQL, stakeholder reporting, Power BI",
        ),
        # Waiting for the decision: thank-you sent, halfway note coming up.
        dict(
            company="Contoso Health",
            role="Product Analyst",
            interview_date=d(-4),
            round="Panel",
            interviewer="Marcus Webb",
            interviewer_type="Decision maker",
            email="m.webb@contoso.example",
            decision_by="3 weeks",
            keep_in_touch="Yes",
            key_point="measuring patient app engagement",
            skills="A/B testing, Python, product metrics",
        ),
        # Silence chain: decision date passed, status email and call done, no reply.
        dict(
            company="Fabrikam",
            role="Analytics Lead",
            interview_date=d(-22),
            round="Final",
            interviewer="Elena Novak",
            interviewer_type="Decision maker",
            email="elena.novak@fabrikam.example",
            phone="555-0142",
            decision_by="3 weeks",
            keep_in_touch="Yes",
            key_point="building a self-service analytics culture",
            skills="team leadership, dbt, data strategy",
        ),
        # A reply restarted the chain.
        dict(
            company="Tailspin Toys",
            role="Data Scientist",
            interview_date=d(-25),
            round="Onsite",
            interviewer="Owen Park",
            interviewer_type="Hiring manager",
            email="owen.park@tailspin.example",
            decision_by=d(-15),
            keep_in_touch="Yes",
            key_point="forecasting seasonal demand",
            skills="forecasting, Python, SQL",
        ),
        # Second round: an HR screen, then the onsite three days ago.
        dict(
            company="Litware",
            role="BI Developer",
            interview_date=d(-14),
            round="Phone screen",
            interviewer="Sam Ortiz",
            interviewer_type="HR",
            email="sam.ortiz@litware.example",
            decision_by="1 week",
            skills="Power BI, SQL",
        ),
        dict(
            company="Litware",
            role="BI Developer",
            interview_date=d(-2),
            round="Onsite",
            interviewer="Dana Kim",
            interviewer_type="Decision maker",
            email="dana.kim@litware.example",
            decision_by="10 days",
            keep_in_touch="Yes",
            key_point="moving their reports off spreadsheets",
            skills="data modelling, DAX, dashboard design",
        ),
        # HR-only interview, no decision date given.
        dict(
            company="Coho Winery",
            role="Marketing Analyst",
            interview_date=d(-8),
            round="Phone screen",
            interviewer="Grace Liu",
            interviewer_type="HR",
            email="grace.liu@coho.example",
            keep_in_touch="No",
            skills="campaign analytics, Excel",
        ),
        dict(
            company="Adventure Works",
            role="Data Analyst",
            interview_date=d(-18),
            round="Final",
            interviewer="Nina Patel",
            interviewer_type="Hiring manager",
            decision_by="2 weeks",
            status="Offer",
            skills="SQL, Tableau",
        ),
        dict(
            company="Wide World Importers",
            role="Reporting Analyst",
            interview_date=d(-28),
            round="Onsite",
            interviewer="Leo Grant",
            interviewer_type="Panel",
            decision_by="2 weeks",
            status="Rejected",
        ),
        dict(
            company="Proseware",
            role="Analytics Engineer",
            interview_date=d(-11),
            round="Technical",
            interviewer="Iris Chen",
            interviewer_type="Peer",
            decision_by="4 weeks",
            status="On hold",
            notes="Hiring paused until the new budget year.",
        ),
    ]


def _log(d: Any) -> list[dict[str, Any]]:
    sent = "Sent"
    return [
        dict(
            date=d(-5),
            company="Blue Yonder Airlines",
            direction=sent,
            channel="Email",
            step="application-follow-up",
            message="Checked that my application arrived",
        ),
        dict(
            date=d(-2),
            company="Alpine Ski House",
            direction="Received",
            channel="Email",
            message="Thanks for applying; we are reviewing applications this month.",
        ),
        dict(
            date=d(-4),
            company="Contoso Health",
            direction=sent,
            channel="Email",
            step="thank-you",
            contact="Marcus Webb",
            message="Thanks for the panel interview",
        ),
        dict(
            date=d(-22),
            company="Fabrikam",
            direction=sent,
            channel="Email",
            step="thank-you",
            contact="Elena Novak",
        ),
        dict(
            date=d(-15),
            company="Fabrikam",
            direction=sent,
            channel="Email",
            step="halfway",
            contact="Elena Novak",
            message="Shared an article on self-service BI",
        ),
        dict(
            date=d(-5),
            company="Fabrikam",
            direction=sent,
            channel="Email",
            step="status-email",
            contact="Elena Novak",
        ),
        dict(
            date=d(-5),
            company="Fabrikam",
            direction=sent,
            channel="Phone",
            step="status-call",
            contact="Elena Novak",
            message="Left a voicemail",
        ),
        dict(
            date=d(-25),
            company="Tailspin Toys",
            direction=sent,
            channel="Email",
            step="thank-you",
            contact="Owen Park",
        ),
        dict(
            date=d(-14),
            company="Tailspin Toys",
            direction=sent,
            channel="Email",
            step="status-email",
            contact="Owen Park",
        ),
        dict(
            date=d(-4),
            company="Tailspin Toys",
            direction="Received",
            channel="Email",
            contact="Owen Park",
            message="Still deciding; expect news within a week.",
        ),
        dict(
            date=d(-14),
            company="Litware",
            direction=sent,
            channel="Email",
            step="thank-you",
            contact="Sam Ortiz",
        ),
        dict(
            date=d(-2),
            company="Litware",
            direction=sent,
            channel="Email",
            step="thank-you",
            contact="Dana Kim",
        ),
        dict(
            date=d(-8),
            company="Coho Winery",
            direction=sent,
            channel="Email",
            step="thank-you",
            contact="Grace Liu",
        ),
        dict(
            date=d(-18),
            company="Adventure Works",
            direction=sent,
            channel="Email",
            step="thank-you",
            contact="Nina Patel",
        ),
        dict(
            date=d(-7),
            company="Adventure Works",
            direction="Received",
            channel="Phone",
            contact="Nina Patel",
            message="Verbal offer; written offer to follow.",
        ),
    ]


def _contacts(d: Any) -> list[dict[str, Any]]:
    return [
        dict(
            name="Maria Gonzalez",
            relationship="Core network",
            company="Former manager",
            email="maria.g@example.com",
            last_update=d(-22),
        ),
        dict(
            name="Ken Adams",
            relationship="Core network",
            email="ken.adams@example.com",
            last_update=d(-3),
            notes="Mentor; meets monthly",
        ),
        dict(
            name="Aisha Rahman",
            relationship="Core network",
            email="aisha.r@example.com",
            notes="Bootcamp friend, now at a consultancy",
        ),
        dict(
            name="Tom Becker",
            relationship="Advocate",
            company="Fabrikam",
            email="tom.becker@fabrikam.example",
            notes="Former colleague, data engineer there",
        ),
        dict(
            name="Lena Fischer",
            relationship="Advocate",
            company="Contoso Health",
            email="lena.fischer@contoso.example",
        ),
        dict(name="Dr. Ruth Okafor", relationship="Reference", email="r.okafor@example.edu"),
        dict(
            name="Chris Morgan",
            relationship="Recruiter",
            company="TalentBridge",
            email="chris@talentbridge.example",
            update_every=21,
        ),
    ]


def _search(d: Any) -> list[dict[str, Any]]:
    # Applications show the nudges of SPEC 4a: one followed up once (the second nudge is due
    # today), one with a nudge overdue, one answered (no nudge), two still inside their week.
    plan = [
        (-10, "Application", "Blue Yonder Airlines", "Senior Analyst", "", "Via LinkedIn"),
        (-9, "Networking", "", "", "Aisha Rahman", "Coffee chat"),
        (-9, "Application", "Trey Research", "Data Analyst", "Sam Ortiz", ""),
        (-8, "Cold call", "Margie's Travel", "", "Head of data", "Left a message"),
        (-7, "Event", "", "", "", "Local data meetup"),
        (-6, "Application", "Alpine Ski House", "BI Developer", "", ""),
        (-6, "Informational interview", "Lucerne Publishing", "", "Rob Walker", "30 minutes"),
        (-4, "Application", "Woodgrove Bank", "Risk Analyst", "Ken Adams", "Referral"),
        (-3, "Networking", "", "", "Maria Gonzalez", "Asked for intros"),
        (-2, "Application", "Relecloud", "", "", ""),
        (-1, "Cold call", "VanArsdel", "", "Analytics manager", ""),
    ]
    return [
        dict(
            date=d(offset),
            activity=activity,
            company=company,
            role=role,
            contact=contact,
            notes=notes,
        )
        for offset, activity, company, role, contact, notes in plan
    ]


def _rows(sheet: Sheet, records: Sequence[Mapping[str, Any]]) -> list[list[Any]]:
    return [[record.get(col.key, "") for col in sheet.template_columns] for record in records]


def write_sample(path: Path, anchor: dt.date = SAMPLE_ANCHOR, name: str = "Jordan Lee") -> None:
    """Write Jordan Lee's tracker (under another `name` if given) with every date placed
    relative to `anchor`."""

    def d(offset: int) -> dt.date:
        # Offsets count working days, so no interview or email lands on a weekend.
        day: dt.date = np.busday_offset(anchor, offset, roll="forward").astype(dt.date)
        return day

    write_tracker(
        path,
        {
            INTERVIEWS.name: _rows(INTERVIEWS, _interviews(d)),
            LOG.name: _rows(LOG, _log(d)),
            CONTACTS.name: _rows(CONTACTS, _contacts(d)),
            SEARCH.name: _rows(SEARCH, _search(d)),
            SETTINGS_SHEET: [["Your name", name]],
        },
    )
