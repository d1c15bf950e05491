// The district's schools and departments, for its admins.
//
// An admin adds a school, changes its grades and address, and removes it
// after saying yes to the question; each is announced and in the API. A
// name left out is refused at its field. A change based on a school
// someone else changed since is refused with the admin's typing kept, and
// a reload brings the other change. A school that inquiries concern stays,
// and the page gives the server's reason. The list comes a page at a time;
// a district with none says what to do. The list downloads as a
// spreadsheet, and a file imports after a dry run shows what each row does
// and every row's problem. axe audits the page at desktop and phone
// widths, and in Spanish.
//
// Every spec shares one demo server: what this spec adds has a name of its
// own and is removed at the end; the demo schools are never changed.
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
import { AdminUnitsPage } from "../pages";

interface Unit {
  id: string;
  name: string;
  kind: string;
  grade_band?: string | null;
  address?: string | null;
  version: number;
}

const prefix = "E2E Unit";

async function allUnits(request: APIRequestContext, admin: StaffSession): Promise<Unit[]> {
  const all: Unit[] = [];
  let cursor = "";
  for (;;) {
    const page = await staffApi(request, admin, "GET", `/admin/units?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    all.push(...page.items);
    if (!page.next_cursor) return all;
    cursor = page.next_cursor;
  }
}

async function createUnit(request: APIRequestContext, admin: StaffSession, name: string): Promise<Unit> {
  const resp = await staffCall(request, admin, "POST", "/admin/units", { data: { name, kind: "school", grade_band: "K–5" } });
  expect(resp.status(), await resp.text()).toBe(201);
  return resp.json();
}

test.describe("schools and departments", () => {

  test.afterAll(async ({ request }) => {
    const admin = await staffLogin(request, demo.admin);
    for (const u of await allUnits(request, admin)) {
      if (!u.name.startsWith(prefix)) continue;
      const resp = await staffCall(request, admin, "DELETE", `/admin/units/${u.id}`, { version: u.version });
      expect(resp.status(), `removing ${u.name}: ${await resp.text()}`).toBe(204);
    }
  });

  test("an admin adds a school, changes it and removes it", async ({ browser, baseURL, request }) => {
    const admin = await staffLogin(request, demo.admin);
    const name = `${prefix} Birch Lane Elementary ${Date.now()}`;
    const page = await adminAt(browser, baseURL, admin, "/staff");
    await page.getByRole("navigation", { name: "Staff" }).getByRole("link", { name: "Schools" }).click();
    await expect(page).toHaveURL(/\/staff\/admin\/units$/);
    await expect(page).toHaveTitle("Schools and departments – Heard");
    const units = new AdminUnitsPage(page);
    await expect(units.row("Lakeview High School")).toBeVisible();
    await expect(units.row("Transportation").getByRole("cell", { name: "Department", exact: true })).toBeVisible();
    await expectAccessible(page, "schools and departments");
    await adminShot(page, "units-desktop");

    await units.add.click();
    await expect(page.getByRole("heading", { name: "New school or department", level: 2 })).toBeFocused();
    await units.fill({ name, kind: "School", grades: "K–5", address: "12 Birch Lane\nLakeview, IL 60610" });
    await expectAccessible(page, "the new school form");
    await adminShot(page, "units-new-desktop");
    await units.submitNew.click();
    await expect(units.notice).toHaveText(`${name} added.`);
    await expect(units.notice).toBeFocused();
    await expect(units.row(name).getByRole("cell", { name: "K–5", exact: true })).toBeVisible();
    const [made] = (await allUnits(request, admin)).filter((u) => u.name === name);
    expect(made).toMatchObject({ kind: "school", grade_band: "K–5", address: "12 Birch Lane\nLakeview, IL 60610", version: 1 });

    await units.change(name).click();
    await expect(page.getByRole("heading", { name: `Change ${name}`, level: 2 })).toBeFocused();
    await expect(units.name).toHaveValue(name);
    await expect(units.kind("School")).toBeChecked();
    await units.fill({ grades: "K–8", address: "" });
    await units.saveChanges.click();
    await expect(units.notice).toHaveText(`${name} saved.`);
    await expect(units.row(name).getByRole("cell", { name: "K–8", exact: true })).toBeVisible();
    const changed = (await allUnits(request, admin)).find((u) => u.id === made.id);
    expect(changed).toMatchObject({ grade_band: "K–8", address: null, version: 2 });

    // Cancelling the question removes nothing.
    await units.remove(name).click();
    await expect(units.confirm).toBeFocused();
    await expectAccessible(page, "the removal question");
    await adminShot(page, "units-confirm-desktop");
    await units.confirm.getByRole("button", { name: "Cancel" }).click();
    await expect(units.confirm).toHaveCount(0);
    await expect(units.add).toBeFocused();
    await units.removeConfirmed(name);
    await expect(units.notice).toHaveText(`${name} removed.`);
    await expect(units.row(name)).toHaveCount(0);
    expect((await allUnits(request, admin)).some((u) => u.id === made.id)).toBe(false);

    // The audit log names the school, not its id.
    await page.goto("/staff/admin/audit?resource=unit");
    const rows = page.locator("table.heard-audit tbody tr");
    await expect(rows.first().getByRole("cell", { name: `School or department ${name}` })).toBeVisible();
    await expect(rows.first().getByRole("cell", { name: "Removed", exact: true })).toBeVisible();
    await expect(rows.nth(1).locator(".heard-audit__fields")).toHaveText("Street address, Grades");
    await adminShot(page, "units-audit-desktop");
    await page.context().close();
  });

  test("a name left out is refused at its field", async ({ browser, baseURL, request }) => {
    const admin = await staffLogin(request, demo.admin);
    const page = await adminAt(browser, baseURL, admin, "/staff/admin/units");
    const units = new AdminUnitsPage(page);
    await units.add.click();
    // Nothing chosen: said before the server is asked.
    await units.submitNew.click();
    await expect(units.errorSummary.getByRole("link")).toHaveText(["School or department is required"]);
    await units.fill({ name: "   ", kind: "Department", grades: "Grades nine to twelve, and more" });
    await units.submitNew.click();
    await expect(units.errorSummary.getByRole("link")).toHaveText(["Name is required", "Grades must be at most 20 characters"]);
    await expect(units.errorSummary).toBeFocused();
    await expect(page.locator("#f-name-error")).toHaveText("Name is required");
    await expect(units.name).toHaveAttribute("aria-invalid", "true");
    await units.errorSummary.getByRole("link", { name: "Name is required" }).click();
    await expect(units.name).toBeFocused();
    await expectAccessible(page, "the school form with problems");
    await adminShot(page, "units-error-desktop");
    // A name the district has is the server's to refuse, with its reason.
    await units.fill({ name: "lakeview high school", grades: "" });
    await units.submitNew.click();
    await expect(page.getByRole("alert").filter({ hasText: "That name is already used:" })).toContainText("Lakeview High School");
    await page.context().close();
  });

  test("a change based on a school changed since is refused; reload brings the other change", async ({ browser, baseURL, request }) => {
    const admin = await staffLogin(request, demo.admin);
    const name = `${prefix} Stale ${Date.now()}`;
    const made = await createUnit(request, admin, name);
    const page = await adminAt(browser, baseURL, admin, "/staff/admin/units");
    const units = new AdminUnitsPage(page);
    await units.change(name).click();
    await expect(units.grades).toHaveValue("K–5");
    const resp = await staffCall(request, admin, "PUT", `/admin/units/${made.id}`, { data: { name, kind: "school", grade_band: "PK–5" }, version: made.version });
    expect(resp.status(), await resp.text()).toBe(200);

    await units.fill({ grades: "K–6" });
    await units.saveChanges.click();
    const stale = page.getByRole("alert").filter({ hasText: "Someone else changed this school or department after you opened it" });
    await expect(stale).toBeVisible();
    await expect(units.grades).toHaveValue("K–6");
    await expectAccessible(page, "the school form, stale");
    await adminShot(page, "units-stale-desktop");
    await stale.getByRole("button", { name: "Reload" }).click();
    await expect(page.getByText("This is the school or department as it is now.")).toBeVisible();
    await expect(units.grades).toHaveValue("PK–5");
    await units.fill({ grades: "K–6" });
    await units.saveChanges.click();
    await expect(units.notice).toHaveText(`${name} saved.`);
    expect((await allUnits(request, admin)).find((u) => u.id === made.id)?.grade_band).toBe("K–6");
    await page.context().close();
  });

  test("a school inquiries concern stays, and the page says why", async ({ browser, baseURL, request }) => {
    const admin = await staffLogin(request, demo.admin);
    const portal = await (await request.get(`/api/v1/districts/${demo.district}/portal`)).json();
    const high = portal.units.find((u: { name: string }) => u.name === "Lakeview High School");
    const filed = await request.post(`/api/v1/districts/${demo.district}/inquiries`, {
      headers: { "Idempotency-Key": `e2e-units-${Date.now()}` },
      data: {
        kind: "question",
        topic_id: portal.topics[0].id,
        unit_id: high.id,
        subject: "Parking at the high school",
        body: "Where can parents park for the concert?",
        requester: { name: "Sam Rivera", email: "sam.rivera@example.org", role: "parent", preferred_language: "en" },
        anonymous: false,
      },
    });
    expect(filed.status(), await filed.text()).toBe(201);

    const page = await adminAt(browser, baseURL, admin, "/staff/admin/units");
    const units = new AdminUnitsPage(page);
    await units.removeConfirmed("Lakeview High School");
    const kept = page.getByRole("alert").filter({ hasText: "Lakeview High School was not removed:" });
    await expect(kept).toContainText(/\d+ inquiries concern "Lakeview High School"; it stays while they do/);
    await expect(kept.locator("[lang=en]")).toBeVisible();
    await expect(units.row("Lakeview High School")).toBeVisible();
    await expectAccessible(page, "a school kept");
    await adminShot(page, "units-kept-desktop");
    await page.context().close();
  });

  test("the list comes a page at a time, and an empty one says what to do", async ({ browser, baseURL, request }) => {
    const admin = await staffLogin(request, demo.admin);
    const all = (await allUnits(request, admin)).map((u) => u.name);
    const page = await adminAt(browser, baseURL, admin, "/staff");
    // Pages of five, so the demo district's schools take several.
    await page.route("**/api/v1/admin/units?*", (route) => route.continue({ url: route.request().url().replace("limit=50", "limit=5") }));
    await page.goto("/staff/admin/units");
    const units = new AdminUnitsPage(page);
    await expect(units.table.locator("tbody th")).toHaveCount(5);
    for (let shown = 5; shown < all.length; shown = Math.min(all.length, shown + 5)) {
      await units.loadMore.click();
      await expect(units.table.locator("tbody th")).toHaveCount(Math.min(all.length, shown + 5));
    }
    await expect(units.loadMore).toHaveCount(0);
    await expect.poll(() => units.names()).toEqual(all);
    await page.unroute("**/api/v1/admin/units?*");

    // A district with none yet.
    await page.route("**/api/v1/admin/units?*", (route) => route.fulfill({ json: { items: [], next_cursor: null } }));
    await page.goto("/staff/admin/units");
    await expect(units.empty).toHaveText(/^No schools or departments yet\. Add each school and department/);
    await expect(units.add).toBeVisible();
    await expect(units.table).toHaveCount(0);
    await expectAccessible(page, "no schools yet");
    await adminShot(page, "units-empty-desktop");
    await page.context().close();
  });

  test("an admin downloads the schools, and imports a file after seeing what each row does", async ({ browser, baseURL, request }) => {
    const admin = await staffLogin(request, demo.admin);
    const page = await adminAt(browser, baseURL, admin, "/staff/admin/units");
    const units = new AdminUnitsPage(page);
    await expect(units.row("Lakeview High School")).toBeVisible();
    const spreadsheet = page.getByRole("region", { name: "Spreadsheet" });
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      spreadsheet.getByRole("button", { name: "Download as a spreadsheet (CSV)" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("schools-and-departments.csv");
    const { readFileSync } = await import("node:fs");
    const exported = readFileSync((await download.path())!, "utf8");
    expect(exported.split("\n")[0]).toBe("name,kind,grade_band,address");
    expect(exported).toContain("Lakeview High School,school,");

    const stamp = Date.now();
    const aspen = `${prefix} Aspen Grove Elementary ${stamp}`;
    const fleet = `${prefix} Fleet Services ${stamp}`;
    const file = page.getByLabel("Import schools and departments from a CSV file");
    const choose = (name: string, text: string) => file.setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(text) });
    // A first try with a row the district cannot take: nothing can be stored.
    const broken = `name,kind,grade_band,address\n${aspen},school,K–5,"3 Aspen Way\nLakeview"\n${fleet},garage,,\n`;
    await choose("schools.csv", broken);
    const report = spreadsheet.locator(".heard-import__report");
    await expect(report).toContainText("schools.csv: 1 to add, 0 to change, 0 as they are, 1 with a problem. Nothing is stored yet.");
    const rows = report.getByRole("table", { name: "The rows that add, change or have a problem" });
    await expect(rows.getByRole("row", { name: new RegExp(fleet) })).toContainText("Has a problem:");
    await expect(rows.getByRole("row", { name: new RegExp(fleet) })).toContainText("Choose one of the options for School or department");
    await expect(report).toContainText("Nothing is stored while any row has a problem.");
    await expect(report.getByRole("button", { name: /^Import/ })).toHaveCount(0);
    await expectAccessible(page, "a spreadsheet with a problem");
    await adminShot(page, "units-import-refused-desktop");
    expect((await allUnits(request, admin)).some((u) => u.name === aspen)).toBe(false);

    // Fixed, chosen again, imported.
    await choose("schools.csv", broken.replace("garage", "department"));
    await expect(report).toContainText("schools.csv: 2 to add, 0 to change, 0 as they are, 0 with a problem.");
    await report.getByRole("button", { name: "Import the file: 2 to add or change" }).click();
    await expect(spreadsheet.getByText("Imported: 2 added, 0 changed.")).toBeVisible();
    await expect(units.row(aspen)).toBeVisible();
    await expect(units.row(fleet).getByRole("cell", { name: "Department", exact: true })).toBeVisible();
    const stored = (await allUnits(request, admin)).find((u) => u.name === aspen);
    expect(stored?.address).toBe("3 Aspen Way\nLakeview");
    await adminShot(page, "units-imported-desktop");

    // Not a spreadsheet of these columns: said so, nothing stored.
    await choose("notes.txt", "just some notes\n");
    await expect(spreadsheet.getByRole("alert")).toContainText("notes.txt could not be read as a CSV file");
    await page.context().close();
  });

  test("an agent is not offered the page and is refused it", async ({ browser, baseURL, request }) => {
    const agent = await staffLogin(request, demo.transportation);
    const page = await adminAt(browser, baseURL, agent, "/staff/admin/units");
    await expect(page.getByRole("heading", { name: "Only for administrators" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Staff" }).getByRole("link", { name: "Schools" })).toHaveCount(0);
    expect((await staffCall(request, agent, "GET", "/admin/units")).status()).toBe(403);
    await page.context().close();
  });

  for (const [size, viewport] of [["desktop", desktop], ["phone", phone]] as const) {
    test(`axe finds nothing, ${size}`, async ({ browser, baseURL, request }) => {
      const admin = await staffLogin(request, demo.admin);
      const page = await adminAt(browser, baseURL, admin, "/staff/admin/units", { viewport });
      const units = new AdminUnitsPage(page);
      await expect(units.row("Lakeview High School")).toBeVisible();
      expect(await overflowOf(page), "horizontal overflow in px").toBeLessThanOrEqual(0);
      await expectAccessible(page, `schools (${size})`);
      await adminShot(page, `units-${size}`);
      await units.change("Cedar Park Elementary").click();
      await units.fill({ name: "" });
      await units.saveChanges.click();
      await expect(page.locator("#f-name-error")).toHaveText("Name is required");
      expect(await overflowOf(page), "horizontal overflow in px").toBeLessThanOrEqual(0);
      await expectAccessible(page, `a school with a problem (${size})`);
      await adminShot(page, `units-error-${size}`);
      await page.context().close();
    });
  }

  test("in Spanish, on a phone", async ({ browser, baseURL, request }) => {
    const admin = await staffLogin(request, demo.admin);
    const page = await adminAt(browser, baseURL, admin, "/staff/admin/units", { lang: "es", viewport: phone });
    await expect(page.getByRole("heading", { name: "Escuelas y departamentos", level: 1 })).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: "Transportation" }).getByText("Departamento", { exact: true })).toBeVisible();
    await page.getByRole("button", { name: "Agregar una escuela o un departamento" }).click();
    await page.getByRole("button", { name: "Agregar escuela o departamento" }).click();
    await expect(page.getByRole("heading", { name: "Hay un problema" })).toBeVisible();
    await expect(page.locator(".heard-error-summary").getByRole("link")).toHaveText(["Escuela o departamento: es obligatorio"]);
    expect(await overflowOf(page), "horizontal overflow in px").toBeLessThanOrEqual(0);
    await expectAccessible(page, "schools in Spanish");
    await adminShot(page, "units-es-phone");
    await page.context().close();
  });
});
