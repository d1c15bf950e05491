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

  /** Fills and sends the form; `topic` is a topic's name, the first topic when absent. */
  async submit(fields: { subject: string; body: string; name: string; email: string; topic?: string }) {
    await this.page.getByRole("radio", { name: "Question" }).check();
    if (fields.topic) await this.topic.selectOption({ label: fields.topic });
    else await this.chooseFirstTopic();
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

  /** A queue tab: "Mine", "My teams", "Unassigned", "Overdue" or "All". */
  tab(name: string) {
    return this.page.getByRole("navigation", { name: "Queues" }).getByRole("link", { name, exact: true });
  }
  get status() {
    return this.page.getByRole("combobox", { name: "Status" });
  }
  get searchBox() {
    return this.page.getByRole("searchbox", { name: "Search" });
  }
  get apply() {
    return this.page.getByRole("button", { name: "Apply" });
  }
  get loadMore() {
    return this.page.getByRole("button", { name: "Load more" });
  }
  /** The rows of the queue, one per inquiry. */
  get rows() {
    return this.page.locator("table.heard-queue tbody tr");
  }
  /** How many inquiries the list says it shows. */
  async shown(): Promise<number> {
    const text = await this.page.getByText(/^Inquiries shown: \d+$/).textContent();
    return Number(text?.match(/\d+/)?.[0]);
  }

  async search(text: string) {
    await this.searchBox.fill(text);
    await this.apply.click();
  }

  row(reference: string) {
    return this.page.getByRole("link", { name: reference, exact: true });
  }
}

export class CasePage {
  constructor(readonly page: Page) {}

  async expectOpen(subject: string) {
    await expect(this.page.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  }

  async reply(text: string) {
    await this.page.getByRole("textbox", { name: /^Reply/ }).fill(text);
    await this.page.getByRole("button", { name: "Send reply" }).click();
    await expect(this.page.getByText("Reply sent to the family.")).toBeVisible();
  }

  /** Adds an internal note, ticking the box by its label as people do (USWDS hides the input itself). */
  async note(text: string) {
    const toggle = this.page.getByRole("checkbox", { name: /^Internal note/ });
    const label = this.page.locator("label[for=f-internal]");
    await label.click();
    await expect(toggle).toBeChecked();
    await this.page.getByRole("textbox", { name: /^Note/ }).fill(text);
    await this.page.getByRole("button", { name: "Add note" }).click();
    await expect(this.page.getByText("Note added.")).toBeVisible();
    await label.click();
    await expect(toggle).not.toBeChecked();
  }

  async resolve() {
    await this.page.getByRole("button", { name: "Resolve", exact: true }).click();
    await expect(this.page.getByText("Status is now: Resolved.")).toBeVisible();
  }

  get assignPanel() {
    return this.page.getByRole("region", { name: "Assign" });
  }

  /** Fills the assign form; `person` is a member's name, or absent to leave it in the team queue. */
  async fillAssign(a: { team: string; person?: string; reason: string }) {
    const panel = this.assignPanel;
    await panel.getByRole("combobox", { name: /^Team/ }).selectOption({ label: a.team });
    await panel
      .getByRole("combobox", { name: /^Person/ })
      .selectOption({ label: a.person ?? "Leave in the team queue" });
    await panel.getByRole("textbox", { name: /^Reason/ }).fill(a.reason);
  }

  get timeline() {
    return this.page.getByRole("region", { name: "Timeline" });
  }

  get staleWarning() {
    return this.page.getByRole("alert").filter({ hasText: "Someone else changed this inquiry; reload" });
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

/** The business calendar, /staff/admin/calendar, in English. */
export class AdminCalendarPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto("/staff/admin/calendar");
    await expect(this.heading).toBeVisible();
    await expect(this.save).toBeVisible();
  }

  get heading() {
    return this.page.getByRole("heading", { name: "Business calendar", level: 1 });
  }
  /** A day's fieldset, e.g. "Monday". */
  day(name: string) {
    return this.page.getByRole("group", { name, exact: true });
  }
  /** When period `n` (from 1) of `day` opens. */
  opens(day: string, n: number) {
    return this.page.getByLabel(`${day}, period ${n}: Opens`, { exact: true });
  }
  closes(day: string, n: number) {
    return this.page.getByLabel(`${day}, period ${n}: Closes`, { exact: true });
  }
  addPeriod(day: string) {
    return this.page.getByRole("button", { name: `Add a period on ${day}`, exact: true });
  }
  removePeriod(day: string, n: number) {
    return this.page.getByRole("button", { name: `Remove ${day}, period ${n}`, exact: true });
  }
  /** Holiday or break `n` (from 1), as a group of its fields. */
  closure(n: number) {
    return this.page.getByRole("group", { name: `Holiday or break ${n}`, exact: true });
  }
  closureName(n: number) {
    return this.page.getByLabel(`Holiday or break ${n}: Name`, { exact: true });
  }
  firstDay(n: number) {
    return this.page.getByLabel(`Holiday or break ${n}: First day`, { exact: true });
  }
  lastDay(n: number) {
    return this.page.getByLabel(`Holiday or break ${n}: Last day`, { exact: true });
  }
  removeClosure(n: number) {
    return this.page.getByRole("button", { name: `Remove holiday or break ${n}`, exact: true });
  }
  get addClosure() {
    return this.page.getByRole("button", { name: "Add a holiday or break" });
  }
  /** How many holidays and breaks the form lists. */
  async closures(): Promise<number> {
    return this.page.locator(".heard-calendar__closure").count();
  }
  get save() {
    return this.page.getByRole("button", { name: "Save calendar" });
  }
  get status() {
    return this.page.locator(".heard-settings__outcome");
  }
  get errorSummary() {
    return this.page.locator(".heard-error-summary");
  }
  get stale() {
    return this.page.getByRole("alert").filter({ hasText: "Someone else changed the calendar after you opened it" });
  }
  /** The inline error of the field at `path` in the request body, e.g. `weekly_hours.mon[0].opens`. */
  fieldError(path: string) {
    return this.page.locator(`[id="f-${path.replace(/[._]/g, "-")}-error"]`);
  }

  /** Adds a holiday or break at the end of the list; answers its place. */
  async addHoliday(name: string, first: string, last: string): Promise<number> {
    await this.addClosure.click();
    const n = await this.closures();
    await expect(this.closureName(n)).toBeFocused();
    await this.closureName(n).fill(name);
    await this.firstDay(n).fill(first);
    await this.lastDay(n).fill(last);
    return n;
  }
}

/** An admin list page (schools and departments, teams, topics, staff, help articles, reply templates, strategic goals), in English. */
class AdminListPage {
  constructor(readonly page: Page, readonly path: string, readonly title: string) {}

