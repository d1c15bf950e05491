// Every page document the browser loads must carry Heard's security headers:
// a Content-Security-Policy that lets only the app's own scripts run, no
// framing, no sniffing, no Referer. Watches a browser context's responses and
// collects what is missing, for the test to fail on at its end.
import { BrowserContext, Response } from "@playwright/test";

/** Header name to a check of its value; the message says what was expected. */
const expected: [string, (value: string) => boolean, string][] = [
  [
    "content-security-policy",
    (v) =>
      /(^|;)\s*default-src 'self'\s*(;|$)/.test(v) &&
      /(^|;)\s*script-src 'self'( 'wasm-unsafe-eval')?\s*(;|$)/.test(v) &&
      /(^|;)\s*object-src 'none'\s*(;|$)/.test(v) &&
      /(^|;)\s*base-uri 'none'\s*(;|$)/.test(v) &&
      /(^|;)\s*frame-ancestors 'none'\s*(;|$)/.test(v),
    "scripts from the app alone, no plugins, no <base>, no framing",
  ],
  ["x-frame-options", (v) => v === "DENY", "DENY"],
  ["x-content-type-options", (v) => v === "nosniff", "nosniff"],
  ["referrer-policy", (v) => v === "no-referrer", "no-referrer"],
  ["permissions-policy", (v) => v.includes("camera=()") && v.includes("geolocation=()"), "unused features denied"],
];

/** What is wrong with the headers of one page document; empty when nothing. */
export function missingHeaders(response: Response): string[] {
  const headers = response.headers();
  return expected
    .filter(([name, ok]) => !ok(headers[name] ?? ""))
    .map(([name, , want]) => `${response.url()}: ${name} is ${JSON.stringify(headers[name] ?? null)}, expected ${want}`);
}

/** Adds to `problems` every page document of `context` that lacks a header. */
export function watchDocuments(context: BrowserContext, problems: string[]) {
  context.on("response", (response) => {
    if (response.request().resourceType() === "document") problems.push(...missingHeaders(response));
  });
}
