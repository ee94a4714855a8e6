"""While you wait (SPEC section 5): network updates, advocate asks, the glow window and the
search balance, as rows of the Network Updates sheet and extra rows of This Week.

Last update of a contact is the later of Contacts' Last update and the latest History row
for them (a ticked ``network-update``; for an advocate also a ticked ``ask-advocate``).
History rows dated after the as-of date have not happened yet and are ignored, as in the
cadence.
"""

from __future__ import annotations

import bisect
import re

import numpy as np
import pandas as pd

from followup import cadence, columns, rounds, wording
from followup.schema import (
    ADVOCATE,
    ASK_ADVOCATE,
    CORE_NETWORK,
    ENDED_STATUSES,
    GLOW_CALLS,
    NETWORK_SHEET,
    NETWORK_UPDATE,
    OFFER,
    SEARCH_TARGET,
    THIS_WEEK_SHEET,
    THIS_WEEK_WHEN,
    TODAY,
)
from followup.summary import BALANCE_PERIOD, Balance, balance
from followup.tracker import Tracker, remember_latest

# How many long-silent contacts the glow-calls action names.
GLOW_CONTACTS = 3
# How many of the latest interviews a network update lists.
UPDATE_LINES = 6
_TEXT_COLUMNS = ("contact", "relationship", "company", "why", "draft", "done")
_SKILL_SEPARATOR = re.compile(r"[,;\n]")
_LAST_COMMA = re.compile(r", (?=[^,]*$)")  # "Ann, Bo, Cy" -> "Ann, Bo and Cy"


def _lookup(keys: pd.Series, table: pd.Series) -> pd.Series:
    """``table``'s value for each key (NaN/NaT where missing), on ``keys``' index."""
    return pd.Series(table.reindex(keys.to_numpy()).to_numpy(), index=keys.index)


def _history_latest(tracker: Tracker, as_of: pd.Timestamp, keys: np.ndarray) -> list[np.ndarray]:
    """Per step (network update, advocate ask), for each contact key of ``keys`` (case-folded
    names), the day of the latest History row of that step for them (NaT if none)."""
    history = tracker.history
    step = columns.text_values(history, "step")
    wanted = (NETWORK_UPDATE, ASK_ADVOCATE)
    found = (step == wanted[0]) | (step == wanted[1])
    if not found.any():  # no update recorded yet: the usual History of a new tracker
        return [np.full(len(keys), columns.NO_DAY) for _ in wanted]
    rows = history[found]
    step = step[found]
    key = columns.keys(columns.text_values(rows, "contact"))
    day = columns.day_array(rows["date"])
    dated = ~np.isnat(day) & (day <= as_of.to_datetime64()) & (key != "")
    latest = []
    for each in wanted:
        mine = dated & (step == each)
        days = pd.Series(day[mine]).groupby(key[mine]).max()
        latest.append(days.reindex(keys).to_numpy(dtype="datetime64[D]"))
    return latest


@remember_latest
def _contacts(tracker: Tracker, as_of: pd.Timestamp) -> pd.DataFrame:
    """Contacts with their key, Last update (History included) and update interval."""
    contacts = tracker.contacts
    # Worked out on whole arrays, then made one frame: most trackers list few contacts, and
    # each pandas operation would cost more than the work on them.
    text = {
        "contact": columns.text_values(contacts, "name"),
        "relationship": columns.text_values(contacts, "relationship"),
        "company": columns.text_values(contacts, "company"),
        "phone": columns.text_values(contacts, "phone"),
    }
    text["key"] = columns.keys(text["contact"])
    text["ckey"] = columns.keys(text["company"])
    own = columns.day_array(contacts["last_update"])
    updated, asked = _history_latest(tracker, as_of, text["key"])
    last_update = np.where(~(updated > own) & ~np.isnat(own), own, updated)
    # An advocate ask is also a conversation: it counts when choosing whom to call.
    last_touch = np.where(~(asked > last_update), last_update, asked)
    last_touch = np.where(np.isnat(last_touch), asked, last_touch)
    every = pd.to_numeric(contacts["update_every"].astype(object), errors="coerce")
    listed = text["contact"] != ""
    out = pd.DataFrame(
        {name: values[listed] for name, values in text.items()},
        index=contacts.index[listed],
        dtype=object,  # as the sheets' own text columns are
    )
    return out.assign(
        row=contacts["row"].to_numpy()[listed],
        last_update=last_update[listed].astype("datetime64[ns]"),
        last_touch=last_touch[listed].astype("datetime64[ns]"),
        every=every.fillna(tracker.settings.network_update_days).astype(int).to_numpy()[listed],
    )


