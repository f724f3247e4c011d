import express from "express";
import { dirname, join } from "node:path";

/**
 * The dashboard's files: its own script and style, and Chart.js's UMD build straight from the npm
 * package (no CDN: the page works offline and loads nothing from elsewhere). Chart.js because its
 * UMD build is one self-contained file with line and bar charts, responsive canvases and gaps for
 * null points (a suppressed day), with no dependency to serve beside it.
 */
const ASSETS: Record<string, { path: string; type: string }> = {
  "dashboard.js": { path: join(__dirname, "dashboard.client.js"), type: "text/javascript; charset=utf-8" },
  "dashboard.css": { path: join(__dirname, "dashboard.css"), type: "text/css; charset=utf-8" },
  "favicon.svg": { path: join(__dirname, "favicon.svg"), type: "image/svg+xml" },
  "chart.umd.min.js": {
    // chart.js exports no ./package.json; its CommonJS entry sits next to the UMD build in dist/.
    path: join(dirname(require.resolve("chart.js")), "chart.umd.min.js"),
    type: "text/javascript; charset=utf-8",
  },
};

/** Only this origin: scripts, styles, data; no inline code, no framing, no form posted elsewhere. */
export const DASHBOARD_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

function secure(res: express.Response): void {
  res.set({
    "content-security-policy": DASHBOARD_CSP,
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
  });
}

function page(graphqlPath: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Reception Graph: coordinators' dashboard</title>
<link rel="icon" href="/dashboard/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/dashboard/dashboard.css">
</head>
<body data-graphql="${graphqlPath}">
<header>
  <h1>Reception Graph: indicators</h1>
  <span id="signed-in" hidden>Signed in (this tab only) <button id="signout" type="button">Sign out</button></span>
</header>
<main>
  <form id="signin" autocomplete="off">
    <label for="token">Token
      <input id="token" name="token" type="password" placeholder="paste your bearer token" required>
    </label>
    <button type="submit">Sign in</button>
  </form>
  <form id="filters" hidden>
    <label for="from">First day <input id="from" name="from" type="date" required></label>
    <label for="to">Last day <input id="to" name="to" type="date" required></label>
    <label for="site">Site <select id="site" name="site"><option value="">All sites (Ghent)</option></select></label>
    <button type="submit">Show</button>
  </form>
  <p id="status" role="status" aria-live="polite"></p>
  <div id="panels" hidden>
    <section id="matrix" class="wide"><h2>Results matrix against targets</h2><div class="panel-body"></div></section>
    <section id="occupancy" class="wide"><h2>Occupancy per day</h2><div class="panel-body"></div></section>
    <section id="housing"><h2>Housing</h2><div class="panel-body"></div></section>
    <section id="allocations"><h2>Allocations per province</h2><div class="panel-body"></div></section>
    <section id="caseload"><h2>Caseload and people served</h2><div class="panel-body"></div></section>
    <section id="referrals"><h2>Referrals by status</h2><div class="panel-body"></div></section>
    <section id="school"><h2>Time to school</h2><div class="panel-body"></div></section>
    <section id="feedback"><h2>Feedback overview</h2><div class="panel-body"></div></section>
  </div>
  <p class="note">Counts of 1–4 people, and a cell that would give one back, are shown as <span class="suppressed">suppressed</span>, never as 0.</p>
</main>
<script src="/dashboard/chart.umd.min.js"></script>
<script src="/dashboard/dashboard.js"></script>
</body>
</html>`;
}

/**
 * GET /dashboard: the coordinators' dashboard. The page holds no data and needs no token to load;
 * everything it shows it reads through /graphql with the token pasted into it.
 */
export function dashboardRouter(graphqlPath: string): express.Router {
  const router = express.Router();
  const html = page(graphqlPath);
  router.get("/dashboard", (_req, res) => {
    secure(res);
    res.set("cache-control", "no-store");
    res.type("html").send(html);
  });
  router.get("/dashboard/:file", (req, res) => {
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
