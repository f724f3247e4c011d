/* The coordinators' explorer: GraphiQL with a token box and a purpose picker. Every request reads
 * the boxes when it is sent (no remount, so a token pasted just before Run is used by that Run);
 * the Headers tab's headers are sent too, the boxes win for authorization and x-purpose. The token
 * is kept in this tab's sessionStorage only (gone when the tab closes), and so is GraphiQL's own
 * state. The schema is fetched by this page with the token (introspection is for signed-in
 * callers), so that a page opened without one shows a sign-in state, not a 401. */
(function () {
  "use strict";

  var TOKEN_KEY = "rg.explorer.token";
  var PURPOSE_KEY = "rg.explorer.purpose";
  var config = JSON.parse(document.getElementById("explorer-config").textContent);
  var GQL = window.GraphiQL.GraphQL;
  var GraphiQLReact = window.GraphiQL.React;
  var h = React.createElement;

  var tokenBox = document.getElementById("token");
  var purposeBox = document.getElementById("purpose");
  var signOut = document.getElementById("signout");
  var state = document.getElementById("sign-in-state");
  var timing = document.getElementById("timing");
  var writes = document.getElementById("writes");

  /** GraphiQL's editors, captured by a component rendered inside it (to show a picked id). */
  var editors = null;
  var schema = null;
  var schemaLoads = 0;
  var typingTimer = null;

  tokenBox.value = sessionStorage.getItem(TOKEN_KEY) || "";
  purposeBox.value = sessionStorage.getItem(PURPOSE_KEY) || "";

  function currentToken() {
    return tokenBox.value.trim().replace(/^bearer\s+/i, "");
  }

  function setState(name, text) {
    state.setAttribute("data-state", name);
    state.textContent = text;
    signOut.hidden = !currentToken();
  }

  function showPurpose() {
    document.body.setAttribute("data-purpose", purposeBox.value ? "chosen" : "empty");
    if (purposeBox.value) document.body.removeAttribute("data-purpose-needed");
  }

  /** The token's claims, for the sign-in line only: the gateway verifies it, this page does not. */
  function claims(token) {
    try {
      var part = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
      return JSON.parse(decodeURIComponent(escape(atob(part))));
    } catch {
      return null;
    }
  }

  function describe(token) {
    var c = claims(token);
    if (!c) return "Signed in";
    var who = [c.sub, (c.roles || []).join(", "), c.org].filter(Boolean).join(" · ");
    var until = c.exp ? ", token valid until " + new Date(c.exp * 1000).toLocaleString() : "";
    return "Signed in as " + who + until;
  }

  /** Headers of one request: the Headers tab's, then the token and purpose boxes, which win. */
  function headersFor(extra) {
    var headers = { "content-type": "application/json", accept: "application/json" };
    Object.keys(extra || {}).forEach(function (name) {
      var lower = name.toLowerCase();
      if (lower === "content-type" || lower === "accept") return;
      var token = currentToken();
      if (lower === "authorization" && token) return;
      if (lower === "x-purpose" && purposeBox.value) return;
      headers[lower] = String(extra[name]);
    });
    if (currentToken()) headers.authorization = "Bearer " + currentToken();
    if (purposeBox.value) headers["x-purpose"] = purposeBox.value;
    return headers;
  }

  /** One POST to /graphql; the answer's body, HTTP status, duration and request id. */
  function post(params, extra) {
    var started = performance.now();
    return fetch(config.graphqlPath, {
      method: "POST",
      headers: headersFor(extra),
      body: JSON.stringify(params),
    }).then(function (response) {
      return response.text().then(function (text) {
        var body;
        try {
          body = JSON.parse(text);
        } catch {
          body = { errors: [{ message: "HTTP " + response.status + ": " + text.slice(0, 300) }] };
        }
        return {
          body: body,
          status: response.status,
          ms: Math.round(performance.now() - started),
          requestId: response.headers.get("x-request-id"),
        };
      });
    });
  }

  function firstCode(body) {
    var errors = (body && body.errors) || [];
    for (var i = 0; i < errors.length; i++) {
      if (errors[i].extensions && errors[i].extensions.code) return errors[i].extensions.code;
    }
    return null;
  }

  function hasCode(body, code) {
    return ((body && body.errors) || []).some(function (e) {
      return e.extensions && e.extensions.code === code;
    });
  }

  /** The operation a request runs (by name, or the only one), or null when the text does not parse. */
  function operationOf(query, name) {
    try {
      var ops = GQL.parse(query).definitions.filter(function (d) {
        return d.kind === "OperationDefinition";
      });
      if (name) {
        ops = ops.filter(function (d) {
          return d.name && d.name.value === name;
        });
      }
      return ops.length === 1 ? ops[0] : null;
    } catch {
      return null;
    }
  }

  function isMutationText(query) {
    try {
      return GQL.parse(query).definitions.some(function (d) {
        return d.kind === "OperationDefinition" && d.operation === "mutation";
      });
    } catch {
      return /(^|[\s}])mutation\b/.test(query.replace(/#.*$/gm, ""));
    }
  }

  function showWrites(query) {
    writes.hidden = !isMutationText(query || "");
  }

  function at(data, path) {
    return path.reduce(function (value, key) {
      return value == null ? value : value[key];
    }, data);
  }

  /**
   * An example that takes its variable from a list (examples.ts, `pick`): when the variables leave
   * it out, run the list with the same headers, take the value and show it in the variables editor.
   */
  function fillPicked(params, extra) {
    var op = operationOf(params.query, params.operationName);
    var name = op && op.name && op.name.value;
    var example = config.examples.find(function (e) {
      return e.pick && e.pick.operation === name;
    });
    var variables = Object.assign({}, params.variables || {});
    if (!example || (variables[example.pick.variable] !== undefined && variables[example.pick.variable] !== "")) {
      return Promise.resolve({ params: params });
    }
    return post({ query: example.pick.query }, extra).then(function (answer) {
      if (answer.body.errors && answer.body.errors.length) return { answer: answer };
      var value = at(answer.body.data, example.pick.path);
      if (value == null) {
        answer.body = {
          errors: [
            {
              message:
                "The list gave no value for $" +
                example.pick.variable +
                ": nobody is registered yet, or not in your scope. Put an id in the variables.",
              extensions: { code: "BAD_USER_INPUT" },
            },
          ],
        };
        return { answer: answer };
      }
      variables[example.pick.variable] = value;
      if (editors && editors.variableEditor) editors.variableEditor.setValue(JSON.stringify(variables, null, 2));
      return { params: Object.assign({}, params, { variables: variables }) };
    });
  }

  function report(answer, params) {
    var op = operationOf(params.query, params.operationName);
    var verb = op && op.operation === "mutation" ? "Wrote data: answered in " : "Answered in ";
    timing.textContent =
      verb + answer.ms + " ms · HTTP " + answer.status + (answer.requestId ? " · request " + answer.requestId : "");
    timing.setAttribute("data-ms", String(answer.ms));
    if (hasCode(answer.body, "PURPOSE_REQUIRED")) document.body.setAttribute("data-purpose-needed", "true");
    if (answer.status === 401) setState("refused", "The token was refused (" + (firstCode(answer.body) || 401) + ").");
  }

  /**
   * GraphiQL 3.8 can send the operation name of the tab open before (after a tab switch, until the
   * text is edited): the gateway then finds no such operation. A document with one operation runs
   * that one.
   */
  function currentOperationName(params) {
    if (!params.operationName || operationOf(params.query, params.operationName)) return params;
    var only = operationOf(params.query, null);
    return Object.assign({}, params, { operationName: only && only.name ? only.name.value : undefined });
  }

  /** GraphiQL's fetcher: the schema is given to GraphiQL, so this runs the coordinator's operations only. */
  function fetcher(given, opts) {
    var extra = (opts && opts.headers) || {};
    var params = currentOperationName(given);
    return fillPicked(params, extra)
      .then(function (filled) {
        if (filled.answer) return filled.answer;
        return post(filled.params, extra);
      })
      .then(
        function (answer) {
          report(answer, params);
          return answer.body;
        },
        function (error) {
          timing.textContent = "No answer: " + error.message;
          return { errors: [{ message: "The gateway did not answer: " + error.message }] };
        },
      );
  }

  /** Loads the schema with the token in the box; the sign-in line says what came of it. */
  function loadSchema() {
    var token = currentToken();
    var mine = ++schemaLoads;
    if (!token) {
      schema = null;
      setState("signed-out", "Not signed in: paste a token above to load the schema and run operations.");
      render();
      return;
    }
    setState("checking", "Checking the token…");
    post({ query: GQL.getIntrospectionQuery(), operationName: "IntrospectionQuery" }, {}).then(
      function (answer) {
        if (mine !== schemaLoads) return;
        var data = answer.body && answer.body.data;
        if (answer.status === 401 || hasCode(answer.body, "UNAUTHENTICATED")) {
          schema = null;
          var message = (answer.body.errors && answer.body.errors[0] && answer.body.errors[0].message) || "";
          setState("refused", "The token was refused: " + message + " Paste another one.");
        } else if (data && data.__schema) {
          schema = GQL.buildClientSchema(data);
          setState("signed-in", describe(token) + ".");
        } else {
          schema = null;
          setState(
            "signed-in",
            describe(token) +
              ". The schema is not available to this token (" +
              firstCode(answer.body) +
              "): operations still run.",
          );
        }
        render();
      },
      function (error) {
        if (mine !== schemaLoads) return;
        setState("unreachable", "The gateway did not answer: " + error.message);
      },
    );
  }

  tokenBox.addEventListener("input", function () {
    var token = currentToken();
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
    signOut.hidden = !token;
    clearTimeout(typingTimer);
    typingTimer = setTimeout(loadSchema, 250);
  });
  signOut.addEventListener("click", function () {
    tokenBox.value = "";
    sessionStorage.removeItem(TOKEN_KEY);
    loadSchema();
  });
  purposeBox.addEventListener("change", function () {
    if (purposeBox.value) sessionStorage.setItem(PURPOSE_KEY, purposeBox.value);
    else sessionStorage.removeItem(PURPOSE_KEY);
    showPurpose();
  });

  /** Rendered inside GraphiQL: keeps a handle on its editors. */
  function EditorHandle() {
    editors = GraphiQLReact.useEditorContext({ nonNull: true });
    return null;
  }

  var root = ReactDOM.createRoot(document.getElementById("graphiql"));
  function render() {
    root.render(
      h(window.GraphiQL, {
        fetcher: fetcher,
        schema: schema,
        // GraphiQL keeps tabs, queries and settings in this tab's session, like the token.
        storage: window.sessionStorage,
        defaultEditorToolsVisibility: true,
        isHeadersEditorEnabled: true,
        shouldPersistHeaders: false,
        defaultTabs: config.examples.map(function (e) {
          return { query: e.query, variables: e.variables };
        }),
        onEditQuery: showWrites,
        onTabChange: function (tabs) {
          var tab = tabs.tabs[tabs.activeTabIndex];
          showWrites(tab && tab.query);
        },
        toolbar: { additionalComponent: EditorHandle },
      }),
    );
  }

  showPurpose();
  render();
  loadSchema();
})();
