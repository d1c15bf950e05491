// A district adopts Heard from an empty installation: the command line
// creates it and invites its first admin; she accepts the emailed
// invitation, sets the hours and a holiday, adds a school, a team, a
// colleague (who accepts his own invitation) and a topic in English and
// Spanish. Until that topic exists the portal says it takes no messages
// yet; then a family writes on it, and the new colleague finds the inquiry
// in his team's queue. Every empty screen says what to add next, and passes
// axe on a phone and a desktop.
import { Browser, Page } from "@playwright/test";
import { test, expect, expectAccessible, phone, desktop, adminShot } from "../fixtures";
import { startHeard, Heard } from "../server";
import { emailedLink } from "../mail";
import {
  AdminCalendarPage,
  AdminStaffPage,
  AdminTeamsPage,
  AdminTopicsPage,
  AdminUnitsPage,
  InboxPage,
  PortalPage,
} from "../pages";

const district = { slug: "maple-grove", name: "Maple Grove School District" };
const admin = { name: "Ana Ruiz", email: "ana.ruiz@maplegrove.example", password: "maple grove opens its doors" };
const colleague = { name: "Theo Lindqvist", email: "theo.lindqvist@maplegrove.example", password: "theo answers the families" };

let heard: Heard;
test.beforeAll(async () => {
  heard = await startHeard();
});
test.afterAll(async () => {
  await heard?.stop();
});

/** A fresh browser on the new installation, in `lang`. */
async function visit(browser: Browser, viewport = desktop, lang = "en"): Promise<Page> {
  const mobile = viewport.width < 600;
  const context = await browser.newContext({ baseURL: heard.base, viewport, hasTouch: mobile, isMobile: mobile });
  await context.addInitScript((l) => localStorage.setItem("heard.lang", l), lang);
  return context.newPage();
}

/** Opens the emailed invitation, chooses a password and lands in the inbox. */
async function acceptInvitation(page: Page, email: string, password: string) {
  await page.goto(await emailedLink("invitation", "welcome", email, heard.mailDir));
  await expect(page.getByRole("heading", { level: 1, name: `Join ${district.name} in Heard` })).toBeVisible();
  await page.getByLabel("Choose a password").fill(password);
  await page.getByLabel("Type the password again").fill(password);
  await page.getByRole("button", { name: "Join and sign in" }).click();
  await expect(page.getByRole("heading", { name: "Inbox", level: 1 })).toBeVisible();
}

/** The empty list at `path` says what to add, and passes axe at both widths. */
async function emptyAndAccessible(page: Page, list: { open(): Promise<void>; empty: ReturnType<Page["locator"]> }, says: RegExp, what: string) {
  await list.open();
  await expect(list.empty).toHaveText(says);
  for (const [width, viewport] of [["desktop", desktop], ["phone", phone]] as const) {
    await page.setViewportSize(viewport);
    await expectAccessible(page, `${what}, empty, on a ${width}`);
    await adminShot(page, `from-zero-${what}-empty-${width}`);
  }
  await page.setViewportSize(desktop);
}

