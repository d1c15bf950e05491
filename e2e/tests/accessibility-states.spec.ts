// An axe audit of every state each page can be in, not only those a journey
// happens to pass through: each state on a desktop and on a phone, in English
// and in Spanish. The data behind the states is made through the public and
// staff APIs first; failures of the API are played by the browser.
//
// HEARD_E2E_SHOTS=/some/dir saves a full-page screenshot of every state there.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { APIRequestContext, Page } from "@playwright/test";
import {
  test,
  expect,
  expectAccessible,
  demo,
  desktop,
  phone,
  fileInquiry,
  setStatus,
  signedInContext,
  staffLogin,
  staffMessage,
  Filed,
  StaffSession,
} from "../fixtures";

type Who = "family" | "admin" | "agent" | "analyst";

/** Who signs in for each kind of staff state. */
const staffEmail: Record<Exclude<Who, "family">, string> = {
  admin: demo.admin,
  agent: demo.transportation,
  analyst: demo.superintendent,
};

interface Data {
  /** New: nobody has acted yet. */
  fresh: Filed;
  /** In progress, with a staff reply, a family reply and an internal note. */
  talking: Filed;
  /** Resolved; the family has not rated it yet. */
  resolved: Filed;
  /** Resolved and rated by the family. */
  rated: Filed;
  /** Closed: only internal notes are possible. */
  closed: Filed;
}

interface State {
  name: string;
  who: Who;
  path: (d: Data) => string;
  /** Brings the page into the state and waits until it shows; `session` is the page's own, for staff states. */
  reach: (page: Page, d: Data, request: APIRequestContext, session?: StaffSession) => Promise<void>;
  /** The browser's API calls to these addresses fail with a server error. */
  failing?: RegExp;
}

const heading = (page: Page) => page.locator("main h1");
const errorSummary = (page: Page) => page.locator(".heard-error-summary");
const alert = (page: Page) => page.locator("main .usa-alert--error[role=alert]");

/** The internal-note box is drawn ticked: its tick mark shows, centred in the box. */
async function noteTicked(page: Page) {
  const tick = await page.locator("label[for=f-internal]").evaluate((label) => {
    const s = getComputedStyle(label, "::before");
    return { image: s.backgroundImage, position: s.backgroundPosition };
  });
  expect(tick.image).toContain("correct8");
  expect(tick.position).toMatch(/^50% 50%/);
}

async function caseShown(page: Page) {
  await expect(page.locator(".heard-case__title")).toBeVisible();
  await expect(page.locator("#panel-timeline")).toBeVisible();
}