@remember_latest
def _interviews(tracker: Tracker, as_of: pd.Timestamp) -> pd.DataFrame:
    """Rounds held by ``as_of``, oldest first: a panel entered one row per interviewer is
    one round (SPEC section 4)."""
    held = rounds.held_rounds(tracker, as_of)
    return pd.DataFrame(
        {
            "iv_date": held["interview_date"],
            "iv_company": held["company"],
            "iv_role": held["role"],
            "iv_round": held["round"],
            "iv_people": held["interviewers"],
            "iv_skills": held["skills"],
            "iv_row": held["row"],
            "iv_key": held["ck"] + "|" + held["rk"],
        }
    )


def _statuses(tracker: Tracker) -> pd.Series:
    """Each opportunity's status (company|role keys), that of its latest round."""
    status = rounds.latest_status(tracker)
    return pd.Series(status["status"].to_numpy(), index=status["ck"] + "|" + status["rk"])


def _interview_lines(shown: pd.DataFrame) -> list[str]:
    """One "- Company, Role (Round, Mon 2 Nov)" line per round; a panel names its people.
    A note lists a few rounds (``UPDATE_LINES``), so each line is written on its own."""
    return [
        wording.UPDATE_INTERVIEW.format(
            company=company,
            role=role,
            round=wording.UPDATE_ROUND.format(round=name) if name else "",
            day=columns.short_day(day),
            panel=wording.UPDATE_PANEL.format(people=_LAST_COMMA.sub(" and ", people))
            if "," in people
            else "",
        )
        for company, role, name, day, people in zip(
            *(
                shown[c].tolist()
                for c in ("iv_company", "iv_role", "iv_round", "iv_date", "iv_people")
            ),
            strict=True,
        )
    ]


def _skills(texts: list[str]) -> str:
    """The skills highlighted in these interviews (their Skills texts), each once, in order
    of appearance. A few short texts: plain string work, no frame."""
    skills: dict[str, str] = {}
    for text in texts:
        for part in _SKILL_SEPARATOR.split(text if isinstance(text, str) else ""):
            skills.setdefault(part.strip().casefold(), part.strip())
    skills.pop("", None)
    return wording.and_join(skills.values()) if skills else ""