test("a district sets itself up from nothing and answers its first family", async ({ browser }) => {
  test.setTimeout(240_000);
  const created = heard.run(
    "district", "create",
    "--slug", district.slug,
    "--name", district.name,
    "--admin-email", admin.email,
    "--admin-name", admin.name,
    "--languages", "en,es",
  );
  expect(created).toContain(`Created ${district.name} at /${district.slug}.`);
  expect(created).toContain(`Invited ${admin.name} <${admin.email}> as its first admin`);

  // A family who finds the portal too early is told so, not handed a form
  // that can never be sent.
  const early = await visit(browser, phone, "es");
  await early.goto(`/${district.slug}`);
  await expect(early.getByRole("status")).toContainText(`${district.name} todavía no recibe mensajes aquí.`);
  await expect(early.getByRole("button", { name: /Enviar/ })).toHaveCount(0);
  await expectAccessible(early, "the portal of a district without topics, in Spanish on a phone");
  await adminShot(early, "from-zero-portal-not-open-phone-es");
  await early.context().close();

  const page = await visit(browser);
  await acceptInvitation(page, admin.email, admin.password);
  await expect(page.getByText("Nothing here. This queue is clear.")).toBeVisible();

  const units = new AdminUnitsPage(page);
  await emptyAndAccessible(page, units, /^No schools or departments yet\. Add each school/, "units");
  const teams = new AdminTeamsPage(page);
  await emptyAndAccessible(page, teams, /^No teams yet\. Add the teams that answer families/, "teams");
  const topics = new AdminTopicsPage(page);
  await emptyAndAccessible(page, topics, /^No topics yet\. .*Until there is one, families cannot send a message\.$/, "topics");

  // The hours: a lunch break on Fridays, and the first holiday.
  const calendar = new AdminCalendarPage(page);
  await calendar.open();
  await expect(calendar.opens("Monday", 1)).not.toHaveValue("");
  await calendar.closes("Friday", 1).fill("12:00");
  await calendar.addPeriod("Friday").click();
  await calendar.opens("Friday", 2).fill("13:00");
  await calendar.closes("Friday", 2).fill("16:00");
  await calendar.addHoliday("Winter break", "2026-12-21", "2027-01-01");
  await calendar.save.click();
  await expect(calendar.status).toContainText("Calendar saved.");
  await expectAccessible(page, "the new district's calendar, saved");

  // A school.
  await units.open();
  await units.add.click();
  await units.fill({ name: "Maple Grove Elementary", kind: "School", grades: "K-5", address: "12 Orchard Lane" });
  await units.submitNew.click();
  await expect(units.notice).toHaveText("Maple Grove Elementary added.");
  await expect(units.row("Maple Grove Elementary")).toBeVisible();

  // A team.
  await teams.open();
  await teams.add.click();
  await teams.name.fill("Family Services");
  await teams.submitNew.click();
  await expect(teams.notice).toHaveText("Family Services added.");
  await expect(teams.row("Family Services")).toBeVisible();

  // A colleague on that team, who accepts his own invitation.
  const staff = new AdminStaffPage(page);
  await staff.open();
  await staff.invite.click();
  await staff.email.fill(colleague.email);
  await staff.name.fill(colleague.name);
  await staff.tick("Roles", "Agent");
  await staff.tick("Teams", "Family Services");
  await staff.sendInvitation.click();
  await expect(staff.notice).toHaveText(`${colleague.name} invited. The invitation is on its way to ${colleague.email}.`);
  const theo = await visit(browser, phone);
  await acceptInvitation(theo, colleague.email, colleague.password);
  await staff.open();
  await expect(staff.row(colleague.name).locator(".heard-standing")).toHaveText("Active");

  // A topic in both languages, answered by the new team.
  await topics.open();
  await topics.add.click();
  await topics.nameIn("English").fill("After-school programs");
  await topics.descriptionIn("English").fill("Clubs, care and activities after the bell.");
  await topics.nameIn("Español").fill("Programas después de clases");
  await topics.descriptionIn("Español").fill("Clubes, cuidado y actividades después de clases.");
  await topics.team.selectOption({ label: "Family Services" });
  await topics.submitNew.click();
  await expect(topics.notice).toHaveText("After-school programs added.");
  await expect(topics.row("After-school programs")).toBeVisible();

  // A family writes about it, on a phone.
  const family = await visit(browser, phone);
  const portal = new PortalPage(family);
  await portal.open(district.slug);
  await expect(portal.topic.locator("option")).toHaveText(["Choose a topic", "After-school programs"]);
  await portal.submit({
    topic: "After-school programs",
    subject: "Is there space in the robotics club?",
    body: "My daughter starts in third grade and would love to join the robotics club.",
    name: "Priya Natarajan",
    email: "priya.natarajan@example.org",
  });
  const { reference } = await portal.receipt();
  await expect(family.getByText("Family Services")).toBeVisible();

  // The new colleague finds it waiting in his team's queue.
  const inbox = new InboxPage(theo);
  await inbox.open();
  await inbox.tab("My teams").click();
  await expect(inbox.row(reference)).toBeVisible();
  await expect(inbox.rows.filter({ hasText: "Is there space in the robotics club?" })).toHaveCount(1);
  await adminShot(theo, "from-zero-first-inquiry-phone");
  await theo.context().close();
  await family.context().close();
  await page.context().close();
});
