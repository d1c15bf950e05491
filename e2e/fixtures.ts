// The test API every spec uses: the server's address as baseURL, and an axe
// audit against WCAG 2.1 A and AA.
import { test as base, expect, Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

export const test = base.extend<{}>({
  baseURL: async ({}, use) => {
    const url = process.env.HEARD_BASE_URL;
    if (!url) throw new Error("HEARD_BASE_URL is not set: global setup did not run");
    await use(url);
  },
});

export { expect };

/** Fails with the list of violations when axe finds any on the page as it is now. */
export async function expectAccessible(page: Page, what: string) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).join("\n  ")}`,
  );
  expect(summary, `axe violations on ${what}`).toEqual([]);
}

export const demo = {
  district: "lakeview",
  districtName: "Lakeview Unified School District",
  admin: "admin@lakeview.example",
  password: "lakeview-demo",
};

export const phone = { width: 390, height: 844 };
export const desktop = { width: 1280, height: 900 };
