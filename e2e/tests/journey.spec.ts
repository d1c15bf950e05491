// The whole promise, end to end, as the real people: a family asks, the agent
// of the team it was routed to notes, answers and resolves, the family rates,
// the superintendent sees it — with an accessibility audit on every page.
import { test, expect, expectAccessible, demo, phone, phonePage, staffPage, tabTo } from "../fixtures";
import { PortalPage, TrackingPage, InboxPage, CasePage, DashboardPage } from "../pages";

test.describe.configure({ mode: "serial" });

test("a family is heard: the transportation team answers, the family rates, leadership sees it", async ({ browser, baseURL }) => {
  // Leadership's starting point: the superintendent is an analyst.
  const leader = await staffPage(browser, baseURL, demo.superintendent);
  await expect(leader.getByRole("link", { name: "Dashboard" })).toBeVisible();
  const dashboard = new DashboardPage(leader);
  await dashboard.open();
  await expectAccessible(leader, "dashboard");
  const receivedBefore = await dashboard.received();

  // A family on a phone: "/" leads to the district portal; a bus question
  // goes to the Transportation Team.
  const family = await phonePage(browser, baseURL);
  await family.goto("/");
  await expect(family).toHaveURL(new RegExp(`/${demo.district}$`));
  const portal = new PortalPage(family);
  await expect(portal.heading).toHaveText("How can we help?");
  await expectAccessible(family, "portal");
  const subject = `Bus stop on Elm Street ${Date.now()}`;
  await portal.submit({
    topic: "Bus & transportation",
    subject,
    body: "Could the morning bus stop move to the corner of Elm and 3rd? The current stop has no sidewalk.",
    name: "Maria Lopez",
    email: "maria.lopez@example.org",
  });
  const { reference, link } = await portal.receipt();
  expect(reference).toMatch(/^[A-Z]+-\d+$/);
  expect(link).toMatch(/\/track\/[^/]+$/);
  await expect(family.getByText("It has been sent to: Transportation Team.")).toBeVisible();
  await expectAccessible(family, "confirmation");

  // The team's agent finds it at the top of their team queue.
  const agent = await staffPage(browser, baseURL, demo.transportation);
  const inbox = new InboxPage(agent);
  await expect(inbox.tab("My teams")).toHaveAttribute("aria-current", "page");
  await expect(agent.getByRole("link", { name: "Dashboard" })).toHaveCount(0);
  await expect(inbox.row(reference)).toBeVisible();
  await expectAccessible(agent, "team inbox");
  await inbox.row(reference).click();
  const kase = new CasePage(agent);
  await kase.expectOpen(subject);
  await expectAccessible(agent, "case");

  // A note for colleagues, a reply for the family, then resolved.
  const note = "Checked the route map: Elm and 3rd has a sidewalk on both sides.";
  await kase.note(note);
  await expect(agent.locator(".heard-msg--note").filter({ hasText: note })).toBeVisible();
  const answer = "Thank you, Maria. Transportation will move the stop to Elm and 3rd from Monday.";
  await kase.reply(answer);
  await kase.resolve();
  await expect(kase.timeline.getByText("Internal note added")).toBeVisible();
  await expect(kase.timeline.getByText("Status: Resolved")).toBeVisible();
  await expectAccessible(agent, "resolved case");

  // Reports are not for agents: a direct visit says so plainly.
  await agent.goto("/staff/dashboard");
  await expect(agent.getByRole("heading", { name: "Not available for your role" })).toBeVisible();
  await expect(agent.getByRole("alert")).toHaveCount(0);
  await expect(agent.getByRole("link", { name: "Go to your inbox" })).toBeVisible();
  await expectAccessible(agent, "dashboard for an agent");

  // The family sees the answer, not the note, and rates the interaction.
  const tracking = new TrackingPage(family);
  await tracking.open(link);
  await expect(family.getByText(answer)).toBeVisible();
  await expect(family.getByText(note)).toHaveCount(0);
  await expect(family.getByText("Resolved", { exact: true })).toBeVisible();
  await expectAccessible(family, "tracking page");
  await tracking.rate({ overall: 9, courtesy: 5, communication: 4, responsiveness: 5, recommend: 10, comment: "Quick and kind." });
  await expectAccessible(family, "feedback thank-you");

  // The dashboard counts the new inquiry.
  await dashboard.open();
  await expect.poll(() => dashboard.received()).toBe(receivedBefore + 1);
  await expectAccessible(leader, "dashboard after");

  for (const p of [leader, family, agent]) await p.context().close();
});

test("the portal speaks Spanish, keeps <html lang> in step and remembers the choice", async ({ page }) => {
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
  // The choice is remembered on this device.
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await expect(portal.heading).toHaveText("¿Cómo podemos ayudarle?");
  await page.getByRole("button", { name: /English/ }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.reload();
  await expect(portal.heading).toHaveText("How can we help?");
});

test("the contact form can be filled and sent with the keyboard alone", async ({ page }) => {
  await page.setViewportSize(phone);
  const portal = new PortalPage(page);
  await portal.open();

  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to main content" })).toBeFocused();
  await page.keyboard.press("Enter");

  await tabTo(page, page.getByRole("radio", { name: "Question" }));
  await page.keyboard.press("ArrowDown"); // Concern
  await expect(page.getByRole("radio", { name: "Concern" })).toBeChecked();
  await tabTo(page, portal.topic);
  await page.keyboard.press("ArrowDown");
  await expect(portal.topic).not.toHaveValue("");
  await tabTo(page, portal.subject);
  await page.keyboard.type("Crossing guard at Lincoln");
  await tabTo(page, portal.message);
  await page.keyboard.type("There has been no crossing guard at Lincoln and 5th this week.");
  const anonymous = page.getByRole("checkbox", { name: /Send without my name/ });
  await tabTo(page, anonymous);
  await page.keyboard.press("Space");
  await expect(anonymous).toBeChecked();
  await tabTo(page, portal.send);
  await page.keyboard.press("Enter");
  const { reference } = await portal.receipt();
  expect(reference).toMatch(/^[A-Z]+-\d+$/);
  await expect(page.getByRole("heading", { name: "We received your message" })).toBeFocused();
});
