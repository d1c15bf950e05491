// A new colleague joins: an admin invites them, the invitation's email is
// written to the mail folder, its link opens a page that names the district
// and the person, refuses a short or mistyped password beside its field,
// and choosing one signs them in to the inbox. The link then no longer
// works, and a mangled link says so; every state passes axe on a phone and
// a desktop, in English and Spanish.
import { Browser, Page } from "@playwright/test";
import { test, expect, expectAccessible, demo, phone, desktop, staffLogin } from "../fixtures";
import { emailedLink } from "../mail";

const shots = "/tmp/invitation-shots";

/** The welcome link of the invitation emailed to `to`. */
const invitationLink = (to: string) => emailedLink("invitation", "welcome", to);

async function page(browser: Browser, baseURL: string | undefined, viewport: typeof phone, lang: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, viewport });
  await context.addInitScript((l) => localStorage.setItem("heard.lang", l), lang);
  return context.newPage();
}

test("an invited colleague chooses a password and lands in the inbox", async ({ browser, baseURL, request }) => {
  const admin = await staffLogin(request, demo.admin);
  const email = `new.colleague.${Date.now()}@lakeview.example`;
  const invited = await request.post("/api/v1/admin/staff/invitations", {
    headers: { Authorization: `Bearer ${admin.access_token}` },
    data: { email, name: "Jordan Reyes", roles: ["agent"], team_ids: [], languages: ["en"] },
  });
  expect(invited.status(), await invited.text()).toBe(201);
  const link = await invitationLink(email);

  const p = await page(browser, baseURL, phone, "en");
  await p.goto(link);
  await expect(p.getByRole("heading", { level: 1, name: `Join ${demo.districtName} in Heard` })).toBeVisible();
  await expect(p.getByText(`You will sign in with ${email}`)).toBeVisible();
  await expectAccessible(p, "the invitation page on a phone");
  await p.screenshot({ path: `${shots}/welcome-phone.png`, fullPage: true });

  const password = p.getByLabel("Choose a password");
  const again = p.getByLabel("Type the password again");
  await password.fill("too short");
  await again.fill("too short");
  await p.getByRole("button", { name: "Join and sign in" }).click();
  await expect(password).toHaveAttribute("aria-invalid", "true");
  await expect(p.getByText("must be at least 12 characters").first()).toBeVisible();
  await expectAccessible(p, "the invitation page with a short password");
  await p.screenshot({ path: `${shots}/welcome-short-phone.png`, fullPage: true });

  await password.fill("jordan reyes joins lakeview");
  await again.fill("jordan reyes joins lakeview!");
  await p.getByRole("button", { name: "Join and sign in" }).click();
  await expect(again).toHaveAttribute("aria-invalid", "true");
  await expect(p.getByText("The two passwords are not the same").first()).toBeVisible();

  await again.fill("jordan reyes joins lakeview");
  await p.getByRole("button", { name: "Join and sign in" }).click();
  await expect(p.getByRole("heading", { name: "Inbox", level: 1 })).toBeVisible();
  await expect(p).toHaveURL(/\/staff$/);

  // Once only: the same link now says it cannot be used.
  const later = await page(browser, baseURL, desktop, "en");
  await later.goto(link);
  await expect(later.getByRole("heading", { name: "This invitation can no longer be used" })).toBeVisible();
  await expect(later.getByLabel("Choose a password")).toHaveCount(0);
  await expectAccessible(later, "a used invitation");
  await later.screenshot({ path: `${shots}/welcome-used-desktop.png`, fullPage: true });

  // And the new colleague signs in with what they chose.
  const signedIn = await request.post("/api/v1/auth/login", {
    data: { district: demo.district, email, password: "jordan reyes joins lakeview" },
  });
  expect(signedIn.status()).toBe(200);
});

test("a mangled invitation link says so, in Spanish too", async ({ browser, baseURL }) => {
  for (const [lang, viewport, heading] of [
    ["en", desktop, "This invitation link does not work"],
    ["es", phone, "Este enlace de invitación no funciona"],
  ] as const) {
    const p = await page(browser, baseURL, viewport, lang);
    await p.goto("/staff/welcome/not-a-real-invitation-token");
    await expect(p.getByRole("heading", { name: heading })).toBeVisible();
    await expect(p.locator("html")).toHaveAttribute("lang", lang);
    await expectAccessible(p, `a mangled invitation link (${lang})`);
    await p.screenshot({ path: `${shots}/welcome-unknown-${lang}.png`, fullPage: true });
  }
});

test("the invitation page reads in Spanish", async ({ browser, baseURL, request }) => {
  const admin = await staffLogin(request, demo.admin);
  const email = `nueva.colega.${Date.now()}@lakeview.example`;
  const invited = await request.post("/api/v1/admin/staff/invitations", {
    headers: { Authorization: `Bearer ${admin.access_token}` },
    data: { email, name: "Lucía Fernández", roles: ["agent"], languages: ["es"] },
  });
  expect(invited.status()).toBe(201);
  const link = await invitationLink(email);
  const p = await page(browser, baseURL, phone, "es");
  await p.goto(link);
  await expect(p.getByRole("heading", { level: 1, name: `Únase a ${demo.districtName} en Heard` })).toBeVisible();
  await expect(p.getByLabel("Elija una contraseña")).toBeVisible();
  await expectAccessible(p, "the invitation page in Spanish on a phone");
  await p.screenshot({ path: `${shots}/welcome-es-phone.png`, fullPage: true });
});
