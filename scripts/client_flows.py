"""The family flow and the staff flow, run by a client generated from
api-spec/openapi.json by a third-party generator (openapi-python-client),
against a running `heard serve` holding the demo district.

    python3 scripts/client_flows.py BASE_URL CLIENT_DIR

CLIENT_DIR holds the generated package `heard_api_client`. Every call goes
through the generated functions and models only, and is checked against
what the spec says it answers: an answer the spec does not describe fails
the run (the client is made with raise_on_unexpected_status).
"""

import os
import sys
import uuid

base, client_dir = sys.argv[1], sys.argv[2]
sys.path.insert(0, client_dir)

from heard_api_client import AuthenticatedClient, Client  # noqa: E402
from heard_api_client.api.inbox import (  # noqa: E402
    add_message,
    assign_inquiry,
    get_inquiry,
    list_inquiries,
    list_teams,
    set_inquiry_status,
)
from heard_api_client.api.admin import (  # noqa: E402
    export_units,
    import_calendar,
    import_units,
)
from heard_api_client.api.portal import get_portal, submit_inquiry  # noqa: E402
from heard_api_client.api.reports import get_summary, list_goals  # noqa: E402
from heard_api_client.api.staff import get_me, refresh_tokens, sign_in, sign_out  # noqa: E402
from heard_api_client.types import File  # noqa: E402
from heard_api_client.api.tracking import (  # noqa: E402
    give_feedback,
    reply_to_inquiry,
    track_inquiry,
)
from heard_api_client.models import (  # noqa: E402
    ActorRequester,
    ActorStaff,
    ActorSystem,
    AssignForm,
    CalendarImport,
    CaseEventAssigned,
    CaseEventCreated,
    CaseEventFeedbackReceived,
    CaseEventMessageAdded,
    CaseEventRerouted,
    CaseEventStatusChanged,
    FeedbackForm,
    FeedbackView,
    ImportReport,
    InboxPage,
    InquiryDetail,
    Kind,
    ListInquiriesView,
    LoginRequest,
    LoginResponse,
    LogoutRequest,
    Me,
    NewInquiry,
    PillarRatings,
    Portal,
    Problem,
    PublicMessage,
    RefreshRequest,
    ReplyForm,
    RequesterForm,
    RequesterRole,
    StaffMessageForm,
    StatusAction,
    StatusForm,
    SubmitReceipt,
    SummaryReport,
    TeamList,
    TrackedInquiry,
)

DISTRICT = "lakeview"
PASSWORD = os.environ.get("HEARD_DEMO_PASSWORD", "lakeview-demo")


def step(what):
    print(f"  ok  {what}")


def expect(response, status, model):
    assert response.status_code == status, (
        f"expected {status}, got {response.status_code}: {response.content!r}"
    )
    assert isinstance(response.parsed, model), f"{type(response.parsed)} is not {model}"
    return response.parsed


public = Client(base_url=base, raise_on_unexpected_status=True)

# The family: the portal, a submission (retried with the same key), the
# tracking page.
portal = expect(get_portal.sync_detailed(DISTRICT, client=public), 200, Portal)
topic = next(t for t in portal.topics if t.name == "Bus & transportation")
step(f"portal of {portal.district.name}: {len(portal.topics)} topics")
form = NewInquiry(
    kind=Kind.QUESTION,
    topic_id=topic.id,
    subject="Bus stop change",
    body="Can the morning stop move to Elm Street?",
    requester=RequesterForm(
        role=RequesterRole.PARENT,
        name="Maria Lopez",
        email="maria.client@example.org",
        preferred_language="es",
    ),
    anonymous=False,
)
key = str(uuid.uuid4())
receipt = expect(
    submit_inquiry.sync_detailed(DISTRICT, client=public, body=form, idempotency_key=key),
    201,
    SubmitReceipt,
)
again = expect(
    submit_inquiry.sync_detailed(DISTRICT, client=public, body=form, idempotency_key=key),
    201,
    SubmitReceipt,
)
assert (again.id, again.tracking_token) == (receipt.id, receipt.tracking_token)
step(f"submitted {receipt.reference} to {receipt.team.name}; a retry got the same receipt")
bad = NewInquiry.from_dict({**form.to_dict(), "subject": " "})
problem = expect(submit_inquiry.sync_detailed(DISTRICT, client=public, body=bad), 422, Problem)
assert [(e.field, e.code.value) for e in problem.errors] == [("subject", "required")]
step("a blank subject is refused, naming the field and its code")
tracked = expect(
    track_inquiry.sync_detailed(receipt.tracking_token, client=public), 200, TrackedInquiry
)
assert tracked.status.value == "new" and not tracked.feedback_open
step("the family follows it by its tracking link")