  async open() {
    await this.page.goto(this.path);
    await expect(this.heading).toBeVisible();
  }

  get heading() {
    return this.page.getByRole("heading", { name: this.title, level: 1 });
  }
  get table() {
    return this.page.locator("table.heard-admin__table");
  }
  /** The row of the one named `name`. By element, not role: stacked into
   * cards on a phone, the table is no longer one to Chromium's accessibility tree. */
  row(name: string) {
    const exact = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
    return this.table.locator("tbody tr").filter({ has: this.page.locator("th", { hasText: exact }) });
  }
  /** The names listed, in order. */
  async names(): Promise<string[]> {
    return this.table.locator("tbody th").allTextContents();
  }
  change(name: string) {
    return this.page.getByRole("button", { name: `Change ${name}`, exact: true });
  }
  remove(name: string) {
    return this.page.getByRole("button", { name: `Remove ${name}`, exact: true });
  }
  /** The question asked before removing. */
  get confirm() {
    return this.page.getByRole("alertdialog");
  }
  get loadMore() {
    return this.page.getByRole("button", { name: "Load more" });
  }
  get notice() {
    return this.page.locator(".heard-admin__notice");
  }
  get editor() {
    return this.page.locator(".heard-admin__editor");
  }
  get errorSummary() {
    return this.page.locator(".heard-error-summary");
  }
  get saveChanges() {
    return this.page.getByRole("button", { name: "Save changes" });
  }
  get cancel() {
    return this.editor.getByRole("button", { name: "Cancel" });
  }
  get empty() {
    return this.page.locator(".heard-empty");
  }
  /** A radio of the open form, e.g. a language. */
  choice(label: string) {
    return this.editor.getByRole("radio", { name: label, exact: true });
  }
  /** Picks a radio; USWDS hides the radio itself, so its label is clicked. */
  async pick(label: string) {
    await this.editor.locator("label", { hasText: new RegExp(`^${label}$`) }).click();
    await expect(this.choice(label)).toBeChecked();
  }