const states: State[] = [
  // The family portal.
  {
    name: "portal form",
    who: "family",
    path: () => `/${demo.district}`,
    reach: async (page) => {
      await expect(page.locator("#f-subject")).toBeVisible();
    },
  },
  {
    name: "portal form with its error summary",
    who: "family",
    path: () => `/${demo.district}`,
    reach: async (page) => {
      await page.locator("form button[type=submit]").click();
      await expect(errorSummary(page)).toBeFocused();
    },
  },
  {
    name: "portal confirmation",
    who: "family",
    path: () => `/${demo.district}`,
    reach: async (page) => {
      await page.locator("#f-topic-id").selectOption({ index: 1 });
      await page.locator("#f-subject").fill("Library hours");
      await page.locator("#f-body").fill("Is the school library open after classes?");
      await page.locator("#f-requester-email").fill("parent@example.org");
      await page.locator("form button[type=submit]").click();
      await expect(page.getByTestId("reference")).toBeVisible();
    },
  },
  {
    name: "portal of an unknown district",
    who: "family",
    path: () => "/no-such-district",
    reach: async (page) => {
      await expect(alert(page)).toBeVisible();
    },
  },
  // The family's tracking page.
  {
    name: "tracking, just received",
    who: "family",
    path: (d) => `/track/${d.fresh.trackingToken}`,
    reach: async (page) => {
      await expect(page.locator("#conversation-heading")).toBeVisible();
    },
  },
  {
    name: "tracking, a reply refused for being empty",
    who: "family",
    path: (d) => `/track/${d.fresh.trackingToken}`,
    reach: async (page) => {
      await page.locator("form button[type=submit]").click();
      await expect(errorSummary(page)).toBeFocused();
    },
  },
  {
    name: "tracking, in conversation",
    who: "family",
    path: (d) => `/track/${d.talking.trackingToken}`,
    reach: async (page) => {
      await expect(page.locator(".heard-msg--staff")).toBeVisible();
    },
  },
  {
    name: "tracking, resolved with the feedback form",
    who: "family",
    path: (d) => `/track/${d.resolved.trackingToken}`,
    reach: async (page) => {
      await expect(page.locator("#feedback-heading")).toBeVisible();
      await expect(page.locator("#f-overall")).toBeAttached();
    },
  },
  {
    name: "tracking, the feedback form with its errors",
    who: "family",
    path: (d) => `/track/${d.resolved.trackingToken}`,
    reach: async (page) => {
      await page.locator("form.usa-form--large button[type=submit]").click();
      await expect(errorSummary(page)).toBeFocused();
    },
  },
  {
    name: "tracking, feedback given",
    who: "family",
    path: (d) => `/track/${d.rated.trackingToken}`,
    reach: async (page) => {
      await expect(page.locator(".usa-alert--success #feedback-heading")).toBeVisible();
    },
  },
  {
    name: "tracking, closed",
    who: "family",
    path: (d) => `/track/${d.closed.trackingToken}`,
    reach: async (page) => {
      await expect(page.locator(".heard-status--closed")).toBeVisible();
    },
  },
  {
    name: "tracking, an unknown link",
    who: "family",
    path: () => "/track/this-link-was-cut-short",
    reach: async (page) => {
      await expect(page.locator("main .usa-list")).toBeVisible();
    },
  },
  {
    name: "tracking, the server failing",
    who: "family",
    path: (d) => `/track/${d.fresh.trackingToken}`,
    failing: /\/api\/v1\/track\//,
    reach: async (page) => {
      await expect(alert(page)).toBeVisible();
    },
  },
  // Staff sign-in.
  {
    name: "sign-in",
    who: "family",
    path: () => "/staff/login",
    reach: async (page) => {
      await expect(page.locator("#f-email")).toBeVisible();
    },
  },
  {
    name: "sign-in with its error summary",
    who: "family",
    path: () => "/staff/login",
    reach: async (page) => {
      await page.locator("form button[type=submit]").click();
      await expect(errorSummary(page)).toBeFocused();
    },
  },
  {
    name: "sign-in with a wrong password",
    who: "family",
    path: () => "/staff/login",
    reach: async (page) => {
      await page.locator("#f-email").fill(demo.admin);
      await page.locator("#f-password").fill("not-the-password");
      await page.locator("form button[type=submit]").click();
      await expect(page.locator("main [role=alert]")).toBeVisible();
    },
  },
  // The inbox.
  {
    name: "inbox, a queue of cases",
    who: "admin",
    path: () => "/staff?view=all",
    reach: async (page) => {
      await expect(page.locator("table.heard-queue tbody tr").first()).toBeVisible();
    },
  },
  {
    name: "inbox, a search that matches nothing",
    who: "admin",
    path: () => "/staff?view=all&q=zzzz-nothing-matches-this",
    reach: async (page) => {
      await expect(page.locator(".heard-empty")).toBeVisible();
    },
  },
  {
    name: "inbox, the server failing",
    who: "admin",
    path: () => "/staff?view=all",
    failing: /\/api\/v1\/inquiries\?/,
    reach: async (page) => {
      await expect(alert(page)).toBeVisible();
    },
  },
  // One case.
  {
    name: "case, new",
    who: "admin",
    path: (d) => `/staff/inquiries/${d.fresh.id}`,
    reach: caseShown,
  },
  {
    name: "case, in conversation",
    who: "admin",
    path: (d) => `/staff/inquiries/${d.talking.id}`,
    reach: async (page) => {
      await caseShown(page);
      await expect(page.locator(".heard-msg--note")).toBeVisible();
    },
  },
  {
    name: "case, writing an internal note",
    who: "admin",
    path: (d) => `/staff/inquiries/${d.fresh.id}`,
    reach: async (page) => {
      await caseShown(page);
      await page.locator("label[for=f-internal]").click();
      await expect(page.locator(".heard-composer--note")).toBeVisible();
      await noteTicked(page);
    },
  },
  {
    name: "case, an empty reply refused",
    who: "admin",
    path: (d) => `/staff/inquiries/${d.fresh.id}`,
    reach: async (page) => {
      await caseShown(page);
      await page.locator(".heard-composer button[type=submit]").click();
      await expect(page.locator(".heard-composer .heard-error-summary")).toBeFocused();
    },
  },
  {
    name: "case, an assignment without a reason refused",
    who: "admin",
    path: (d) => `/staff/inquiries/${d.fresh.id}`,
    reach: async (page) => {
      await caseShown(page);
      await page.locator("section[aria-labelledby=panel-assign] button[type=submit]").click();
      await expect(page.locator("section[aria-labelledby=panel-assign] .heard-error-summary")).toBeFocused();
    },
  },
  {
    name: "case, changed by someone else meanwhile",
    who: "admin",
    path: (d) => `/staff/inquiries/${d.talking.id}`,
    reach: async (page, d, request, session) => {
      await caseShown(page);
      // A colleague moves it on after this page loaded it.
      const status = (await page.locator(".heard-case__tags .heard-status").getAttribute("class")) ?? "";
      if (!session) throw new Error("a staff state without a session");
      await setStatus(request, session, d.talking.id, /in_progress/.test(status) ? "awaiting_requester" : "in_progress");
      await page.locator(".heard-case__actions button").first().click();
      await expect(page.locator(".heard-stale")).toBeVisible();
    },
  },
  {
    name: "case, resolved and rated",
    who: "admin",
    path: (d) => `/staff/inquiries/${d.rated.id}`,
    reach: async (page) => {
      await caseShown(page);
      await expect(page.locator(".heard-quote")).toBeVisible();
    },
  },
  {
    name: "case, resolved",
    who: "admin",
    path: (d) => `/staff/inquiries/${d.resolved.id}`,
    reach: caseShown,
  },
  {
    // A closed case takes no reply and no note (the domain's rule): only reopening.
    name: "case, closed: only reopening",
    who: "admin",
    path: (d) => `/staff/inquiries/${d.closed.id}`,
    reach: async (page) => {
      await caseShown(page);
      await expect(page.locator(".heard-case__actions button")).toHaveCount(1);
      await expect(page.locator(".heard-composer")).toHaveCount(0);
    },
  },
  {
    name: "case, not in this person's queues",
    who: "admin",
    path: () => "/staff/inquiries/00000000-0000-4000-8000-000000000000",
    reach: async (page) => {
      await expect(heading(page)).toBeVisible();
      await expect(page.locator(".heard-case__title")).toHaveCount(0);
    },
  },
  {
    name: "case, the server failing",
    who: "admin",
    path: (d) => `/staff/inquiries/${d.fresh.id}`,
    failing: /\/api\/v1\/inquiries\/[^/?]+$/,
    reach: async (page) => {
      await expect(alert(page)).toBeVisible();
    },
  },
  // The dashboard.
  {
    name: "dashboard",
    who: "analyst",
    path: () => "/staff/dashboard",
    reach: async (page) => {
      await expect(page.locator('[data-metric="received"]')).toBeVisible();
    },
  },
  {
    name: "dashboard, not for this role",
    who: "agent",
    path: () => "/staff/dashboard",
    reach: async (page) => {
      await expect(page.locator(".heard-forbidden")).toBeVisible();
    },
  },
  {
    name: "dashboard, the server failing",
    who: "analyst",
    path: () => "/staff/dashboard",
    failing: /\/api\/v1\/reports\/summary/,
    reach: async (page) => {
      await expect(alert(page)).toBeVisible();
    },
  },
  // An address that is no page.
  {
    name: "page not found",
    who: "family",
    path: () => "/no/such/page",
    reach: async (page) => {
      await expect(heading(page)).toBeVisible();
    },
  },
];

