// The district's help articles, for its admins.
//
// An admin writes a draft in Spanish on a topic; families do not find it.
// Published, they do; then it is removed after saying yes to the question.
// A title left out is refused at its field, and a title another article
// has in that language with the server's reason. axe audits the list and
// the form at desktop and phone widths, and in Spanish; an agent is not
// offered the page.
//
// Every spec shares one demo server: what this spec writes has a title of
// its own and is removed at the end; the demo's articles are never changed.
import { APIRequestContext } from "@playwright/test";
import { test, expect, expectAccessible, adminAt, adminShot, demo, overflowOf, phone, staffApi, staffCall, staffLogin, StaffSession } from "../fixtures";
import { AdminArticlesPage } from "../pages";

const prefix = "E2E";

interface Article {
  id: string;
  title: string;
  version: number;
}

async function allArticles(request: APIRequestContext, admin: StaffSession): Promise<Article[]> {
  const all: Article[] = [];
  let cursor = "";
  for (;;) {
    const page = await staffApi(request, admin, "GET", `/admin/articles?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    all.push(...page.items);
    if (!page.next_cursor) return all;
    cursor = page.next_cursor;
  }
}

/** The titles families find in `lang` for the words `q`. */
async function familiesFind(request: APIRequestContext, lang: string, q: string): Promise<string[]> {
  const r = await request.get(`/api/v1/districts/${demo.district}/articles?lang=${lang}&q=${encodeURIComponent(q)}`);
  expect(r.status()).toBe(200);
  return (await r.json()).items.map((a: { title: string }) => a.title);
}

test.describe("help articles", () => {
  test.afterAll(async ({ request }) => {
    const admin = await staffLogin(request, demo.admin);
    for (const a of await allArticles(request, admin)) {
      if (!a.title.startsWith(prefix) && !a.title.startsWith(`¿${prefix}`)) continue;
      const resp = await staffCall(request, admin, "DELETE", `/admin/articles/${a.id}`, { version: a.version });
      expect(resp.status(), `removing ${a.title}: ${await resp.text()}`).toBe(204);
    }
  });

  test("an admin writes a draft, publishes it for families and removes it", async ({ browser, baseURL, request }) => {
    const admin = await staffLogin(request, demo.admin);
    const stamp = Date.now();
    const title = `¿${prefix} Hay autobús los días de nieve ${stamp}?`;
    const page = await adminAt(browser, baseURL, admin, "/staff");
    await page.getByRole("navigation", { name: "Staff" }).getByRole("link", { name: "Help articles" }).click();
    await expect(page).toHaveURL(/\/staff\/admin\/articles$/);
    await expect(page).toHaveTitle("Help articles – Heard");
    const articles = new AdminArticlesPage(page);
    const bus = articles.row("When will my bus arrive?");
    await expect(bus).toBeVisible();
    await expect(bus.getByRole("cell", { name: "Bus & transportation" })).toBeVisible();
    await expect(bus.locator(".heard-standing")).toHaveText("Published");
    await expectAccessible(page, "help articles");
    await adminShot(page, "articles-desktop");

    await articles.add.click();
    await expect(page.getByRole("heading", { name: "New help article", level: 2 })).toBeFocused();
    await expect(articles.choice("Draft: only admins see it")).toBeChecked();
    await articles.pick("Español");
    await articles.question.fill(title);
    await articles.body.fill("Si la escuela cierra por nieve, **no hay autobús**.\n\n<script>alert('x')</script>");
    await articles.topic.selectOption({ label: "Bus & transportation" });
    // The preview shows the answer as families will: bold, and the script as text.
    const preview = page.locator("details.heard-article-preview");
    await preview.getByText("Preview: the answer as families will see it").click();
    await expect(preview.locator("strong")).toHaveText("no hay autobús");
    await expect(preview).toContainText("<script>alert('x')</script>");
    await expect(preview.locator("script")).toHaveCount(0);
    await expectAccessible(page, "the new help article form");
    await adminShot(page, "articles-new-desktop");
    await articles.submitNew.click();
    await expect(articles.notice).toHaveText(`${title} added.`);
    await expect(articles.row(title).locator(".heard-standing")).toHaveText("Draft");
    await expect(articles.row(title).getByRole("cell", { name: "Español" })).toBeVisible();
    expect(await familiesFind(request, "es", `nieve ${stamp}`)).toEqual([]);

    // Published: families find it in Spanish, as written.
    await articles.change(title).click();
    await expect(page.getByRole("heading", { name: `Change ${title}`, level: 2 })).toBeFocused();
    await expect(articles.body).toHaveValue(/no hay autobús/);
    await articles.pick("Published: families find it");
    await articles.saveChanges.click();
    await expect(articles.notice).toHaveText(`${title} saved.`);
    await expect(articles.row(title).locator(".heard-standing")).toHaveText("Published");
    expect(await familiesFind(request, "es", `nieve ${stamp}`)).toEqual([title]);

    await articles.removeConfirmed(title);
    await expect(articles.notice).toHaveText(`${title} removed.`);
    await expect(articles.row(title)).toHaveCount(0);
    expect(await familiesFind(request, "es", `nieve ${stamp}`)).toEqual([]);

    await page.goto("/staff/admin/audit?resource=article");
    const rows = page.locator("table.heard-audit tbody tr");
    await expect(rows.first().getByRole("cell", { name: `Help article ${title}` })).toBeVisible();
    await expect(rows.first().getByRole("cell", { name: "Removed", exact: true })).toBeVisible();
    await page.context().close();
  });

  test("a title left out, or another article's, is refused at its field", async ({ browser, baseURL, request }) => {
    const admin = await staffLogin(request, demo.admin);
    const page = await adminAt(browser, baseURL, admin, "/staff/admin/articles");
    const articles = new AdminArticlesPage(page);
    await articles.add.click();
    await articles.submitNew.click();
    await expect(articles.errorSummary).toBeFocused();
    await expect(articles.errorSummary.getByRole("link")).toHaveText(["Question is required", "Answer is required"]);
    await expect(articles.question).toHaveAttribute("aria-invalid", "true");
    await expectAccessible(page, "the help article form with its errors");
    await adminShot(page, "articles-errors-desktop");

    await articles.question.fill("when will my bus arrive?");
    await articles.body.fill("Another answer.");
    await articles.submitNew.click();
    await expect(page.getByRole("alert").filter({ hasText: "That title is already used:" })).toContainText("When will my bus arrive?");
    await page.context().close();
  });

  test("on a phone and in Spanish, the list and the form pass axe", async ({ browser, baseURL, request }) => {
    const admin = await staffLogin(request, demo.admin);
    const page = await adminAt(browser, baseURL, admin, "/staff/admin/articles", { lang: "es", viewport: phone });
    await expect(page.getByRole("heading", { name: "Artículos de ayuda", level: 1 })).toBeVisible();
    await expect(page.locator("table.heard-admin__table tbody tr").first()).toBeVisible();
    expect(await overflowOf(page), "horizontal overflow in px").toBeLessThanOrEqual(0);
    await expectAccessible(page, "help articles in Spanish on a phone");
    await adminShot(page, "articles-es-phone");
    await page.getByRole("button", { name: "Escribir un artículo de ayuda" }).click();
    await expect(page.getByRole("heading", { name: "Nuevo artículo de ayuda", level: 2 })).toBeFocused();
    const preview = page.locator("details.heard-article-preview");
    await preview.getByText("Vista previa: la respuesta como la verán las familias").click();
    await expect(preview).toContainText("Escriba la respuesta arriba para verla aquí.");
    await page.getByLabel("Respuesta", { exact: true }).fill("| Ruta | Hora |\n|---|---|\n| 12 | 7:40 |\n\n[Mapa de rutas](https://lakeview.example/rutas-de-autobus-del-distrito-escolar-unificado)");
    await expect(preview.getByRole("link", { name: "Mapa de rutas" })).toBeVisible();
    expect(await overflowOf(page), "horizontal overflow in px").toBeLessThanOrEqual(0);
    await expectAccessible(page, "the new help article form in Spanish on a phone");
    await adminShot(page, "articles-new-es-phone");
    await page.context().close();
  });

  test("an agent is not offered the page and is refused it", async ({ browser, baseURL, request }) => {
    const agent = await staffLogin(request, demo.transportation);
    const page = await adminAt(browser, baseURL, agent, "/staff/admin/articles");
    await expect(page.getByRole("heading", { name: "Only for administrators" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Staff" }).getByRole("link", { name: "Help articles" })).toHaveCount(0);
    expect((await staffCall(request, agent, "GET", "/admin/articles")).status()).toBe(403);
    await page.context().close();
  });
});
