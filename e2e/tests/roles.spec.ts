// What each role is offered on a case is what the server allows: the app
// asks the same policy and lifecycle (heard_domain::case::Permitted). An
// analyst reads the case and changes nothing; an agent of the team works
// it; on a closed case nobody is offered a reply. Signing out ends the
// session on the server, not only in the tab.
import { test, expect, demo, fileInquiry, staffLogin, staffPage, setStatus, expectAccessible } from "../fixtures";

async function openCase(page: import("@playwright/test").Page, id: string, subject: string) {
  await page.goto(`/staff/inquiries/${id}`);
  await expect(page.getByRole("heading", { name: subject, level: 1 })).toBeVisible();
}

test("an analyst reads a case and is offered no change", async ({ browser, baseURL, request }) => {
  const subject = `Analyst view ${Date.now()}`;
  const filed = await fileInquiry(request, { topic: "Bus & transportation", subject, body: "When does route 12 come?" });
  const page = await staffPage(browser, baseURL, demo.superintendent);
  await openCase(page, filed.id, subject);
  await expect(page.getByRole("group", { name: "Change status" }).getByRole("button")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Send reply" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Add note" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Move|^Assign/ })).toHaveCount(0);
  await expectAccessible(page, "a case as an analyst sees it");
});

test("an agent of the team is offered the changes the lifecycle allows", async ({ browser, baseURL, request }) => {
  const subject = `Agent view ${Date.now()}`;
  const filed = await fileInquiry(request, { topic: "Bus & transportation", subject, body: "The bus skipped our stop." });
  const page = await staffPage(browser, baseURL, demo.transportation);
  await openCase(page, filed.id, subject);
  const actions = page.getByRole("group", { name: "Change status" });
  await expect(actions.getByRole("button", { name: "Start work" })).toBeVisible();
  await expect(actions.getByRole("button", { name: "Resolve" })).toBeVisible();
  await expect(actions.getByRole("button", { name: "Close" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Send reply" })).toBeVisible();

  // Closed: no reply, no note, only reopening.
  const agent = await staffLogin(request, demo.transportation);
  await setStatus(request, agent, filed.id, "resolved", "closed");
  await page.reload();
  await expect(page.getByRole("heading", { name: subject, level: 1 })).toBeVisible();
  await expect(actions.getByRole("button", { name: "Reopen" })).toBeVisible();
  await expect(actions.getByRole("button")).toHaveCount(1);
  await expect(page.getByRole("button", { name: "Send reply" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Add note" })).toHaveCount(0);
  await expectAccessible(page, "a closed case as its agent sees it");
});

test("signing out ends the session on the server", async ({ browser, baseURL }) => {
  const page = await staffPage(browser, baseURL, demo.transportation);
  const token = await page.evaluate(() => sessionStorage.getItem("heard.access_token"));
  expect(token).toBeTruthy();
  const before = await page.request.get("/api/v1/me", { headers: { Authorization: `Bearer ${token}` } });
  expect(before.status()).toBe(200);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: /sign in/i, level: 1 })).toBeVisible();
  const after = await page.request.get("/api/v1/me", { headers: { Authorization: `Bearer ${token}` } });
  expect(after.status()).toBe(401);
});