const variants = [
  { name: "desktop", viewport: desktop, lang: "en" },
  { name: "phone", viewport: phone, lang: "en" },
  { name: "desktop, Spanish", viewport: desktop, lang: "es" },
  { name: "phone, Spanish", viewport: phone, lang: "es" },
] as const;

let data: Data;

test.beforeAll(async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: process.env.HEARD_BASE_URL });
  const admin = await staffLogin(request, demo.admin);
  const stamp = Date.now();
  const file = (subject: string) =>
    fileInquiry(request, {
      topic: "Bus & transportation",
      subject: `${subject} ${stamp}`,
      body: "The bus to Maple Grove left before my son reached the stop this morning.",
    });
  const [fresh, talking, resolved, rated, closed] = [
    await file("Bus left early"),
    await file("Bus stop moved"),
    await file("Bus pass"),
    await file("New bus driver"),
    await file("Field trip bus"),
  ];
  for (const f of [talking, resolved, rated, closed]) {
    await staffMessage(request, admin, f.id, "Thank you for telling us. We are looking into it with the driver.");
    await staffMessage(request, admin, f.id, "Called the depot: the schedule changed on Monday.", true);
  }
  const reply = await request.post(`/api/v1/track/${talking.trackingToken}/messages`, {
    data: { body: "Thank you. It happened again today." },
  });
  expect(reply.status(), await reply.text()).toBe(201);
  for (const f of [resolved, rated, closed]) await setStatus(request, admin, f.id, "resolved");
  const feedback = await request.post(`/api/v1/track/${rated.trackingToken}/feedback`, {
    data: {
      overall: 9,
      pillars: { courtesy: 5, communication: 4, responsiveness: 5, environment: null },
      recommend: 10,
      comment: "Quick and kind.",
    },
  });
  expect(feedback.ok(), await feedback.text()).toBe(true);
  await setStatus(request, admin, closed.id, "closed");
  data = { fresh, talking, resolved, rated, closed };
  await request.dispose();
});

