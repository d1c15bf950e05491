// The whole promise, end to end: a family asks, staff answer and resolve, the
// family rates, leadership sees it — with an accessibility audit on every page.
import { test, expect, expectAccessible, demo, phone, desktop } from "../fixtures";
import { PortalPage, TrackingPage, StaffLoginPage, InboxPage, CasePage, DashboardPage } from "../pages";

test.describe.configure({ mode: "serial" });

test("a family is heard: submit, reply, resolve, rate, and the dashboard counts it", async ({ browser, baseURL }) => {
  const staffContext = await browser.newContext({ baseURL, viewport: desktop });
  const familyContext = await browser.newContext({ baseURL, viewport: phone, hasTouch: true, isMobile: true });
  const staff = await staffContext.newPage();
  const family = await familyContext.newPage();

  // Leadership's starting point.
  await new StaffLoginPage(staff).signIn(demo.admin, demo.password);
  await expectAccessible(staff, "staff inbox");
  const dashboard = new DashboardPage(staff);
  await dashboard.open();
  await expectAccessible(staff, "dashboard");
  const receivedBefore = await dashboard.received();

  // A family on a phone: "/" leads to the district portal.
  await family.goto("/");
  await expect(family).toHaveURL(new RegExp(`/${demo.district}$`));
  const portal = new PortalPage(family);
  await expect(portal.heading).toHaveText("How can we help?");
  await expectAccessible(family, "portal");
  const subject = `Bus stop on Elm Street ${Date.now()}`;
  await portal.submit({
    subject,
    body: "Could the morning bus stop move to the corner of Elm and 3rd? The current stop has no sidewalk.",
    name: "Maria Lopez",
    email: "maria.lopez@example.org",
  });
  const { reference, link } = await portal.receipt();
  expect(reference).toMatch(/^[A-Z]+-\d+$/);
  expect(link).toMatch(/\/track\/[^/]+$/);
  await expectAccessible(family, "confirmation");

  // Staff find it, answer it and resolve it.
  const inbox = new InboxPage(staff);
  await inbox.open("all");
  await inbox.search(reference);
  await expect(inbox.row(reference)).toBeVisible();
  await expectAccessible(staff, "inbox with search");
  await inbox.row(reference).click();
  await expect(staff.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  await expectAccessible(staff, "case");
  const answer = "Thank you, Maria. Transportation will move the stop to Elm and 3rd from Monday.";
  const kase = new CasePage(staff);
  await kase.reply(answer);
  await kase.resolve();
  await expectAccessible(staff, "resolved case");

  // The family sees the answer and rates the interaction.
  const tracking = new TrackingPage(family);
  await tracking.open(link);
  await expect(family.getByText(answer)).toBeVisible();
  await expect(family.getByText("Resolved", { exact: true })).toBeVisible();
  await expectAccessible(family, "tracking page");
  await tracking.rate({ overall: 9, courtesy: 5, communication: 4, responsiveness: 5, recommend: 10, comment: "Quick and kind." });
  await expectAccessible(family, "feedback thank-you");

  // The dashboard counts the new inquiry.
  await dashboard.open();
  await expect.poll(() => dashboard.received()).toBe(receivedBefore + 1);
  await expectAccessible(staff, "dashboard after");

  await staffContext.close();
  await familyContext.close();
});

test("the portal speaks Spanish and keeps <html lang> in step", async ({ page }) => {
  const portal = new PortalPage(page);
  await portal.open();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByRole("button", { name: /Español/ }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await expect(portal.heading).toHaveText("¿Cómo podemos ayudarle?");
  await expect(page.getByRole("button", { name: "Enviar mensaje" })).toBeVisible();
  await expect(page.getByRole("combobox", { name: /^Tema/ })).toBeVisible();
  await expectAccessible(page, "portal in Spanish");
  await page.getByRole("button", { name: "Enviar mensaje" }).click();
  await expect(page.getByRole("heading", { name: "Hay un problema" })).toBeVisible();
  await expect(page.getByRole("link", { name: /^Asunto: es obligatorio/ })).toBeVisible();
  await page.getByRole("button", { name: /English/ }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
});

test("the contact form can be filled and sent with the keyboard alone", async ({ page }) => {
  await page.setViewportSize(phone);
  const portal = new PortalPage(page);
  await portal.open();

  /** Presses Tab until `target` has focus, proving it is reachable by keyboard. */
  async function tabTo(target: import("@playwright/test").Locator) {
    for (let i = 0; i < 60; i++) {
      if (await target.evaluate((el) => el === document.activeElement)) return;
      await page.keyboard.press("Tab");
    }
    throw new Error("could not reach the control with Tab");
  }

  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to main content" })).toBeFocused();
  await page.keyboard.press("Enter");

  await tabTo(page.getByRole("radio", { name: "Question" }));
  await page.keyboard.press("ArrowDown"); // Concern
  await expect(page.getByRole("radio", { name: "Concern" })).toBeChecked();
  await tabTo(portal.topic);
  await page.keyboard.press("ArrowDown");
  await expect(portal.topic).not.toHaveValue("");
  await tabTo(portal.subject);
  await page.keyboard.type("Crossing guard at Lincoln");
  await tabTo(portal.message);
  await page.keyboard.type("There has been no crossing guard at Lincoln and 5th this week.");
  const anonymous = page.getByRole("checkbox", { name: /Send without my name/ });
  await tabTo(anonymous);
  await page.keyboard.press("Space");
  await expect(anonymous).toBeChecked();
  await tabTo(portal.send);
  await page.keyboard.press("Enter");
  const { reference } = await portal.receipt();
  expect(reference).toMatch(/^[A-Z]+-\d+$/);
  await expect(page.getByRole("heading", { name: "We received your message" })).toBeFocused();
});
