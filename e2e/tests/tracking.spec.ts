// Families follow their inquiry from the private link in their confirmation,
// mostly on a phone; a broken link explains what to do instead of failing.
import { test, expect, expectAccessible, fileInquiry, phonePage } from "../fixtures";

test("a family follows the tracking link on a phone and replies", async ({ browser, baseURL, request }) => {
  const subject = `Bus pass lost ${Date.now()}`;
  const filed = await fileInquiry(request, {
    topic: "Bus & transportation",
    subject,
    body: "My daughter lost her bus pass. How do we get a new one?",
  });
  const family = await phonePage(browser, baseURL);
  await family.goto(`/track/${filed.trackingToken}`);
  await expect(family.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  await expect(family.getByText(filed.reference)).toBeVisible();
  await expect(family.getByText("Received", { exact: true }).first()).toBeVisible();
  await expectAccessible(family, "tracking page on a phone");

  // Nothing runs past the right edge of the phone.
  const overflow = await family.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  // An empty reply is refused with a clear message.
  await family.getByRole("button", { name: "Send reply" }).click();
  await expect(family.getByRole("link", { name: "Message is required" })).toBeVisible();

  const reply = "Her name is Ana Rivera, grade 4 at Maple Grove. She rides bus 12.";
  await family.getByRole("textbox", { name: /^Your reply/ }).fill(reply);
  await family.getByRole("button", { name: "Send reply" }).click();
  await expect(family.getByText("Your reply was sent.")).toBeVisible();
  await expect(family.locator(".heard-msg").filter({ hasText: reply })).toContainText("You");
  await expectAccessible(family, "tracking page after replying");

  // The reply is kept: it is still there when the link is opened again.
  await family.reload();
  await expect(family.getByText(reply)).toBeVisible();
  await family.context().close();
});

test("an unknown tracking link shows a helpful not-found page", async ({ browser, baseURL }) => {
  const family = await phonePage(browser, baseURL);
  await family.goto("/track/this-link-was-cut-short");
  await expect(family.getByRole("heading", { level: 1, name: "We could not find this conversation" })).toBeVisible();
  await expect(family).toHaveTitle(/We could not find this conversation/);
  await expect(family.getByText(/copied the whole link/)).toBeVisible();
  await expect(family.getByRole("alert")).toHaveCount(0);
  await expectAccessible(family, "tracking not found");
  await family.getByRole("link", { name: "Contact the district" }).click();
  await expect(family.getByRole("heading", { level: 1, name: "How can we help?" })).toBeVisible();
  await family.context().close();
});
