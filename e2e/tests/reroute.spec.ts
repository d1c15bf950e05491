// A question on "Something else" lands with the front office (the district's
// fallback team); the clerk sends it on to enrollment, is told where it went,
// and the enrollment agent finds it in their queue with the re-route explained.
import { test, expect, expectAccessible, demo, fileInquiry, staffPage } from "../fixtures";
import { CasePage, InboxPage } from "../pages";

test("the front office re-routes an inquiry to the enrollment team", async ({ browser, baseURL, request }) => {
  const subject = `Registering twins mid-year ${Date.now()}`;
  const filed = await fileInquiry(request, {
    topic: "Something else",
    subject,
    body: "We are moving to Lakeview in March. How do we register our twins for second grade?",
  });
  expect(filed.team).toBe("District Front Office");

  // The clerk finds it in the front office queue and sends it on.
  const clerk = await staffPage(browser, baseURL, demo.frontOffice);
  const inbox = new InboxPage(clerk);
  await expect(inbox.row(filed.reference)).toBeVisible();
  await inbox.row(filed.reference).click();
  const kase = new CasePage(clerk);
  await kase.expectOpen(subject);
  await expectAccessible(clerk, "case at the front office");
  const caseUrl = clerk.url();

  // A reason is required, and said so in plain words.
  await kase.assignPanel.getByRole("combobox", { name: /^Team/ }).selectOption({ label: "Enrollment Team" });
  await kase.assignPanel.getByRole("button", { name: "Send to team" }).click();
  await expect(kase.assignPanel.getByRole("link", { name: "Reason is required" })).toBeVisible();
  await expectAccessible(clerk, "assign form with an error");

  const reason = "Registration question: needs the enrollment team";
  await kase.fillAssign({ team: "Enrollment Team", reason });
  await kase.assignPanel.getByRole("button", { name: "Send to team" }).click();

  // It has left the clerk's queues: a confirmation, back in the inbox, no error.
  await expect(clerk).toHaveURL(/\/staff\?view=team$/);
  const flash = clerk.getByText("Sent to Enrollment Team.");
  await expect(flash).toBeVisible();
  await expect(clerk.locator(".heard-flash")).toBeFocused();
  await expect(clerk.getByRole("alert")).toHaveCount(0);
  await expect(inbox.row(filed.reference)).toHaveCount(0);
  await expectAccessible(clerk, "inbox after the re-route");

  // An old link to the case explains where it may have gone.
  await clerk.goto(caseUrl);
  await expect(clerk.getByRole("heading", { name: "This inquiry is not in your queues" })).toBeVisible();
  await expectAccessible(clerk, "case no longer in the clerk's queues");

  // Enrollment finds it in its team queue, with the re-route and its reason.
  const enrollment = await staffPage(browser, baseURL, demo.enrollment);
  const theirs = new InboxPage(enrollment);
  await expect(theirs.tab("My teams")).toHaveAttribute("aria-current", "page");
  await expect(theirs.row(filed.reference)).toBeVisible();
  await expectAccessible(enrollment, "enrollment inbox");
  await theirs.row(filed.reference).click();
  const received = new CasePage(enrollment);
  await received.expectOpen(subject);
  await expect(received.timeline.getByText("Routed to District Front Office")).toBeVisible();
  await expect(received.timeline.getByText("Re-routed to Enrollment Team")).toBeVisible();
  await expect(received.timeline.getByText(`“${reason}”`)).toBeVisible();
  await expect(
    enrollment.getByRole("region", { name: "Details" }).getByText("Enrollment Team", { exact: true }),
  ).toBeVisible();
  await expectAccessible(enrollment, "re-routed case");

  // The agent takes it: assigned to a named person within the same team.
  await received.fillAssign({ team: "Enrollment Team (current)", person: "Lucía Hernández (you)", reason: "Mine" });
  await received.assignPanel.getByRole("button", { name: "Assign" }).click();
  await expect(received.assignPanel.getByText("Assigned to Lucía Hernández.")).toBeVisible();
  await expect(received.timeline.getByText("Assigned to Lucía Hernández")).toBeVisible();
  await expectAccessible(enrollment, "case after assigning");

  for (const p of [clerk, enrollment]) await p.context().close();
});
