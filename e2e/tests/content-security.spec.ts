// Every page of the app, and the API documentation, works under the
// Content-Security-Policy Heard sends: nothing is refused on the way through
// a family's visit, a staff member's, and a reader of the API docs.
import { test, expect, demo, desktop, fileInquiry, phonePage } from "../fixtures";
import { PortalPage, StaffLoginPage, DashboardPage, CasePage } from "../pages";
import { Page } from "@playwright/test";

/** Collects the page's CSP violations (its own events and the browser's console) and policy-header complaints. */
async function refusals(page: Page): Promise<string[]> {
  const found: string[] = [];
  await page.exposeFunction("heardCspViolation", (v: string) => found.push(v));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      const report = (window as unknown as { heardCspViolation: (v: string) => void }).heardCspViolation;
      report(`${e.effectiveDirective} refused ${e.blockedURI || "inline"} in ${e.sourceFile}:${e.lineNumber} on ${location.pathname}`);
    });
  });
  page.on("console", (m) => {
    if (/Content.Security.Policy|Permissions.Policy|Refused to/i.test(m.text())) found.push(`console: ${m.text()}`);
  });
  return found;
}

/** Lets late loads (chunks, fonts, images) happen before looking. */
async function settle(page: Page) {
  await page.waitForLoadState("networkidle");
}

test("a family's pages run under the policy", async ({ browser, baseURL, request }) => {
  const page = await phonePage(browser, baseURL);
  const refused = await refusals(page);
  const portal = new PortalPage(page);
  await portal.open(demo.district);
  await settle(page);
  await portal.submit({
    subject: `Policy check ${Date.now()}`,
    body: "Does the bus stop at Elm and 5th?",
    name: "Sam Rivera",
    email: "sam.rivera@example.org",
  });
  const { link } = await portal.receipt();
  await page.getByRole("button", { name: "Copy link" }).click();
  await page.goto(new URL(link).pathname);
  await expect(page.getByRole("heading", { name: "Conversation" })).toBeVisible();
  await settle(page);
  // A link cut short shows its own page.
  await page.goto("/track/this-link-was-cut-short");
  await settle(page);
  // A filed inquiry's tracking page, straight from its link.
  const filed = await fileInquiry(request, { topic: "Compliment", subject: "Thanks", body: "The office was kind." });
  await page.goto(`/track/${filed.trackingToken}`);
  await expect(page.getByRole("heading", { name: "Conversation" })).toBeVisible();
  await settle(page);
  expect(refused).toEqual([]);
  await page.context().close();
});

test("staff pages run under the policy", async ({ browser, baseURL, request }) => {
  const subject = `Policy check ${Date.now()}`;
  const filed = await fileInquiry(request, { topic: "Bus & transportation", subject, body: "The bus skipped our stop." });
  const context = await browser.newContext({ baseURL, viewport: desktop });
  const page = await context.newPage();
  const refused = await refusals(page);
  await new StaffLoginPage(page).signIn(demo.admin, demo.password);
  await settle(page);
  await page.goto(`/staff/inquiries/${filed.id}`);
  await new CasePage(page).expectOpen(subject);
  await settle(page);
  await new DashboardPage(page).open();
  await settle(page);
  expect(refused).toEqual([]);
  await context.close();
});

test("the API documentation runs under its policy", async ({ page }) => {
  const refused = await refusals(page);
  await page.goto("/docs/");
  await expect(page.getByRole("heading", { name: /Heard API/ })).toBeVisible();
  // Trying an operation renders a request and its answer as well.
  await page.getByRole("button", { name: /POST \/api\/v1\/auth\/logout/ }).click();
  await page.getByRole("button", { name: "Try it out" }).click();
  await page.getByRole("button", { name: "Execute" }).click();
  await expect(page.locator(".live-responses-table tbody .response-col_status").first()).toHaveText("204");
  await settle(page);
  expect(refused).toEqual([]);
});
