// The district's teams, for its admins.
//
// An admin adds a team with a fallback owner (who joins it), adds and
// takes out members, renames it and removes it after saying yes; each is
// announced and in the API. The fallback owner is not offered to take out.
// A name left out is refused at its field. A change based on a team
// someone else changed since is refused with the admin's typing kept, and
// a reload brings the other change. A team that inquiries use stays, and
// the page gives the server's reason. A district with none says what to
// do. axe audits the page at desktop and phone widths, and in Spanish.
//
// Every spec shares one demo server: what this spec adds has a name of its
// own and is removed at the end; the demo teams are never changed.
import { APIRequestContext } from "@playwright/test";
import {
  test,
  expect,
  expectAccessible,
  adminAt,
  adminShot,
  demo,
  desktop,
  overflowOf,
  phone,
  staffApi,
  staffCall,
  staffLogin,
  StaffSession,
} from "../fixtures";
import { AdminTeamsPage } from "../pages";

interface Person {
  id: string;
  name: string;
}
interface Team {
  id: string;
  name: string;
  fallback_owner?: Person | null;
  members: Person[];
  version: number;
}

const prefix = "E2E Team";

async function allTeams(request: APIRequestContext, admin: StaffSession): Promise<Team[]> {
  const all: Team[] = [];
  let cursor = "";
  for (;;) {
    const page = await staffApi(request, admin, "GET", `/admin/teams?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    all.push(...page.items);
    if (!page.next_cursor) return all;
    cursor = page.next_cursor;
  }
}

async function teamNamed(request: APIRequestContext, admin: StaffSession, name: string): Promise<Team | undefined> {
  return (await allTeams(request, admin)).find((t) => t.name === name);
}

test.describe("teams", () => {

  test.afterAll(async ({ request }) => {
    const admin = await staffLogin(request, demo.admin);
    for (const t of await allTeams(request, admin)) {
      if (!t.name.startsWith(prefix)) continue;
      const resp = await staffCall(request, admin, "DELETE", `/admin/teams/${t.id}`, { version: t.version });
      expect(resp.status(), `removing ${t.name}: ${await resp.text()}`).toBe(204);
    }
  });

  test("an admin adds a team, gives it members, renames it and removes it", async ({ browser, baseURL, request }) => {
    const admin = await staffLogin(request, demo.admin);
    const stamp = Date.now();
    const name = `${prefix} Athletics ${stamp}`;
    const renamed = `${prefix} Athletics & Activities ${stamp}`;
    const page = await adminAt(browser, baseURL, admin, "/staff");
    await page.getByRole("navigation", { name: "Staff" }).getByRole("link", { name: "Teams" }).click();
    await expect(page).toHaveURL(/\/staff\/admin\/teams$/);
    await expect(page).toHaveTitle("Teams – Heard");
    const teams = new AdminTeamsPage(page);
    await expect(teams.row("Transportation Team")).toContainText("Marcus Reed");
    await expectAccessible(page, "teams");
    await adminShot(page, "teams-desktop");

    await teams.add.click();
    await expect(page.getByRole("heading", { name: "New team", level: 2 })).toBeFocused();
    await teams.name.fill(name);
    await teams.fallbackOwner.selectOption({ label: "Jordan Ellis" });
    await expect(page.getByText("You add the team's members once it is saved.")).toBeVisible();
    await teams.submitNew.click();
    await expect(teams.notice).toHaveText(`${name} added.`);
    await expect(teams.row(name)).toContainText("Jordan Ellis");
    const made = await teamNamed(request, admin, name);
    expect(made?.fallback_owner?.name).toBe("Jordan Ellis");
    expect(made?.members.map((m) => m.name)).toEqual(["Jordan Ellis"]);

    // Members join and leave at once; the owner is not offered to take out.
    await teams.change(name).click();
    await expect(teams.members).toBeVisible();
    await expect.poll(() => teams.memberNames()).toEqual(["Jordan Ellis"]);
    await expect(teams.takeOut("Jordan Ellis")).toHaveCount(0);
    await teams.memberToAdd.selectOption({ label: "Marcus Reed" });
    await teams.addMember.click();
    await expect(teams.members.getByRole("status")).toHaveText("Marcus Reed joined the team.");
    await teams.memberToAdd.selectOption({ label: "Lucía Hernández" });
    await teams.addMember.click();
    await expect(teams.members.getByRole("status")).toHaveText("Lucía Hernández joined the team.");
    await expect.poll(() => teams.memberNames()).toEqual(["Jordan Ellis", "Lucía Hernández", "Marcus Reed"]);
    await expect(teams.memberToAdd.locator("option", { hasText: "Marcus Reed" })).toHaveCount(0);
    await expectAccessible(page, "a team's members");
    await adminShot(page, "teams-members-desktop");
    await teams.takeOut("Marcus Reed").click();
    await expect(teams.members.getByRole("status")).toHaveText("Marcus Reed is no longer in the team.");
    await expect(teams.members.getByRole("status")).toBeFocused();
    await expect.poll(() => teams.memberNames()).toEqual(["Jordan Ellis", "Lucía Hernández"]);
    expect((await teamNamed(request, admin, name))?.members.map((m) => m.name)).toEqual(["Jordan Ellis", "Lucía Hernández"]);

    // The rename is saved on the version the member changes left.
    await teams.name.fill(renamed);
    await teams.saveChanges.click();
    await expect(teams.notice).toHaveText(`${renamed} saved.`);
    await expect(teams.row(renamed)).toContainText("Jordan Ellis, Lucía Hernández");
    await teams.removeConfirmed(renamed);
    await expect(teams.notice).toHaveText(`${renamed} removed.`);
    await expect(teams.row(renamed)).toHaveCount(0);
    expect(await teamNamed(request, admin, renamed)).toBeUndefined();

    // The audit log names the team, not its id.
    await page.goto("/staff/admin/audit?resource=team_member");
    const row = page.locator("table.heard-audit tbody tr").first();
    await expect(row.getByRole("cell", { name: `Team member ${name}` })).toBeVisible();
    await expect(row.locator(".heard-audit__fields")).toHaveText("Members");
    await row.locator("details summary").click();
    await expect(row.locator("del")).toHaveText("Jordan Ellis; Lucía Hernández; Marcus Reed");
    await expect(row.locator("ins")).toHaveText("Jordan Ellis; Lucía Hernández");
    await adminShot(page, "teams-audit-desktop");
    await page.context().close();
  });

  test("a name left out is refused at its field", async ({ browser, baseURL, request }) => {
    const admin = await staffLogin(request, demo.admin);
    const page = await adminAt(browser, baseURL, admin, "/staff/admin/teams");
    const teams = new AdminTeamsPage(page);
    await teams.add.click();
    await teams.submitNew.click();
    await expect(teams.errorSummary.getByRole("link")).toHaveText(["Name is required"]);
    await expect(teams.errorSummary).toBeFocused();
    await expect(page.locator("#f-name-error")).toHaveText("Name is required");
    await expect(teams.name).toHaveAttribute("aria-invalid", "true");
    await expectAccessible(page, "the team form with a problem");
    await adminShot(page, "teams-error-desktop");
    await teams.name.fill("transportation team");
    await teams.submitNew.click();
    await expect(page.getByRole("alert").filter({ hasText: "That name is already used:" })).toContainText("Transportation Team");
    await page.context().close();
  });

  test("a change based on a team changed since is refused; reload brings the other change", async ({ browser, baseURL, request }) => {
    const admin = await staffLogin(request, demo.admin);
    const name = `${prefix} Stale ${Date.now()}`;
    const made = await staffApi(request, admin, "POST", "/admin/teams", { data: { name } });
    const page = await adminAt(browser, baseURL, admin, "/staff/admin/teams");
    const teams = new AdminTeamsPage(page);
    await teams.change(name).click();
    await expect(teams.name).toHaveValue(name);
    const theirs = `${name} (theirs)`;
    const resp = await staffCall(request, admin, "PUT", `/admin/teams/${made.id}`, { data: { name: theirs }, version: made.version });
    expect(resp.status(), await resp.text()).toBe(200);

    await teams.name.fill(`${name} (mine)`);
    await teams.saveChanges.click();
    const stale = page.getByRole("alert").filter({ hasText: "Someone else changed this team after you opened it" });
    await expect(stale).toBeVisible();
    await expect(teams.name).toHaveValue(`${name} (mine)`);
    await expectAccessible(page, "the team form, stale");
    await adminShot(page, "teams-stale-desktop");
    await stale.getByRole("button", { name: "Reload" }).click();
    await expect(page.getByText("This is the team as it is now.")).toBeVisible();
    await expect(teams.name).toHaveValue(theirs);
    await teams.name.fill(`${name} (mine)`);
    await teams.saveChanges.click();
    await expect(teams.notice).toHaveText(`${name} (mine) saved.`);
    await page.context().close();
  });

  test("a team inquiries use stays, and the page says why", async ({ browser, baseURL, request }) => {
    const admin = await staffLogin(request, demo.admin);
    const page = await adminAt(browser, baseURL, admin, "/staff/admin/teams");
    const teams = new AdminTeamsPage(page);
    await teams.removeConfirmed("Transportation Team");
    const kept = page.getByRole("alert").filter({ hasText: "Transportation Team was not removed:" });
    await expect(kept).toContainText(/is in use \(.*inquiries.*\); it stays while it is/);
    await expect(teams.row("Transportation Team")).toBeVisible();
    await expectAccessible(page, "a team kept");
    await adminShot(page, "teams-kept-desktop");
    await page.context().close();
  });

  test("a district with no teams yet is told what to do", async ({ browser, baseURL, request }) => {
    const admin = await staffLogin(request, demo.admin);
    const page = await adminAt(browser, baseURL, admin, "/staff");
    await page.route("**/api/v1/admin/teams?*", (route) => route.fulfill({ json: { items: [], next_cursor: null } }));
    await page.goto("/staff/admin/teams");
    const teams = new AdminTeamsPage(page);
    await expect(teams.empty).toHaveText(/^No teams yet\. Add the teams that answer families/);
    await expect(teams.add).toBeVisible();
    await expectAccessible(page, "no teams yet");
    await adminShot(page, "teams-empty-desktop");
    await page.context().close();
  });

  test("an agent is not offered the page and is refused it", async ({ browser, baseURL, request }) => {
    const agent = await staffLogin(request, demo.transportation);
    const page = await adminAt(browser, baseURL, agent, "/staff/admin/teams");
    await expect(page.getByRole("heading", { name: "Only for administrators" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Staff" }).getByRole("link", { name: "Teams" })).toHaveCount(0);
    expect((await staffCall(request, agent, "GET", "/admin/teams")).status()).toBe(403);
    await page.context().close();
  });

  for (const [size, viewport] of [["desktop", desktop], ["phone", phone]] as const) {
    test(`axe finds nothing, ${size}`, async ({ browser, baseURL, request }) => {
      const admin = await staffLogin(request, demo.admin);
      const page = await adminAt(browser, baseURL, admin, "/staff/admin/teams", { viewport });
      const teams = new AdminTeamsPage(page);
      await expect(teams.row("Transportation Team")).toBeVisible();
      expect(await overflowOf(page), "horizontal overflow in px").toBeLessThanOrEqual(0);
      await expectAccessible(page, `teams (${size})`);
      await adminShot(page, `teams-${size}`);
      await teams.change("Enrollment Team").click();
      await expect(teams.members).toBeVisible();
      await teams.name.fill("");
      await teams.saveChanges.click();
      await expect(page.locator("#f-name-error")).toHaveText("Name is required");
      expect(await overflowOf(page), "horizontal overflow in px").toBeLessThanOrEqual(0);
      await expectAccessible(page, `a team with a problem (${size})`);
      await adminShot(page, `teams-error-${size}`);
      await page.context().close();
    });
  }

  test("in Spanish, on a phone", async ({ browser, baseURL, request }) => {
    const admin = await staffLogin(request, demo.admin);
    const page = await adminAt(browser, baseURL, admin, "/staff/admin/teams", { lang: "es", viewport: phone });
    await expect(page.getByRole("heading", { name: "Equipos", level: 1 })).toBeVisible();
    await page.getByRole("button", { name: "Cambiar Enrollment Team" }).click();
    await expect(page.getByRole("region", { name: "Miembros" })).toBeVisible();
    await expect(page.getByRole("combobox", { name: /^Agregar un miembro/ })).toBeVisible();
    await page.getByRole("textbox", { name: /^Nombre/ }).fill("");
    await page.getByRole("button", { name: "Guardar cambios" }).click();
    await expect(page.locator(".heard-error-summary").getByRole("link")).toHaveText(["Nombre: es obligatorio"]);
    expect(await overflowOf(page), "horizontal overflow in px").toBeLessThanOrEqual(0);
    await expectAccessible(page, "teams in Spanish");
    await adminShot(page, "teams-es-phone");
    await page.context().close();
  });
});
