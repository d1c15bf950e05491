// The test API every spec uses: the server's address as baseURL, an axe audit
// against WCAG 2.1 A and AA, the demo district's people, and helpers to sign
// staff in and to file an inquiry the way another system would.
import { test as base, expect, Browser, Locator, Page, APIRequestContext } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { watchDocuments } from "./headers";

export const test = base.extend<{ securityHeaders: void }>({
  baseURL: async ({}, use) => {
    const url = process.env.HEARD_BASE_URL;
    if (!url) throw new Error("HEARD_BASE_URL is not set: global setup did not run");
    await use(url);
  },
  // Every page document a test loads, in the default context or one it makes.
  securityHeaders: [
    async ({ browser, context }, use) => {
      const problems: string[] = [];
      watchDocuments(context, problems);
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (options) => {
        const made = await newContext(options);
        watchDocuments(made, problems);
        return made;
      };
      await use();
      browser.newContext = newContext;
      expect(problems, "page documents without the security headers").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Fails with the list of violations when axe finds any on the page as it is now. */
export async function expectAccessible(page: Page, what: string) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).join("\n  ")}`,
  );
  expect(summary, `axe violations on ${what}`).toEqual([]);
}

export const demo = {
  district: "lakeview",
  districtName: "Lakeview Unified School District",
  password: "lakeview-demo",
  admin: "admin@lakeview.example",
  superintendent: "superintendent@lakeview.example",
  frontOffice: "frontoffice@lakeview.example",
  transportation: "transportation@lakeview.example",
  enrollment: "enrollment@lakeview.example",
};

export const phone = { width: 390, height: 844 };
export const desktop = { width: 1280, height: 900 };

/** A fresh browser context at desktop size, signed in as `email`; lands on the inbox. */
export async function staffPage(browser: Browser, baseURL: string | undefined, email: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, viewport: desktop });
  const page = await context.newPage();
  await page.goto("/staff/login");
  await page.getByRole("textbox", { name: "Work email" }).fill(email);
  await page.getByLabel("Password").fill(demo.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Inbox", level: 1 })).toBeVisible();
  return page;
}

/** A fresh phone-sized, touch browser context, as families mostly use. */
export async function phonePage(browser: Browser, baseURL: string | undefined): Promise<Page> {
  const context = await browser.newContext({ baseURL, viewport: phone, hasTouch: true, isMobile: true });
  return context.newPage();
}

/** Presses Tab (Shift+Tab when `back`) until `target` has focus, proving it is reachable by keyboard. */
export async function tabTo(page: Page, target: Locator, opts: { back?: boolean; limit?: number } = {}) {
  const key = opts.back ? "Shift+Tab" : "Tab";
  for (let i = 0; i < (opts.limit ?? 80); i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`could not reach ${target} with ${key}`);
}

export interface Filed {
  id: string;
  reference: string;
  trackingToken: string;
  team: string;
}

/** Files an inquiry through the public API on the topic named `topic`. */
export async function fileInquiry(
  request: APIRequestContext,
  fields: { topic: string; subject: string; body: string; name?: string; email?: string },
): Promise<Filed> {
  const portal = await (await request.get(`/api/v1/districts/${demo.district}/portal`)).json();
  const topic = portal.topics.find((t: { name: string }) => t.name === fields.topic);
  if (!topic) throw new Error(`no topic named ${fields.topic}`);
  const resp = await request.post(`/api/v1/districts/${demo.district}/inquiries`, {
    headers: { "Idempotency-Key": `e2e-${Date.now()}-${Math.random()}` },
    data: {
      kind: "question",
      topic_id: topic.id,
      subject: fields.subject,
      body: fields.body,
      requester: {
        name: fields.name ?? "Sam Rivera",
        email: fields.email ?? "sam.rivera@example.org",
        role: "parent",
        preferred_language: "en",
      },
      anonymous: false,
    },
  });
  expect(resp.status(), await resp.text()).toBe(201);
  const r = await resp.json();
  return { id: r.id, reference: r.reference, trackingToken: r.tracking_token, team: r.team.name };
}

/** A staff session as the API hands it out (and as the app keeps it). */
export interface StaffSession {
  access_token: string;
  refresh_token: string;
  user: { id: string; name: string };
}

/** Signs `email` in through the API, without a browser. */
export async function staffLogin(request: APIRequestContext, email: string): Promise<StaffSession> {
  const resp = await request.post("/api/v1/auth/login", {
    data: { district: demo.district, email, password: demo.password },
  });
  expect(resp.status(), await resp.text()).toBe(200);
  return resp.json();
}

/** A staff API call as `session`; answers the parsed body and fails on any non-2xx. */
export async function staffApi(
  request: APIRequestContext,
  session: StaffSession,
  method: "GET" | "POST",
  path: string,
  opts: { data?: unknown; version?: number } = {},
) {
  const headers: Record<string, string> = { Authorization: `Bearer ${session.access_token}` };
  if (opts.version !== undefined) headers["If-Match"] = `"${opts.version}"`;
  const resp = await request.fetch(`/api/v1${path}`, { method, headers, data: opts.data });
  expect(resp.ok(), `${method} ${path}: ${resp.status()} ${await resp.text()}`).toBe(true);
  return resp.json();
}

/** Moves an inquiry through these staff status changes in order, each based on the latest version. */
export async function setStatus(request: APIRequestContext, session: StaffSession, id: string, ...actions: string[]) {
  for (const status of actions) {
    const { version } = await staffApi(request, session, "GET", `/inquiries/${id}`);
    await staffApi(request, session, "POST", `/inquiries/${id}/status`, { data: { status }, version });
  }
}

/** A staff reply to the family, or an internal note. */
export async function staffMessage(request: APIRequestContext, session: StaffSession, id: string, body: string, internal = false) {
  await staffApi(request, session, "POST", `/inquiries/${id}/messages`, { data: { body, internal } });
}

/** A fresh browser context already signed in as `session`, the way the app keeps a session in the tab. */
export async function signedInContext(browser: Browser, baseURL: string | undefined, session: StaffSession, options: Parameters<Browser["newContext"]>[0] = {}) {
  const context = await browser.newContext({ baseURL, ...options });
  await context.addInitScript((s) => {
    sessionStorage.setItem("heard.access_token", s.access_token);
    sessionStorage.setItem("heard.refresh_token", s.refresh_token);
    sessionStorage.setItem("heard.me", JSON.stringify(s.user));
  }, session);
  return context;
}

/** A signed-in page in `lang` at `viewport` (a phone's is touch and mobile), opened at `where`. */
export async function adminAt(
  browser: Browser,
  baseURL: string | undefined,
  session: StaffSession,
  where: string,
  opts: { lang?: "en" | "es"; viewport?: { width: number; height: number } } = {},
): Promise<Page> {
  const viewport = opts.viewport ?? desktop;
  const mobile = viewport.width < 600;
  const context = await signedInContext(browser, baseURL, session, { viewport, hasTouch: mobile, isMobile: mobile });
  const lang = opts.lang ?? "en";
  await context.addInitScript((l) => localStorage.setItem("heard.lang", l), lang);
  const page = await context.newPage();
  await page.goto(where);
  await expect(page.locator("html")).toHaveAttribute("lang", lang);
  return page;
}

/** Where the admin screens' screenshots go, for a person to look at. */
export const adminShots = "/tmp/shots-admin";

/** A full-page screenshot of the state `page` is in, as `name`.png in `adminShots`. */
export async function adminShot(page: Page, name: string) {
  const { mkdirSync } = await import("node:fs");
  mkdirSync(adminShots, { recursive: true });
  await page.screenshot({ path: `${adminShots}/${name}.png`, fullPage: true });
}

/** How far the page reaches past its window's width, in px; nothing on a page that fits. */
export async function overflowOf(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** A staff API call as `session` that answers the raw response, whatever its status. */
export async function staffCall(
  request: APIRequestContext,
  session: StaffSession,
  method: "GET" | "POST" | "PUT" | "DELETE",
  path: string,
  opts: { data?: unknown; version?: number } = {},
) {
  const headers: Record<string, string> = { Authorization: `Bearer ${session.access_token}` };
  if (opts.version !== undefined) headers["If-Match"] = `"${opts.version}"`;
  return request.fetch(`/api/v1${path}`, { method, headers, data: opts.data });
}
