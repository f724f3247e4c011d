import { PURPOSES } from "@reception-graph/kit";
import express from "express";
import { dirname, join } from "node:path";
import { EXAMPLE_OPERATIONS } from "./examples";

/** Files of the explorer, served from the npm packages themselves: no CDN, works offline. */
const ASSETS: Record<string, string> = {
  "graphiql.min.css": require.resolve("graphiql/graphiql.min.css"),
  "graphiql.min.js": require.resolve("graphiql/graphiql.min.js"),
  "react.production.min.js": join(dirname(require.resolve("react/package.json")), "umd", "react.production.min.js"),
  "react-dom.production.min.js": join(
    dirname(require.resolve("react-dom/package.json")),
    "umd",
    "react-dom.production.min.js",
  ),
};

const escapeJson = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");

function page(graphqlPath: string): string {
  const purposes = PURPOSES.map((p) => `<option value="${p}">${p}</option>`).join("");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Reception Graph explorer</title>
<link rel="stylesheet" href="/explorer/graphiql.min.css">
<style>
  html, body { margin: 0; height: 100%; font-family: system-ui, sans-serif; }
  body { display: flex; flex-direction: column; }
  #bar { display: flex; gap: 1em; align-items: center; padding: 6px 12px; background: #1f3a5f; color: #fff; font-size: 14px; }
  #bar input { width: 28em; }
  #bar strong { margin-right: 1em; }
  #graphiql { flex: 1; min-height: 0; }
</style>
</head>
<body>
<div id="bar">
  <strong>Reception Graph</strong>
  <label>Token <input id="token" type="password" placeholder="paste a bearer token (npm run token)" autocomplete="off"></label>
  <label>Purpose <select id="purpose"><option value="">(none: no personal data)</option>${purposes}</select></label>
</div>
<div id="graphiql">Loading the explorer…</div>
<script src="/explorer/react.production.min.js"></script>
<script src="/explorer/react-dom.production.min.js"></script>
<script src="/explorer/graphiql.min.js"></script>
<script>
(function () {
  var examples = ${escapeJson(EXAMPLE_OPERATIONS)};
  var token = document.getElementById("token");
  var purpose = document.getElementById("purpose");
  token.value = localStorage.getItem("rg.token") || "";
  purpose.value = localStorage.getItem("rg.purpose") || "CASE_MANAGEMENT";
  token.addEventListener("change", function () {
    localStorage.setItem("rg.token", token.value.trim());
    // GraphiQL loads the schema once, when it mounts: mount it again so the schema is fetched with the new token.
    generation++;
    render();
  });
  purpose.addEventListener("change", function () { localStorage.setItem("rg.purpose", purpose.value); });
  function fetcher(params) {
    var headers = { "content-type": "application/json", accept: "application/json" };
    if (token.value.trim()) headers.authorization = "Bearer " + token.value.trim();
    if (purpose.value) headers["x-purpose"] = purpose.value;
    return fetch(${escapeJson(graphqlPath)}, { method: "POST", headers: headers, body: JSON.stringify(params) })
      .then(function (r) { return r.json(); });
  }
  var root = ReactDOM.createRoot(document.getElementById("graphiql"));
  var generation = 0;
  function render() {
    root.render(React.createElement(GraphiQL, {
      key: generation,
      fetcher: fetcher,
      defaultEditorToolsVisibility: true,
      defaultTabs: examples.map(function (e) { return { query: e.query, variables: e.variables }; }),
    }));
  }
  render();
})();
</script>
</body>
</html>`;
}

/** GET / serves the explorer; /explorer/* its bundled assets. */
export function explorerRouter(graphqlPath: string): express.Router {
  const router = express.Router();
  const html = page(graphqlPath);
  router.get("/", (_req, res) => {
    res.type("html").send(html);
  });
  router.get("/explorer/:file", (req, res) => {
    const file = ASSETS[req.params.file];
    if (!file) {
      res.status(404).send("Not found");
      return;
    }
    res.sendFile(file, { maxAge: "1d" });
  });
  return router;
}
