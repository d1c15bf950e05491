// Agents move fast through a queue, on school networks that are often slow:
// they open a case, glance at it and go on to the next before it has
// finished loading, go back, act on one and leave at once, flip through the
// queue tabs. The app must keep up without a single error: the WebAssembly
// app stops at its first panic and stays dead until the page is reloaded.
import { test, expect, demo, fileInquiry, staffPage, Filed } from "../fixtures";
import { CasePage, InboxPage } from "../pages";
import { Page } from "@playwright/test";

/** Collects uncaught page errors and console errors that report a panic. */
function watchForCrashes(page: Page): string[] {
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" && /panic|disposed|unreachable|RuntimeError/i.test(m.text())) {
      problems.push(`console error: ${m.text()}`);
    }
  });
  return problems;
}

/** Runs `journey`; when it fails after the app has crashed, the crash is the reason given. */
async function withCrashReport(problems: string[], journey: () => Promise<void>) {
  try {
    await journey();
  } catch (e) {
    if (problems.length === 0) throw e;
    throw new Error(`the app crashed:\n${problems.join("\n")}\n\nand then: ${e instanceof Error ? e.message : e}`);
  }
}

/**
 * A slow, uneven network: reads take 0.1 to 0.45 s, in a fixed pattern so
 * that answers overtake one another the same way on every run; changes take
 * 0.6 s, longer than it takes to open the next case.
 */
async function slowNetwork(page: Page) {
  let calls = 0;
  await page.route(/\/api\/v1\//, async (route) => {
    calls += 1;
    const ms = route.request().method() === "GET" ? 100 + ((calls * 137) % 350) : 600;
    await new Promise((resolve) => setTimeout(resolve, ms));
    await route.continue();
  });
}

test("an agent opens twenty cases in a row quickly, back and forth, and the app keeps working", async ({ browser, baseURL, request }) => {
  test.setTimeout(120_000);
  const tag = `Hop ${Date.now()}`;
  const filed: Filed[] = [];
  for (let i = 1; i <= 20; i++) {
    filed.push(
      await fileInquiry(request, {
        topic: "Bus & transportation",
        subject: `${tag} bus question ${i}`,
        body: `Question number ${i} about the morning bus.`,
      }),
    );
  }
  const subject = (i: number) => `${tag} bus question ${i + 1}`;
  const page = await staffPage(browser, baseURL, demo.admin);
  const problems = watchForCrashes(page);
  await slowNetwork(page);
  const inbox = new InboxPage(page);
  const kase = new CasePage(page);
  const rail = page.getByRole("navigation", { name: "Queue" });
  const railLink = (i: number) => rail.locator(`a[href="/staff/inquiries/${filed[i].id}"]`);
  const opened = (i: number) => expect(page).toHaveURL(new RegExp(`/staff/inquiries/${filed[i].id}$`));

  await withCrashReport(problems, async () => {
    await page.goto(`/staff?view=all&q=${encodeURIComponent(tag)}`);
    await expect(inbox.rows).toHaveCount(20);

    // From the list: open a case and come straight back, never waiting for it.
    for (let i = 0; i < 6; i++) {
      await inbox.row(filed[i].reference).click();
      await opened(i);
      await page.goBack();
    }
    expect(problems, "errors while opening cases from the list").toEqual([]);

    // Through the queue beside the case: on to the next as soon as a case
    // shows, before the rest of it (the teams to assign to) has arrived.
    await inbox.row(filed[6].reference).click();
    await kase.expectOpen(subject(6));
    for (let i = 7; i < 14; i++) {
      await railLink(i).click();
      await kase.expectOpen(subject(i));
    }
    // And without waiting at all.
    for (let i = 14; i < 20; i++) {
      await railLink(i).click();
      await opened(i);
    }
    await kase.expectOpen(subject(19));
    // Back and forth through the history, faster than the cases arrive.
    for (let i = 0; i < 5; i++) await page.goBack();
    for (let i = 0; i < 3; i++) await page.goForward();
    expect(problems, "errors while moving from case to case").toEqual([]);

    // The language changed while the next case loads.
    await railLink(0).click();
    await page.getByRole("button", { name: /Español/ }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await kase.expectOpen(subject(0));
    await page.getByRole("button", { name: /English/ }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    // The answers for the cases passed through on the way come in late: they
    // are not shown in place of the case in the address.
    const seen = new Set<string>();
    for (let k = 0; k < 30; k++) {
      seen.add((await page.locator("main h1").textContent()) ?? "");
      await page.waitForTimeout(50);
    }
    expect([...seen]).toEqual([subject(0)]);

    // Act on a case and move on before the answer is back: the status change,
    // the reply and the assignment all finish after their case has gone.
    await page.getByRole("button", { name: "Start work" }).click();
    await railLink(1).click();
    await kase.expectOpen(subject(1));
    await page.getByRole("textbox", { name: /^Reply/ }).fill("On it, thank you.");
    await page.getByRole("button", { name: "Send reply" }).click();
    await railLink(2).click();
    await kase.expectOpen(subject(2));
    await kase.fillAssign({ team: "Transportation Team (current)", person: "Marcus Reed", reason: "His route" });
    await kase.assignPanel.getByRole("button", { name: "Assign" }).click();
    await railLink(19).click();
    await kase.expectOpen(subject(19));
    await expect(kase.timeline).toBeVisible();
    expect(problems, "errors while acting and moving on").toEqual([]);

    // Through the queue tabs, each before the last has loaded.
    await page.getByRole("link", { name: "Back to inbox" }).click();
    await expect(page.getByRole("heading", { name: "Inbox", level: 1 })).toBeVisible();
    for (const [name, view] of [["All", "all"], ["Unassigned", "unassigned"], ["Overdue", "overdue"], ["Mine", "mine"], ["All", "all"]]) {
      await inbox.tab(name).click();
      await expect(page).toHaveURL(new RegExp(`view=${view}$`));
    }
    await expect(inbox.tab("All")).toHaveAttribute("aria-current", "page");
    await expect(page.getByText(/^Inquiries shown: \d+$/)).toBeVisible();
    // Whatever was still on its way has arrived by now.
    await page.waitForTimeout(1_500);
    expect(problems, "errors while moving between queues").toEqual([]);

    // Nothing was lost: the changes made in passing were all saved.
    await page.goto(`/staff/inquiries/${filed[0].id}`);
    await expect(page.locator(".heard-case__tags").getByText("In progress")).toBeVisible();
    await page.goto(`/staff/inquiries/${filed[1].id}`);
    await expect(page.getByText("On it, thank you.")).toBeVisible();
    await page.goto(`/staff/inquiries/${filed[2].id}`);
    await expect(page.getByRole("region", { name: "Details" }).getByText("Marcus Reed")).toBeVisible();
    expect(problems).toEqual([]);
  });
  await page.context().close();
});
