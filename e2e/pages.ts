// Page objects: what a person does on each screen, found by role and name.
import { Page, Locator, expect } from "@playwright/test";

export class PortalPage {
  constructor(readonly page: Page) {}

  async open(slug = "lakeview") {
    await this.page.goto(`/${slug}`);
    await expect(this.heading).toBeVisible();
  }

  get heading(): Locator {
    return this.page.getByRole("heading", { level: 1 });
  }
  get topic() {
    return this.page.getByRole("combobox", { name: /^Topic/ });
  }
  get subject() {
    return this.page.getByRole("textbox", { name: /^Subject/ });
  }
  get message() {
    return this.page.getByRole("textbox", { name: /^Your message/ });
  }
  get name() {
    return this.page.getByRole("textbox", { name: /^Your name/ });
  }
  get email() {
    return this.page.getByRole("textbox", { name: /^Email/ });
  }
  get send() {
    return this.page.getByRole("button", { name: "Send message" });
  }
  get errorSummary() {
    return this.page.getByRole("heading", { name: "There is a problem" });
  }

  /** Picks the first real topic and returns its name. */
  async chooseFirstTopic(): Promise<string> {
    const options = this.topic.locator("option");
    const label = (await options.nth(1).textContent())?.trim() ?? "";
    await this.topic.selectOption({ index: 1 });
    return label;
  }

  async submit(fields: { subject: string; body: string; name: string; email: string }) {
    await this.page.getByRole("radio", { name: "Question" }).check();
    await this.chooseFirstTopic();
    await this.subject.fill(fields.subject);
    await this.message.fill(fields.body);
    await this.page.getByRole("radio", { name: "Parent or guardian" }).check();
    await this.name.fill(fields.name);
    await this.email.fill(fields.email);
    await this.send.click();
  }

  async receipt() {
    await expect(this.page.getByRole("heading", { name: "We received your message" })).toBeVisible();
    const reference = (await this.page.getByTestId("reference").textContent())?.trim() ?? "";
    const link = await this.page.getByRole("textbox", { name: "Your tracking link" }).inputValue();
    return { reference, link };
  }
}

export class TrackingPage {
  constructor(readonly page: Page) {}

  async open(link: string) {
    await this.page.goto(link);
    await expect(this.page.getByRole("heading", { name: "Conversation" })).toBeVisible();
  }

  group(name: string | RegExp) {
    return this.page.getByRole("group", { name });
  }

  async rate(r: { overall: number; courtesy: number; communication: number; responsiveness: number; recommend: number; comment: string }) {
    await this.group(/^Overall, how was your experience/).getByRole("radio", { name: String(r.overall), exact: true }).check();
    await this.group(/^Courtesy & respect/).getByRole("radio", { name: new RegExp(`^${r.courtesy}\\b`) }).check();
    await this.group(/^Communication/).getByRole("radio", { name: new RegExp(`^${r.communication}\\b`) }).check();
    await this.group(/^Responsiveness/).getByRole("radio", { name: new RegExp(`^${r.responsiveness}\\b`) }).check();
    await this.group(/^How likely are you to recommend/).getByRole("radio", { name: String(r.recommend), exact: true }).check();
    await this.page.getByRole("textbox", { name: /Anything else/ }).fill(r.comment);
    await this.page.getByRole("button", { name: "Send feedback" }).click();
    await expect(this.page.getByRole("heading", { name: "Thank you for your feedback" })).toBeVisible();
  }
}

export class StaffLoginPage {
  constructor(readonly page: Page) {}

  async signIn(email: string, password: string) {
    await this.page.goto("/staff/login");
    await this.page.getByRole("textbox", { name: "Work email" }).fill(email);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Sign in" }).click();
    await expect(this.page.getByRole("heading", { name: "Inbox", level: 1 })).toBeVisible();
  }
}

export class InboxPage {
  constructor(readonly page: Page) {}

  async open(view = "all") {
    await this.page.goto(`/staff?view=${view}`);
    await expect(this.page.getByRole("heading", { name: "Inbox", level: 1 })).toBeVisible();
  }

  async search(text: string) {
    await this.page.getByRole("searchbox", { name: "Search" }).fill(text);
    await this.page.getByRole("button", { name: "Apply" }).click();
  }

  row(reference: string) {
    return this.page.getByRole("link", { name: reference, exact: true });
  }
}

export class CasePage {
  constructor(readonly page: Page) {}

  async reply(text: string) {
    await this.page.getByRole("textbox", { name: /^Reply/ }).fill(text);
    await this.page.getByRole("button", { name: "Send reply" }).click();
    await expect(this.page.getByText("Reply sent to the family.")).toBeVisible();
  }

  async resolve() {
    await this.page.getByRole("button", { name: "Resolve", exact: true }).click();
    await expect(this.page.getByText("Status is now: Resolved.")).toBeVisible();
  }
}

export class DashboardPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto("/staff/dashboard");
    await expect(this.page.getByRole("heading", { name: "Service dashboard" })).toBeVisible();
    await expect(this.metric("received")).toBeVisible();
  }

  metric(name: string) {
    return this.page.locator(`[data-metric="${name}"]`);
  }

  async received(): Promise<number> {
    return Number((await this.metric("received").textContent())?.trim());
  }
}
