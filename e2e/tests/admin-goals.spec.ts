// The district's strategic goals, for its admins.
//
// An admin sets a goal for one school, with a target the dashboard's
// figure is judged against, sees it on the goals report for that school
// only, changes it to the whole district, and removes it after saying
// yes. A target outside its metric's range and days out of order are
// named in the browser before anything is sent. axe audits the list and
// the form at desktop and phone widths, and in Spanish; an agent is not
// offered the page.
//
// Every spec shares one demo server: what this spec writes has a name of
// its own and is removed at the end; the demo's goals are never changed.
import { APIRequestContext } from "@playwright/test";
import { test, expect, expectAccessible, adminAt, adminShot, demo, overflowOf, phone, staffApi, staffCall, staffLogin, StaffSession } from "../fixtures";
import { AdminGoalsPage } from "../pages";

const prefix = "E2E";

interface Goal {
  id: string;
  name: string;
  version: number;
  unit: { name: string } | null;
}

async function allGoals(request: APIRequestContext, admin: StaffSession): Promise<Goal[]> {
  const all: Goal[] = [];
  let cursor = "";
  for (;;) {
    const page = await staffApi(request, admin, "GET", `/admin/goals?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    all.push(...page.items);
    if (!page.next_cursor) return all;
    cursor = page.next_cursor;
  }
}

test.describe("strategic goals", () => {
  test.afterAll(async ({ request }) => {
    const admin = await staffLogin(request, demo.admin);
    for (const g of await allGoals(request, admin)) {
      if (!g.name.startsWith(prefix)) continue;
      const resp = await staffCall(request, admin, "DELETE", `/admin/goals/${g.id}`, { version: g.version });
      expect(resp.status(), `removing ${g.name}: ${await resp.text()}`).toBe(204);
    }
  });

  test("an admin sets a goal for a school, widens it to the district and removes it", async ({ browser, baseURL, request }) => {
    const admin = await staffLogin(request, demo.admin);
    const name = `${prefix} Families rate us 8 or more ${Date.now()}`;
    const page = await adminAt(browser, baseURL, admin, "/staff");
    await page.getByRole("navigation", { name: "Staff" }).getByRole("link", { name: "Goals" }).click();
    await expect(page).toHaveURL(/\/staff\/admin\/goals$/);
    await expect(page).toHaveTitle("Strategic goals – Heard");
    const goals = new AdminGoalsPage(page);
    const demoGoal = goals.row("Net promoter score of 40 or more");
    await expect(demoGoal).toBeVisible();
    await expect(demoGoal.getByRole("cell", { name: "The whole district" })).toBeVisible();
    await expectAccessible(page, "strategic goals");
    await adminShot(page, "goals-desktop");

    await goals.add.click();
    await expect(page.getByRole("heading", { name: "New strategic goal", level: 2 })).toBeFocused();
    await goals.name.fill(name);
    await goals.metric.selectOption({ label: "Average feedback (0–10)" });
    await expect(page.getByText("A number from 0 to 10, in the metric's unit.")).toBeVisible();
    await goals.target.fill("11");
    await goals.firstDay.fill("2026-08-01");
    await goals.lastDay.fill("2026-07-31");
    const school = (await goals.scope.locator("optgroup[label='Schools and departments'] option").first().textContent())!.trim();
    await goals.scope.selectOption({ label: school });
    const posts: string[] = [];
    page.on("request", (r) => { if (r.method() === "POST" && r.url().includes("/admin/goals")) posts.push(r.url()); });
    await goals.submitNew.click();
    await expect(goals.errorSummary).toBeFocused();
    await expect(goals.errorSummary.getByRole("link")).toHaveText(["Target must be a number from 0 to 10", /^First day/]);
    expect(posts).toEqual([]);
    await expectAccessible(page, "the goal form with its errors");
    await adminShot(page, "goals-errors-desktop");

    await goals.target.fill("8");
    await goals.lastDay.fill("2027-06-30");
    await expectAccessible(page, "the new goal form");
    await goals.submitNew.click();
    await expect(goals.notice).toHaveText(`${name} added.`);
    const row = goals.row(name);
    await expect(row.getByRole("cell", { name: school, exact: true })).toBeVisible();
    await expect(row.getByRole("cell", { name: "2026-08-01 – 2027-06-30" })).toBeVisible();
    await expect(row.getByRole("cell", { name: /^Average feedback \(0–10\) ≥ 8/ })).toBeVisible();
    const report = await staffApi(request, admin, "GET", "/goals");
    const reported = report.items.find((g: { name: string }) => g.name === name);
    expect(reported.unit_id).toBeTruthy();

    await goals.change(name).click();
    await expect(page.getByRole("heading", { name: `Change ${name}`, level: 2 })).toBeFocused();
    await expect(goals.target).toHaveValue("8");
    await goals.scope.selectOption({ label: "The whole district" });
    await goals.pick("At most the target");
    await goals.saveChanges.click();
    await expect(goals.notice).toHaveText(`${name} saved.`);
    await expect(goals.row(name).getByRole("cell", { name: "The whole district" })).toBeVisible();
    await expect(goals.row(name).getByRole("cell", { name: /^Average feedback \(0–10\) ≤ 8/ })).toBeVisible();

    await goals.removeConfirmed(name);
    await expect(goals.notice).toHaveText(`${name} removed.`);
    await expect(goals.row(name)).toHaveCount(0);

    await page.goto("/staff/admin/audit?resource=goal");
    const rows = page.locator("table.heard-audit tbody tr");
    await expect(rows.first().getByRole("cell", { name: `Strategic goal ${name}` })).toBeVisible();
    await expect(rows.first().getByRole("cell", { name: "Removed", exact: true })).toBeVisible();
    await page.context().close();
  });

  test("on a phone and in Spanish, the list and the form pass axe", async ({ browser, baseURL, request }) => {
    const admin = await staffLogin(request, demo.admin);
    const page = await adminAt(browser, baseURL, admin, "/staff/admin/goals", { lang: "es", viewport: phone });
    await expect(page.getByRole("heading", { name: "Metas estratégicas", level: 1 })).toBeVisible();
    await expect(page.locator("table.heard-admin__table tbody tr").first()).toBeVisible();
    expect(await overflowOf(page), "horizontal overflow in px").toBeLessThanOrEqual(0);
    await expectAccessible(page, "strategic goals in Spanish on a phone");
    await adminShot(page, "goals-es-phone");
    await page.getByRole("button", { name: "Fijar una meta estratégica" }).click();
    await expect(page.getByRole("heading", { name: "Nueva meta estratégica", level: 2 })).toBeFocused();
    expect(await overflowOf(page), "horizontal overflow in px").toBeLessThanOrEqual(0);
    await expectAccessible(page, "the new goal form in Spanish on a phone");
    await adminShot(page, "goals-new-es-phone");
    await page.context().close();
  });

  test("an agent is not offered the page and is refused it", async ({ browser, baseURL, request }) => {
    const agent = await staffLogin(request, demo.transportation);
    const page = await adminAt(browser, baseURL, agent, "/staff/admin/goals");
    await expect(page.getByRole("heading", { name: "Only for administrators" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Staff" }).getByRole("link", { name: "Goals" })).toHaveCount(0);
    expect((await staffCall(request, agent, "GET", "/admin/goals")).status()).toBe(403);
    await page.context().close();
  });
});
