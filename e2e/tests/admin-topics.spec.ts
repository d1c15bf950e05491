// The topics families pick from, for the district's admins.
//
// An admin adds a topic in English and Spanish, sends it to a team, puts it
// first, and a family sees it in the portal in either language; then it is
// removed after the question. A language left out and a name another topic
// has are refused, at the field and with the server's reason. A change
// based on a topic someone else changed since is refused with the typing
// kept, and a reload brings the other change. A topic inquiries are about
// stays, and the page says why. A district with none says what to add.
// axe audits the page at desktop and phone widths, and in Spanish.
//
// Every spec shares one demo server: what this spec adds has a name of its
// own and is removed at the end; the demo topics are never changed.
import { APIRequestContext, Browser } from "@playwright/test";
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
import { AdminTopicsPage } from "../pages";

interface Topic {
  id: string;
  name: string;
  texts: Record<string, { name: string; description: string }>;
  default_team: { id: string; name: string } | null;
  position: number;
  version: number;
}

const prefix = "E2E Topic";

async function allTopics(request: APIRequestContext, admin: StaffSession): Promise<Topic[]> {
  const all: Topic[] = [];
  let cursor = "";
  for (;;) {
    const page = await staffApi(request, admin, "GET", `/admin/topics?limit=200${cursor ? `&cursor=${cursor}` : ""}`);
    all.push(...page.items);
    if (!page.next_cursor) return all;
    cursor = page.next_cursor;
  }
}

async function createTopic(request: APIRequestContext, admin: StaffSession, name: string): Promise<Topic> {
  const resp = await staffCall(request, admin, "POST", "/admin/topics", {
    data: { texts: { en: { name, description: "" }, es: { name: `${name} (es)`, description: "" } } },
  });
  expect(resp.status(), await resp.text()).toBe(201);
  return resp.json();
}

/** The topic choices of the portal, in `lang`. */
async function portalTopics(browser: Browser, baseURL: string | undefined, lang: "en" | "es"): Promise<string[]> {
  const context = await browser.newContext({ baseURL, viewport: phone, isMobile: true, hasTouch: true });
  await context.addInitScript((l) => localStorage.setItem("heard.lang", l), lang);
  const page = await context.newPage();
  await page.goto(`/${demo.district}`);
  await expect(page.locator("html")).toHaveAttribute("lang", lang);
  // The form is drawn once the district's topics have arrived; wait for it
  // before reading, as the page's language is set before that.
  const options = page.getByRole("combobox", { name: lang === "es" ? /^Tema/ : /^Topic/ }).locator("option");
  await expect(options.nth(1)).toBeAttached();
  const names = await options.allTextContents();
  await context.close();
  return names.slice(1);
}

