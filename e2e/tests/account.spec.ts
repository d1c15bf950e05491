// A staff member's own account: from their name in the header they reach
// a page that says whom they are signed in as, where a new password is
// refused beside its field until it is right and, once changed, signs them
// out on every other device while this one stays; and where one button
// signs them out everywhere, this browser too. Every state passes axe, on a
// phone and in Spanish.
import { APIRequestContext, Browser, Page } from "@playwright/test";
import { test, expect, expectAccessible, demo, phone, desktop, staffLogin, adminShot } from "../fixtures";
import { emailedLink } from "../mail";

/** A colleague of our own, joined with `password`, so the demo's accounts keep theirs. */
async function colleague(request: APIRequestContext, password: string): Promise<{ email: string; name: string }> {
  const admin = await staffLogin(request, demo.admin);
  const stamp = Date.now();
  const person = { email: `account.${stamp}@lakeview.example`, name: `Rowan Achebe ${stamp}` };
  const invited = await request.post("/api/v1/admin/staff/invitations", {
    headers: { Authorization: `Bearer ${admin.access_token}` },
    data: { ...person, roles: ["agent"], team_ids: [], languages: ["en"] },
  });
  expect(invited.status(), await invited.text()).toBe(201);
  const token = (await emailedLink("invitation", "welcome", person.email)).split("/").pop();
  const joined = await request.post(`/api/v1/invitations/${token}/accept`, { data: { password } });
  expect(joined.status(), await joined.text()).toBe(200);
  return person;
}

/** Signs in through the API, as another browser or device would. */
async function elsewhere(request: APIRequestContext, email: string, password: string): Promise<string> {
  const r = await request.post("/api/v1/auth/login", { data: { district: demo.district, email, password } });
  expect(r.status(), await r.text()).toBe(200);
  return (await r.json()).refresh_token;
}

async function stillSignedIn(request: APIRequestContext, refreshToken: string): Promise<boolean> {
  const r = await request.post("/api/v1/auth/refresh", { data: { refresh_token: refreshToken } });
  return r.status() === 200;
}

/** A browser at `viewport` in `lang`, signed in on the sign-in page as people do. */
async function signIn(browser: Browser, baseURL: string | undefined, email: string, password: string, viewport = desktop, lang = "en"): Promise<Page> {
  const mobile = viewport.width < 600;
  const context = await browser.newContext({ baseURL, viewport, hasTouch: mobile, isMobile: mobile });
  await context.addInitScript((l) => localStorage.setItem("heard.lang", l), lang);
  const page = await context.newPage();
  await page.goto("/staff/login");
  await page.locator("#f-email").fill(email);
  await page.locator("#f-password").fill(password);
  await page.locator("form button[type=submit]").click();
  await expect(page).toHaveURL(/\/staff$/);
  return page;
}

test("a new password is refused at its field until right, and signs out every other device", async ({ browser, baseURL, request }) => {
  const first = "rowan chose this first";
  const person = await colleague(request, first);
  const other = await elsewhere(request, person.email, first);
  const page = await signIn(browser, baseURL, person.email, first, phone);

  await page.getByRole("link", { name: `Your account: ${person.name}` }).click();
  await expect(page).toHaveURL(/\/staff\/account$/);
  await expect(page).toHaveTitle("Your account – Heard");
  await expect(page.getByRole("heading", { name: "Your account", level: 1 })).toBeVisible();
  await expect(page.getByText(`You are signed in as ${person.name} (${person.email}) at ${demo.districtName}.`)).toBeVisible();
  await expectAccessible(page, "the account page on a phone");
  await adminShot(page, "account-phone");

  const current = page.getByLabel("Current password");
  const chosen = page.getByLabel("New password", { exact: true });
  const again = page.getByLabel("Type the new password again");
  const change = page.getByRole("button", { name: "Change password" });

  // Nothing typed: both named, nothing sent.
  await change.click();
  await expect(page.locator(".heard-error-summary")).toBeFocused();
  await expect(page.locator(".heard-error-summary").getByRole("link")).toHaveText([
    "Current password is required",
    "New password is required",
  ]);
  await expect(current).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page, "the account page with its errors");
  await adminShot(page, "account-errors-phone");

  // The same again, then typed differently twice.
  await current.fill(first);
  await chosen.fill(first);
  await again.fill(first);
  await change.click();
  await expect(page.getByText("New password must differ from the one it replaces").first()).toBeVisible();
  const second = "rowan picks a second one";
  await chosen.fill(second);
  await again.fill(`${second}!`);
  await change.click();
  await expect(again).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("The two passwords are not the same").first()).toBeVisible();

  // A wrong current password is the server's to say, beside its field.
  await current.fill("not what rowan chose");
  await again.fill(second);
  await change.click();
  await expect(current).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Current password is not your password").first()).toBeVisible();
  expect(await stillSignedIn(request, other), "a refused change signs nobody out").toBe(true);

  await current.fill(first);
  await change.click();
  await expect(page.getByRole("status").filter({ hasText: "Password changed." })).toBeVisible();
  await expect(current).toHaveValue("");
  await expectAccessible(page, "the account page, password changed");
  await adminShot(page, "account-changed-phone");

  // The other device is signed out; this one is not; only the new password works.
  expect(await stillSignedIn(request, other)).toBe(false);
  await page.getByRole("link", { name: "Inbox" }).click();
  await expect(page.getByRole("heading", { name: "Inbox", level: 1 })).toBeVisible();
  const old = await request.post("/api/v1/auth/login", { data: { district: demo.district, email: person.email, password: first } });
  expect(old.status()).toBe(401);
  await elsewhere(request, person.email, second);
  await page.context().close();
});

test("signing out everywhere ends every sign-in, this one too", async ({ browser, baseURL, request }) => {
  const password = "rowan signs out of all";
  const person = await colleague(request, password);
  const other = await elsewhere(request, person.email, password);
  const page = await signIn(browser, baseURL, person.email, password, desktop, "es");
  await page.goto("/staff/account");
  await expect(page.getByRole("heading", { name: "Su cuenta", level: 1 })).toBeVisible();
  await expect(page.getByLabel("Contraseña actual")).toBeVisible();
  await expectAccessible(page, "the account page in Spanish");
  await adminShot(page, "account-es-desktop");

  await page.getByRole("button", { name: "Cerrar sesión en todas partes" }).click();
  await expect(page).toHaveURL(/\/staff\/login/);
  expect(await stillSignedIn(request, other)).toBe(false);
  // Nothing of the session stays in this browser either.
  await page.goto("/staff/account");
  await expect(page).toHaveURL(/\/staff\/login\?next=%2Fstaff%2Faccount/);
  await page.context().close();
});
