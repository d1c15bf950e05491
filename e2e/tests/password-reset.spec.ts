// A staff member forgot their password: from the sign-in page they ask for
// a link, the page says the same whether or not the address is on the
// staff, the emailed link opens a page naming them and their district,
// refuses a short password beside its field, and choosing a new one signs
// them in and retires the old one. A used or mangled link says so and
// offers a new one; every state passes axe on a phone and a desktop, in
// English and Spanish.
import { Browser, Page } from "@playwright/test";
import { test, expect, expectAccessible, demo, phone, desktop, staffLogin } from "../fixtures";
import { emailedLink } from "../mail";

const shots = "/tmp/password-reset-shots";

async function page(browser: Browser, baseURL: string | undefined, viewport: typeof phone, lang: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, viewport });
  await context.addInitScript((l) => localStorage.setItem("heard.lang", l), lang);
  return context.newPage();
}

test("a forgotten password is reset through the emailed link", async ({ browser, baseURL, request }) => {
  // A colleague of our own, so the demo's accounts keep their passwords.
  const admin = await staffLogin(request, demo.admin);
  const email = `forgetful.${Date.now()}@lakeview.example`;
  const first = "the first passphrase chosen";
  const invited = await request.post("/api/v1/admin/staff/invitations", {
    headers: { Authorization: `Bearer ${admin.access_token}` },
    data: { email, name: "Sam Forgetful", roles: ["agent"], languages: ["en"] },
  });
  expect(invited.status(), await invited.text()).toBe(201);
  const welcome = await emailedLink("invitation", "welcome", email);
  const joined = await request.post(`/api/v1/invitations/${welcome.split("/").pop()}/accept`, {
    data: { password: first },
  });
  expect(joined.status()).toBe(200);

  const p = await page(browser, baseURL, phone, "en");
  await p.goto("/staff/login");
  await p.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(p.getByRole("heading", { level: 1, name: "Reset your password" })).toBeVisible();
  await expectAccessible(p, "the forgotten-password form on a phone");
  await p.screenshot({ path: `${shots}/forgot-phone.png`, fullPage: true });

  // An empty address is named beside its field, and nothing is sent.
  await p.getByRole("button", { name: "Email me a reset link" }).click();
  await expect(p.getByRole("textbox", { name: "Work email" })).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(p, "the forgotten-password form with its error");

  await p.getByRole("textbox", { name: "Work email" }).fill(email);
  await p.getByRole("button", { name: "Email me a reset link" }).click();
  await expect(p.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await expect(p.getByText(`If ${email} is on the district's staff`)).toBeVisible();
  await expectAccessible(p, "the forgotten-password form, sent");
  // The long address wraps inside the phone's width.
  expect(await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await p.screenshot({ path: `${shots}/forgot-sent-phone.png`, fullPage: true });

  const link = await emailedLink("password_reset", "reset", email);
  await p.goto(link);
  await expect(p.getByRole("heading", { level: 1, name: `Choose a new password for ${demo.districtName}` })).toBeVisible();
  await expect(p.getByText(`choose a new password for ${email}`)).toBeVisible();
  await expectAccessible(p, "the reset page on a phone");
  await p.screenshot({ path: `${shots}/reset-phone.png`, fullPage: true });

  const password = p.getByLabel("Choose a password");
  const again = p.getByLabel("Type the password again");
  await password.fill("too short");
  await again.fill("too short");
  await p.getByRole("button", { name: "Save the new password and sign in" }).click();
  await expect(password).toHaveAttribute("aria-invalid", "true");
  await expect(p.getByText("must be at least 12 characters").first()).toBeVisible();
  await expectAccessible(p, "the reset page with a short password");

  const second = "a second passphrase now";
  await password.fill(second);
  await again.fill(second);
  await p.getByRole("button", { name: "Save the new password and sign in" }).click();
  await expect(p.getByRole("heading", { name: "Inbox", level: 1 })).toBeVisible();

  // Once only, and the way to a new link is right there.
  const later = await page(browser, baseURL, desktop, "en");
  await later.goto(link);
  await expect(later.getByRole("heading", { name: "This reset link can no longer be used" })).toBeVisible();
  await expect(later.getByRole("link", { name: "Ask for a new link" })).toHaveAttribute("href", "/staff/forgot");
  await expectAccessible(later, "a used reset link");
  await later.screenshot({ path: `${shots}/reset-used-desktop.png`, fullPage: true });

  for (const [pw, status] of [[first, 401], [second, 200]] as const) {
    const signedIn = await request.post("/api/v1/auth/login", {
      data: { district: demo.district, email, password: pw },
    });
    expect(signedIn.status(), pw).toBe(status);
  }
});

test("an address nobody has gets the same answer, and the pages read in Spanish", async ({ browser, baseURL }) => {
  const p = await page(browser, baseURL, desktop, "es");
  await p.goto("/staff/forgot");
  await expect(p.locator("html")).toHaveAttribute("lang", "es");
  await expect(p.getByRole("heading", { level: 1, name: "Restablecer la contraseña" })).toBeVisible();
  await expectAccessible(p, "the forgotten-password form in Spanish");
  await p.getByRole("textbox", { name: "Correo de trabajo" }).fill("nadie@lakeview.example");
  await p.getByRole("button", { name: "Enviarme un enlace" }).click();
  await expect(p.getByRole("heading", { name: "Revise su correo" })).toBeVisible();
  await expectAccessible(p, "the forgotten-password form, sent, in Spanish");
  await p.screenshot({ path: `${shots}/forgot-sent-es-desktop.png`, fullPage: true });

  const m = await page(browser, baseURL, phone, "es");
  await m.goto("/staff/reset/not-a-real-reset-token");
  await expect(m.getByRole("heading", { name: "Este enlace no funciona" })).toBeVisible();
  await expect(m.getByRole("link", { name: "Pedir un enlace nuevo" })).toBeVisible();
  await expectAccessible(m, "a mangled reset link in Spanish");
  await m.screenshot({ path: `${shots}/reset-unknown-es-phone.png`, fullPage: true });
});