const shots = process.env.HEARD_E2E_SHOTS;

for (const variant of variants) {
  test.describe(variant.name, () => {
    for (const state of states) {
      test(state.name, async ({ browser, baseURL, request }) => {
        const options = { viewport: variant.viewport, ...(variant.viewport === phone ? { hasTouch: true, isMobile: true } : {}) };
        // Each page signs in afresh: a session lasts minutes, and its refresh token is used once.
        const session = state.who === "family" ? undefined : await staffLogin(request, staffEmail[state.who]);
        const context = session
          ? await signedInContext(browser, baseURL, session, options)
          : await browser.newContext({ baseURL, ...options });
        await context.addInitScript((lang) => localStorage.setItem("heard.lang", lang), variant.lang);
        const page = await context.newPage();
        if (state.failing) {
          await page.route(state.failing, (route) =>
            route.fulfill({
              status: 500,
              contentType: "application/problem+json",
              body: JSON.stringify({ type: "about:blank", title: "Internal Server Error", status: 500 }),
            }),
          );
        }
        await page.goto(state.path(data));
        await expect(page.locator("html")).toHaveAttribute("lang", variant.lang);
        await state.reach(page, data, request, session);
        // Nothing runs past the right edge.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, "horizontal overflow in px").toBeLessThanOrEqual(0);
        if (shots) {
          mkdirSync(shots, { recursive: true });
          const file = `${variant.name} - ${state.name}`.replace(/[^a-z0-9]+/gi, "-").toLowerCase();
          await page.screenshot({ path: path.join(shots, `${file}.png`), fullPage: true });
        }
        await expectAccessible(page, `${state.name} (${variant.name})`);
        await context.close();
      });
    }
  });
}
