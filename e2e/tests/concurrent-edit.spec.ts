// Two staff on one case: the second one's change, based on what they saw
// before the first one acted, is refused (412) with a clear way forward —
// reload, keep what they typed, and act on the latest version.
import { test, expect, expectAccessible, demo, fileInquiry, staffPage } from "../fixtures";
import { CasePage } from "../pages";

test("a stale change is refused with a reload prompt, and works after reloading", async ({ browser, baseURL, request }) => {
  const subject = `Late bus on Route 12 ${Date.now()}`;
  const filed = await fileInquiry(request, {
    topic: "Bus & transportation",
    subject,
    body: "The Route 12 bus was twenty minutes late three days this week.",
  });
  const agent = await staffPage(browser, baseURL, demo.transportation);
  const admin = await staffPage(browser, baseURL, demo.admin);
  const first = new CasePage(agent);
  const second = new CasePage(admin);
  for (const p of [agent, admin]) {
    await p.goto(`/staff/inquiries/${filed.id}`);
    await new CasePage(p).expectOpen(subject);
  }

  // The admin starts an assignment; meanwhile the agent starts work.
  const reason = "Route 12 driver schedule: the agent handles it";
  await second.fillAssign({ team: "Transportation Team (current)", person: "Marcus Reed", reason });
  await agent.getByRole("button", { name: "Start work" }).click();
  await expect(agent.getByText("Status is now: In progress.")).toBeVisible();

  // The admin's assignment was based on the old version.
  await second.assignPanel.getByRole("button", { name: "Assign" }).click();
  await expect(second.staleWarning).toBeVisible();
  const reload = admin.getByRole("button", { name: "Reload" });
  await expect(reload).toBeFocused();
  await expectAccessible(admin, "case with the stale warning");

  // Same with a status change.
  await admin.getByRole("button", { name: "Resolve", exact: true }).click();
  await expect(second.staleWarning).toBeVisible();
  await expect(admin.getByText(/^Status is now/)).toHaveCount(0);

  // After reloading: the agent's change shows, the draft is kept, and it goes through.
  await reload.press("Enter");
  await expect(second.staleWarning).toHaveCount(0);
  await expect(admin.locator(".heard-case__tags").getByText("In progress")).toBeVisible();
  await expect(second.assignPanel.getByRole("textbox", { name: /^Reason/ })).toHaveValue(reason);
  await second.assignPanel.getByRole("button", { name: "Assign" }).click();
  await expect(second.assignPanel.getByText("Assigned to Marcus Reed.")).toBeVisible();
  await expect(second.staleWarning).toHaveCount(0);

  // And now the agent is the one behind.
  await agent.getByRole("button", { name: "Resolve", exact: true }).click();
  await expect(first.staleWarning).toBeVisible();
  await agent.getByRole("button", { name: "Reload" }).click();
  await expect(agent.getByRole("region", { name: "Details" }).getByText("Marcus Reed")).toBeVisible();
  await first.resolve();
  await expectAccessible(agent, "case resolved after reloading");

  for (const p of [agent, admin]) await p.context().close();
});
