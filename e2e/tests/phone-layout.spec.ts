// Staff pages at phone width: nothing runs past the right edge, the search
// box is drawn whole (USWDS styles every [type=search] as half of its search
// component), and queue cards carry no stray line above the reference.
import { test, expect, expectAccessible, demo, fileInquiry, phone, staffPage } from "../fixtures";
import { Page } from "@playwright/test";

async function overflow(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

test("the staff pages fit a phone", async ({ browser, baseURL, request }) => {
  const filed = await fileInquiry(request, {
    topic: "Bus & transportation",
    subject: "A subject long enough to wrap on a phone screen, with no spaces-in-sight-for-a-while-indeed",
    body: "Checking that long words wrap.",
  });
  const page = await staffPage(browser, baseURL, demo.superintendent);
  await page.setViewportSize(phone);

  await page.goto("/staff?view=all");
  const search = page.getByRole("searchbox", { name: "Search" });
  const status = page.getByRole("combobox", { name: "Status" });
  await expect(search).toBeVisible();
  const box = await search.evaluate((el) => {
    const s = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    return { right: r.right, height: r.height, borderRight: s.borderRightWidth, float: s.cssFloat };
  });
  expect(box.borderRight).toBe("1px");
  expect(box.float).toBe("none");
  expect(box.right).toBeLessThanOrEqual(phone.width - 16);
  expect(box.height).toBe((await status.boundingBox())?.height);
  const refBorders = await page
    .locator("table.heard-queue tbody th[scope=row]")
    .evaluateAll((cells) => cells.map((c) => getComputedStyle(c).borderTopWidth));
  expect(refBorders.length).toBeGreaterThan(0);
  expect(new Set(refBorders)).toEqual(new Set(["0px"]));
  expect(await overflow(page)).toBeLessThanOrEqual(0);
  await expectAccessible(page, "inbox on a phone");

  await page.goto(`/staff/inquiries/${filed.id}`);
  await expect(page.getByRole("heading", { name: "Timeline" })).toBeVisible();
  expect(await overflow(page)).toBeLessThanOrEqual(0);
  await expectAccessible(page, "case on a phone");

  await page.goto("/staff/dashboard");
  await expect(page.locator('[data-metric="received"]')).toBeVisible();
  expect(await overflow(page)).toBeLessThanOrEqual(0);
  await expectAccessible(page, "dashboard on a phone");

  await page.context().close();
});
