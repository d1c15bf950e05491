// The district's staff, for its admins.
//
// An admin finds people by name or email and by standing; a search that
// finds no one says so, and a district with nobody yet says what to do.
// They invite someone (problems said at each field, an email already on
// the staff refused with the server's reason), send a new invitation,
// change a member's roles, teams and time away (a change based on a
// member someone else changed since is refused with the admin's typing
// kept; a reload takes the other change in and keeps theirs), and
// deactivate an agent after a question: the page says where each of
// their open inquiries went. Then they reactivate them. The staff download
// as a spreadsheet, and a file invites after a dry run shows what each row
// does. axe audits every
// state at desktop and phone widths, and the page in Spanish.
//
// Every spec shares one demo server: people this spec invites have names
// of their own; demo members it changes are put back as they were.
import { APIRequestContext, Page } from "@playwright/test";
import {
  test,
  expect,
  expectAccessible,
  adminAt,
  adminShot,
  demo,
  desktop,
  fileInquiry,
  overflowOf,
  phone,
  staffApi,
  staffCall,
  staffLogin,
  StaffSession,
} from "../fixtures";
import { AdminStaffPage } from "../pages";

interface Ref {
  id: string;
  name: string;
}
interface Member {
  id: string;
  name: string;
  email: string;
  roles: string[];
  teams: Ref[];
  languages: string[];
  standing: "invited" | "active" | "deactivated";
  away: { from: string; until: string } | null;
  invitation_expires_at: string | null;
  version: number;
}
interface HandedOver {
  inquiry_id: string;
  reference: string;
  team: Ref;
  assignee: Ref | null;
}

const prefix = "E2E Staff";

async function memberNamed(request: APIRequestContext, admin: StaffSession, name: string): Promise<Member> {
  const page = await staffApi(request, admin, "GET", `/admin/staff?limit=200&q=${encodeURIComponent(name)}`);
  const found = page.items.find((m: Member) => m.name === name);
  if (!found) throw new Error(`nobody named ${name}`);
  return found;
}

async function teamId(request: APIRequestContext, admin: StaffSession, name: string): Promise<string> {
  const page = await staffApi(request, admin, "GET", "/admin/teams?limit=200");
  const team = page.items.find((t: Ref) => t.name === name);
  if (!team) throw new Error(`no team named ${name}`);
  return team.id;
}

/** Invites someone of this spec's own through the API. */
async function invited(request: APIRequestContext, admin: StaffSession, what: string): Promise<Member> {
  const stamp = `${Date.now()}-${Math.floor(Math.random() * 1000)}`;
  const name = `${prefix} ${what} ${stamp}`;
  await staffApi(request, admin, "POST", "/admin/staff/invitations", {
    data: { email: `e2e-staff-${stamp}@lakeview.example`, name, roles: ["agent"], team_ids: [], languages: ["en"] },
  });
  return memberNamed(request, admin, name);
}

/** Gives inquiry `id` to `assignee` in `team`. */
async function assign(request: APIRequestContext, admin: StaffSession, id: string, team: string, assignee: string) {
  const { version } = await staffApi(request, admin, "GET", `/inquiries/${id}`);
  await staffApi(request, admin, "POST", `/inquiries/${id}/assign`, {
    data: { team_id: team, assignee_id: assignee, reason: "Back with them after the staff spec" },
    version,
  });
}

async function open(browser: Parameters<typeof adminAt>[0], baseURL: string | undefined, admin: StaffSession, where = "/staff/admin/staff", opts: Parameters<typeof adminAt>[4] = {}): Promise<[Page, AdminStaffPage]> {
  const page = await adminAt(browser, baseURL, admin, where, opts);
  const staff = new AdminStaffPage(page);
  await expect(staff.heading).toBeVisible();
  return [page, staff];
}

