import { InternalTokenSigner, RESIDENT_CALLER } from "@reception-graph/kit";
import express from "express";
import { randomUUID } from "node:crypto";
import { TokenBucketLimiter } from "./rate-limit";
import {
  FEEDBACK_CATEGORIES,
  isPageLanguage,
  PAGE_LANGUAGES,
  PageLanguage,
  PageTexts,
  ResidentCategory,
  TEXTS,
} from "./resident-texts";

/** Longest message, as care allows. */
export const MAX_RESIDENT_TEXT = 2000;
/**
 * Largest body accepted: 2000 Cyrillic characters, form-encoded, take about
 * 12 KB (two UTF-8 bytes each, three characters per byte), so the limit
 * leaves room for those and little else.
 */
export const MAX_RESIDENT_BODY = "16kb";
/** Submissions per client address: 5 per 10 minutes. */
export const SUBMISSIONS_PER_WINDOW = 5;
export const SUBMISSION_WINDOW_MS = 10 * 60 * 1000;
/** Page views per client address (each asks care whether the code exists). */
const VIEWS_PER_WINDOW = 60;
const SITE_CODE = /^[a-z0-9]{8}$/;

export interface ResidentFeedbackOptions {
  /** Care's GraphQL URL, known once the gateway has loaded the supergraph. */
  careUrl: () => string | undefined;
  /** The gateway's signer: care trusts the resident identity because only the gateway signs it. */
  signer: InternalTokenSigner;
  submissions?: TokenBucketLimiter;
  views?: TokenBucketLimiter;
}

type CareAnswer = { ok: true; data: Record<string, unknown> } | { ok: false; code: string };

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The page's language: ?lang=, else the browser's first known language, else English. */
function pageLanguage(req: express.Request): PageLanguage {
  const asked = req.query.lang;
  if (isPageLanguage(asked)) return asked;
  const accepted = (req.headers["accept-language"] ?? "")
    .split(",")
    .map((part) => part.split(";")[0].trim().slice(0, 2).toLowerCase());
  return accepted.find(isPageLanguage) ?? "en";
}