def _core_updates(tracker: Tracker, contacts: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    core = contacts[contacts["relationship"].to_numpy() == CORE_NETWORK].drop_duplicates("key")
    # News for the network is progress: interviews for roles that ended badly stay out.
    status = _statuses(tracker)
    interviews = _interviews(tracker, as_of)
    interviews = interviews[~_lookup(interviews["iv_key"], status).isin(ENDED_STATUSES)]
    # Interviews are sorted by date, so those since a contact's last update are the last
    # ones of the list: counting them needs no pairing of every contact with every interview.
    last = core["last_update"].to_numpy(dtype="datetime64[D]")
    never = np.isnat(last)
    held = len(interviews)
    dates = interviews["iv_date"].to_numpy(dtype="datetime64[D]")
    since = np.where(never, held, held - np.searchsorted(dates, last, side="right"))
    waited = (np.datetime64(as_of.date(), "D") - last).astype(np.int64)  # whole days
    interval_passed = never | (waited >= core["every"].to_numpy())
    wanted = (since > 0) & interval_passed
    due: pd.DataFrame = core[wanted].assign(interviews=since[wanted])
    if due.empty:
        return due.assign(why="", draft="")

    latest = interviews.tail(UPDATE_LINES)
    lines = _interview_lines(latest)
    latest_skills = latest["iv_skills"].tolist()
    counts = due["interviews"].tolist()
    # A note lists the most recent interviews only; a long list would bury the ask.
    shown = {n: min(n, UPDATE_LINES) for n in set(counts)}
    listed = {n: "\n".join(lines[len(lines) - shown[n] :]) for n in shown}
    skills = {n: _skills(latest_skills[len(latest_skills) - shown[n] :]) for n in shown}
    days = due["last_update"].tolist()
    offers = _offer_news(interviews, status, due["last_update"]).tolist()
    signature = wording.signature(tracker.settings.your_name)
    # The few contacts due, each written to by name: plain string work, no frame.
    why, draft = [], []
    for n, day, every, contact, news in zip(
        counts, days, due["every"].tolist(), due["contact"].tolist(), offers, strict=True
    ):
        told = wording.count(n, "interview")
        if pd.isna(day):
            why.append(wording.UPDATE_WHY_FIRST.format(told=told))
        else:
            last_update = columns.short_day(day)
            why.append(wording.UPDATE_WHY.format(told=told, last_update=last_update, every=every))
        earlier = n - shown[n]
        more = wording.count(earlier, "earlier interview")
        draft.append(
            wording.UPDATE_DRAFT.format(
                name=columns.greeting_name(contact),
                interviews=listed[n],
                earlier=wording.UPDATE_EARLIER.format(earlier=more) if earlier > 0 else "",
                offers=news,
                skills=wording.UPDATE_SKILLS.format(skills=skills[n]) if skills[n] else "",
                team=wording.UPDATE_TEAM_SKILLS if skills[n] else wording.UPDATE_TEAM,
                signature=signature,
            )
        )
    return due.assign(
        why=pd.Series(why, index=due.index, dtype=object),
        draft=pd.Series(draft, index=due.index, dtype=object),
    )


def _offer_news(interviews: pd.DataFrame, status: pd.Series, last_update: pd.Series) -> pd.Series:
    """Per due contact, a sentence on the offers they have not heard of (an opportunity at
    Offer whose latest round came after their last update), or ""."""
    latest = interviews.drop_duplicates("iv_key", keep="last")
    offers = latest[_lookup(latest["iv_key"], status).eq(OFFER)]
    if offers.empty:
        return pd.Series("", index=last_update.index, dtype=object)
    named = wording.fill(
        wording.UPDATE_OFFER_ROLE,
        pd.DataFrame({"role": offers["iv_role"], "company": offers["iv_company"]}),
    ).tolist()
    days = offers["iv_date"].tolist()  # oldest first, as the interviews are

    def news(since: pd.Timestamp) -> str:
        new = named if pd.isna(since) else named[bisect.bisect_right(days, since) :]
        return wording.UPDATE_OFFERS.format(roles=wording.and_join(new)) if new else ""

    return columns.per_distinct(last_update, news, missing=news(pd.NaT))  # type: ignore[arg-type]


def silent_companies(
    opportunities: pd.DataFrame, steps: pd.DataFrame, as_of: pd.Timestamp
) -> pd.DataFrame:
    """Companies with an opportunity in its silence chain, past its status-email due date.

    ``opportunities`` and ``steps`` are the cadence's frames for ``as_of``.

    One row per company: ``ckey`` (case-folded), ``company``, ``roles`` (text), ``silent_since``
    (the earliest status-email due date), ``interview`` (the latest cycle start).
    """
    ops = opportunities
    status_due = steps.loc[steps["step"] == cadence.STATUS_EMAIL, ["company", "role", "due"]]
    silent = ops[ops["state"] == cadence.SILENCE].merge(status_due, on=["company", "role"])
    silent = silent[silent["due"] < as_of].sort_values(["company", "role"], kind="stable")
    silent = silent.assign(ckey=columns.key(silent["company"]))
    grouped = silent.groupby("ckey", sort=True)
    return pd.DataFrame(
        {
            "company": grouped["company"].first(),
            "roles": grouped["role"].agg(wording.and_join),
            "role_count": grouped.size(),
            "silent_since": grouped["due"].min(),
            "interview": grouped["cycle_start"].max(),
        }
    ).reset_index()


def _advocate_asks(
    tracker: Tracker, contacts: pd.DataFrame, silent: pd.DataFrame, as_of: pd.Timestamp
) -> pd.DataFrame:
    advocate = contacts["relationship"].to_numpy() == ADVOCATE
    advocates = contacts[advocate & (contacts["ckey"].to_numpy() != "")]
    rows = advocates.merge(silent, on="ckey", suffixes=("", "_op"))
    # Asked once in this silence, ask again only after their Update every days.
    touched = rows["last_touch"].to_numpy()
    waited = (np.datetime64(as_of.date(), "D") - touched.astype("datetime64[D]")).astype(np.int64)
    due: pd.DataFrame = rows[
        np.isnat(touched)
        | (touched < rows["silent_since"].to_numpy())
        | (waited >= rows["every"].to_numpy())
    ]
    if due.empty:
        return due.assign(why="", draft="")

    signature = wording.signature(tracker.settings.your_name)
    # The few advocates due, each written to by name: plain string work, no frame.
    why, draft = [], []
    for company, roles, count, since, contact in zip(
        *(
            due[c].tolist()
            for c in ("company_op", "roles", "role_count", "silent_since", "contact")
        ),
        strict=True,
    ):
        named = wording.ROLES.format(roles=roles, word=wording.plural(int(count), "role"))
        day = "" if pd.isna(since) else columns.short_day(since)
        why.append(
            wording.ADVOCATE_WHY.format(company=company, roles=named, since=day, contact=contact)
        )
        draft.append(
            wording.ADVOCATE_DRAFT.format(
                name=columns.greeting_name(contact),
                company=company,
                roles=named,
                the_roles_are=wording.ROLE_IS if count == 1 else wording.ROLES_ARE,
                signature=signature,
            )
        )
    return due.assign(
        why=pd.Series(why, index=due.index, dtype=object),
        draft=pd.Series(draft, index=due.index, dtype=object),
    )


def network_updates(tracker: Tracker, as_of: pd.Timestamp) -> pd.DataFrame:
    """Rows of the Network Updates sheet, columns exactly ``NETWORK_SHEET.keys``.

    Core network contacts due for an update first, then advocate asks; each group ordered
    by Last update (never updated first), then name.
    """
    as_of = pd.Timestamp(as_of).normalize()
    return _network_rows(tracker, _silent(tracker, as_of), as_of)


@remember_latest
def _silent(tracker: Tracker, as_of: pd.Timestamp) -> pd.DataFrame:
    """The silent companies on ``as_of`` (Network Updates and This Week both ask)."""
    ops = cadence.opportunities(tracker, as_of)
    return silent_companies(ops, cadence.steps(tracker, as_of), as_of)


def _network_rows(tracker: Tracker, silent: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    contacts = _contacts(tracker, as_of)
    parts = [
        _core_updates(tracker, contacts, as_of).assign(group=0),
        _advocate_asks(tracker, contacts, silent, as_of).assign(group=1),
    ]
    rows = pd.concat([p for p in parts if not p.empty] or [parts[0]], ignore_index=True)
    rows = rows.sort_values(["group", "last_update", "contact"], na_position="first", kind="stable")
    rows = rows.assign(done="", snooze="")
    out = rows.reindex(columns=list(NETWORK_SHEET.keys)).reset_index(drop=True)
    out[list(_TEXT_COLUMNS)] = out[list(_TEXT_COLUMNS)].fillna("").astype(str)
    out["last_update"] = columns.dates(out["last_update"]).astype("datetime64[ns]")
    return out


def _today_row(due: pd.Timestamp, step: str, **columns: object) -> dict[str, object]:
    """One This Week row due today, by column; columns not given are blank."""
    row = dict.fromkeys(THIS_WEEK_SHEET.keys, "") | {"when": TODAY, "due": due, "step": step}
    return row | columns


def _last_contacted(tracker: Tracker, as_of: pd.Timestamp) -> pd.Series:
    """Per contact (case-folded name), the latest Search, Log or History row naming them
    (History: anything ticked for them, an update included), up to ``as_of``."""
    named = [
        pd.DataFrame(
            {"key": columns.key(columns.text(f, "contact")), "date": columns.dates(f["date"])}
        )
        for f in (tracker.search, tracker.log, tracker.history)
        if "date" in f
    ]
    rows = pd.concat(named, ignore_index=True)
    rows = rows[(rows["key"] != "") & rows["date"].notna() & (rows["date"] <= as_of)]
    return rows.groupby("key")["date"].max()


def _coming_rounds(tracker: Tracker, as_of: pd.Timestamp, days: int) -> pd.DataFrame:
    """The rounds booked after ``as_of`` on the first day of the window of ``days`` days
    that has one (``_interviews``' columns; empty when none): a weekly user's glow calls
    fall due that day, before the next refresh (SPEC section 5, Glow window). A round of
    an opportunity already closed is not going to happen."""
    last = as_of + pd.Timedelta(days=days - 1)
    booked = rounds.keyed_rounds(tracker)["interview_date"]
    if not booked.between(as_of, last, inclusive="right").any():
        return _interviews(tracker, as_of).iloc[:0]
    held = rounds.held(tracker.interviews, last)
    coming = pd.DataFrame(
        {
            "iv_date": held["interview_date"],
            "iv_company": held["company"],
            "iv_role": held["role"],
            "iv_key": held["ck"] + "|" + held["rk"],
        }
    )
    coming = coming[coming["iv_date"] > as_of]
    coming = coming[~_lookup(coming["iv_key"], _statuses(tracker)).isin(ENDED_STATUSES)]
    first: pd.DataFrame = coming[coming["iv_date"] == coming["iv_date"].min()]
    return first


def _glow_done(tracker: Tracker, since: pd.Timestamp) -> bool:
    """Whether the glow calls were done on or after ``since``, the day of the latest round
    they follow: ticked (History) or logged (a glow-calls row of Log). Done, they are not
    listed again for that round (SPEC 6: a ticked action is done)."""
    done = [
        columns.dates(frame["date"])[columns.text(frame, "step").eq(GLOW_CALLS)]
        for frame in (tracker.history, tracker.log)
        if "date" in frame and "step" in frame
    ]
    return any(bool(days.ge(since).any()) for days in done)


def _glow_row(
    tracker: Tracker, as_of: pd.Timestamp, network: pd.DataFrame, days: int = 1
) -> dict[str, object] | None:
    """The glow-calls row: due today within Glow window days of a round held, else due on
    the day of the first round booked in the window of ``days`` days (SPEC section 5)."""
    iv = _interviews(tracker, as_of)
    recent = iv[(as_of - iv["iv_date"]).dt.days <= tracker.settings.glow_days]
    due = as_of
    if recent.empty:
        recent = _coming_rounds(tracker, as_of, days)
        if recent.empty:
            return None
        due = recent["iv_date"].iloc[0]
    if _glow_done(tracker, recent["iv_date"].max()):
        return None
    named = wording.fill(
        wording.GLOW_INTERVIEW,
        pd.DataFrame(
            {
                "company": recent["iv_company"],
                "role": recent["iv_role"],
                "day": columns.day_text(recent["iv_date"]),
            }
        ),
    )
    # A panel is one interview however many people sat on it.
    held = named.drop_duplicates()
    interviews = wording.and_join(held)
    contacts = _contacts(tracker, as_of)
    contacted = columns.dates(_lookup(contacts["key"], _last_contacted(tracker, as_of)))
    touched = contacts["last_touch"].where(~(contacted > contacts["last_touch"]), contacted)
    contacts = contacts.assign(last_touch=touched.fillna(contacted))
    # Not whoever was contacted within their Update every days, nor anyone the Network
    # Updates already ask the user to write to today (SPEC section 5, Glow window).
    lately = (as_of - contacts["last_touch"]).dt.days < contacts["every"]
    today = contacts["key"].isin(set(columns.key(network["contact"])))
    contacts = contacts[~lately & ~today].sort_values(
        ["last_touch", "row"], na_position="first", kind="stable"
    )
    quiet = contacts.head(GLOW_CONTACTS)
    since = wording.fill_each(
        np.where(quiet["last_touch"].notna(), wording.GLOW_SINCE, wording.GLOW_NEVER),
        columns.day_text(quiet["last_touch"]).to_frame("day"),
    )
    phone = wording.optional(wording.GLOW_PHONE, quiet[["phone"]], quiet["phone"] != "")
    lines = wording.fill(
        wording.GLOW_CONTACT,
        pd.DataFrame({"contact": quiet["contact"], "phone": phone, "since": since}),
    )
    who = wording.and_join(quiet["contact"]) if len(quiet) else wording.GLOW_NOBODY
    many = len(held) > 1
    why = wording.GLOW_WHY.format(
        interviews_at=wording.GLOW_INTERVIEWS_AT if many else wording.GLOW_INTERVIEW_AT,
        interviews=interviews,
        days=tracker.settings.glow_days,
    )
    me = tracker.settings.your_name.strip()
    hello = wording.GLOW_HELLO.format(name=me) if me else wording.GLOW_HELLO_NAMELESS
    call_list = wording.GLOW_CALL_LIST.format(lines="\n".join(lines)) if len(quiet) else ""
    return _today_row(
        due,
        GLOW_CALLS,
        when=TODAY if due == as_of else THIS_WEEK_WHEN,
        action=wording.GLOW_ACTION.format(who=who),
        channel="Phone",
        why=why,
        draft=wording.GLOW_DRAFT.format(call_list=call_list, hello=hello),
    )


def _search_row(bal: Balance) -> dict[str, object] | None:
    if bal.offer or not (bal.stalling or bal.crowded_out or bal.must_go_on):
        return None
    needed = bal.needed
    action = (
        wording.SEARCH_ACTION.format(
            needed=needed, activities=wording.plural(needed, "activity", "activities")
        )
        if needed
        else wording.SEARCH_ACTION_MET
    )
    why = wording.SEARCH_WHY.format(
        last_days=BALANCE_PERIOD.capitalize(),
        period=bal.period,
        searches=wording.opportunity_activities(bal.searches),
        target=bal.target,
        followups=wording.count(bal.followups, "follow-up"),
    )
    if bal.crowded_out:
        why += wording.SEARCH_WHY_CROWDED
    if bal.must_go_on:
        why += wording.SEARCH_WHY_GO_ON
    return _today_row(bal.end, SEARCH_TARGET, action=action, why=why, draft=wording.SEARCH_DRAFT)


def this_week_rows(
    tracker: Tracker,
    as_of: pd.Timestamp,
    updates: pd.DataFrame | None = None,
    days: int = 1,
) -> pd.DataFrame:
    """The This Week rows of SPEC section 5, columns exactly ``THIS_WEEK_SHEET.keys``.

    ``network-update`` and ``ask-advocate`` (one per Network Updates row, taken from
    ``updates`` when the caller already has them), ``glow-calls`` and ``search-target``;
    all due today, but for glow calls due on the day of a round booked in the window of
    ``days`` days from ``as_of`` (This week).
    """
    as_of = pd.Timestamp(as_of).normalize()
    silent = _silent(tracker, as_of)
    network = _network_rows(tracker, silent, as_of) if updates is None else updates
    asks = network["relationship"].to_numpy() == ADVOCATE
    # Each row's silent company, if any: a few rows, looked up and written as plain lists.
    at = (
        pd.Index(silent["ckey"])
        .get_indexer(columns.keys(columns.text_values(network, "company")))
        .tolist()
    )
    silent_roles, silent_count, silent_company = (
        silent[c].tolist() for c in ("roles", "role_count", "company")
    )
    roles: list[object] = []
    company: list[object] = []
    action: list[object] = []
    for contact, ask, found in zip(network["contact"].tolist(), asks.tolist(), at, strict=True):
        role = silent_roles[found] if ask and found >= 0 else ""
        count = silent_count[found] if found >= 0 else 1
        roles.append(role)
        company.append(silent_company[found] if ask and found >= 0 else "")
        named = wording.ROLES.format(roles=role, word=wording.plural(int(count), "role"))
        template = wording.ADVOCATE_ACTION if ask else wording.UPDATE_ACTION
        action.append(template.format(contact=contact, roles=named, company=company[-1]))
    blank: list[object] = [""] * len(network)
    rows: dict[str, list[object]] = {
        "when": [TODAY] * len(network),
        "due": [as_of] * len(network),
        "company": company,
        "role": roles,
        "step": np.where(asks, ASK_ADVOCATE, NETWORK_UPDATE).tolist(),
        "action": action,
        "channel": ["Email"] * len(network),
        "contact": network["contact"].tolist(),
        "time": blank,
        "why": network["why"].tolist(),
        "draft": network["draft"].tolist(),
        "done": blank,
        "snooze": blank,
        "note": blank,
    }
    glow = _glow_row(tracker, as_of, network, days)
    search = _search_row(balance(tracker, as_of, cadence.opportunities(tracker, as_of)))
    extra = [row for row in (glow, search) if row is not None]
    out = pd.DataFrame({key: [*rows[key], *(row[key] for row in extra)] for key in rows})
    text = [col for col in THIS_WEEK_SHEET.keys if col != "due"]
    out[text] = out[text].fillna("").astype(str)
    out["due"] = columns.dates(out["due"]).astype("datetime64[ns]")
    return out