test.describe("staff", () => {
  test.afterAll(async ({ request }) => {
    // Those this spec invited stay listed, deactivated, as anyone who left.
    const admin = await staffLogin(request, demo.admin);
    const page = await staffApi(request, admin, "GET", `/admin/staff?limit=200&q=${encodeURIComponent(prefix)}`);
    for (const m of page.items as Member[]) {
      if (m.standing === "deactivated") continue;
      const resp = await staffCall(request, admin, "POST", `/admin/staff/${m.id}/deactivate`, { version: m.version });
      expect(resp.status(), `deactivating ${m.name}: ${await resp.text()}`).toBe(200);
    }
  });

  test("an admin finds staff by name and standing", async ({ browser, baseURL, request }) => {
    const admin = await staffLogin(request, demo.admin);
    const page = await adminAt(browser, baseURL, admin, "/staff");
    await page.getByRole("navigation", { name: "Staff" }).getByRole("link", { name: "Staff", exact: true }).click();
    await expect(page).toHaveURL(/\/staff\/admin\/staff$/);
    await expect(page).toHaveTitle("Staff – Heard");
    const staff = new AdminStaffPage(page);
    await expect(staff.row("Dana Whitfield")).toContainText("Administrator");
    await expect(staff.row("Dana Whitfield")).toContainText("admin@lakeview.example");
    await expect(staff.row("Dana Whitfield")).toContainText("District Front Office");
    await expect(staff.row("Grace Okafor")).toContainText("Agent, Front-office recorder");
    await expect(staff.row("Marcus Reed").locator(".heard-standing")).toHaveText("Active");
    await expectAccessible(page, "the staff list");
    await adminShot(page, "staff-list-desktop");

    await staff.search.fill("HERNÁNDEZ");
    await staff.apply.click();
    await expect(page).toHaveURL(/\?q=HERN%C3%81NDEZ$/);
    await expect.poll(() => staff.names()).toEqual(["Lucía Hernández"]);

    // An invitation not accepted in time says so.
    const late = await invited(request, admin, "Late");
    await page.route(`**/api/v1/admin/staff?*`, async (route) => {
      const resp = await route.fetch();
      const body = await resp.json();
      for (const m of body.items) {
        if (m.id === late.id) m.invitation_expires_at = "2026-01-01T00:00:00Z";
      }
      await route.fulfill({ response: resp, json: body });
    });
    await staff.search.fill("");
    await staff.standing.selectOption({ label: "Invited" });
    await staff.apply.click();
    await expect(page).toHaveURL(/\?standing=invited$/);
    await expect(staff.row(late.name)).toContainText("Invitation expired");
    for (const s of await staff.table.locator(".heard-standing").allTextContents()) expect(s).toBe("Invited");
    await adminShot(page, "staff-invited-desktop");

    await staff.search.fill("nobody-is-called-this");
    await staff.standing.selectOption({ label: "Everyone" });
    await staff.apply.click();
    await expect(staff.empty).toContainText("No one matches your search.");
    await expectAccessible(page, "a search that finds no one");
    await staff.empty.getByRole("link", { name: "Show everyone" }).click();
    await expect(staff.row("Dana Whitfield")).toBeVisible();
    await expect(staff.search).toHaveValue("");
    await page.context().close();
  });

  test("more staff load by hand, and a district with nobody yet is told what to do", async ({ browser, baseURL, request }) => {
    const admin = await staffLogin(request, demo.admin);
    const page = await adminAt(browser, baseURL, admin, "/staff");
    // The first page cut after three people, the rest after the third.
    await page.route("**/api/v1/admin/staff?*", async (route) => {
      const url = new URL(route.request().url());
      const resp = await route.fetch();
      const body = await resp.json();
      if (!url.searchParams.get("cursor")) {
        body.items = body.items.slice(0, 3);
        body.next_cursor = body.items[2].id;
      }
      await route.fulfill({ response: resp, json: body });
    });
    await page.goto("/staff/admin/staff");
    const staff = new AdminStaffPage(page);
    await expect(staff.table.locator("tbody tr")).toHaveCount(3);
    const first = await staff.names();
    await staff.loadMore.click();
    await expect(staff.loadMore).toHaveCount(0);
    const all = await staff.names();
    expect(all.length).toBeGreaterThan(3);
    expect(all.slice(0, 3)).toEqual(first);
    expect(new Set(all).size).toBe(all.length);

    await page.unroute("**/api/v1/admin/staff?*");
    await page.route("**/api/v1/admin/staff?*", (route) => route.fulfill({ json: { items: [], next_cursor: null } }));
    await page.goto("/staff/admin/staff");
    await expect(staff.empty).toHaveText(/^No staff yet\. Invite the people who answer families/);
    await expect(staff.invite).toBeVisible();
    await expectAccessible(page, "no staff yet");
    await adminShot(page, "staff-empty-desktop");
    await page.context().close();
  });

  test("an admin invites someone; problems are said at their fields", async ({ browser, baseURL, request }) => {
    const admin = await staffLogin(request, demo.admin);
    const [page, staff] = await open(browser, baseURL, admin);
    await staff.invite.click();
    await expect(page.getByRole("heading", { name: "Invite a staff member", level: 2 })).toBeFocused();
    await staff.sendInvitation.click();
    await expect(staff.errorSummary).toBeFocused();
    await expect(staff.errorSummary.getByRole("link")).toHaveText([
      "Email is required",
      "Name is required",
      "Roles is required",
    ]);
    await expect(page.locator("#f-name-error")).toHaveText("Name is required");
    await expect(staff.email).toHaveAttribute("aria-invalid", "true");
    await expect(staff.group("Roles")).toHaveAttribute("aria-describedby", /f-roles-error/);
    await expectAccessible(page, "the invitation with problems");
    await adminShot(page, "staff-invite-errors-desktop");
    await staff.errorSummary.getByRole("link", { name: "Roles is required" }).click();
    await expect(staff.group("Roles")).toBeFocused();

    // An email already on the staff is refused with the server's reason.
    await staff.email.fill("transportation@lakeview.example");
    await staff.name.fill(`${prefix} Marcus Again`);
    await staff.tick("Roles", "Agent");
    await staff.sendInvitation.click();
    await expect(page.getByRole("alert").filter({ hasText: "Not invited:" })).toContainText("transportation@lakeview.example");

    const stamp = Date.now();
    const name = `${prefix} Avery Brooks ${stamp}`;
    const email = `e2e-avery-${stamp}@lakeview.example`;
    await staff.email.fill(email);
    await staff.name.fill(name);
    await staff.tick("Roles", "Team lead");
    await staff.tick("Teams", "Nutrition Team");
    await staff.tick("Teams", "Enrollment Team");
    await staff.tick("Languages", "Español");
    await staff.sendInvitation.click();
    await expect(staff.notice).toHaveText(`${name} invited. The invitation is on its way to ${email}.`);
    await expect(staff.notice).toBeFocused();
    await expect(staff.row(name)).toContainText("Team lead, Agent");
    await expect(staff.row(name).locator(".heard-standing")).toHaveText("Invited");
    await expect(staff.row(name)).toContainText("Enrollment Team, Nutrition Team");
    const made = await memberNamed(request, admin, name);
    expect(made.roles.sort()).toEqual(["agent", "lead"]);
    expect(made.languages).toEqual(["es"]);
    expect(made.standing).toBe("invited");
    await adminShot(page, "staff-invited-notice-desktop");

    // A new link for someone who has not joined yet.
    await staff.reinvite(name).click();
    await expect(staff.notice).toContainText(`A new invitation is on its way to ${name} at ${email}; its link works until`);
    await page.context().close();
  });

  test("an admin downloads the staff, and invites from a file after seeing what each row does", async ({ browser, baseURL, request }) => {
    const admin = await staffLogin(request, demo.admin);
    const [page] = await open(browser, baseURL, admin);
    const spreadsheet = page.getByRole("region", { name: "Spreadsheet" });
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      spreadsheet.getByRole("button", { name: "Download the staff as a spreadsheet (CSV)" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("staff.csv");
    const { readFileSync } = await import("node:fs");
    const exported = readFileSync((await download.path())!, "utf8");
    expect(exported.split("\n")[0]).toBe("name,email,roles,teams,languages");
    expect(exported).toContain("transportation@lakeview.example");

    const stamp = Date.now();
    const quinn = `${prefix} Quinn File ${stamp}`;
    const email = `e2e-quinn-${stamp}@lakeview.example`;
    const file = page.getByLabel("Invite and change staff from a CSV file");
    const choose = (text: string) => file.setInputFiles({ name: "staff.csv", mimeType: "text/csv", buffer: Buffer.from(text) });
    // A first try with a team the district does not have: nothing is stored.
    const broken = `name,email,roles,teams,languages\n${quinn},${email},agent,"Enrollment Team; Night Shift",en; es\n`;
    await choose(broken);
    const report = spreadsheet.locator(".heard-import__report");
    await expect(report).toContainText("staff.csv: 0 to add, 0 to change, 0 as they are, 1 with a problem. Nothing is stored yet.");
    const rows = report.getByRole("table", { name: "The rows that add, change or have a problem" });
    await expect(rows.getByRole("row", { name: new RegExp(email) })).toContainText("Teams is not one of this district's choices");
    await expect(report.getByRole("button", { name: /^Import/ })).toHaveCount(0);
    await expectAccessible(page, "a staff file with a problem");
    await adminShot(page, "staff-import-refused-desktop");

    // Fixed, chosen again, imported: Quinn is invited.
    await choose(broken.replace("; Night Shift", ""));
    await expect(report).toContainText("staff.csv: 1 to add, 0 to change, 0 as they are, 0 with a problem.");
    await report.getByRole("button", { name: "Import the file: 1 to add or change" }).click();
    await expect(spreadsheet.getByText("Imported: 1 added, 0 changed.")).toBeVisible();
    const made = await memberNamed(request, admin, quinn);
    expect(made.standing).toBe("invited");
    expect(made.languages).toEqual(["en", "es"]);
    expect(made.teams.map((t) => t.name)).toEqual(["Enrollment Team"]);
    await adminShot(page, "staff-imported-desktop");
    await page.context().close();
  });

  test("an admin changes a member's roles, teams and time away", async ({ browser, baseURL, request }) => {
    const admin = await staffLogin(request, demo.admin);
    const member = await invited(request, admin, "Change");
    const [page, staff] = await open(browser, baseURL, admin);
    await staff.change(member.name).click();
    await expect(page.getByRole("heading", { name: `Change ${member.name}`, level: 2 })).toBeFocused();
    await expect(staff.box("Roles", "Agent")).toBeChecked();
    await expect(staff.editor).toContainText(member.email);
    await expectAccessible(page, "a member's form");
    await adminShot(page, "staff-edit-desktop");

    // One date alone is refused here; a last day before the first by the server.
    await staff.awayFrom.fill("2026-12-21");
    await staff.saveChanges.click();
    await expect(staff.errorSummary.getByRole("link")).toHaveText(["Last day away is required"]);
    await staff.awayUntil.fill("2026-12-01");
    await staff.saveChanges.click();
    await expect(page.locator("#f-away-until-error")).toHaveText("The last day away must be on or after the first");
    await expect(staff.awayUntil).toHaveAttribute("aria-describedby", "f-away-until-error");
    await expectAccessible(page, "a member's form with a problem");
    await adminShot(page, "staff-edit-errors-desktop");

    await staff.awayUntil.fill("2027-01-04");
    await staff.tick("Roles", "Agent", false);
    await staff.tick("Roles", "Analyst");
    await staff.tick("Teams", "Technology Help Desk");
    await staff.saveChanges.click();
    await expect(staff.notice).toHaveText(`${member.name} saved.`);
    await expect(staff.row(member.name)).toContainText("Analyst");
    await expect(staff.row(member.name)).toContainText("Technology Help Desk");
    let now = await memberNamed(request, admin, member.name);
    expect(now.roles).toEqual(["analyst"]);
    expect(now.teams.map((t) => t.name)).toEqual(["Technology Help Desk"]);
    expect(now.away).toEqual({ from: "2026-12-21", until: "2027-01-04" });

    // Clearing both dates says they are not away.
    await staff.change(member.name).click();
    await expect(staff.awayFrom).toHaveValue("2026-12-21");
    await staff.awayFrom.fill("");
    await staff.awayUntil.fill("");
    await staff.saveChanges.click();
    await expect(staff.notice).toHaveText(`${member.name} saved.`);
    now = await memberNamed(request, admin, member.name);
    expect(now.away).toBeNull();
    await page.context().close();
  });

  test("a change based on a member changed since is refused; reload keeps the admin's changes", async ({ browser, baseURL, request }) => {
    const admin = await staffLogin(request, demo.admin);
    const member = await invited(request, admin, "Stale");
    const [page, staff] = await open(browser, baseURL, admin);
    await staff.change(member.name).click();
    await staff.tick("Roles", "Team lead");

    // Someone else renames them and sets their time away meanwhile.
    const theirs = `${member.name} (theirs)`;
    const resp = await staffCall(request, admin, "PUT", `/admin/staff/${member.id}`, {
      data: { name: theirs, roles: ["agent"], team_ids: [], languages: ["en"], away: { from: "2027-02-01", until: "2027-02-05" } },
      version: member.version,
    });
    expect(resp.status(), await resp.text()).toBe(200);

    await staff.saveChanges.click();
    const stale = page.getByRole("alert").filter({ hasText: "Someone else changed this member after you opened them" });
    await expect(stale).toBeVisible();
    await expect(stale.getByRole("button", { name: "Reload" })).toBeFocused();
    await expect(staff.box("Roles", "Team lead")).toBeChecked();
    await expectAccessible(page, "a member's form, stale");
    await adminShot(page, "staff-stale-desktop");
    await stale.getByRole("button", { name: "Reload" }).click();
    await expect(page.getByText("This is the member as saved now, with your changes kept on top.")).toBeVisible();
    await expect(staff.name).toHaveValue(theirs);
    await expect(staff.awayFrom).toHaveValue("2027-02-01");
    await expect(staff.box("Roles", "Team lead")).toBeChecked();
    await staff.saveChanges.click();
    await expect(staff.notice).toHaveText(`${theirs} saved.`);
    const now = await memberNamed(request, admin, theirs);
    expect(now.roles.sort()).toEqual(["agent", "lead"]);
    expect(now.away).toEqual({ from: "2027-02-01", until: "2027-02-05" });
    await page.context().close();
  });

  test("an admin keeps their own admin role, and the page gives the server's reason", async ({ browser, baseURL, request }) => {
    const admin = await staffLogin(request, demo.admin);
    const [page, staff] = await open(browser, baseURL, admin);
    await staff.change("Dana Whitfield").click();
    await staff.tick("Roles", "Agent");
    await staff.tick("Roles", "Administrator", false);
    await staff.saveChanges.click();
    await expect(page.getByRole("alert").filter({ hasText: "Not saved:" })).toContainText("you cannot take away your own admin role");
    await staff.cancel.click();
    await expect(staff.invite).toBeFocused();
    await expect(staff.deactivate("Dana Whitfield")).toBeVisible();
    await staff.deactivate("Dana Whitfield").click();
    await staff.confirm.getByRole("button", { name: "Yes, deactivate" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Nothing was changed for Dana Whitfield:" })).toContainText("you cannot deactivate yourself");
    expect((await memberNamed(request, admin, "Dana Whitfield")).standing).toBe("active");
    await page.context().close();
  });

  test("deactivating an agent hands their open inquiries over; reactivating brings them back", async ({ browser, baseURL, request }) => {
    const admin = await staffLogin(request, demo.admin);
    const renee = await memberNamed(request, admin, "Renee Jackson");
    const hr = await teamId(request, admin, "Human Resources Team");
    const filed = await fileInquiry(request, { topic: "Jobs & employment", subject: "Substitute teacher application", body: "Where do I send my references?" });
    await assign(request, admin, filed.id, hr, renee.id);
    // She is also the one a topic's inquiries fall back to.
    const topics = (await staffApi(request, admin, "GET", "/admin/topics?limit=200")).items;
    const jobs = topics.find((t: { name: string }) => t.name === "Jobs & employment");
    const topicForm = (t: { texts: unknown; default_team?: Ref; position: number }, owner: string | null) => ({
      texts: t.texts,
      default_team_id: t.default_team?.id ?? null,
      fallback_owner_id: owner,
      position: t.position,
    });
    const owned = await staffCall(request, admin, "PUT", `/admin/topics/${jobs.id}`, { data: topicForm(jobs, renee.id), version: jobs.version });
    expect(owned.status(), await owned.text()).toBe(200);

    const [page, staff] = await open(browser, baseURL, admin);
    await staff.deactivate("Renee Jackson").click();
    await expect(staff.confirm.getByRole("heading", { name: "Deactivate Renee Jackson?" })).toBeVisible();
    await expect(staff.confirm).toBeFocused();
    const answer = page.waitForResponse((r) => r.url().endsWith(`/admin/staff/${renee.id}/deactivate`));
    await staff.confirm.getByRole("button", { name: "Yes, deactivate" }).click();
    const done = await (await answer).json();
    const handed: HandedOver[] = done.handed_over;
    try {
      await expect(staff.handover).toBeFocused();
      await expect(staff.handover.getByRole("heading")).toHaveText("Renee Jackson is deactivated");
      const mine = handed.find((h) => h.reference === filed.reference);
      expect(mine, "the inquiry filed is handed over").toBeTruthy();
      const item = staff.handover.getByRole("listitem").filter({ hasText: filed.reference });
      await expect(item).toHaveText(
        mine?.assignee
          ? `${filed.reference} went to ${mine.assignee.name} (Human Resources Team)`
          : `${filed.reference} went back to the Human Resources Team queue`,
      );
      await expect(item.getByRole("link", { name: filed.reference })).toHaveAttribute("href", `/staff/inquiries/${filed.id}`);
      await expect(staff.handover).toContainText(`Their open inquiries were handed over (${handed.length}):`);
      await expect(staff.handover).toContainText("These topics no longer have a fallback owner: Jobs & employment.");
      await expect(staff.handover.getByRole("link", { name: "Choose a fallback owner on the Topics page." })).toHaveAttribute("href", "/staff/admin/topics");
      await expect(staff.row("Renee Jackson").locator(".heard-standing")).toHaveText("Deactivated");
      await expectAccessible(page, "what became of a deactivated member's work");
      await adminShot(page, "staff-handover-desktop");

      await staff.handover.getByRole("button", { name: "Done" }).click();
      await expect(staff.invite).toBeFocused();
      await staff.reactivate("Renee Jackson").click();
      await expect(staff.notice).toHaveText("Renee Jackson is active again.");
      await expect(staff.row("Renee Jackson").locator(".heard-standing")).toHaveText("Active");
    } finally {
      // The demo as it was: Renee active, her inquiries with her again, her teams' fallback owner back.
      const now = await memberNamed(request, admin, "Renee Jackson");
      if (now.standing === "deactivated") {
        await staffApi(request, admin, "POST", `/admin/staff/${now.id}/reactivate`, { version: now.version });
      }
      for (const h of handed) await assign(request, admin, h.inquiry_id, h.team.id, renee.id);
      for (const t of (done.fallback_cleared ?? []) as Ref[]) {
        const team = await staffApi(request, admin, "GET", `/admin/teams/${t.id}`);
        await staffCall(request, admin, "PUT", `/admin/teams/${t.id}`, { data: { name: team.name, fallback_owner_id: renee.id }, version: team.version });
      }
      const topic = await staffApi(request, admin, "GET", `/admin/topics/${jobs.id}`);
      await staffCall(request, admin, "PUT", `/admin/topics/${jobs.id}`, { data: topicForm(topic, null), version: topic.version });
      await page.context().close();
    }
  });

  test("an agent is not offered the page and is refused it", async ({ browser, baseURL, request }) => {
    const agent = await staffLogin(request, demo.transportation);
    const page = await adminAt(browser, baseURL, agent, "/staff/admin/staff");
    await expect(page.getByRole("heading", { name: "Only for administrators" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Staff" }).getByRole("link", { name: "Staff", exact: true })).toHaveCount(0);
    expect((await staffCall(request, agent, "GET", "/admin/staff")).status()).toBe(403);
    await page.context().close();
  });

  for (const [size, viewport] of [["desktop", desktop], ["phone", phone]] as const) {
    test(`axe finds nothing in any state, ${size}`, async ({ browser, baseURL, request }) => {
      const admin = await staffLogin(request, demo.admin);
      const leaving = await invited(request, admin, `Axe ${size}`);
      const [page, staff] = await open(browser, baseURL, admin, "/staff/admin/staff", { viewport });
      await expect(staff.row("Dana Whitfield")).toBeVisible();
      expect(await overflowOf(page), "horizontal overflow in px").toBeLessThanOrEqual(0);
      await expectAccessible(page, `the staff list (${size})`);
      await adminShot(page, `staff-list-${size}`);

      await staff.invite.click();
      await staff.email.fill("not-an-email");
      await staff.sendInvitation.click();
      await expect(page.locator("#f-email-error")).toBeVisible();
      expect(await overflowOf(page), "horizontal overflow in px").toBeLessThanOrEqual(0);
      await expectAccessible(page, `the invitation with problems (${size})`);
      await adminShot(page, `staff-invite-errors-${size}`);
      await staff.cancel.click();

      await staff.change(leaving.name).click();
      await expect(staff.name).toHaveValue(leaving.name);
      expect(await overflowOf(page), "horizontal overflow in px").toBeLessThanOrEqual(0);
      await expectAccessible(page, `a member's form (${size})`);
      await adminShot(page, `staff-edit-${size}`);
      await staff.cancel.click();

      await staff.deactivate(leaving.name).click();
      await expect(staff.confirm).toBeFocused();
      await expectAccessible(page, `the question before deactivating (${size})`);
      await staff.confirm.getByRole("button", { name: "Yes, deactivate" }).click();
      await expect(staff.handover).toContainText("They had no open inquiries to hand over.");
      expect(await overflowOf(page), "horizontal overflow in px").toBeLessThanOrEqual(0);
      await expectAccessible(page, `the deactivation's result (${size})`);
      await adminShot(page, `staff-deactivated-${size}`);

      // Back, they have no working link: deactivating retired it.
      await staff.handover.getByRole("button", { name: "Done" }).click();
      await staff.reactivate(leaving.name).click();
      await expect(staff.notice).toHaveText(`${leaving.name} is active again.`);
      await expect(staff.row(leaving.name)).toContainText("Invitation expired");
      await staff.reinvite(leaving.name).click();
      await expect(staff.notice).toContainText(`A new invitation is on its way to ${leaving.name}`);
      expect((await memberNamed(request, admin, leaving.name)).invitation_expires_at, "a link that works again").toBeTruthy();
      await expect(staff.row(leaving.name)).not.toContainText("Invitation expired");
      await page.context().close();
    });
  }

  test("in Spanish, on a phone", async ({ browser, baseURL, request }) => {
    const admin = await staffLogin(request, demo.admin);
    const page = await adminAt(browser, baseURL, admin, "/staff/admin/staff", { lang: "es", viewport: phone });
    await expect(page.getByRole("heading", { name: "Personal", level: 1 })).toBeVisible();
    await expect(page.locator("table.heard-admin__table tbody tr").filter({ hasText: "Dana Whitfield" })).toContainText("Administrador");
    await expect(page.locator("table.heard-admin__table tbody tr").filter({ hasText: "Dana Whitfield" }).locator(".heard-standing")).toHaveText("Activo");
    await adminShot(page, "staff-list-es-phone");
    await page.getByRole("button", { name: "Invitar a una persona del personal" }).click();
    await expect(page.getByRole("group", { name: /^Roles/ }).getByRole("checkbox", { name: "Líder de equipo" })).toBeVisible();
    await page.getByRole("button", { name: "Enviar invitación" }).click();
    await expect(page.locator(".heard-error-summary").getByRole("link")).toHaveText([
      "Correo electrónico: es obligatorio",
      "Nombre: es obligatorio",
      "Roles: es obligatorio",
    ]);
    expect(await overflowOf(page), "horizontal overflow in px").toBeLessThanOrEqual(0);
    await expectAccessible(page, "the invitation in Spanish");
    await adminShot(page, "staff-invite-errors-es-phone");
    await page.getByRole("button", { name: "Cancelar" }).click();
    await page.getByRole("button", { name: "Cambiar Renee Jackson" }).click();
    await expect(page.getByRole("heading", { name: "Cambiar a Renee Jackson", level: 2 })).toBeFocused();
    await expectAccessible(page, "a member's form in Spanish");
    await adminShot(page, "staff-edit-es-phone");
    await page.context().close();
  });
});
