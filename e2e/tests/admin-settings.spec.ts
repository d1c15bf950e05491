// The district's settings and its audit log, for the district's admins.
//
// An admin renames the district, rewords the Spanish tab and picks another
// colour; families see the new name on the portal and the change is in the
// audit log, found by a search. A colour too pale to see on white is
// refused on its field. A save based on settings someone else has changed
// since is refused, the admin's typing kept, and a reload brings the other
// change. An agent is offered neither screen and is refused both. axe
// audits every state at phone and desktop widths, in English and Spanish.
//
// Every spec shares one demo server: the settings found at the start are
// put back at the end, through the API, whatever happened in between.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { APIRequestContext, Browser, Page } from "@playwright/test";
import {
  test,
  expect,
  expectAccessible,
  demo,
  desktop,
  phone,
  signedInContext,
  staffApi,
  staffLogin,
  staffPage,
  StaffSession,
} from "../fixtures";

const shots = "/tmp/admin-ui-shots";

interface Settings {
  district: { id: string; slug: string; name: string; time_zone: string };
  languages: string[];
  branding: {
    tab_label: string;
    tab_labels: Record<string, string>;
    color: string;
    position: string;
    logo?: { url: string; content_type: string; width: number; height: number; bytes: number } | null;
  };
  standard: { first_response_minutes: number; resolution_minutes: number };
  fallback_team?: { id: string; name: string } | null;
  pillar_standards: Record<string, Record<string, string>>;
  past_due_business_days: number;
  requester_retention_days?: number | null;
  version: number;
}

interface AuditEntry {
  id: string;
  at: string;
  actor: { staff_id?: string; name: string };
  address?: string;
  resource: string;
  action: string;
  changed: string[];
}