function layout(lang: PageLanguage, title: string, body: string): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 34em; margin: 0 auto; padding: 1em; line-height: 1.4; color: #1b1b1b; }
  h1 { font-size: 1.4em; color: #1f3a5f; }
  nav a { display: inline-block; margin: 0 .6em .4em 0; padding: .3em .6em; border: 1px solid #1f3a5f; border-radius: 4px; color: #1f3a5f; text-decoration: none; }
  nav a[aria-current] { background: #1f3a5f; color: #fff; }
  label { display: block; margin-top: 1em; font-weight: 600; }
  select, textarea, button { font: inherit; width: 100%; box-sizing: border-box; margin-top: .3em; }
  textarea { min-height: 9em; }
  button { margin-top: 1.2em; padding: .7em; background: #1f3a5f; color: #fff; border: 0; border-radius: 4px; }
  .note { background: #eef3f8; padding: .6em .8em; border-radius: 4px; }
  .error { background: #fbeaea; padding: .6em .8em; border-radius: 4px; }
</style>
</head>
<body>
${body}
</body>
</html>`;
}

function picker(siteCode: string, lang: PageLanguage, t: PageTexts): string {
  const code = encodeURIComponent(siteCode);
  const links = PAGE_LANGUAGES.map(
    (l) =>
      `<a href="/feedback/${code}?lang=${l}" hreflang="${l}" lang="${l}"${l === lang ? ' aria-current="page"' : ""}>${escapeHtml(TEXTS[l].languageName)}</a>`,
  ).join("");
  return `<nav aria-label="${escapeHtml(t.pickLanguage)}">${links}</nav>`;
}

function formPage(siteCode: string, lang: PageLanguage, error?: string): string {
  const code = encodeURIComponent(siteCode);
  const t = TEXTS[lang];
  const categories = FEEDBACK_CATEGORIES.map(
    (c) => `<option value="${c}">${escapeHtml(t.categories[c])}</option>`,
  ).join("");
  const languages = PAGE_LANGUAGES.map(
    (l) => `<option value="${l}"${l === lang ? " selected" : ""}>${escapeHtml(TEXTS[l].languageName)}</option>`,
  ).join("");
  return layout(
    lang,
    t.title,
    `${picker(siteCode, lang, t)}
<h1>${escapeHtml(t.title)}</h1>
<p>${escapeHtml(t.intro)}</p>
<p class="note">${escapeHtml(t.anonymity)}</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ""}
<form method="post" action="/feedback/${code}?lang=${lang}" accept-charset="utf-8">
  <label for="category">${escapeHtml(t.category)}</label>
  <select id="category" name="category" required>${categories}</select>
  <label for="text">${escapeHtml(t.message)}</label>
  <textarea id="text" name="text" maxlength="${MAX_RESIDENT_TEXT}" required></textarea>
  <label for="language">${escapeHtml(t.messageLanguage)}</label>
  <select id="language" name="language">${languages}</select>
  <button type="submit">${escapeHtml(t.send)}</button>
</form>`,
  );
}

function thanksPage(siteCode: string, lang: PageLanguage): string {
  const code = encodeURIComponent(siteCode);
  const t = TEXTS[lang];
  return layout(
    lang,
    t.thanksTitle,
    `<h1>${escapeHtml(t.thanksTitle)}</h1>
<p role="status">${escapeHtml(t.thanks)}</p>
<p><a href="/feedback/${code}?lang=${lang}">${escapeHtml(t.another)}</a></p>`,
  );
}

/** The page asks nothing to be kept: no caching, no referrer, no script, no framing. */
function secure(res: express.Response): void {
  res.set({
    "content-security-policy":
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "referrer-policy": "no-referrer",
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  });
}

const NOT_FOUND_TEXT = PAGE_LANGUAGES.map((l) => TEXTS[l].notFound).join("\n");

function notFoundPlain(res: express.Response): void {
  res.status(404).type("text/plain; charset=utf-8").send(NOT_FOUND_TEXT);
}

function wantsJson(req: express.Request): boolean {
  return !!req.is("application/json") || (req.accepts(["html", "json"]) === "json" && !req.is("urlencoded"));
}

/**
 * The public feedback page of a site's DIGITAL channel, GET and POST
 * /feedback/{siteCode}: residents without an account submit anonymously
 * from their own phone. No token, so every request is bounded (body size,
 * text length, a per-address rate limit), the answer repeats nothing the
 * resident wrote, and nothing about the client is logged or stored (the rate
 * limiter's addresses stay in memory for at most its window). The gateway
 * forwards the submission to care as the fixed resident identity
 * (RESIDENT_CALLER), in an internal token valid at care only.
 */
export function residentFeedbackRouter(opts: ResidentFeedbackOptions): express.Router {
  const submissions = opts.submissions ?? new TokenBucketLimiter(SUBMISSIONS_PER_WINDOW, SUBMISSION_WINDOW_MS);
  const views = opts.views ?? new TokenBucketLimiter(VIEWS_PER_WINDOW, SUBMISSION_WINDOW_MS);
  const router = express.Router();
  const client = (req: express.Request) => req.ip ?? req.socket.remoteAddress ?? "unknown";

  async function askCare(operation: string, query: string, variables: Record<string, unknown>): Promise<CareAnswer> {
    const url = opts.careUrl();
    if (!url) return { ok: false, code: "UNAVAILABLE" };
    const requestId = randomUUID();
    try {
      const token = await opts.signer.sign({ caller: RESIDENT_CALLER, purpose: null, requestId, operation }, ["care"]);
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "x-request-id": requestId },
        body: JSON.stringify({ query, variables, operationName: operation }),
        signal: AbortSignal.timeout(5000),
      });
      const body = (await res.json()) as {
        data?: Record<string, unknown>;
        errors?: { extensions?: { code?: string } }[];
      };
      if (body.errors?.length) return { ok: false, code: body.errors[0].extensions?.code ?? "INTERNAL" };
      return body.data ? { ok: true, data: body.data } : { ok: false, code: "INTERNAL" };
    } catch {
      return { ok: false, code: "UNAVAILABLE" };
    }
  }

  router.get("/feedback/:code", async (req, res) => {
    secure(res);
    const code = req.params.code;
    const lang = pageLanguage(req);
    if (!views.take(client(req))) {
      res.set("retry-after", String(views.retryAfterSeconds(client(req))));
      res
        .status(429)
        .type("html")
        .send(layout(lang, TEXTS[lang].title, `<p class="error">${escapeHtml(TEXTS[lang].rateLimited)}</p>`));
      return;
    }
    if (!SITE_CODE.test(code)) return notFoundPlain(res);
    const answer = await askCare(
      "ResidentFeedbackPage",
      `query ResidentFeedbackPage($siteCode: String!) { _residentFeedbackPage(siteCode: $siteCode) }`,
      { siteCode: code },
    );
    if (answer.ok && answer.data._residentFeedbackPage === true) {
      res.type("html").send(formPage(code, lang));
    } else if (answer.ok) {
      notFoundPlain(res);
    } else {
      res
        .status(503)
        .type("html")
        .send(layout(lang, TEXTS[lang].title, `<p class="error">${escapeHtml(TEXTS[lang].unavailable)}</p>`));
    }
  });

  router.post(
    "/feedback/:code",
    (req, res, next) => {
      secure(res);
      // Counted before the body is read: an oversized or malformed attempt costs a token too.
      const key = client(req);
      if (submissions.take(key)) return next();
      res.set("retry-after", String(submissions.retryAfterSeconds(key)));
      const lang = pageLanguage(req);
      const message = TEXTS[lang].rateLimited;
      if (wantsJson(req)) res.status(429).json({ error: { code: "RATE_LIMITED", message } });
      else
        res
          .status(429)
          .type("html")
          .send(formPage(req.params.code, lang, message));
    },
    express.urlencoded({ extended: false, limit: MAX_RESIDENT_BODY, parameterLimit: 10 }),
    express.json({ limit: MAX_RESIDENT_BODY }),
    async (req, res) => {
      const code = req.params.code;
      const lang = pageLanguage(req);
      const t = TEXTS[lang];
      const json = wantsJson(req);
      const refuse = (status: number, errorCode: string, message: string) =>
        json
          ? res.status(status).json({ error: { code: errorCode, message } })
          : res
              .status(status)
              .type("html")
              .send(formPage(code, lang, message));
      if (!SITE_CODE.test(code)) return notFoundPlain(res);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const category = body.category;
      const text = typeof body.text === "string" ? body.text.trim() : "";
      const language = isPageLanguage(body.language) ? body.language : lang;
      if (typeof category !== "string" || !(FEEDBACK_CATEGORIES as readonly string[]).includes(category) || !text) {
        return refuse(400, "BAD_USER_INPUT", t.invalid);
      }
      if (text.length > MAX_RESIDENT_TEXT) return refuse(400, "BAD_USER_INPUT", t.tooLong);
      const answer = await askCare(
        "ResidentFeedback",
        `mutation ResidentFeedback($siteCode: String!, $category: FeedbackCategory!, $text: String!, $language: String!) {
           _submitResidentFeedback(siteCode: $siteCode, category: $category, text: $text, language: $language)
         }`,
        { siteCode: code, category: category as ResidentCategory, text, language },
      );
      if (answer.ok) {
        if (json) res.status(201).json({ received: true });
        else res.status(201).type("html").send(thanksPage(code, lang));
      } else if (answer.code === "NOT_FOUND") {
        notFoundPlain(res);
      } else if (answer.code === "BAD_USER_INPUT") {
        refuse(400, "BAD_USER_INPUT", t.invalid);
      } else {
        refuse(503, "UNAVAILABLE", t.unavailable);
      }
    },
  );

  // A body too large or unreadable: refused here, in the page's words, without the default error page.
  router.use("/feedback/:code", ((err, req, res, next) => {
    if (res.headersSent) return next(err);
    const lang = pageLanguage(req);
    const type = (err as { type?: string }).type;
    const status = type === "entity.too.large" ? 413 : 400;
    const message = status === 413 ? TEXTS[lang].tooLong : TEXTS[lang].invalid;
    if (wantsJson(req)) res.status(status).json({ error: { code: "BAD_USER_INPUT", message } });
    else
      res
        .status(status)
        .type("html")
        .send(formPage(String(req.params.code), lang, message));
  }) as express.ErrorRequestHandler);

  return router;
}