test.describe("topics", () => {
  test.afterAll(async ({ request }) => {
    const admin = await staffLogin(request, demo.admin);
    for (const t of await allTopics(request, admin)) {
      if (!t.name.startsWith(prefix)) continue;
      const resp = await staffCall(request, admin, "DELETE", `/admin/topics/${t.id}`, { version: t.version });
      expect(resp.status(), `removing ${t.name}: ${await resp.text()}`).toBe(204);
    }
    // Demo topics moved down a place when one was put first: put them back.
    for (const [i, t] of (await allTopics(request, admin)).entries()) {
      if (t.position === i) continue;
      const resp = await staffCall(request, admin, "PUT", `/admin/topics/${t.id}`, {
        data: { texts: t.texts, default_team_id: t.default_team?.id ?? null, position: i },
        version: t.version,
      });
      expect(resp.status(), await resp.text()).toBe(200);
    }
  });

  test("an admin adds a topic in both languages, families see it, and it is removed", async ({ browser, baseURL, request }) => {
    const admin = await staffLogin(request, demo.admin);
    const stamp = Date.now();
    const name = `${prefix} Athletics ${stamp}`;
    const spanish = `${prefix} Deportes ${stamp}`;
    const page = await adminAt(browser, baseURL, admin, "/staff");
    await page.getByRole("navigation", { name: "Staff" }).getByRole("link", { name: "Topics" }).click();
    await expect(page).toHaveURL(/\/staff\/admin\/topics$/);
    await expect(page).toHaveTitle("Topics – Heard");
    const topics = new AdminTopicsPage(page);
    const bus = topics.row("Bus & transportation");
    await expect(bus).toBeVisible();
    await expect(bus.getByText("Autobús y transporte (Español)")).toBeVisible();
    await expect(bus.getByRole("cell", { name: "Transportation Team" })).toBeVisible();
    await expectAccessible(page, "topics");
    await adminShot(page, "topics-desktop");

    await topics.add.click();
    await expect(page.getByRole("heading", { name: "New topic", level: 2 })).toBeFocused();
    await topics.nameIn("English").fill(name);
    await topics.descriptionIn("English").fill("Teams, games and sports physicals.");
    await topics.nameIn("Español").fill(spanish);
    await topics.descriptionIn("Español").fill("Equipos, partidos y exámenes físicos deportivos.");
    await topics.team.selectOption({ label: "Family Engagement" });
    await expect(topics.fallbackOwner.locator("option")).toHaveText(["Nobody", "Jordan Ellis"]);
    await topics.fallbackOwner.selectOption({ label: "Jordan Ellis" });
    await topics.position.fill("0");
    await expectAccessible(page, "the new topic form");
    await adminShot(page, "topics-new-desktop");
    await topics.submitNew.click();
    await expect(topics.notice).toHaveText(`${name} added.`);
    await expect(topics.notice).toBeFocused();
    // The list is read again in the new order.
    await expect(topics.table.locator("tbody th").first()).toHaveText(name);
    const made = (await allTopics(request, admin)).find((t) => t.name === name)!;
    expect(made).toMatchObject({ position: 0, version: 1, default_team: { name: "Family Engagement" } });
    expect(made.texts.es).toEqual({ name: spanish, description: "Equipos, partidos y exámenes físicos deportivos." });

    // Families see it first, in their language.
    expect((await portalTopics(browser, baseURL, "en"))[0]).toBe(name);
    const inSpanish = await portalTopics(browser, baseURL, "es");
    expect(inSpanish[0]).toBe(spanish);
    expect(inSpanish).toContain("Autobús y transporte");

    // Sent to another team: the form shows what was saved.
    await topics.change(name).click();
    await expect(page.getByRole("heading", { name: `Change ${name}`, level: 2 })).toBeFocused();
    await expect(topics.nameIn("Español")).toHaveValue(spanish);
    const saved = await staffApi(request, admin, "GET", `/admin/topics/${made.id}`);
    await expect(topics.fallbackOwner).toHaveValue(saved.fallback_owner.id);
    await topics.team.selectOption({ label: "District Front Office" });
    await topics.fallbackOwner.selectOption({ label: "Nobody" });
    await topics.saveChanges.click();
    await expect(topics.notice).toHaveText(`${name} saved.`);
    await expect(topics.row(name).getByRole("cell", { name: "District Front Office" })).toBeVisible();

    await topics.remove(name).click();
    await expect(topics.confirm).toBeFocused();
    await adminShot(page, "topics-confirm-desktop");
    await topics.confirm.getByRole("button", { name: "Cancel" }).click();
    await expect(topics.add).toBeFocused();
    await topics.removeConfirmed(name);
    await expect(topics.notice).toHaveText(`${name} removed.`);
    await expect(topics.row(name)).toHaveCount(0);

    // The audit log names the topic and the fields changed.
    await page.goto("/staff/admin/audit?resource=topic");
    const rows = page.locator("table.heard-audit tbody tr");
    await expect(rows.first().getByRole("cell", { name: `Topic ${name}` })).toBeVisible();
    await expect(rows.first().getByRole("cell", { name: "Removed", exact: true })).toBeVisible();
    await expect(rows.nth(1).locator(".heard-audit__fields")).toHaveText("Team, Fallback owner");
    await adminShot(page, "topics-audit-desktop");
    await page.context().close();
  });

  test("a language left out and a name in use are refused", async ({ browser, baseURL, request }) => {
    const admin = await staffLogin(request, demo.admin);
    const page = await adminAt(browser, baseURL, admin, "/staff/admin/topics");
    const topics = new AdminTopicsPage(page);
    await topics.add.click();
    await topics.nameIn("English").fill(`${prefix} Lost and found ${Date.now()}`);
    await topics.submitNew.click();
    await expect(topics.errorSummary.getByRole("link")).toHaveText(["Name in Español is required"]);
    await expect(topics.errorSummary).toBeFocused();
    await topics.errorSummary.getByRole("link").click();
    await expect(topics.nameIn("Español")).toBeFocused();
    await expect(topics.nameIn("Español")).toHaveAttribute("aria-invalid", "true");
    await expectAccessible(page, "the topic form with problems");
    await adminShot(page, "topics-error-desktop");

    await topics.nameIn("Español").fill("autobús Y TRANSPORTE");
    await topics.submitNew.click();
    const taken = page.getByRole("alert").filter({ hasText: "That name is already used:" });
    await expect(taken).toContainText("Autobús y transporte");
    await adminShot(page, "topics-taken-desktop");
    await page.context().close();
  });

  test("a change based on a topic changed since is refused; reload brings the other change", async ({ browser, baseURL, request }) => {
    const admin = await staffLogin(request, demo.admin);
    const name = `${prefix} Stale ${Date.now()}`;
    const made = await createTopic(request, admin, name);
    const page = await adminAt(browser, baseURL, admin, "/staff/admin/topics");
    const topics = new AdminTopicsPage(page);
    await topics.change(name).click();
    await expect(topics.nameIn("Español")).toHaveValue(`${name} (es)`);
    const resp = await staffCall(request, admin, "PUT", `/admin/topics/${made.id}`, {
      data: { texts: { en: { name, description: "Changed elsewhere" }, es: { name: `${name} (es)` } } },
      version: made.version,
    });
    expect(resp.status(), await resp.text()).toBe(200);

    await topics.descriptionIn("English").fill("Mine");
    await topics.saveChanges.click();
    const stale = page.getByRole("alert").filter({ hasText: "Someone else changed this topic after you opened it" });
    await expect(stale).toBeVisible();
    await expect(topics.descriptionIn("English")).toHaveValue("Mine");
    await expectAccessible(page, "the topic form, stale");
    await adminShot(page, "topics-stale-desktop");
    await stale.getByRole("button", { name: "Reload" }).click();
    await expect(page.getByText("This is the topic as it is now.")).toBeVisible();
    await expect(topics.descriptionIn("English")).toHaveValue("Changed elsewhere");
    await topics.descriptionIn("English").fill("Mine");
    await topics.saveChanges.click();
    await expect(topics.notice).toHaveText(`${name} saved.`);
    expect((await allTopics(request, admin)).find((t) => t.id === made.id)?.texts.en.description).toBe("Mine");
    await page.context().close();
  });

  test("a topic inquiries are about stays, and the page says why", async ({ browser, baseURL, request }) => {
    const admin = await staffLogin(request, demo.admin);
    const page = await adminAt(browser, baseURL, admin, "/staff/admin/topics");
    const topics = new AdminTopicsPage(page);
    await topics.removeConfirmed("Bus & transportation");
    const kept = page.getByRole("alert").filter({ hasText: "Bus & transportation was not removed:" });
    await expect(kept).toContainText(/\d+ inquiries are about "Bus & transportation"/);
    await expect(topics.row("Bus & transportation")).toBeVisible();
    await expectAccessible(page, "a topic kept");
    await adminShot(page, "topics-kept-desktop");
    await page.context().close();
  });

  test("the list comes a page at a time, and an empty one says what to add", async ({ browser, baseURL, request }) => {
    const admin = await staffLogin(request, demo.admin);
    const all = (await allTopics(request, admin)).map((t) => t.name);
    const page = await adminAt(browser, baseURL, admin, "/staff");
    await page.route("**/api/v1/admin/topics?*", (route) => route.continue({ url: route.request().url().replace("limit=50", "limit=4") }));
    await page.goto("/staff/admin/topics");
    const topics = new AdminTopicsPage(page);
    await expect(topics.table.locator("tbody th")).toHaveCount(4);
    for (let shown = 4; shown < all.length; shown = Math.min(all.length, shown + 4)) {
      await topics.loadMore.click();
      await expect(topics.table.locator("tbody th")).toHaveCount(Math.min(all.length, shown + 4));
    }
    await expect(topics.loadMore).toHaveCount(0);
    await expect.poll(() => topics.names()).toEqual(all);
    await page.unroute("**/api/v1/admin/topics?*");

    await page.route("**/api/v1/admin/topics?*", (route) => route.fulfill({ json: { items: [], next_cursor: null } }));
    await page.goto("/staff/admin/topics");
    await expect(topics.empty).toHaveText(/^No topics yet\. Add the topics families can pick/);
    await expect(topics.add).toBeVisible();
    await expectAccessible(page, "no topics yet");
    await adminShot(page, "topics-empty-desktop");
    await page.context().close();
  });

  test("an agent is not offered the page and is refused it", async ({ browser, baseURL, request }) => {
    const agent = await staffLogin(request, demo.transportation);
    const page = await adminAt(browser, baseURL, agent, "/staff/admin/topics");
    await expect(page.getByRole("heading", { name: "Only for administrators" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Staff" }).getByRole("link", { name: "Topics" })).toHaveCount(0);
    expect((await staffCall(request, agent, "GET", "/admin/topics")).status()).toBe(403);
    await page.context().close();
  });

  for (const [size, viewport] of [["desktop", desktop], ["phone", phone]] as const) {
    test(`axe finds nothing, ${size}`, async ({ browser, baseURL, request }) => {
      const admin = await staffLogin(request, demo.admin);
      const page = await adminAt(browser, baseURL, admin, "/staff/admin/topics", { viewport });
      const topics = new AdminTopicsPage(page);
      await expect(topics.row("Bus & transportation")).toBeVisible();
      expect(await overflowOf(page), "horizontal overflow in px").toBeLessThanOrEqual(0);
      await expectAccessible(page, `topics (${size})`);
      await adminShot(page, `topics-${size}`);
      await topics.change("Compliment").click();
      await topics.nameIn("English").fill("");
      await topics.saveChanges.click();
      await expect(page.locator("#f-texts-en-name-error")).toHaveText("Name in English is required");
      expect(await overflowOf(page), "horizontal overflow in px").toBeLessThanOrEqual(0);
      await expectAccessible(page, `a topic with a problem (${size})`);
      await adminShot(page, `topics-error-${size}`);
      await page.context().close();
    });
  }

  test("in Spanish, on a phone", async ({ browser, baseURL, request }) => {
    const admin = await staffLogin(request, demo.admin);
    const page = await adminAt(browser, baseURL, admin, "/staff/admin/topics", { lang: "es", viewport: phone });
    await expect(page.getByRole("heading", { name: "Temas", level: 1 })).toBeVisible();
    await page.getByRole("button", { name: "Agregar un tema" }).click();
    await page.getByRole("button", { name: "Agregar tema", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Hay un problema" })).toBeVisible();
    await expect(page.locator(".heard-error-summary").getByRole("link")).toHaveText([
      "Nombre en English: es obligatorio",
      "Nombre en Español: es obligatorio",
    ]);
    expect(await overflowOf(page), "horizontal overflow in px").toBeLessThanOrEqual(0);
    await expectAccessible(page, "topics in Spanish");
    await adminShot(page, "topics-es-phone");
    await page.context().close();
  });
});
