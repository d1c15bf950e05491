// Bad input gets a clear, specific error: a summary at the top whose links
// move focus to each field, and the message again beside the field.
import { test, expect, expectAccessible, phone } from "../fixtures";
import { PortalPage, StaffLoginPage } from "../pages";

test("submitting the empty contact form lists every problem and links to each field", async ({ page }) => {
  await page.setViewportSize(phone);
  const portal = new PortalPage(page);
  await portal.open();
  await portal.send.click();

  await expect(portal.errorSummary).toBeVisible();
  const summary = page.locator(".heard-error-summary");
  await expect(summary).toBeFocused();
  for (const problem of ["Topic is required", "Subject is required", "Message is required", "Give an email or a phone number"]) {
    await expect(summary.getByRole("link", { name: new RegExp(`^${problem}`) })).toBeVisible();
  }
  await expectAccessible(page, "portal with errors");

  await summary.getByRole("link", { name: /^Subject is required/ }).click();
  await expect(portal.subject).toBeFocused();
  await expect(portal.subject).toHaveAttribute("aria-invalid", "true");
  await summary.getByRole("link", { name: /^Message is required/ }).click();
  await expect(portal.message).toBeFocused();
  await summary.getByRole("link", { name: /^Topic is required/ }).click();
  await expect(portal.topic).toBeFocused();
  await summary.getByRole("link", { name: /^Give an email/ }).click();
  await expect(portal.email).toBeFocused();

  // A bad email is named precisely, and fixing everything clears the summary.
  await portal.chooseFirstTopic();
  await portal.subject.fill("Lunch menu");
  await portal.message.fill("Is there a vegetarian option on Fridays?");
  await portal.email.fill("not-an-email");
  await portal.send.click();
  await expect(summary.getByRole("link", { name: "Enter an email address like name@example.com" })).toBeVisible();
  await portal.email.fill("parent@example.org");
  await portal.send.click();
  await portal.receipt();
});

test("staff sign-in explains a wrong password", async ({ page }) => {
  await page.goto("/staff/login");
  await expectAccessible(page, "sign-in");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
  await page.getByRole("textbox", { name: "Work email" }).fill("admin@lakeview.example");
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The email or password is not right" })).toBeVisible();
  await new StaffLoginPage(page).signIn("admin@lakeview.example", "lakeview-demo");
});
