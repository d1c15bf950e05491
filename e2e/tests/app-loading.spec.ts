// Families, mostly on phones, download only the family part of the app; the
// staff pages come in their own chunks, fetched on the first visit to one.
import { test, expect, fileInquiry, phonePage } from "../fixtures";

test("families load only the family part of the app; staff pages load theirs when visited", async ({ browser, baseURL, request }) => {
  const filed = await fileInquiry(request, {
    topic: "Compliment",
    subject: "Thank you, Ms. Alvarez",
    body: "The new front desk at Maple Grove is so welcoming.",
  });
  const page = await phonePage(browser, baseURL);
  const wasm: string[] = [];
  page.on("request", (r) => {
    const path = new URL(r.url()).pathname;
    if (path.endsWith(".wasm")) wasm.push(path.split("/").pop() ?? path);
  });

  await page.goto("/lakeview");
  await expect(page.getByRole("heading", { level: 1, name: "How can we help?" })).toBeVisible();
  await page.goto(`/track/${filed.trackingToken}`);
  await expect(page.getByRole("heading", { name: "Conversation" })).toBeVisible();
  expect(new Set(wasm)).toEqual(new Set(["heard_bg.wasm"]));

  await page.goto("/staff/login");
  await expect(page.getByRole("heading", { level: 1, name: "Staff sign in" })).toBeVisible();
  expect(wasm.some((w) => /login_route/.test(w))).toBe(true);
  expect(wasm.some((w) => /case_route|dashboard_route/.test(w))).toBe(false);
  await page.context().close();
});
