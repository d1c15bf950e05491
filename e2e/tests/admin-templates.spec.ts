// The district's reply templates, for its admins.
//
// An admin writes a template in Spanish, inserting placeholders where the
// cursor is, and sees it filled in with an example before saving; a
// placeholder the product does not know is named in the browser before
// anything is sent, and a name another template has in that language is
// refused with the server's reason. Changed, then removed after saying
// yes, with each step in the audit log. axe audits the list and the form
// at desktop and phone widths, and in Spanish; an agent is not offered
// the page.
//
// Every spec shares one demo server: what this spec writes has a name of
// its own and is removed at the end; the demo's templates are never changed.
import { APIRequestContext } from "@playwright/test";
import { test, expect, expectAccessible, adminAt, adminShot, demo, overflowOf, phone, staffApi, staffCall, staffLogin, StaffSession } from "../fixtures";
import { AdminTemplatesPage } from "../pages";

const prefix = "E2E";

interface Template {
  id: string;
  name: string;
  body: string;
  version: number;
}

async function allTemplates(request: APIRequestContext, admin: StaffSession): Promise<Template[]> {
  const all: Template[] = [];
  let cursor = "";
  for (;;) {
    const page = await staffApi(request, admin, "GET", `/admin/templates?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    all.push(...page.items);
    if (!page.next_cursor) return all;
    cursor = page.next_cursor;
  }
}

test.describe("reply templates", () => {
  test.afterAll(async ({ request }) => {
    const admin = await staffLogin(request, demo.admin);
    for (const t of await allTemplates(request, admin)) {
      if (!t.name.startsWith(prefix)) continue;
      const resp = await staffCall(request, admin, "DELETE", `/admin/templates/${t.id}`, { version: t.version });
      expect(resp.status(), `removing ${t.name}: ${await resp.text()}`).toBe(204);
    }
  });

  test("an admin writes a template with placeholders, changes it and removes it", async ({ browser, baseURL, request }) => {
    const admin = await staffLogin(request, demo.admin);
    const name = `${prefix} Cita confirmada ${Date.now()}`;
    const page = await adminAt(browser, baseURL, admin, "/staff");
    await page.getByRole("navigation", { name: "Staff" }).getByRole("link", { name: "Reply templates" }).click();
    await expect(page).toHaveURL(/\/staff\/admin\/templates$/);
    await expect(page).toHaveTitle("Reply templates – Heard");
    const templates = new AdminTemplatesPage(page);
    const received = templates.row("We received your message");
    await expect(received).toBeVisible();
    await expect(received.getByRole("cell", { name: "Requester's name, Reference, Due date, Staff member's name" })).toBeVisible();
    await expectAccessible(page, "reply templates");
    await adminShot(page, "templates-desktop");

    await templates.add.click();
    await expect(page.getByRole("heading", { name: "New reply template", level: 2 })).toBeFocused();
    await expect(templates.preview).toContainText("shows here as you type");
    await templates.pick("Español");
    await templates.name.fill(name);
    // Typed, then a placeholder put where the cursor is, between two words.
    await templates.body.fill("Hola , su cita está confirmada. Ref. ");
    await templates.body.press("End");
    await templates.insert("Reference").click();
    await expect(templates.body).toBeFocused();
    await templates.body.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(5, 5));
    await templates.insert("Requester's name").click();
    await expect(templates.body).toHaveValue("Hola {{requester_name}}, su cita está confirmada. Ref. {{reference}}");
    await templates.body.press("End");
    await templates.body.pressSequentially("\n\n");
    await templates.insert("Staff member's name").click();
    await expect(templates.preview).toContainText("Hola Ana García, su cita está confirmada. Ref. LV-2026-000123");
    await expectAccessible(page, "the new reply template form");
    await adminShot(page, "templates-new-desktop");

    // A placeholder of its own is named before anything is sent.
    await templates.body.press("End");
    await templates.body.pressSequentially(" {{school}}");
    await expect(templates.preview).toContainText("{{school}} is not one of the placeholders");
    const posts: string[] = [];
    page.on("request", (r) => { if (r.method() === "POST" && r.url().includes("/admin/templates")) posts.push(r.url()); });
    await templates.submitNew.click();
    await expect(templates.errorSummary).toBeFocused();
    await expect(templates.errorSummary.getByRole("link")).toHaveText([/^Reply text has a placeholder that is not one of these: \{\{requester_name\}\}/]);
    expect(posts).toEqual([]);
    await expectAccessible(page, "the reply template form with its error");
    await adminShot(page, "templates-errors-desktop");
    await templates.body.fill((await templates.body.inputValue()).replace(" {{school}}", ""));
    await templates.submitNew.click();
    await expect(templates.notice).toHaveText(`${name} added.`);
    const row = templates.row(name);
    await expect(row.getByRole("cell", { name: "Español" })).toBeVisible();
    await expect(row.getByRole("cell", { name: "Requester's name, Reference, Staff member's name" })).toBeVisible();
    const saved = (await allTemplates(request, admin)).find((t) => t.name === name);
    expect(saved?.body).toBe("Hola {{requester_name}}, su cita está confirmada. Ref. {{reference}}\n\n{{staff_name}}");

    await templates.change(name).click();
    await expect(page.getByRole("heading", { name: `Change ${name}`, level: 2 })).toBeFocused();
    await templates.body.fill("Gracias, {{requester_name}}.");
    await templates.saveChanges.click();
    await expect(templates.notice).toHaveText(`${name} saved.`);
    await expect(templates.row(name).getByRole("cell", { name: "Requester's name", exact: true })).toBeVisible();

    await templates.removeConfirmed(name);
    await expect(templates.notice).toHaveText(`${name} removed.`);
    await expect(templates.row(name)).toHaveCount(0);

    await page.goto("/staff/admin/audit?resource=template");
    const rows = page.locator("table.heard-audit tbody tr");
    await expect(rows.first().getByRole("cell", { name: `Reply template ${name}` })).toBeVisible();
    await expect(rows.first().getByRole("cell", { name: "Removed", exact: true })).toBeVisible();
    await page.context().close();
  });

  test("a name left out, or another template's, is refused at its field", async ({ browser, baseURL, request }) => {
    const admin = await staffLogin(request, demo.admin);
    const page = await adminAt(browser, baseURL, admin, "/staff/admin/templates");
    const templates = new AdminTemplatesPage(page);
    await templates.add.click();
    await templates.submitNew.click();
    await expect(templates.errorSummary).toBeFocused();
    await expect(templates.errorSummary.getByRole("link")).toHaveText(["Name is required", "Reply text is required"]);
    await expect(templates.name).toHaveAttribute("aria-invalid", "true");

    await templates.name.fill("we received your message");
    await templates.body.fill("Thanks, {{requester_name}}.");
    await templates.submitNew.click();
    await expect(page.getByRole("alert").filter({ hasText: "That name is already used in that language:" })).toContainText("We received your message");
    await page.context().close();
  });

  test("on a phone and in Spanish, the list and the form pass axe", async ({ browser, baseURL, request }) => {
    const admin = await staffLogin(request, demo.admin);
    const page = await adminAt(browser, baseURL, admin, "/staff/admin/templates", { lang: "es", viewport: phone });
    await expect(page.getByRole("heading", { name: "Plantillas de respuesta", level: 1 })).toBeVisible();
    await expect(page.locator("table.heard-admin__table tbody tr").first()).toBeVisible();
    expect(await overflowOf(page), "horizontal overflow in px").toBeLessThanOrEqual(0);
    await expectAccessible(page, "reply templates in Spanish on a phone");
    await adminShot(page, "templates-es-phone");
    await page.getByRole("button", { name: "Escribir una plantilla de respuesta" }).click();
    await expect(page.getByRole("heading", { name: "Nueva plantilla de respuesta", level: 2 })).toBeFocused();
    await page.getByRole("textbox", { name: /^Texto de la respuesta/ }).fill("Hola {{requester_name}}: su referencia es {{reference}}.");
    await expect(page.getByRole("region", { name: "Vista previa, con un ejemplo" })).toContainText("Hola Ana García: su referencia es LV-2026-000123.");
    expect(await overflowOf(page), "horizontal overflow in px").toBeLessThanOrEqual(0);
    await expectAccessible(page, "the new reply template form in Spanish on a phone");
    await adminShot(page, "templates-new-es-phone");
    await page.context().close();
  });

  test("an agent is not offered the page and is refused it", async ({ browser, baseURL, request }) => {
    const agent = await staffLogin(request, demo.transportation);
    const page = await adminAt(browser, baseURL, agent, "/staff/admin/templates");
    await expect(page.getByRole("heading", { name: "Only for administrators" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Staff" }).getByRole("link", { name: "Reply templates" })).toHaveCount(0);
    expect((await staffCall(request, agent, "GET", "/admin/templates")).status()).toBe(403);
    await page.context().close();
  });
});