  /** Asks to remove `name` and says yes. */
  async removeConfirmed(name: string) {
    await this.remove(name).click();
    await expect(this.confirm.getByRole("heading", { name: `Remove ${name}?` })).toBeVisible();
    await expect(this.confirm).toBeFocused();
    await this.confirm.getByRole("button", { name: "Yes, remove" }).click();
  }
}

export class AdminUnitsPage extends AdminListPage {
  constructor(page: Page) {
    super(page, "/staff/admin/units", "Schools and departments");
  }

  get add() {
    return this.page.getByRole("button", { name: "Add a school or department" });
  }
  get name() {
    return this.page.getByRole("textbox", { name: /^Name/ });
  }
  kind(label: "School" | "Department") {
    return this.page.getByRole("radio", { name: label, exact: true });
  }
  get grades() {
    return this.page.getByRole("textbox", { name: /^Grades/ });
  }
  get address() {
    return this.page.getByRole("textbox", { name: /^Street address/ });
  }
  get submitNew() {
    return this.page.getByRole("button", { name: "Add school or department" });
  }

  /** Fills the open form; USWDS hides the radios themselves, so their labels are clicked. */
  async fill(u: { name?: string; kind?: "School" | "Department"; grades?: string; address?: string }) {
    if (u.name !== undefined) await this.name.fill(u.name);
    if (u.kind) await this.page.locator("label", { hasText: new RegExp(`^${u.kind}$`) }).click();
    if (u.grades !== undefined) await this.grades.fill(u.grades);
    if (u.address !== undefined) await this.address.fill(u.address);
  }
}

export class AdminTeamsPage extends AdminListPage {
  constructor(page: Page) {
    super(page, "/staff/admin/teams", "Teams");
  }

  get add() {
    return this.page.getByRole("button", { name: "Add a team" });
  }
  get name() {
    return this.page.getByRole("textbox", { name: /^Name/ });
  }
  get fallbackOwner() {
    return this.page.getByRole("combobox", { name: /^Fallback owner/ });
  }
  get submitNew() {
    return this.page.getByRole("button", { name: "Add team", exact: true });
  }
  get members() {
    return this.page.getByRole("region", { name: "Members" });
  }
  get memberToAdd() {
    return this.members.getByRole("combobox", { name: /^Add a member/ });
  }
  get addMember() {
    return this.members.getByRole("button", { name: "Add to the team" });
  }
  takeOut(name: string) {
    return this.members.getByRole("button", { name: `Take out ${name}`, exact: true });
  }
  /** The names of the members listed in the editor. */
  async memberNames(): Promise<string[]> {
    return this.members.locator(".heard-admin__member > span:first-child").allTextContents();
  }
}

export class AdminTopicsPage extends AdminListPage {
  constructor(page: Page) {
    super(page, "/staff/admin/topics", "Topics");
  }

  get add() {
    return this.page.getByRole("button", { name: "Add a topic" });
  }
  /** The name field in `language`, as the form names it ("English", "Español"). */
  nameIn(language: string) {
    return this.page.getByRole("textbox", { name: new RegExp(`^Name in ${language}`) });
  }
  descriptionIn(language: string) {
    return this.page.getByRole("textbox", { name: new RegExp(`^Description in ${language}`) });
  }
  get team() {
    return this.page.getByRole("combobox", { name: /^Team/ });
  }
  get fallbackOwner() {
    return this.page.getByRole("combobox", { name: /^Fallback owner/ });
  }
  get position() {
    return this.page.getByRole("textbox", { name: /^Place in the list/ });
  }
  get submitNew() {
    return this.page.getByRole("button", { name: "Add topic", exact: true });
  }
}

export class AdminStaffPage extends AdminListPage {
  constructor(page: Page) {
    super(page, "/staff/admin/staff", "Staff");
  }

