import { PURPOSES } from "@reception-graph/kit";
import express from "express";
import { dirname, join } from "node:path";
import { EXAMPLE_OPERATIONS } from "./examples";

/** Files of the explorer, served from the npm packages themselves and from this folder: no CDN, works offline. */
const ASSETS: Record<string, { path: string; type: string }> = {
  "graphiql.min.css": { path: require.resolve("graphiql/graphiql.min.css"), type: "text/css; charset=utf-8" },
  "graphiql.min.js": { path: require.resolve("graphiql/graphiql.min.js"), type: "text/javascript; charset=utf-8" },
  "react.production.min.js": {
    path: join(dirname(require.resolve("react/package.json")), "umd", "react.production.min.js"),
    type: "text/javascript; charset=utf-8",
  },
  "react-dom.production.min.js": {
    path: join(dirname(require.resolve("react-dom/package.json")), "umd", "react-dom.production.min.js"),
    type: "text/javascript; charset=utf-8",
  },
  "explorer.js": { path: join(__dirname, "explorer.client.js"), type: "text/javascript; charset=utf-8" },
  "explorer.css": { path: join(__dirname, "explorer.css"), type: "text/css; charset=utf-8" },
  // The dashboard's icon: one for the whole gateway.
  "favicon.svg": { path: join(__dirname, "..", "dashboard", "favicon.svg"), type: "image/svg+xml" },
};

/**
 * Scripts only from the gateway itself, so nothing injected into the page can run. Styles allow
 * 'unsafe-inline' because GraphiQL's dialogs (through react-remove-scroll) insert a <style> element
 * when they open; a style cannot run code. GraphiQL's stylesheet carries its icons and fonts as
 * data: URIs. No framing (clickjacking of a signed-in coordinator), no form posted elsewhere.
 */
export const EXPLORER_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

function secure(res: express.Response): void {
  res.set({
    "content-security-policy": EXPLORER_CSP,
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
  });
}

/** JSON inside a <script type="application/json"> block: a "</script>" in it cannot end the block. */
const escapeJson = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");

function page(graphqlPath: string): string {
  const purposes = PURPOSES.map((p) => `<option value="${p}">${p}</option>`).join("");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Reception Graph explorer</title>
<link rel="icon" href="/explorer/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/explorer/graphiql.min.css">
<link rel="stylesheet" href="/explorer/explorer.css">
</head>
<body>
<div id="bar">
  <strong>Reception Graph</strong>
  <label>Token <input id="token" type="password" placeholder="paste a bearer token (npm run token)" autocomplete="off" spellcheck="false"></label>
  <button id="signout" type="button" hidden>Sign out</button>
  <label>Purpose <select id="purpose"><option value="">choose a purpose…</option>${purposes}</select></label>
  <span id="purpose-hint">Personal data is read only for a purpose: choose one (sent as x-purpose).</span>
  <span id="writes" hidden>This operation writes data</span>
  <span id="timing" role="status" aria-live="polite"></span>
</div>
<p id="sign-in-state" data-state="signed-out" role="status" aria-live="polite">Not signed in: paste a token above to load the schema and run operations.</p>
<div id="graphiql">Loading the explorer…</div>
<script type="application/json" id="explorer-config">${escapeJson({ graphqlPath, examples: EXAMPLE_OPERATIONS })}</script>
<script src="/explorer/react.production.min.js"></script>
<script src="/explorer/react-dom.production.min.js"></script>
<script src="/explorer/graphiql.min.js"></script>
<script src="/explorer/explorer.js"></script>
</body>
</html>`;
}

/** GET / serves the explorer; /explorer/* its assets. The page holds no data and needs no token to load. */
export function explorerRouter(graphqlPath: string): express.Router {
  const router = express.Router();
  const html = page(graphqlPath);
  router.get("/", (_req, res) => {
    secure(res);
    res.set("cache-control", "no-store");
    res.type("html").send(html);
  });
  router.get("/explorer/:file", (req, res) => {
    const asset = ASSETS[req.params.file];
    secure(res);
    if (!asset) {
      res.status(404).type("text/plain").send("Not found");
      return;
    }
    res.type(asset.type).sendFile(asset.path, { maxAge: "1h" });
  });
  return router;
}
