// The background jobs screen, for the district's admins: the emails sent
// after each change, and those that failed every try, with a retry.
//
// The shared server writes its mail to a folder, so its mail jobs end done:
// an admin finds a family's acknowledgement among them, sees "Failed" empty,
// and an agent is neither offered the screen nor shown it. For a failed job
// this spec runs its own SMTP server, which refuses addresses that start
// with "bounce" (550), and its own heard sending through it.
import { spawn, spawnSync, ChildProcess } from "node:child_process";
import { mkdtempSync, mkdirSync, openSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir, homedir } from "node:os";
import path from "node:path";
import { APIRequestContext, Page, request as playwrightRequest } from "@playwright/test";
import {
  test,
  expect,
  expectAccessible,
  demo,
  phone,
  desktop,
  fileInquiry,
  signedInContext,
  staffApi,
  staffLogin,
  staffPage,
  StaffSession,
} from "../fixtures";

const shots = "/tmp/jobs-shots";
const acknowledgement = "acknowledgement to the family";

interface Job {
  id: string;
  kind: string;
  state: string;
  summary: string;
  inquiry_id?: string;
  attempts: number;
  max_attempts: number;
  last_error?: string;
  finished_at?: string;
}

/** A full-page screenshot of the state the page is in, for a person to look at. */
async function shot(page: Page, name: string) {
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

async function overflow(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** Waits until the admin jobs API lists the acknowledgement of `inquiry` in `state`. */
async function acknowledgementOf(request: APIRequestContext, admin: StaffSession, inquiry: string, state: string): Promise<Job> {
  let found: Job | undefined;
  await expect
    .poll(
      async () => {
        const page = await staffApi(request, admin, "GET", `/admin/jobs?state=${state}&limit=200`);
        found = (page.items as Job[]).find((j) => j.inquiry_id === inquiry && j.summary === acknowledgement);
        return found !== undefined;
      },
      { message: `the acknowledgement of ${inquiry} is ${state}`, timeout: 30_000, intervals: [200, 500, 1000] },
    )
    .toBe(true);
  return found as Job;
}

/** The table row of the acknowledgement of `inquiry`. */
function row(page: Page, inquiry: string) {
  return page
    .getByRole("row")
    .filter({ has: page.locator(`a[href="/staff/inquiries/${inquiry}"]`) })
    .filter({ hasText: acknowledgement });
}

const nav = (page: Page) => page.getByRole("navigation", { name: "Staff" });
const filters = (page: Page) => page.getByRole("navigation", { name: "Show jobs" });

test.describe("on the shared server, whose mail goes to a folder", () => {
  test("an admin finds a family's acknowledgement among the done jobs", async ({ browser, baseURL, request }) => {
    const filed = await fileInquiry(request, {
      topic: "Bus & transportation",
      subject: `Jobs screen ${Date.now()}`,
      body: "Which bus serves Maple Grove after the route change?",
    });
    const admin = await staffLogin(request, demo.admin);
    const job = await acknowledgementOf(request, admin, filed.id, "done");

    const page = await staffPage(browser, baseURL, demo.admin);
    await nav(page).getByRole("link", { name: "Background jobs" }).click();
    await expect(page.getByRole("heading", { name: "Background jobs", level: 1 })).toBeVisible();
    await expect(page.getByText(/a job that failed every try waits here/)).toBeVisible();
    // Failed jobs first: they are the ones waiting for an admin.
    await expect(filters(page).getByRole("link", { name: "Failed" })).toHaveAttribute("aria-current", "page");

    await filters(page).getByRole("link", { name: "Done" }).click();
    await expect(page).toHaveURL(/\/staff\/admin\/jobs\?state=done$/);
    await expect(filters(page).getByRole("link", { name: "Done" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("table", { name: "Finished jobs, newest first" })).toBeVisible();
    const done = row(page, filed.id);
    await expect(done).toHaveCount(1);
    await expect(done.getByRole("cell", { name: "Done", exact: true })).toBeVisible();
    await expect(done.getByRole("cell", { name: `${job.attempts} of ${job.max_attempts}` })).toBeVisible();
    await expect(done.getByText("None", { exact: true })).toBeVisible();
    await expect(done.getByText("Finished")).toBeVisible();
    await expect(done.getByRole("button")).toHaveCount(0);
    await expectAccessible(page, "done jobs");
    await shot(page, "done-desktop");

    // The summary leads to the inquiry.
    await done.getByRole("link", { name: acknowledgement }).click();
    await expect(page).toHaveURL(new RegExp(`/staff/inquiries/${filed.id}$`));
    await page.context().close();
  });

  test("with nothing failed, the Failed list says every email went out", async ({ browser, baseURL, request }) => {
    const admin = await staffLogin(request, demo.admin);
    const dead = await staffApi(request, admin, "GET", "/admin/jobs?state=dead");
    expect(dead.items, "no dead jobs on the shared server").toEqual([]);

    const page = await staffPage(browser, baseURL, demo.admin);
    await page.goto("/staff/admin/jobs?state=dead");
    await expect(page.getByText("No failed jobs. Every email has been sent or is still being tried.")).toBeVisible();
    await expect(page.getByRole("table")).toHaveCount(0);
    await expectAccessible(page, "no failed jobs");
    await shot(page, "empty-desktop");
    await page.context().close();
  });

  test("an agent is not offered the jobs, and is told they are for admins", async ({ browser, baseURL, request }) => {
    const page = await staffPage(browser, baseURL, demo.transportation);
    await expect(nav(page).getByRole("link", { name: "Inbox" })).toBeVisible();
    await expect(nav(page).getByRole("link", { name: "Background jobs" })).toHaveCount(0);

    await page.goto("/staff/admin/jobs");
    await expect(page.getByRole("heading", { name: "Background jobs", level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Only for administrators" })).toBeVisible();
    await expect(page.getByText(/looked after by the district's administrators/)).toBeVisible();
    await expect(page.getByRole("table")).toHaveCount(0);
    await expectAccessible(page, "jobs for an agent");
    await shot(page, "forbidden-desktop");

    // The server refuses all the same.
    const agent = await staffLogin(request, demo.transportation);
    const resp = await request.get("/api/v1/admin/jobs", { headers: { Authorization: `Bearer ${agent.access_token}` } });
    expect(resp.status()).toBe(403);
    expect(resp.headers()["content-type"]).toContain("application/problem+json");
    await page.context().close();
  });
});

// ---------------------------------------------------------------- a failed job

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Stops `child` with SIGTERM, or SIGKILL when it lingers. */
async function stop(child: ChildProcess | undefined) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

test.describe("with an SMTP server that refuses the family's address", () => {
  test.describe.configure({ mode: "serial" });

  const repo = path.resolve(__dirname, "..", "..");
  let work = "";
  let smtp: ChildProcess | undefined;
  let heard: ChildProcess | undefined;
  let base = "";
  let api: APIRequestContext;
  let admin: StaffSession;
  let inquiry = "";
  let failed: Job;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    work = mkdtempSync(path.join(tmpdir(), "heard-jobs-e2e-"));
    const smtpPort = await freePort();
    smtp = spawn("python3", [path.join(repo, "scripts", "smtp_sink.py"), path.join(work, "smtp"), String(smtpPort)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("the SMTP sink did not say ready")), 20_000);
      smtp?.stdout?.on("data", (d: Buffer) => {
        if (d.toString().includes("ready")) {
          clearTimeout(timer);
          resolve();
        }
      });
      smtp?.once("exit", (code) => reject(new Error(`the SMTP sink exited with ${code}`)));
    });

    const targetDir = process.env.CARGO_TARGET_DIR ?? path.join(homedir(), ".cache", "heard-target");
    const bin = process.env.HEARD_BIN ?? path.join(targetDir, "debug", "heard");
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      HEARD_BIND: `127.0.0.1:${port}`,
      HEARD_DATABASE_URL: `sqlite://${path.join(work, "heard.db")}`,
      HEARD_STATIC_DIR: path.join(repo, "dist"),
      HEARD_RATE_LIMIT_SIGN_IN: "0",
      HEARD_RATE_LIMIT_PUBLIC: "0",
      HEARD_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    };
    // This server sends mail; the shared server's folder is not its own.
    delete env.HEARD_MAIL_DIR;
    const setupEnv = { ...env };
    delete setupEnv.HEARD_SMTP_URL;
    for (const cmd of ["migrate", "seed-demo"]) {
      const r = spawnSync(bin, [cmd], { env: setupEnv, encoding: "utf8" });
      if (r.status !== 0) throw new Error(`${bin} ${cmd} failed (${r.status ?? r.error}):\n${r.stdout}\n${r.stderr}`);
    }
    const log = path.join(work, "server.log");
    const out = openSync(log, "a");
    heard = spawn(bin, ["serve"], { env, stdio: ["ignore", out, out] });
    base = `http://127.0.0.1:${port}`;
    await expect
      .poll(
        async () => {
          if (heard?.exitCode !== null || heard?.signalCode !== null) {
            // The first lines say why; a panic's backtrace would bury them.
            const said = readFileSync(log, "utf8").split("\n").filter((l) => !/^\s+(at |\d+: )/.test(l));
            throw new Error(`heard serve with HEARD_SMTP_URL stopped at start-up:\n${said.slice(0, 20).join("\n")}`);
          }
          return fetch(`${base}/readyz`).then((r) => r.ok, () => false);
        },
        { message: "the second heard is ready", timeout: 60_000 },
      )
      .toBe(true);

    api = await playwrightRequest.newContext({ baseURL: base });
    admin = await staffLogin(api, demo.admin);
    const filed = await fileInquiry(api, {
      topic: "Bus & transportation",
      subject: "Bus pass for the new term",
      body: "Where do we pick up the bus pass for the new term?",
      name: "Robin Bounce",
      email: "bounce@example.org",
    });
    inquiry = filed.id;
    failed = await acknowledgementOf(api, admin, inquiry, "dead");
  });

  test.afterAll(async () => {
    await api?.dispose();
    await stop(heard);
    await stop(smtp);
    if (work && !process.env.HEARD_E2E_KEEP) rmSync(work, { recursive: true, force: true });
  });

  test("the API holds the refused acknowledgement as dead after one try", async () => {
    expect(failed.kind).toBe("mail");
    expect(failed.attempts).toBe(1);
    expect(failed.max_attempts).toBeGreaterThan(1);
    expect(failed.last_error).toContain("550");
  });

  test("an admin sees the failed acknowledgement with its error and retries it", async ({ browser }) => {
    admin = await staffLogin(api, demo.admin);
    const page = await staffPage(browser, base, demo.admin);
    await nav(page).getByRole("link", { name: "Background jobs" }).click();
    await expect(page.getByRole("heading", { name: "Background jobs", level: 1 })).toBeVisible();
    await expect(page.getByRole("table", { name: "Failed jobs, newest first" })).toBeVisible();
    const job = row(page, inquiry);
    await expect(job).toHaveCount(1);
    await expect(job.getByRole("cell", { name: "Failed", exact: true })).toBeVisible();
    await expect(job.getByRole("cell", { name: `1 of ${failed.max_attempts}` })).toBeVisible();
    await expect(job.locator("code")).toContainText("550");
    const finished = job.locator(".heard-jobs__moment", { hasText: "Finished" }).locator("time");
    const finishedBefore = (await finished.getAttribute("datetime")) ?? "";
    expect(finishedBefore).not.toBe("");
    await expectAccessible(page, "failed jobs");
    await shot(page, "failed-desktop");

    // The button waits for the server's answer, which is let through a little late.
    await page.route("**/api/v1/admin/jobs/*/retry", async (route) => {
      await new Promise((r) => setTimeout(r, 700));
      await route.continue();
    });
    const retry = job.getByRole("button", { name: /^Retry/ });
    await expect(retry).toHaveAccessibleName(`Retry ${acknowledgement}`);
    const asked = Date.now();
    await retry.click();
    await expect(retry).toBeDisabled();
    const status = page.getByRole("status").filter({ hasText: "Retry scheduled" });
    await expect(status).toHaveText(`Retry scheduled: ${acknowledgement}.`);

    // The address still refuses: the job is tried once more and is back, dead after its one new try.
    await expect(finished).not.toHaveAttribute("datetime", finishedBefore, { timeout: 30_000 });
    await expect(job.getByRole("cell", { name: "Failed", exact: true })).toBeVisible();
    await expect(job.getByRole("cell", { name: `1 of ${failed.max_attempts}` })).toBeVisible();
    await expect(job.getByRole("button", { name: /^Retry/ })).toBeEnabled();
    const again = await acknowledgementOf(api, admin, inquiry, "dead");
    expect(again.id).toBe(failed.id);
    expect(again.attempts).toBe(1);
    expect(Date.parse(again.finished_at ?? "")).toBeGreaterThanOrEqual(asked - 1_000);
    await expectAccessible(page, "failed jobs after a retry");
    await shot(page, "retried-desktop");
    await page.context().close();
  });

  test("on a phone the failed job is a card that fits the screen", async ({ browser }) => {
    const session = await staffLogin(api, demo.admin);
    const context = await signedInContext(browser, base, session, { viewport: phone, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    await page.goto("/staff/admin/jobs");
    const job = row(page, inquiry);
    await expect(job.locator("code")).toContainText("550");
    expect(await overflow(page), "horizontal overflow in px").toBeLessThanOrEqual(0);
    const error = await job.locator("code").boundingBox();
    expect((error?.x ?? 0) + (error?.width ?? 0)).toBeLessThanOrEqual(phone.width);
    const button = await job.getByRole("button", { name: /^Retry/ }).boundingBox();
    expect((button?.x ?? 0) + (button?.width ?? 0)).toBeLessThanOrEqual(phone.width);
    await expectAccessible(page, "failed jobs on a phone");
    await shot(page, "failed-phone");
    await context.close();
  });

  test("in Spanish", async ({ browser }) => {
    const session = await staffLogin(api, demo.admin);
    const context = await signedInContext(browser, base, session, { viewport: desktop });
    await context.addInitScript(() => localStorage.setItem("heard.lang", "es"));
    const page = await context.newPage();
    await page.goto("/staff/admin/jobs");
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await expect(page.getByRole("heading", { name: "Tareas en segundo plano", level: 1 })).toBeVisible();
    const spanishFilters = page.getByRole("navigation", { name: "Mostrar tareas" });
    await expect(spanishFilters.getByRole("link", { name: "Fallidas" })).toHaveAttribute("aria-current", "page");
    const job = row(page, inquiry);
    await expect(job.getByRole("cell", { name: "Fallida", exact: true })).toBeVisible();
    await expect(job.getByRole("cell", { name: `1 de ${failed.max_attempts}` })).toBeVisible();
    await expect(job.getByRole("button", { name: /^Reintentar/ })).toBeVisible();
    // The server's English words are marked as English for screen readers.
    await expect(job.locator("code")).toHaveAttribute("lang", "en");
    await expectAccessible(page, "failed jobs in Spanish");
    await shot(page, "failed-spanish");

    await spanishFilters.getByRole("link", { name: "En curso" }).click();
    await expect(page.getByText("No hay tareas en curso en este momento.")).toBeVisible();
    await expectAccessible(page, "no running jobs in Spanish");
    await shot(page, "empty-spanish");
    await context.close();
  });

  test("more than a page of jobs is loaded on request", async ({ browser }) => {
    // Fifty more families write; their acknowledgements are sent.
    for (let batch = 0; batch < 5; batch++) {
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          fileInquiry(api, {
            topic: "Bus & transportation",
            subject: `Bus stop question ${batch * 10 + i + 1}`,
            body: "Is the stop on Elm Street still served this term?",
            email: `family${batch * 10 + i + 1}@example.org`,
          }),
        ),
      );
    }
    admin = await staffLogin(api, demo.admin);
    const sent = async () =>
      (await staffApi(api, admin, "GET", "/admin/jobs?state=done&limit=200")).items.filter(
        (j: Job) => j.kind === "mail",
      ).length;
    await expect
      .poll(sent, { message: "fifty acknowledgements sent", timeout: 60_000 })
      .toBeGreaterThanOrEqual(50);
    // Beside the fifty-one emails, the jobs that decided them: one per
    // district and pass over the outbox, so how many depends on timing.
    const all = (await staffApi(api, admin, "GET", "/admin/jobs?limit=200")).items.length;
    expect(all).toBeGreaterThan(51);
    expect(all).toBeLessThanOrEqual(100);

    const context = await signedInContext(browser, base, admin, { viewport: desktop });
    const page = await context.newPage();
    await page.goto("/staff/admin/jobs?state=all");
    await expect(filters(page).getByRole("link", { name: "All" })).toHaveAttribute("aria-current", "page");
    const rows = page.locator("table.heard-jobs tbody tr");
    await expect(rows).toHaveCount(50);
    await page.getByRole("button", { name: "Load more" }).click();
    await expect(rows).toHaveCount(all);
    await expect(page.getByRole("button", { name: "Load more" })).toHaveCount(0);
    // The failed one is older than the fifty: on the second page, still with its retry.
    await expect(row(page, inquiry).getByRole("button", { name: /^Retry/ })).toBeVisible();
    await context.close();
  });

  // Last: it stops this spec's server.
  test("when the server cannot be reached, refreshing says so", async ({ browser }) => {
    const session = await staffLogin(api, demo.admin);
    const context = await signedInContext(browser, base, session, { viewport: desktop });
    const page = await context.newPage();
    await page.goto("/staff/admin/jobs");
    await expect(row(page, inquiry)).toHaveCount(1);
    await stop(heard);
    await page.getByRole("button", { name: "Refresh" }).click();
    const alert = page.locator("main .usa-alert--error[role=alert]");
    await expect(alert).toHaveText("We could not reach the server. Check your connection and try again.");
    await expect(page.getByRole("button", { name: "Refresh" })).toBeEnabled();
    await expectAccessible(page, "jobs with the server unreachable");
    await shot(page, "error-desktop");
    await context.close();
  });
});
