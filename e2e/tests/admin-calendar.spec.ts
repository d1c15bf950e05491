// The business calendar, for the district's admins.
//
// An admin gives Wednesday a lunch break and adds a staff day off; the
// page says the save and how the recount of due times stands, and the API
// has both changes. A closing time before the opening one is refused at
// its own field, and a closure without its first day never reaches the
// server. A save based on a calendar someone else changed since is
// refused with the admin's typing kept, and a reload brings the other
// change. Holidays come from an iCalendar file as well as typed in: the
// all-day events are added to the form, the rest said why not, and only a
// save stores them. axe audits the page at desktop and phone widths, and
// in Spanish.
//
// Every spec shares one demo server: the calendar found at the start is
// put back at the end, through the API, whatever happened in between.
import { APIRequestContext } from "@playwright/test";
import {
  test,
  expect,
  expectAccessible,
  adminAt,
  adminShot,
  demo,
  desktop,
  overflowOf,
  phone,
  staffApi,
  staffCall,
  staffLogin,
  StaffSession,
} from "../fixtures";
import { AdminCalendarPage } from "../pages";

interface Period {
  opens: string;
  closes: string;
}
interface Closure {
  name: string;
  first_day: string;
  last_day: string;
}
interface Calendar {
  time_zone: string;
  weekly_hours: Record<string, Period[]>;
  closures: Closure[];
  recomputing: boolean;
  version: number;
}

async function calendarOf(request: APIRequestContext, admin: StaffSession): Promise<Calendar> {
  return staffApi(request, admin, "GET", "/admin/calendar");
}

/** Replaces the calendar through the API, based on the version read just before. */
async function putCalendar(request: APIRequestContext, admin: StaffSession, weekly_hours: Calendar["weekly_hours"], closures: Closure[]) {
  const now = await calendarOf(request, admin);
  const resp = await staffCall(request, admin, "PUT", "/admin/calendar", { data: { weekly_hours, closures }, version: now.version });
  expect(resp.status(), await resp.text()).toBe(200);
  return (await resp.json()) as Calendar;
}