/** A full-page screenshot of the state the page is in, for a person to look at. */
async function shot(page: Page, name: string) {
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

/** How far the page reaches past a screen `width` wide; a phone's browser
 * would widen its viewport to fit, so the page is measured, not the window. */
async function overflow(page: Page, width: number) {
  return (await page.evaluate(() => document.documentElement.scrollWidth)) - width;
}

async function settingsOf(request: APIRequestContext, admin: StaffSession): Promise<Settings> {
  return staffApi(request, admin, "GET", "/admin/districts/current");
}

/** The body the API takes, from settings as read, with `change` on top. */
function formOf(s: Settings, change: Partial<{ name: string; color: string; past_due_business_days: number }> = {}) {
  return {
    name: change.name ?? s.district.name,
    slug: s.district.slug,
    time_zone: s.district.time_zone,
    languages: s.languages,
    branding: { tab_labels: s.branding.tab_labels, color: change.color ?? s.branding.color, position: s.branding.position },
    standard: s.standard,
    fallback_team_id: s.fallback_team?.id ?? null,
    pillar_standards: s.pillar_standards,
    past_due_business_days: change.past_due_business_days ?? s.past_due_business_days,
    requester_retention_days: s.requester_retention_days ?? null,
  };
}

/** Changes the settings through the API, based on the version read just before. */
async function change(request: APIRequestContext, admin: StaffSession, c: Parameters<typeof formOf>[1]): Promise<Settings> {
  const s = await settingsOf(request, admin);
  const resp = await request.put("/api/v1/admin/districts/current", {
    headers: { Authorization: `Bearer ${admin.access_token}`, "If-Match": `"${s.version}"` },
    data: formOf(s, c),
  });
  expect(resp.status(), await resp.text()).toBe(200);
  return resp.json();
}

/** Every audit entry, through the API, newest first. */
async function auditEntries(request: APIRequestContext, admin: StaffSession, q = ""): Promise<AuditEntry[]> {
  const all: AuditEntry[] = [];
  let cursor = "";
  for (;;) {
    const params = new URLSearchParams({ limit: "200" });
    if (q) params.set("q", q);
    if (cursor) params.set("cursor", cursor);
    const page = await staffApi(request, admin, "GET", `/admin/audit?${params}`);
    all.push(...page.items);
    if (!page.next_cursor) return all;
    cursor = page.next_cursor;
  }
}

/** The date and time as the page writes it: on the district's clock, in `lang`. */
function districtTime(at: string, timeZone: string, lang = "en") {
  return new Date(at).toLocaleString(lang, { dateStyle: "medium", timeStyle: "short", timeZone });
}

const nav = (page: Page) => page.getByRole("navigation", { name: "Staff" });
const nameField = (page: Page) => page.getByRole("textbox", { name: /^Name of the district/ });
const colourField = (page: Page) => page.getByRole("textbox", { name: /^Colour/ });
const save = (page: Page) => page.getByRole("button", { name: "Save settings" });
const saved = (page: Page) => page.getByRole("status").filter({ hasText: "Settings saved." });
const auditRows = (page: Page) => page.locator("table.heard-audit tbody tr");

/** A signed-in admin's page in `lang` at `viewport`, opened at `path`. */
async function adminAt(browser: Browser, baseURL: string | undefined, session: StaffSession, where: string, opts: { lang?: "en" | "es"; viewport?: { width: number; height: number }; timezoneId?: string } = {}) {
  const viewport = opts.viewport ?? desktop;
  const mobile = viewport.width < 600;
  const context = await signedInContext(browser, baseURL, session, { viewport, hasTouch: mobile, isMobile: mobile, timezoneId: opts.timezoneId });
  const lang = opts.lang ?? "en";
  await context.addInitScript((l) => localStorage.setItem("heard.lang", l), lang);
  const page = await context.newPage();
  await page.goto(where);
  await expect(page.locator("html")).toHaveAttribute("lang", lang);
  return page;
}

test.describe("district settings and the audit log", () => {
  test.describe.configure({ mode: "serial" });

  let original: Settings;

  test.beforeAll(async ({ request }) => {
    const admin = await staffLogin(request, demo.admin);
    original = await settingsOf(request, admin);
    // What the other specs rely on, so a leftover from an earlier run shows here.
    expect(original.district.name).toBe(demo.districtName);
    expect(original.district.slug).toBe(demo.district);
    expect(original.branding.color).toBe("#0b5c7a");
  });

  test.afterAll(async ({ request }) => {
    const admin = await staffLogin(request, demo.admin);
    const withLogo = await settingsOf(request, admin);
    if (withLogo.branding.logo) {
      const gone = await request.delete("/api/v1/admin/districts/current/logo", {
        headers: { Authorization: `Bearer ${admin.access_token}`, "If-Match": `"${withLogo.version}"` },
      });
      expect(gone.status(), `removing the test logo: ${await gone.text()}`).toBe(200);
    }
    const now = await settingsOf(request, admin);
    const resp = await request.put("/api/v1/admin/districts/current", {
      headers: { Authorization: `Bearer ${admin.access_token}`, "If-Match": `"${now.version}"` },
      data: formOf(original),
    });
    expect(resp.status(), `restoring the demo district: ${await resp.text()}`).toBe(200);
    const back = await settingsOf(request, admin);
    expect(formOf(back)).toEqual(formOf(original));
  });

  test("an admin renames the district, rewords the Spanish tab and changes its colour", async ({ browser, baseURL, request }) => {
    const stamp = `${Date.now()}`;
    const newName = `Lakeview Unified School District ${stamp}`;
    const spanish = `Escríbanos ${stamp.slice(-4)}`;
    const colour = "#7a3b0b";

    const page = await staffPage(browser, baseURL, demo.admin);
    await nav(page).getByRole("link", { name: "Settings" }).click();
    await expect(page).toHaveURL(/\/staff\/admin\/settings$/);
    await expect(page.getByRole("heading", { name: "District settings", level: 1 })).toBeVisible();
    await expect(page).toHaveTitle("District settings – Heard");
    await expect(nameField(page)).toHaveValue(demo.districtName);
    await expect(colourField(page)).toHaveValue("#0b5c7a");
    await expect(page.getByRole("textbox", { name: /^Address \(slug\)/ })).toHaveValue(demo.district);
    await expect(page.getByRole("checkbox", { name: "Español" })).toBeChecked();
    await expect(page.getByRole("radio", { name: "English" })).toBeChecked();
    await expect(page.getByRole("radio", { name: "Bottom right corner" })).toBeChecked();
    await expect(page.getByText("Contrast with white: 7.4:1. Enough to be seen (at least 3:1).")).toBeVisible();
    await expectAccessible(page, "district settings");
    await shot(page, "settings-desktop");

    await nameField(page).fill(newName);
    await page.getByRole("textbox", { name: /^Words on the tab in Español/ }).fill(spanish);
    await colourField(page).fill(colour);
    // The readout and the preview follow the typing, before anything is saved.
    await expect(page.getByText("Contrast with white: 8.5:1. Enough to be seen (at least 3:1).")).toBeVisible();
    const preview = page.getByRole("group", { name: "How the tab looks" });
    const spanishTab = preview.locator(".heard-tabpreview__tab[lang=es]");
    await expect(spanishTab).toHaveText(spanish);
    await expect(spanishTab).toHaveCSS("background-color", "rgb(122, 59, 11)");
    await expect(spanishTab).toHaveCSS("color", "rgb(255, 255, 255)");
    await save(page).click();
    await expect(saved(page)).toHaveText("Settings saved. Families see the changes now.");
    await expect(page.locator(".heard-header__title")).toHaveText(newName);
    await expect(nameField(page)).toHaveValue(newName);
    await expectAccessible(page, "district settings, saved");
    await shot(page, "settings-saved-desktop");

    const admin = await staffLogin(request, demo.admin);
    const stored = await settingsOf(request, admin);
    expect(stored.district.name).toBe(newName);
    expect(stored.branding.tab_labels).toEqual({ ...original.branding.tab_labels, es: spanish });
    expect(stored.branding.color).toBe(colour);
    expect(stored.version).toBe(original.version + 1);
    // Nothing else moved: the rest of the form went back as it was read.
    expect(formOf(stored)).toEqual({
      ...formOf(original, { name: newName, color: colour }),
      branding: { ...formOf(original).branding, color: colour, tab_labels: stored.branding.tab_labels },
    });

    // Families see the new name and colour on the portal.
    const family = await browser.newContext({ baseURL, viewport: desktop });
    const portal = await family.newPage();
    await portal.goto(`/${demo.district}`);
    await expect(portal.locator(".heard-header__title")).toHaveText(newName);
    await expect(portal).toHaveTitle(new RegExp(stamp));
    await expect
      .poll(() => portal.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--heard-district").trim()))
      .toBe(colour);
    await family.close();

    // The audit log has the change, newest first, with who, from where and what.
    await nav(page).getByRole("link", { name: "Audit log" }).click();
    await expect(page).toHaveURL(/\/staff\/admin\/audit$/);
    await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
    await expect(page).toHaveTitle("Audit log – Heard");
    await page.context().close();
    const [entry] = await auditEntries(request, admin);
    expect(entry.actor.name).toBe("Dana Whitfield");
    expect(entry.changed).toEqual(expect.arrayContaining(["district.name", "branding.tab_labels.es", "branding.color"]));

    // Read on a clock far from the district's, the times are still the district's.
    const audit = await adminAt(browser, baseURL, admin, "/staff/admin/audit", { timezoneId: "Asia/Tokyo" });
    const [districtTime, ownTime] = await audit.evaluate(
      ([at, zone]) => {
        const style = { dateStyle: "medium", timeStyle: "short" } as const;
        return [new Date(at).toLocaleString("en", { ...style, timeZone: zone }), new Date(at).toLocaleString("en", style)];
      },
      [entry.at, original.district.time_zone],
    );
    expect(districtTime).not.toBe(ownTime);
    const row = auditRows(audit).first();
    await expect(row.getByRole("rowheader")).toHaveText(districtTime);
    await expect(row.locator("time")).toHaveAttribute("datetime", entry.at.replace(/\.\d+Z$/, "Z"));
    await expect(row.getByRole("cell", { name: "Dana Whitfield" })).toBeVisible();
    await expect(row.getByRole("cell", { name: entry.address ?? "missing address", exact: true })).toBeVisible();
    await expect(row.getByRole("cell", { name: "District settings", exact: true })).toBeVisible();
    await expect(row.getByRole("cell", { name: "Changed", exact: true })).toBeVisible();
    const fields = row.locator(".heard-audit__fields");
    await expect(fields).toContainText("Name of the district");
    await expect(fields).toContainText("Words on the tab in Español");
    await expect(fields).toContainText("Colour");
    await expect(audit.getByText(`Times are in the district's time zone, ${original.district.time_zone}.`)).toBeVisible();

    // Each row opens onto the fields before and after.
    const details = row.locator("details");
    await expect(details.locator("dl")).toBeHidden();
    await details.getByText("Before and after").click();
    const nameChange = details.locator(".heard-audit__change").filter({ has: audit.locator("dt", { hasText: /^Name of the district$/ }) });
    await expect(nameChange.locator("del")).toHaveText(demo.districtName);
    await expect(nameChange.locator("ins")).toHaveText(newName);
    const colourChange = details.locator(".heard-audit__change").filter({ has: audit.locator("dt", { hasText: /^Colour$/ }) });
    await expect(colourChange.locator("del")).toHaveText("#0b5c7a");
    await expect(colourChange.locator("ins")).toHaveText(colour);
    await expectAccessible(audit, "the audit log with an entry open");
    await shot(audit, "audit-desktop");

    // The search is kept in the address, and finds the entry by the new name.
    const search = audit.getByRole("searchbox", { name: "Search" });
    await search.fill(stamp);
    await audit.getByRole("button", { name: "Apply" }).click();
    await expect(audit).toHaveURL(new RegExp(`/staff/admin/audit\\?q=${stamp}$`));
    await expect(audit.getByText("Entries shown: 1")).toBeVisible();
    await expect(auditRows(audit)).toHaveCount(1);
    await expect(auditRows(audit).first().locator(".heard-audit__fields")).toContainText("Name of the district");
    await audit.getByRole("combobox", { name: "Changes to" }).selectOption({ label: "District settings" });
    await audit.getByRole("button", { name: "Apply" }).click();
    await expect(audit).toHaveURL(new RegExp(`\\?resource=district&q=${stamp}$`));
    await expect(auditRows(audit)).toHaveCount(1);
    await audit.reload();
    await expect(search).toHaveValue(stamp);
    await expect(audit.getByRole("combobox", { name: "Changes to" })).toHaveValue("district");
    await expect(auditRows(audit)).toHaveCount(1);

    // Background jobs were never changed here: nothing matches, and the page says what the log keeps.
    await audit.getByRole("combobox", { name: "Changes to" }).selectOption({ label: "Background job" });
    await audit.getByRole("button", { name: "Apply" }).click();
    await expect(audit).toHaveURL(new RegExp(`\\?resource=job&q=${stamp}$`));
    await expect(audit.getByText("Nothing in the log matches this search.")).toBeVisible();
    await expect(audit.getByText(/^The log keeps each change an admin makes to the district's settings/)).toBeVisible();
    await expect(audit.getByRole("table")).toHaveCount(0);
    await expectAccessible(audit, "the audit log, nothing found");
    await shot(audit, "audit-empty-desktop");
    await audit.context().close();
  });

  test("an admin uploads a logo that families see at the head of the portal, and removes it", async ({ browser, baseURL, request }) => {
    const files = path.join(__dirname, "..", "files");
    const page = await staffPage(browser, baseURL, demo.admin);
    await page.goto("/staff/admin/settings");
    const logo = page.getByRole("group", { name: "Logo" });
    await expect(logo.getByText("No logo yet: the pages show the district's name alone.")).toBeVisible();
    const chooser = logo.getByLabel("Choose an image");

    // A file that is not an image the pages can show is refused by name.
    await chooser.setInputFiles(path.join(files, "not-a-logo.gif"));
    await expect(logo.getByRole("alert")).toHaveText(
      "not-a-logo.gif cannot be the logo: choose a PNG, JPEG or WebP image up to 256 KB, 16 to 4,096 pixels a side.",
    );
    await expectAccessible(page, "district settings, logo refused");

    await chooser.setInputFiles(path.join(files, "logo.png"));
    await expect(logo.getByRole("status")).toHaveText("The new logo is saved; families see it now.");
    const shown = logo.getByRole("img", { name: "The district's logo" });
    await expect(shown).toBeVisible();
    await expect(logo.getByText("The logo now, 160 × 48 pixels")).toBeVisible();
    expect(await shown.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(160);
    await expectAccessible(page, "district settings, with a logo");
    await shot(page, "settings-logo-desktop");

    // The rest of the form saves after it, on the version the upload made.
    await save(page).click();
    await expect(saved(page)).toHaveText("Settings saved. Families see the changes now.");

    const admin = await staffLogin(request, demo.admin);
    const withLogo = await settingsOf(request, admin);
    expect(withLogo.branding.logo?.width).toBe(160);
    const image = await request.get(withLogo.branding.logo!.url);
    expect(image.status()).toBe(200);
    expect(image.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");

    // On the portal, on a phone, in Spanish: the logo beside the district's name.
    const family = await browser.newContext({ baseURL, viewport: phone, isMobile: true, hasTouch: true, locale: "es" });
    await family.addInitScript(() => localStorage.setItem("heard.lang", "es"));
    const portal = await family.newPage();
    await portal.goto(`/${demo.district}`);
    const title = portal.locator(".heard-header__title");
    await expect(title).toContainText(demo.districtName);
    const headerLogo = title.locator("img.heard-header__logo");
    await expect(headerLogo).toHaveAttribute("src", withLogo.branding.logo!.url);
    await expect(headerLogo).toHaveAttribute("alt", "");
    expect(await headerLogo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(160);
    expect(await overflow(portal, phone.width)).toBeLessThanOrEqual(0);
    await expectAccessible(portal, "portal with the district's logo, phone, Spanish");
    await shot(portal, "portal-logo-phone-es");
    await family.close();

    await logo.getByRole("button", { name: "Remove the logo" }).click();
    await expect(logo.getByRole("status")).toHaveText("The logo is removed.");
    await expect(logo.getByText("No logo yet: the pages show the district's name alone.")).toBeVisible();
    expect((await settingsOf(request, admin)).branding.logo ?? null).toBeNull();
    await page.context().close();
  });

  test("a colour too pale to see on white is refused on its field, and nothing is saved", async ({ browser, baseURL, request }) => {
    const admin = await staffLogin(request, demo.admin);
    const before = await settingsOf(request, admin);
    const page = await adminAt(browser, baseURL, admin, "/staff/admin/settings");
    await colourField(page).fill("#ffee00");
    // Said at once, before the server is asked.
    await expect(page.getByText("Contrast with white: 1.2:1. Too pale: at least 3:1 is needed.")).toBeVisible();
    await save(page).click();

    const problem = "Colour is too pale to be seen on white; choose a darker colour";
    const summary = page.locator(".heard-error-summary");
    await expect(summary.getByRole("heading", { name: "There is a problem" })).toBeVisible();
    await expect(summary.getByRole("link")).toHaveText([problem]);
    await expect(summary).toBeFocused();
    await expect(page.locator("#f-branding-color-error")).toHaveText(problem);
    await expect(colourField(page)).toHaveAttribute("aria-invalid", "true");
    await expect(colourField(page)).toHaveAccessibleDescription(/Too pale.*too pale to be seen on white/);
    await expect(saved(page)).toHaveCount(0);
    await summary.getByRole("link").click();
    await expect(colourField(page)).toBeFocused();
    await expectAccessible(page, "district settings with a pale colour refused");
    await shot(page, "settings-pale-desktop");

    const after = await settingsOf(request, admin);
    expect(after.version).toBe(before.version);
    expect(after.branding.color).toBe(before.branding.color);
    await page.context().close();
  });

  test("every problem the server finds is named beside its own field", async ({ browser, baseURL, request }) => {
    const admin = await staffLogin(request, demo.admin);
    const before = await settingsOf(request, admin);
    const page = await adminAt(browser, baseURL, admin, "/staff/admin/settings");
    await page.getByRole("textbox", { name: /^Time zone/ }).fill("America/Lakeview");
    await page.getByRole("textbox", { name: /^Words on the tab in Español/ }).fill("");
    await page.getByRole("textbox", { name: /^Resolved within/ }).fill("60");
    await page.getByRole("textbox", { name: /^Past due after/ }).fill("a week");
    await save(page).click();
    // A number that is none never reaches the server.
    const summary = page.locator(".heard-error-summary");
    await expect(summary.getByRole("link")).toHaveText(["Past due after must be a whole number"]);
    await expect(page.locator("#f-past-due-business-days-error")).toHaveText("Past due after must be a whole number");

    await page.getByRole("textbox", { name: /^Past due after/ }).fill("5");
    await save(page).click();
    await expect(summary.getByRole("link")).toHaveText([
      "Time zone is not a time zone such as America/Chicago",
      "Words on the tab in Español is required",
      `Resolved within must be a number from ${before.standard.first_response_minutes} to 43200`,
    ]);
    await expect(page.locator("#f-time-zone-error")).toHaveText("Time zone is not a time zone such as America/Chicago");
    await expect(page.locator("#f-branding-tab-labels-es-error")).toHaveText("Words on the tab in Español is required");
    await expect(page.getByRole("textbox", { name: /^Words on the tab in Español/ })).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator("#f-standard-resolution-minutes-error")).toContainText("Resolved within must be a number from");
    await summary.getByRole("link", { name: /^Words on the tab in Español/ }).click();
    await expect(page.getByRole("textbox", { name: /^Words on the tab in Español/ })).toBeFocused();
    await expectAccessible(page, "district settings with three problems");
    await shot(page, "settings-problems-desktop");
    expect((await settingsOf(request, admin)).version).toBe(before.version);
    await page.context().close();
  });

  test("a save based on settings changed since is refused; reload brings the other change", async ({ browser, baseURL, request }) => {
    const admin = await staffLogin(request, demo.admin);
    const page = await adminAt(browser, baseURL, admin, "/staff/admin/settings");
    await expect(nameField(page)).toBeVisible();
    const theirs = `Lakeview USD (changed elsewhere ${Date.now()})`;
    await change(request, admin, { name: theirs, past_due_business_days: 7 });

    const mine = "Lakeview Unified School District, my way";
    await nameField(page).fill(mine);
    await save(page).click();
    const stale = page.getByRole("alert").filter({ hasText: "Someone else changed these settings after you opened them" });
    await expect(stale).toBeVisible();
    await expect(stale.getByRole("button", { name: "Reload" })).toBeFocused();
    // What the admin typed is still there, and nothing of it was stored.
    await expect(nameField(page)).toHaveValue(mine);
    await expect(saved(page)).toHaveCount(0);
    expect((await settingsOf(request, admin)).district.name).toBe(theirs);
    await expectAccessible(page, "district settings, stale");
    await shot(page, "settings-stale-desktop");

    await stale.getByRole("button", { name: "Reload" }).click();
    await expect(page.getByRole("status").filter({ hasText: "These are the settings as they are now." })).toBeVisible();
    await expect(stale).toHaveCount(0);
    await expect(nameField(page)).toHaveValue(theirs);
    await expect(page.getByRole("textbox", { name: /^Past due after/ })).toHaveValue("7");

    // The next save is based on the version just read.
    await nameField(page).fill(mine);
    await save(page).click();
    await expect(saved(page)).toBeVisible();
    expect((await settingsOf(request, admin)).district.name).toBe(mine);
    await page.context().close();
  });

  test("an agent is not offered the admin screens and is refused them", async ({ browser, baseURL, request }) => {
    const page = await staffPage(browser, baseURL, demo.transportation);
    await expect(nav(page).getByRole("link", { name: "Inbox" })).toBeVisible();
    await expect(nav(page).getByRole("link", { name: "Settings" })).toHaveCount(0);
    await expect(nav(page).getByRole("link", { name: "Audit log" })).toHaveCount(0);

    await page.goto("/staff/admin/settings");
    await expect(page.getByRole("heading", { name: "District settings", level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Only for administrators" })).toBeVisible();
    await expect(page.getByText(/settings are looked after by its administrators/)).toBeVisible();
    await expect(page.getByRole("textbox")).toHaveCount(0);
    await expect(save(page)).toHaveCount(0);
    await expectAccessible(page, "settings for an agent");
    await shot(page, "settings-forbidden-desktop");

    await page.goto("/staff/admin/audit");
    await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Only for administrators" })).toBeVisible();
    await expect(page.getByText(/audit log is kept for the district's administrators/)).toBeVisible();
    await expect(page.getByRole("table")).toHaveCount(0);
    await expect(page.getByRole("searchbox")).toHaveCount(0);
    await expectAccessible(page, "the audit log for an agent");

    // The server refuses all the same.
    const agent = await staffLogin(request, demo.transportation);
    const auth = { Authorization: `Bearer ${agent.access_token}` };
    for (const resp of [
      await request.get("/api/v1/admin/districts/current", { headers: auth }),
      await request.put("/api/v1/admin/districts/current", { headers: { ...auth, "If-Match": '"1"' }, data: formOf(original) }),
      await request.get("/api/v1/admin/audit", { headers: auth }),
    ]) {
      expect(resp.status()).toBe(403);
      expect(resp.headers()["content-type"]).toContain("application/problem+json");
    }
    await page.context().close();
  });

  test("more than a page of entries is loaded with Older entries", async ({ browser, baseURL, request }) => {
    const admin = await staffLogin(request, demo.admin);
    // Fifty-one more changes, each one entry.
    for (let i = 0; i < 51; i++) await change(request, admin, { past_due_business_days: 5 + (i % 2) });
    const all = (await auditEntries(request, admin)).length;
    expect(all).toBeGreaterThan(51);

    const entries = await auditEntries(request, admin);
    const page = await adminAt(browser, baseURL, admin, "/staff/admin/audit");
    await expect(auditRows(page)).toHaveCount(50);
    await expect(page.getByText("Entries shown: 50")).toBeVisible();
    const older = page.getByRole("button", { name: "Older entries" });
    for (let shown = 50; shown < all; ) {
      await older.click();
      shown = Math.min(all, shown + 50);
      await expect(auditRows(page)).toHaveCount(shown);
    }
    await expect(older).toHaveCount(0);
    // Newest first, down to the oldest.
    const times = await auditRows(page).locator("time").evaluateAll((ts) => ts.map((t) => t.getAttribute("datetime")));
    expect(times).toEqual(entries.map((e) => e.at.replace(/\.\d+Z$/, "Z")));
    await page.context().close();
  });

  test.describe("axe finds nothing on either screen", () => {
    const words = {
      en: { settings: "District settings", audit: "Audit log", problem: "There is a problem", nothing: "Nothing in the log matches this search." },
      es: { settings: "Configuración del distrito", audit: "Registro de auditoría", problem: "Hay un problema", nothing: "Nada en el registro coincide con esta búsqueda." },
    } as const;
    for (const lang of ["en", "es"] as const) {
      for (const [size, viewport] of [["phone", phone], ["desktop", desktop]] as const) {
        test(`${lang}, ${size}`, async ({ browser, baseURL, request }) => {
          const w = words[lang];
          const admin = await staffLogin(request, demo.admin);
          const page = await adminAt(browser, baseURL, admin, "/staff/admin/settings", { lang, viewport });
          await expect(page.getByRole("heading", { name: w.settings, level: 1 })).toBeVisible();
          await expect(save(page).or(page.getByRole("button", { name: "Guardar configuración" }))).toBeVisible();
          expect(await overflow(page, viewport.width), "horizontal overflow in px").toBeLessThanOrEqual(0);
          await expectAccessible(page, `settings (${lang}, ${size})`);
          await shot(page, `settings-${lang}-${size}`);

          await page.locator("#f-branding-color").fill("#ffee00");
          await page.locator(".heard-settings__save").click();
          await expect(page.getByRole("heading", { name: w.problem })).toBeVisible();
          await expect(page.locator("#f-branding-color-error")).toBeVisible();
          expect(await overflow(page, viewport.width), "horizontal overflow in px").toBeLessThanOrEqual(0);
          await expectAccessible(page, `settings with an error (${lang}, ${size})`);
          await shot(page, `settings-error-${lang}-${size}`);

          await page.goto("/staff/admin/audit");
          await expect(page.getByRole("heading", { name: w.audit, level: 1 })).toBeVisible();
          await expect(auditRows(page).first()).toBeVisible();
          await auditRows(page).first().locator("details summary").click();
          expect(await overflow(page, viewport.width), "horizontal overflow in px").toBeLessThanOrEqual(0);
          await expectAccessible(page, `audit log (${lang}, ${size})`);
          await shot(page, `audit-${lang}-${size}`);

          await page.goto(`/staff/admin/audit?q=nothing-like-this-${Date.now()}`);
          await expect(page.getByText(w.nothing)).toBeVisible();
          expect(await overflow(page, viewport.width), "horizontal overflow in px").toBeLessThanOrEqual(0);
          await expectAccessible(page, `audit log, nothing found (${lang}, ${size})`);
          await shot(page, `audit-empty-${lang}-${size}`);
          await page.context().close();
        });
      }
    }
  });
});