# Staff: sign in, find it in the team's queue, note, reply, assign, resolve.
login = expect(
    sign_in.sync_detailed(
        client=public,
        body=LoginRequest(
            district=DISTRICT, email="transportation@lakeview.example", password=PASSWORD
        ),
    ),
    200,
    LoginResponse,
)
staff = AuthenticatedClient(base_url=base, token=login.access_token, raise_on_unexpected_status=True)
me = expect(get_me.sync_detailed(client=staff), 200, Me)
step(f"signed in as {me.name} ({', '.join(r.value for r in me.roles)})")
page = expect(
    list_inquiries.sync_detailed(client=staff, view=ListInquiriesView.TEAM, limit=200),
    200,
    InboxPage,
)
assert any(item.id == receipt.id for item in page.items), "in the team's queue"
step(f"found in the team's queue of {len(page.items)}")
case = expect(get_inquiry.sync_detailed(receipt.id, client=staff), 200, InquiryDetail)
assert isinstance(case.events[0].event, CaseEventCreated)
assert isinstance(case.events[0].actor, ActorSystem)
assert isinstance(case.events[1].event, CaseEventAssigned)
step("the case opens with its typed timeline: created, routed")
case = expect(
    add_message.sync_detailed(
        receipt.id,
        client=staff,
        body=StaffMessageForm(body="Checking with dispatch.", internal=True),
        if_match=f'"{case.version}"',
    ),
    201,
    InquiryDetail,
)
case = expect(
    add_message.sync_detailed(
        receipt.id,
        client=staff,
        body=StaffMessageForm(body="The stop moves to Elm Street on Monday."),
        if_match=f'"{case.version}"',
    ),
    201,
    InquiryDetail,
)
assert case.status.value == "in_progress" and case.first_response_at
step("a note, then a reply that starts the work")
stale = expect(
    set_inquiry_status.sync_detailed(
        receipt.id,
        client=staff,
        body=StatusForm(status=StatusAction.RESOLVED),
        if_match='"1"',
    ),
    412,
    Problem,
)
assert stale.type_.endswith("/stale")
step("a change based on an old version is refused (412)")
teams = expect(list_teams.sync_detailed(client=staff), 200, TeamList)
team = next(t for t in teams.items if t.id == case.team.id)
case = expect(
    assign_inquiry.sync_detailed(
        receipt.id,
        client=staff,
        body=AssignForm(team_id=team.id, assignee_id=me.id, reason="I will follow up"),
        if_match=f'"{case.version}"',
    ),
    200,
    InquiryDetail,
)
assert case.assignee and case.assignee.id == me.id
case = expect(
    set_inquiry_status.sync_detailed(
        receipt.id,
        client=staff,
        body=StatusForm(status=StatusAction.RESOLVED),
        if_match=f'"{case.version}"',
    ),
    200,
    InquiryDetail,
)
assert case.status.value == "resolved"
kinds = [type(e.event) for e in case.events]
assert CaseEventMessageAdded in kinds and CaseEventStatusChanged in kinds
assert all(isinstance(e.actor, ActorStaff) for e in case.events[2:])
step("assigned to themselves and resolved")

# The family again: sees the reply, rates, replies.
tracked = expect(
    track_inquiry.sync_detailed(receipt.tracking_token, client=public), 200, TrackedInquiry
)
assert tracked.feedback_open
assert [m.body for m in tracked.messages] == ["The stop moves to Elm Street on Monday."]
step("the family sees the reply, not the note, and may rate it")
rating = expect(
    give_feedback.sync_detailed(
        receipt.tracking_token,
        client=public,
        body=FeedbackForm(
            overall=9,
            pillars=PillarRatings(courtesy=5, communication=5, responsiveness=4),
            recommend=10,
            comment="Thank you!",
        ),
    ),
    201,
    FeedbackView,
)
assert rating.overall == 9
twice = expect(
    give_feedback.sync_detailed(
        receipt.tracking_token,
        client=public,
        body=FeedbackForm(overall=1, pillars=PillarRatings(courtesy=1, communication=1, responsiveness=1)),
    ),
    409,
    Problem,
)
assert twice.type_.endswith("/feedback-given")
reply = expect(
    reply_to_inquiry.sync_detailed(
        receipt.tracking_token, client=public, body=ReplyForm(body="Thanks, Monday works.")
    ),
    201,
    PublicMessage,
)
assert reply.author.value == "requester"
case = expect(get_inquiry.sync_detailed(receipt.id, client=staff), 200, InquiryDetail)
assert isinstance(case.events[-1].actor, ActorRequester)
assert any(isinstance(e.event, CaseEventFeedbackReceived) for e in case.events)
assert case.status.value == "in_progress", "the family's reply reopened it"
step("rated once (a second rating is refused), then a reply that reopens the case")

