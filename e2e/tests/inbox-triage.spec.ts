// An agent works the queue without a mouse: the queue tabs, a status filter,
// search by reference and by words, more rows, and opening a case.
import { test, expect, expectAccessible, demo, fileInquiry, staffPage, tabTo } from "../fixtures";
import { CasePage, InboxPage } from "../pages";

test("an agent triages the inbox with the keyboard alone", async ({ browser, baseURL, request }) => {
  // Walking back over a hundred rows one Tab at a time takes most of a minute.
  test.slow();
  const unique = `Wheelchair lift ${Date.now()}`;
  const filed = await fileInquiry(request, {
    topic: "Bus & transportation",
    subject: `${unique} on bus 7`,
    body: "The wheelchair lift on bus 7 has been stuck twice this week.",
  });
  const page = await staffPage(browser, baseURL, demo.transportation);
  const inbox = new InboxPage(page);
  await expect(inbox.tab("My teams")).toHaveAttribute("aria-current", "page");
  await expectAccessible(page, "team queue");

  /** Follows a queue tab with the keyboard and checks it is the current one. */
  async function openTab(name: string, view: string) {
    await tabTo(page, inbox.tab(name));
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`view=${view}$`));
    await expect(inbox.tab(name)).toHaveAttribute("aria-current", "page");
    await expect(inbox.rows.first()).toBeVisible();
    await expectAccessible(page, `${name} queue`);
  }

  // Mine: only what Marcus Reed holds.
  await openTab("Mine", "mine");
  await expect(inbox.rows.locator(".q-team").filter({ hasNotText: "Marcus Reed" })).toHaveCount(0);
  // Unassigned: nobody holds them.
  await openTab("Unassigned", "unassigned");
  await expect(inbox.rows.locator(".q-team").filter({ hasNotText: "Not assigned yet" })).toHaveCount(0);
  await expect(inbox.row(filed.reference)).toBeVisible();
  // Overdue: each one is marked.
  await openTab("Overdue", "overdue");
  await expect(inbox.rows.locator(".q-age").filter({ hasNotText: "Overdue" })).toHaveCount(0);

  // All: fifty at a time, and more on request.
  await openTab("All", "all");
  expect(await inbox.shown()).toBe(50);
  await tabTo(page, inbox.loadMore, { limit: 250 });
  await page.keyboard.press("Enter");
  await expect(page.getByText("Inquiries shown: 100")).toBeVisible();
  await expect(inbox.rows).toHaveCount(100);
  await expectAccessible(page, "queue after loading more");

  // Search by reference: exactly that inquiry.
  await tabTo(page, inbox.searchBox, { back: true, limit: 300 });
  await page.keyboard.type(filed.reference);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`q=${filed.reference}`));
  await expect(inbox.rows).toHaveCount(1);
  await expect(inbox.row(filed.reference)).toBeVisible();
  await expectAccessible(page, "search by reference");

  // Search by words in the subject.
  await tabTo(page, inbox.searchBox, { back: true });
  await page.keyboard.press("Control+A");
  await page.keyboard.type("bus stop");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/q=bus%20stop/);
  await expect(inbox.rows.first()).toBeVisible();
  await expect(inbox.rows.locator(".heard-queue__subject").filter({ hasNotText: /bus stop/i })).toHaveCount(0);
  await expectAccessible(page, "search by words");

  // A status filter, chosen with the arrow keys, alongside the words.
  await tabTo(page, inbox.status, { back: true });
  for (let i = 0; i < 10 && (await inbox.status.inputValue()) !== "resolved"; i++) {
    await page.keyboard.press("ArrowDown");
  }
  await expect(inbox.status).toHaveValue("resolved");
  await tabTo(page, inbox.apply);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/status=resolved/);
  await expect(page).toHaveURL(/q=bus%20stop/);
  await expect(inbox.rows.first()).toBeVisible();
  await expect(inbox.rows.locator(".q-status").filter({ hasNotText: "Resolved" })).toHaveCount(0);
  await expectAccessible(page, "status filter");

  // Opening a case from the list.
  const first = inbox.rows.first().getByRole("link").first();
  const reference = (await first.textContent())?.trim() ?? "";
  await tabTo(page, first);
  await page.keyboard.press("Enter");
  await expect(page.locator(".heard-eyebrow")).toContainText(reference);
  await new CasePage(page).timeline.waitFor();
  await expectAccessible(page, "case opened from the filtered queue");

  await page.context().close();
});