  get invite() {
    return this.page.getByRole("button", { name: "Invite a staff member" });
  }
  get search() {
    return this.page.getByRole("searchbox", { name: /^Search/ });
  }
  get standing() {
    return this.page.getByRole("combobox", { name: "Standing" });
  }
  get apply() {
    return this.page.getByRole("button", { name: "Apply" });
  }
  get email() {
    return this.page.getByRole("textbox", { name: /^Email/ });
  }
  get name() {
    return this.page.getByRole("textbox", { name: /^Name/ });
  }
  get sendInvitation() {
    return this.page.getByRole("button", { name: "Send invitation" });
  }
  get awayFrom() {
    return this.page.getByLabel(/^First day away/);
  }
  get awayUntil() {
    return this.page.getByLabel(/^Last day away/);
  }
  /** The fieldset of a group of checkboxes: "Roles", "Teams", "Languages". */
  group(legend: string) {
    return this.page.getByRole("group", { name: new RegExp(`^${legend}`) });
  }
  box(legend: string, label: string) {
    return this.group(legend).getByRole("checkbox", { name: label, exact: true });
  }
  /** Ticks or unticks a box; USWDS hides the box itself, so its label is clicked. */
  async tick(legend: string, label: string, on = true) {
    const box = this.box(legend, label);
    if ((await box.isChecked()) !== on) {
      await this.group(legend).locator("label", { hasText: new RegExp(`^${label}$`) }).click();
    }
    await expect(box).toBeChecked({ checked: on });
  }
  deactivate(name: string) {
    return this.page.getByRole("button", { name: `Deactivate ${name}`, exact: true });
  }
  reactivate(name: string) {
    return this.page.getByRole("button", { name: `Reactivate ${name}`, exact: true });
  }
  reinvite(name: string) {
    return this.page.getByRole("button", { name: `Send a new invitation to ${name}`, exact: true });
  }
  get handover() {
    return this.page.getByRole("region", { name: /is deactivated$/ });
  }
}

export class AdminArticlesPage extends AdminListPage {
  constructor(page: Page) {
    super(page, "/staff/admin/articles", "Help articles");
  }

  get add() {
    return this.page.getByRole("button", { name: "Write a help article" });
  }
  get question() {
    return this.page.getByRole("textbox", { name: /^Question/ });
  }
  get body() {
    return this.page.getByRole("textbox", { name: /^Answer/ });
  }
  get topic() {
    return this.page.getByRole("combobox", { name: /^Topic/ });
  }
  get submitNew() {
    return this.page.getByRole("button", { name: "Add help article", exact: true });
  }
}

export class AdminTemplatesPage extends AdminListPage {
  constructor(page: Page) {
    super(page, "/staff/admin/templates", "Reply templates");
  }

  get add() {
    return this.page.getByRole("button", { name: "Write a reply template" });
  }
  get name() {
    return this.page.getByRole("textbox", { name: /^Name/ });
  }
  get body() {
    return this.page.getByRole("textbox", { name: /^Reply text/ });
  }
  /** The button that inserts the placeholder labelled `label`. */
  insert(label: string) {
    return this.editor.getByRole("group", { name: "Insert a placeholder where the cursor is" }).getByRole("button", { name: new RegExp(`^${label} `) });
  }
  get preview() {
    return this.editor.getByRole("region", { name: "Preview, with an example" });
  }
  get submitNew() {
    return this.page.getByRole("button", { name: "Add reply template", exact: true });
  }
}

export class AdminGoalsPage extends AdminListPage {
  constructor(page: Page) {
    super(page, "/staff/admin/goals", "Strategic goals");
  }

  get add() {
    return this.page.getByRole("button", { name: "Set a strategic goal" });
  }
  get name() {
    return this.page.getByRole("textbox", { name: /^Goal/ });
  }
  get metric() {
    return this.page.getByRole("combobox", { name: /^Metric/ });
  }
  get target() {
    return this.page.getByRole("textbox", { name: /^Target/ });
  }
  get firstDay() {
    return this.page.getByLabel(/^First day/);
  }
  get lastDay() {
    return this.page.getByLabel(/^Last day/);
  }
  get scope() {
    return this.page.getByRole("combobox", { name: /^For/ });
  }
  get submitNew() {
    return this.page.getByRole("button", { name: "Add goal", exact: true });
  }
}