# Leadership reads the figures; the agent may not.
lead = expect(
    sign_in.sync_detailed(
        client=public,
        body=LoginRequest(
            district=DISTRICT, email="superintendent@lakeview.example", password=PASSWORD
        ),
    ),
    200,
    LoginResponse,
)
analyst = AuthenticatedClient(base_url=base, token=lead.access_token, raise_on_unexpected_status=True)
summary = expect(get_summary.sync_detailed(client=analyst), 200, SummaryReport)
assert summary.received >= 1
expect(list_goals.sync_detailed(client=analyst), 200, object)
expect(get_summary.sync_detailed(client=staff), 403, Problem)
refused = expect(
    set_inquiry_status.sync_detailed(
        receipt.id,
        client=analyst,
        body=StatusForm(status=StatusAction.RESOLVED),
        if_match=f'"{case.version}"',
    ),
    403,
    Problem,
)
step(f"the superintendent reads the summary ({summary.received} received) and changes no case")

# The admin: files go up as they are (a spreadsheet, a school calendar).
admin_login = expect(
    sign_in.sync_detailed(
        client=public,
        body=LoginRequest(district=DISTRICT, email="admin@lakeview.example", password=PASSWORD),
    ),
    200,
    LoginResponse,
)
admin = AuthenticatedClient(
    base_url=base, token=admin_login.access_token, raise_on_unexpected_status=True
)
sheet = expect(export_units.sync_detailed(client=admin), 200, str)
rows = len(sheet.strip().splitlines()) - 1
checked = expect(
    import_units.sync_detailed(
        client=admin, body=File(payload=sheet.encode(), file_name="units.csv"), dry_run=True
    ),
    200,
    ImportReport,
)
assert (checked.unchanged, checked.stored, len(checked.rows)) == (rows, False, rows), checked
headless = expect(
    import_units.sync_detailed(client=admin, body=File(payload=b"", file_name="empty.csv")),
    422,
    Problem,
)
assert [e.field for e in headless.errors] == ["body"], headless
step(f"the units spreadsheet ({rows} rows) goes out and back unchanged; an empty file is refused")
ics = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//client//EN\r\n"
    "BEGIN:VEVENT\r\nUID:winter@client\r\nDTSTAMP:20261201T000000Z\r\n"
    "DTSTART;VALUE=DATE:20261221\r\nDTEND;VALUE=DATE:20270102\r\n"
    "SUMMARY:Winter break\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)
calendar = expect(
    import_calendar.sync_detailed(
        client=admin, body=File(payload=ics.encode(), file_name="breaks.ics")
    ),
    200,
    CalendarImport,
)
assert [c.name for c in calendar.closures] == ["Winter break"], calendar
expect(
    import_units.sync_detailed(
        client=staff, body=File(payload=sheet.encode(), file_name="units.csv"), dry_run=True
    ),
    403,
    Problem,
)
step("an iCalendar file reads as its closures; an agent may not import")

# Tokens: a refresh rotates them; signing out ends the session at once.
fresh = expect(
    refresh_tokens.sync_detailed(
        client=public, body=RefreshRequest(refresh_token=login.refresh_token)
    ),
    200,
    LoginResponse,
)
used = expect(
    refresh_tokens.sync_detailed(
        client=public, body=RefreshRequest(refresh_token=login.refresh_token)
    ),
    401,
    Problem,
)
out = sign_out.sync_detailed(client=public, body=LogoutRequest(refresh_token=fresh.refresh_token))
assert out.status_code == 204, out.status_code
after = AuthenticatedClient(base_url=base, token=fresh.access_token, raise_on_unexpected_status=True)
expect(get_me.sync_detailed(client=after), 401, Problem)
step("a refresh token works once; after signing out the access token is refused")
print("client flows: all passed")