test.describe("the business calendar", () => {
  test.describe.configure({ mode: "serial" });

  let original: Calendar;

  test.beforeAll(async ({ request }) => {
    const admin = await staffLogin(request, demo.admin);
    original = await calendarOf(request, admin);
    expect(original.weekly_hours.mon).toEqual([{ opens: "08:00", closes: "16:30" }]);
  });

  test.afterAll(async ({ request }) => {
    const admin = await staffLogin(request, demo.admin);
    await putCalendar(request, admin, original.weekly_hours, original.closures);
    const back = await calendarOf(request, admin);
    expect(back.weekly_hours).toEqual(original.weekly_hours);
    expect(back.closures).toEqual(original.closures);
  });

  test("an admin gives Wednesday a lunch break and adds a staff day off", async ({ browser, baseURL, request }) => {
    const admin = await staffLogin(request, demo.admin);
    const page = await adminAt(browser, baseURL, admin, "/staff");
    await page.getByRole("navigation", { name: "Staff" }).getByRole("link", { name: "Calendar" }).click();
    await expect(page).toHaveURL(/\/staff\/admin\/calendar$/);
    await expect(page).toHaveTitle("Business calendar – Heard");
    const cal = new AdminCalendarPage(page);
    await expect(cal.heading).toBeVisible();
    await expect(cal.opens("Monday", 1)).toHaveValue("08:00");
    await expect(cal.closes("Monday", 1)).toHaveValue("16:30");
    await expect(cal.day("Saturday").getByText("Closed all day.")).toBeVisible();
    await expect(page.getByText(`Times are in the district's time zone, ${original.time_zone}.`)).toBeVisible();
    expect(await cal.closures()).toBe(original.closures.length);
    await expectAccessible(page, "the business calendar");
    await adminShot(page, "calendar-desktop");

    // A lunch break: the morning ends at noon, a second period starts at one.
    await cal.closes("Wednesday", 1).fill("12:00");
    await cal.addPeriod("Wednesday").click();
    await expect(cal.opens("Wednesday", 2)).toBeFocused();
    await expect(cal.opens("Wednesday", 2)).toHaveValue("12:00");
    await cal.opens("Wednesday", 2).fill("13:00");
    await cal.closes("Wednesday", 2).fill("16:30");
    const stamp = `${Date.now()}`.slice(-6);
    const n = await cal.addHoliday(`Staff development day ${stamp}`, "2027-03-01", "2027-03-01");
    expect(n).toBe(original.closures.length + 1);
    await cal.save.click();
    await expect(cal.status).toContainText("Calendar saved.");
    // The recount runs in the background, and the page says how it stands.
    await expect(cal.status).toContainText(/Due times are (being counted again on the new calendar|up to date with this calendar)/);
    await expectAccessible(page, "the business calendar, saved");
    await adminShot(page, "calendar-saved-desktop");

    const stored = await calendarOf(request, admin);
    expect(stored.weekly_hours.wed).toEqual([
      { opens: "08:00", closes: "12:00" },
      { opens: "13:00", closes: "16:30" },
    ]);
    expect(stored.weekly_hours.mon).toEqual(original.weekly_hours.mon);
    expect(stored.closures).toContainEqual({ name: `Staff development day ${stamp}`, first_day: "2027-03-01", last_day: "2027-03-01" });
    expect(stored.version).toBe(original.version + 1);

    // Taken out again in the browser: the day as before, the day off gone.
    await cal.removePeriod("Wednesday", 2).click();
    await expect(cal.addPeriod("Wednesday")).toBeFocused();
    await cal.closes("Wednesday", 1).fill("16:30");
    const place = stored.closures.findIndex((c) => c.name.endsWith(stamp)) + 1;
    await expect(cal.closureName(place)).toHaveValue(`Staff development day ${stamp}`);
    await cal.removeClosure(place).click();
    await expect(cal.addClosure).toBeFocused();
    await cal.save.click();
    await expect(cal.status).toContainText("Calendar saved.");
    const back = await calendarOf(request, admin);
    expect(back.weekly_hours).toEqual(original.weekly_hours);
    expect(back.closures).toEqual(original.closures);

    // The audit log names the change in words.
    await page.goto("/staff/admin/audit?resource=calendar");
    const row = page.locator("table.heard-audit tbody tr").first();
    await expect(row.getByRole("cell", { name: "Business calendar", exact: true })).toBeVisible();
    await expect(row.locator(".heard-audit__fields")).toContainText("Wednesday");
    await expect(row.locator(".heard-audit__fields")).toContainText("Holidays and breaks");
    await adminShot(page, "calendar-audit-desktop");
    await page.context().close();
  });

  test("an admin adds the school board's holidays from an iCalendar file", async ({ browser, baseURL, request }) => {
    const admin = await staffLogin(request, demo.admin);
    const before = await calendarOf(request, admin);
    const page = await adminAt(browser, baseURL, admin, "/staff/admin/calendar");
    const cal = new AdminCalendarPage(page);
    await expect(cal.opens("Monday", 1)).toHaveValue("08:00");
    const n = await cal.closures();
    const stamp = `${Date.now()}`.slice(-6);
    const ics = [
      "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Lakeview//Board//EN",
      "BEGIN:VEVENT", `UID:spring-${stamp}`, "DTSTAMP:20260801T000000Z", "DTSTART;VALUE=DATE:20270322", "DTEND;VALUE=DATE:20270327", `SUMMARY:Spring recess ${stamp}`, "END:VEVENT",
      "BEGIN:VEVENT", `UID:prof-${stamp}`, "DTSTAMP:20260801T000000Z", "DTSTART;VALUE=DATE:20270405", `SUMMARY:Professional day ${stamp}`, "END:VEVENT",
      "BEGIN:VEVENT", `UID:board-${stamp}`, "DTSTAMP:20260801T000000Z", "DTSTART:20270406T230000Z", "DTEND:20270407T010000Z", "SUMMARY:Board meeting", "END:VEVENT",
      "END:VCALENDAR", "",
    ].join("\r\n");
    const file = page.getByLabel("Add holidays and breaks from an iCalendar file");
    await file.setInputFiles({ name: "board.ics", mimeType: "text/calendar", buffer: Buffer.from(ics) });
    const told = page.locator(".heard-calendar__imported");
    await expect(told).toContainText("2 holidays and breaks added from board.ics. Check them, then save the calendar.");
    await expect(told.getByRole("listitem")).toHaveText(["Board meeting (2027-04-06): it has a time of day, so it is not a closed day"]);
    expect(await cal.closures()).toBe(n + 2);
    await expect(cal.closureName(n + 1)).toHaveValue(`Spring recess ${stamp}`);
    await expect(cal.lastDay(n + 1)).toHaveValue("2027-03-26");
    await expect(cal.firstDay(n + 2)).toHaveValue("2027-04-05");
    await expect(cal.lastDay(n + 2)).toHaveValue("2027-04-05");
    await expectAccessible(page, "the calendar with holidays from a file");
    await adminShot(page, "calendar-imported-desktop");
    // Nothing is stored until the calendar is saved; the same file again adds nothing.
    expect((await calendarOf(request, admin)).version).toBe(before.version);
    await file.setInputFiles({ name: "board.ics", mimeType: "text/calendar", buffer: Buffer.from(ics) });
    await expect(told).toContainText("0 holidays and breaks added from board.ics.");
    expect(await cal.closures()).toBe(n + 2);
    await cal.save.click();
    await expect(cal.status).toContainText("Calendar saved.");
    const stored = await calendarOf(request, admin);
    expect(stored.closures).toContainEqual({ name: `Spring recess ${stamp}`, first_day: "2027-03-22", last_day: "2027-03-26" });
    expect(stored.closures).toContainEqual({ name: `Professional day ${stamp}`, first_day: "2027-04-05", last_day: "2027-04-05" });
    await putCalendar(request, admin, before.weekly_hours, before.closures);

    // A file that is no calendar is refused, and the form is left as it was.
    await page.reload();
    await expect(cal.opens("Monday", 1)).toHaveValue("08:00");
    await file.setInputFiles({ name: "holidays.csv", mimeType: "text/csv", buffer: Buffer.from("name,first_day\nWinter break,2026-12-21\n") });
    await expect(page.getByRole("alert")).toHaveText("holidays.csv could not be read as an iCalendar (.ics) file of at most 256 KB and 2,000 events; nothing was added.");
    expect(await cal.closures()).toBe(n);
    await page.context().close();
  });

  test("a closing time before the opening one is refused at its field, and a closure needs its days", async ({ browser, baseURL, request }) => {
    const admin = await staffLogin(request, demo.admin);
    const before = await calendarOf(request, admin);
    const page = await adminAt(browser, baseURL, admin, "/staff/admin/calendar");
    const cal = new AdminCalendarPage(page);
    await expect(cal.opens("Monday", 1)).toHaveValue("08:00");

    // A date left out never reaches the server.
    await cal.addClosure.click();
    const n = await cal.closures();
    await cal.closureName(n).fill("Teacher workday");
    await cal.save.click();
    await expect(cal.errorSummary.getByRole("link")).toHaveText([
      `Holiday or break ${n}: first day is required`,
      `Holiday or break ${n}: last day is required`,
    ]);
    await expect(cal.fieldError(`closures[${n - 1}].first_day`)).toHaveText(`Holiday or break ${n}: first day is required`);

    // The server's rules, each at its own field.
    await cal.firstDay(n).fill("2027-04-02");
    await cal.lastDay(n).fill("2027-04-01");
    await cal.closes("Monday", 1).fill("07:00");
    await cal.save.click();
    await expect(cal.errorSummary.getByRole("link")).toHaveText([
      "Monday, period 1: opening time must be before the end of the period",
      `Holiday or break ${n}: first day must be before the end of the period`,
    ]);
    await expect(cal.errorSummary).toBeFocused();
    await expect(cal.fieldError("weekly_hours.mon[0].opens")).toHaveText("Monday, period 1: opening time must be before the end of the period");
    await expect(cal.opens("Monday", 1)).toHaveAttribute("aria-invalid", "true");
    await expect(cal.opens("Monday", 1)).toHaveAccessibleDescription(/opening time must be before the end of the period/);
    await cal.errorSummary.getByRole("link").first().click();
    await expect(cal.opens("Monday", 1)).toBeFocused();
    await expectAccessible(page, "the calendar with problems");
    await adminShot(page, "calendar-error-desktop");
    expect((await calendarOf(request, admin)).version).toBe(before.version);
    await page.context().close();
  });

  test("a save based on a calendar changed since is refused; reload brings the other change", async ({ browser, baseURL, request }) => {
    const admin = await staffLogin(request, demo.admin);
    const page = await adminAt(browser, baseURL, admin, "/staff/admin/calendar");
    const cal = new AdminCalendarPage(page);
    await expect(cal.opens("Friday", 1)).toHaveValue("08:00");
    // Someone else closes Fridays early meanwhile.
    const theirs = { ...original.weekly_hours, fri: [{ opens: "08:00", closes: "12:00" }] };
    await putCalendar(request, admin, theirs, original.closures);

    await cal.closes("Monday", 1).fill("17:00");
    await cal.save.click();
    await expect(cal.stale).toBeVisible();
    await expect(cal.stale.getByRole("button", { name: "Reload" })).toBeFocused();
    // What the admin typed is still there, and nothing of it was stored.
    await expect(cal.closes("Monday", 1)).toHaveValue("17:00");
    await expect(cal.closes("Friday", 1)).toHaveValue("16:30");
    expect((await calendarOf(request, admin)).weekly_hours.mon).toEqual(original.weekly_hours.mon);
    await expectAccessible(page, "the calendar, stale");
    await adminShot(page, "calendar-stale-desktop");

    await cal.stale.getByRole("button", { name: "Reload" }).click();
    await expect(cal.status).toContainText("This is the calendar as it is now.");
    await expect(cal.stale).toHaveCount(0);
    await expect(cal.closes("Friday", 1)).toHaveValue("12:00");
    await expect(cal.closes("Monday", 1)).toHaveValue("16:30");

    // The next save is based on the version just read.
    await cal.closes("Friday", 1).fill("16:30");
    await cal.save.click();
    await expect(cal.status).toContainText("Calendar saved.");
    expect((await calendarOf(request, admin)).weekly_hours).toEqual(original.weekly_hours);
    await page.context().close();
  });

  test("an agent is not offered the calendar and is refused it", async ({ browser, baseURL, request }) => {
    const agent = await staffLogin(request, demo.transportation);
    const page = await adminAt(browser, baseURL, agent, "/staff/admin/calendar");
    await expect(page.getByRole("heading", { name: "Business calendar", level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Only for administrators" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Staff" }).getByRole("link", { name: "Calendar" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Save calendar" })).toHaveCount(0);
    expect((await staffCall(request, agent, "GET", "/admin/calendar")).status()).toBe(403);
    await page.context().close();
  });

  for (const [size, viewport] of [["desktop", desktop], ["phone", phone]] as const) {
    test(`axe finds nothing on the calendar, ${size}`, async ({ browser, baseURL, request }) => {
      const admin = await staffLogin(request, demo.admin);
      const page = await adminAt(browser, baseURL, admin, "/staff/admin/calendar", { viewport });
      const cal = new AdminCalendarPage(page);
      await expect(cal.opens("Monday", 1)).toBeVisible();
      expect(await overflowOf(page), "horizontal overflow in px").toBeLessThanOrEqual(0);
      await expectAccessible(page, `the calendar (${size})`);
      await adminShot(page, `calendar-${size}`);
      await cal.closes("Tuesday", 1).fill("06:00");
      await cal.save.click();
      await expect(cal.fieldError("weekly_hours.tue[0].opens")).toBeVisible();
      expect(await overflowOf(page), "horizontal overflow in px").toBeLessThanOrEqual(0);
      await expectAccessible(page, `the calendar with a problem (${size})`);
      await adminShot(page, `calendar-error-${size}`);
      await page.context().close();
    });
  }

  test("in Spanish, on a phone", async ({ browser, baseURL, request }) => {
    const admin = await staffLogin(request, demo.admin);
    const page = await adminAt(browser, baseURL, admin, "/staff/admin/calendar", { lang: "es", viewport: phone });
    await expect(page.getByRole("heading", { name: "Calendario laboral", level: 1 })).toBeVisible();
    await expect(page.getByRole("group", { name: "Horario de atención" })).toBeVisible();
    await expect(page.getByLabel("Lunes, período 1: Abre", { exact: true })).toHaveValue("08:00");
    await expect(page.getByRole("group", { name: "Sábado", exact: true }).getByText("Cerrado todo el día.")).toBeVisible();
    await page.getByLabel("Lunes, período 1: Cierra", { exact: true }).fill("07:00");
    await page.getByRole("button", { name: "Guardar calendario" }).click();
    await expect(page.getByRole("heading", { name: "Hay un problema" })).toBeVisible();
    await expect(page.locator('[id="f-weekly-hours-mon[0]-opens-error"]')).toHaveText(
      "Lunes, período 1: hora de apertura: debe ser anterior al final del período",
    );
    expect(await overflowOf(page), "horizontal overflow in px").toBeLessThanOrEqual(0);
    await expectAccessible(page, "the calendar in Spanish with a problem");
    await adminShot(page, "calendar-es-phone");
    await page.context().close();
  });
});
