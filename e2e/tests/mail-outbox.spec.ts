// Without an SMTP server, every email is an .eml file in the mail folder:
// a demo family's acknowledgement arrives there, in their language, with
// the reference and the private link the confirmation page showed, and its
// HTML reads well and passes axe on a phone and a desktop.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { simpleParser, ParsedMail } from "mailparser";
import { test, expect, expectAccessible, phonePage, phone, desktop, demo, fileInquiry, staffLogin, staffMessage, setStatus } from "../fixtures";
import { PortalPage } from "../pages";

const folder = () => {
  const dir = process.env.HEARD_MAIL_DIR;
  if (!dir) throw new Error("HEARD_MAIL_DIR is not set by the global setup");
  return dir;
};

/** Waits for the message of `reference` saying `what` (its file is
 * `{reference}.inquiry-{id}.eml` for the acknowledgement, which starts the
 * thread, and `{reference}.{event}.{what}.family.eml` for the rest). */
async function messageFor(reference: string, what = "acknowledgement"): Promise<ParsedMail> {
  const named = (f: string) =>
    f.startsWith(`${reference}.`) &&
    f.endsWith(".eml") &&
    (what === "acknowledgement" ? f.startsWith(`${reference}.inquiry-`) : f.includes(`.${what}.family`));
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const files = (() => {
      try {
        return readdirSync(folder());
      } catch {
        return [];
      }
    })().filter(named);
    if (files.length > 0) {
      expect(files, `one ${what} for the inquiry`).toHaveLength(1);
      return simpleParser(readFileSync(path.join(folder(), files[0])));
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no ${what} for ${reference} in ${folder()}`);
}

test("a family's acknowledgement is written to the mail folder, with their reference and link", async ({ browser, baseURL }) => {
  const family = await phonePage(browser, baseURL);
  const portal = new PortalPage(family);
  await portal.open();
  const subject = `Lunch menu for next week ${Date.now()}`;
  await portal.submit({
    subject,
    body: "Where can I find next week's lunch menu for the elementary schools?",
    name: "Ana Torres",
    email: "ana.torres@example.org",
  });
  const { reference, link } = await portal.receipt();

  const mail = await messageFor(reference);
  expect(mail.subject).toBe(`[${reference}] ${subject}`);
  expect(mail.to && "value" in mail.to ? mail.to.value[0].address : "").toBe("ana.torres@example.org");
  expect(mail.from?.value[0].name).toBe("Lakeview Unified School District");
  expect(mail.headers.get("auto-submitted")).toBe("auto-generated");
  expect(mail.messageId).toMatch(/^<inquiry-[0-9a-f-]+@/);
  expect(mail.text).toContain(`Thank you, Ana Torres. We have your message.`);
  expect(mail.text).toContain(reference);
  expect(mail.text).toContain(link);
  expect(mail.text).toMatch(/You can expect an answer by \w+day, /);
  expect(mail.html).toBeTruthy();

  // The HTML part as a mail client shows it.
  for (const [size, name] of [
    [phone, "phone"],
    [desktop, "desktop"],
  ] as const) {
    const context = await browser.newContext({ viewport: size });
    const view = await context.newPage();
    await view.setContent(mail.html || "");
    await expect(view.getByRole("heading", { level: 1 })).toHaveText("Thank you, Ana Torres. We have your message.");
    await expect(view.getByRole("link", { name: "Follow your inquiry" })).toHaveAttribute("href", link);
    const overflow = await view.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, "the message fits the screen").toBeLessThanOrEqual(0);
    await view.screenshot({ path: test.info().outputPath(`acknowledgement-${name}.png`), fullPage: true });
    await expectAccessible(view, `acknowledgement email on a ${name}`);
    await context.close();
  }
});

test("a Spanish-speaking family's acknowledgement is in Spanish", async ({ request }) => {
  const portal = await (await request.get("/api/v1/districts/lakeview/portal")).json();
  const topic = portal.topics[0].id;
  const res = await request.post("/api/v1/districts/lakeview/inquiries", {
    data: {
      kind: "question",
      topic_id: topic,
      subject: "Horario del autobús",
      body: "¿A qué hora pasa el autobús de la ruta 4?",
      requester: { name: "Lucía Pérez", email: "lucia@example.org", role: "parent", preferred_language: "es" },
      anonymous: false,
    },
  });
  expect(res.status()).toBe(201);
  const receipt = await res.json();
  const mail = await messageFor(receipt.reference);
  expect(mail.headers.get("content-language")).toBe("es");
  expect(mail.text).toContain("Gracias, Lucía Pérez. Recibimos su mensaje.");
  expect(mail.text).toContain(receipt.tracking_url);
  expect(mail.html).toContain('<html lang="es">');
});

test("the resolution email's survey link opens the feedback form", async ({ browser, baseURL, request }) => {
  const filed = await fileInquiry(request, {
    topic: "Bus & transportation",
    subject: `Late bus on Route 7 ${Date.now()}`,
    body: "The Route 7 bus was 25 minutes late twice this week.",
    name: "Sam Rivera",
    email: "sam.rivera@example.org",
  });
  const agent = await staffLogin(request, demo.transportation);
  await staffMessage(request, agent, filed.id, "Checking the depot log.", true);
  await staffMessage(request, agent, filed.id, "The driver was new; it will not happen again.");
  await setStatus(request, agent, filed.id, "resolved");

  const reply = await messageFor(filed.reference, "reply");
  expect(reply.text).toContain("> The driver was new; it will not happen again.");
  expect(reply.text).not.toContain("Checking the depot log.");
  const ack = await messageFor(filed.reference);
  expect(reply.inReplyTo).toBe(ack.messageId);

  const resolved = await messageFor(filed.reference, "resolved");
  expect(resolved.inReplyTo).toBe(ack.messageId);
  const survey = /(http\S+#feedback-heading)/.exec(resolved.text ?? "")?.[1];
  expect(survey, resolved.text).toBeTruthy();
  const family = await phonePage(browser, baseURL);
  await family.goto(survey!);
  await expect(family.getByRole("group", { name: /^Overall, how was your experience/ })).toBeVisible();
  await expectAccessible(family, "the feedback form opened from the email");
});
