/* The coordinators' dashboard, in the browser. It reads only through the gateway's /graphql, with
 * the token the coordinator pasted (kept in sessionStorage: gone when the tab closes) and the
 * purpose REPORTING. Every text from the graph is written with textContent, never as HTML. A
 * suppressed count is shown as "suppressed", never as 0, and is a gap in a chart. */
(function () {
  "use strict";

  var TOKEN_KEY = "rg.dashboard.token";
  var GRAPHQL = document.body.getAttribute("data-graphql") || "/graphql";
  var charts = {};

  var COUNT = "{ value suppressed }";
  var PERCENTAGE = "{ value numerator denominator suppressed }";
  var STATISTIC = "{ value basis suppressed }";
  var RESULT = "{ code level name unit value numerator denominator suppressed baseline target met }";

  var QUERIES = {
    sites: "query DashboardSites { sites { id name } }",
    indicators:
      "query DashboardIndicators($from: Date!, $to: Date!, $siteId: ID) { indicators(from: $from, to: $to, siteId: $siteId) {" +
      " livingConditionsImprovedPct " +
      RESULT +
      " centresOperational " +
      RESULT +
      " staffTrainedPsea " +
      RESULT +
      " staffTrainedMhpss " +
      RESULT +
      " feedbackChannelsPerCentre " +
      RESULT +
      " placesTotal placesOccupied " +
      COUNT +
      " occupancyRate " +
      PERCENTAGE +
      " moveOuts " +
      COUNT +
      " averageStayDays " +
      STATISTIC +
      " feedbackReceived " +
      COUNT +
      " feedbackClosed " +
      COUNT +
      " medianFeedbackResponseDays " +
      STATISTIC +
      " referralsByStatus { status count " +
      COUNT +
      " } overdueReferrals " +
      COUNT +
      " personsServed " +
      COUNT +
      " personsByAgeAndSex { ageBand sex count " +
      COUNT +
      " }" +
      " householdsByComposition { composition count " +
      COUNT +
      " }" +
      " openCaseFiles " +
      COUNT +
      " caseFilesOpened " +
      COUNT +
      " caseFilesClosed " +
      COUNT +
      " maxCaseload averageCaseload healthInsuredPct " +
      PERCENTAGE +
      " childrenAssessed " +
      COUNT +
      " schoolAgeChildren " +
      COUNT +
      " childrenEnrolledPct " +
      PERCENTAGE +
      " medianDaysToEnrolment " +
      STATISTIC +
      " okanWaitingList " +
      COUNT +
      " } }",
    occupancy:
      "query DashboardOccupancy($from: Date!, $to: Date!, $siteId: ID) { occupancySeries(from: $from, to: $to, siteId: $siteId) {" +
      " date places validatedPlaces occupied " +
      COUNT +
      " available } }",
    allocations:
      "query DashboardAllocations($from: Date!, $to: Date!) { allocationsByProvince(from: $from, to: $to) {" +
      " rows { province total cumulative } grandTotal cumulativeGrandTotal } }",
    referrals:
      "query DashboardReferrals($from: Date!, $to: Date!, $filter: CoordinationFilter) { referralFlow(from: $from, to: $to, filter: $filter) {" +
      " isoWeek weekStart made " +
      COUNT +
      " } }",
    school:
      "query DashboardSchool($from: Date!, $to: Date!, $filter: CoordinationFilter) { timeToSchoolSeries(from: $from, to: $to, filter: $filter) {" +
      " month enrolled " +
      COUNT +
      " medianDays " +
      STATISTIC +
      " } }",
    feedback:
      "query DashboardFeedback($month: String!, $siteId: ID) { feedbackOverview(month: $month, siteId: $siteId) {" +
      " siteId channels received " +
      COUNT +
      " closed " +
      COUNT +
      " stillOpen " +
      COUNT +
      " medianDaysToRespond " +
      STATISTIC +
      " } }",
  };

  function $(id) {
    return document.getElementById(id);
  }

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text != null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function token() {
    return sessionStorage.getItem(TOKEN_KEY) || "";
  }

  /** One operation through /graphql; resolves { data, errors }. */
  function graphql(query, variables) {
    return fetch(GRAPHQL, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/json",
        authorization: "Bearer " + token(),
        "x-purpose": "REPORTING",
      },
      body: JSON.stringify({ query: query, variables: variables || {} }),
    }).then(function (response) {
      return response.json();
    });
  }

  function errorText(result) {
    var e = result.errors && result.errors[0];
    if (!e) return "";
    var code = e.extensions && e.extensions.code ? e.extensions.code + ": " : "";
    return code + e.message;
  }

  /** A count cell: the number, "suppressed", or "–" when there is nothing to measure. */
  function countNode(c) {
    if (c && c.suppressed) {
      var s = el("span", "suppressed", "suppressed");
      s.title = "Hidden: a count of 1–4 people (or the cell that would give it back) could identify someone.";
      return s;
    }
    if (c == null || c.value == null) return el("span", "–", "none");
    return el("span", formatNumber(c.value), "number");
  }

  function formatNumber(n) {
    return Number.isInteger(n) ? String(n) : n.toFixed(1);
  }

  function percentNode(p) {
    if (p.suppressed) return countNode(p);
    if (p.value == null) return el("span", "–", "none");
    return el("span", formatNumber(p.value) + " % (" + p.numerator + " / " + p.denominator + ")", "number");
  }

  function statisticNode(s, unit) {
    if (s.suppressed) return countNode(s);
    if (s.value == null) return el("span", "–", "none");
    return el("span", formatNumber(s.value) + " " + unit + " (n = " + s.basis + ")", "number");
  }

  function row(cells, attrs) {
    var tr = document.createElement("tr");
    cells.forEach(function (cell, i) {
      var td = document.createElement(i === 0 ? "th" : "td");
      if (i === 0) td.scope = "row";
      if (cell instanceof Node) td.appendChild(cell);
      else td.textContent = cell == null ? "" : String(cell);
      tr.appendChild(td);
    });
    Object.keys(attrs || {}).forEach(function (k) {
      tr.setAttribute(k, attrs[k]);
    });
    return tr;
  }

  function table(headers, rows, caption) {
    var wrap = el("div", null, "table-wrap");
    var t = document.createElement("table");
    if (caption) t.appendChild(el("caption", caption));
    var thead = document.createElement("thead");
    var tr = document.createElement("tr");
    headers.forEach(function (h) {
      var th = el("th", h);
      th.scope = "col";
      tr.appendChild(th);
    });
    thead.appendChild(tr);
    t.appendChild(thead);
    var tbody = document.createElement("tbody");
    rows.forEach(function (r) {
      tbody.appendChild(r);
    });
    t.appendChild(tbody);
    wrap.appendChild(t);
    return wrap;
  }

  function panel(id) {
    var body = $(id).querySelector(".panel-body");
    body.replaceChildren();
    return body;
  }

  function showError(id, message) {
    var body = panel(id);
    var p = el("p", message, "error");
    p.setAttribute("role", "alert");
    body.appendChild(p);
  }

  function resultValue(r) {
    if (r.suppressed) return countNode(r);
    if (r.value == null) return el("span", "–", "none");
    if (r.unit === "PERCENT") return percentNode(r);
    if (r.unit === "PER_CENTRE") {
      return el(
        "span",
        formatNumber(r.value) + " (" + r.numerator + " of " + r.denominator + " centres have one)",
        "number",
      );
    }
    return el("span", formatNumber(r.value), "number");
  }

  function metNode(met) {
    if (met == null) return el("span", "–", "none");
    return met ? el("span", "met", "met") : el("span", "not met", "not-met");
  }

  function renderMatrix(report) {
    var body = panel("matrix");
    var results = [
      report.livingConditionsImprovedPct,
      report.centresOperational,
      report.staffTrainedPsea,
      report.staffTrainedMhpss,
      report.feedbackChannelsPerCentre,
    ];
    body.appendChild(
      table(
        ["Indicator", "Level", "Value", "Target", "Baseline", "Target met"],
        results.map(function (r) {
          var unit = r.unit === "PERCENT" ? " %" : r.unit === "PER_CENTRE" ? " per centre" : "";
          return row([r.name, r.level, resultValue(r), r.target + unit, r.baseline + unit, metNode(r.met)], {
            "data-code": r.code,
          });
        }),
      ),
    );
  }

  function renderFigures(id, figures) {
    var body = panel(id);
    body.appendChild(
      table(
        ["Figure", "Value"],
        figures.map(function (f) {
          return row([f[0], f[1]], { "data-field": f[2] });
        }),
      ),
    );
    return body;
  }

  function renderIndicators(report) {
    renderMatrix(report);
    renderFigures("housing", [
      ["Validated places on the last day", el("span", report.placesTotal, "number"), "placesTotal"],
      ["People placed on the last day", countNode(report.placesOccupied), "placesOccupied"],
      ["Occupancy rate", percentNode(report.occupancyRate), "occupancyRate"],
      ["Move-outs", countNode(report.moveOuts), "moveOuts"],
      ["Average stay", statisticNode(report.averageStayDays, "days"), "averageStayDays"],
    ]);
    var caseload = renderFigures("caseload", [
      ["Persons served", countNode(report.personsServed), "personsServed"],
      ["Case files open on the last day", countNode(report.openCaseFiles), "openCaseFiles"],
      ["Case files opened", countNode(report.caseFilesOpened), "caseFilesOpened"],
      ["Case files closed", countNode(report.caseFilesClosed), "caseFilesClosed"],
      ["Most case files of one social worker", el("span", report.maxCaseload, "number"), "maxCaseload"],
      [
        "Average case files per social worker",
        report.averageCaseload == null
          ? el("span", "–", "none")
          : el("span", report.averageCaseload.toFixed(1), "number"),
        "averageCaseload",
      ],
      ["Health insured", percentNode(report.healthInsuredPct), "healthInsuredPct"],
    ]);
    caseload.appendChild(profileTable(report.personsByAgeAndSex));
    caseload.appendChild(
      table(
        ["Household composition", "Households"],
        report.householdsByComposition.map(function (h) {
          return row([words(h.composition), countNode(h.count)], { "data-composition": h.composition });
        }),
      ),
    );
    var referrals = panel("referrals");
    referrals.appendChild(
      table(
        ["Status (on the last day)", "Referrals made in the period"],
        report.referralsByStatus
          .map(function (r) {
            return row([words(r.status), countNode(r.count)], { "data-status": r.status });
          })
          .concat([row(["Overdue (still open)", countNode(report.overdueReferrals)], { "data-status": "OVERDUE" })]),
      ),
    );
    referrals.appendChild(chartBox("referrals-chart", "Referrals made per week"));
    renderFigures("school", [
      ["Children assessed", countNode(report.childrenAssessed), "childrenAssessed"],
      ["School-age children (5–17)", countNode(report.schoolAgeChildren), "schoolAgeChildren"],
      ["Enrolled on the last day", percentNode(report.childrenEnrolledPct), "childrenEnrolledPct"],
      ["Median days to enrolment", statisticNode(report.medianDaysToEnrolment, "days"), "medianDaysToEnrolment"],
      ["On the OKAN waiting list", countNode(report.okanWaitingList), "okanWaitingList"],
    ]).appendChild(chartBox("school-chart", "Median days to school per month"));
    var feedback = $("feedback").querySelector(".panel-body");
    var summary = el("div", null, "feedback-summary");
    summary.appendChild(
      table(
        ["In the period", "Value"],
        [
          row(["Feedback received", countNode(report.feedbackReceived)], { "data-field": "feedbackReceived" }),
          row(["Feedback closed", countNode(report.feedbackClosed)], { "data-field": "feedbackClosed" }),
          row(["Median days to answer", statisticNode(report.medianFeedbackResponseDays, "days")], {
            "data-field": "medianFeedbackResponseDays",
          }),
        ],
      ),
    );
    feedback.prepend(summary);
  }

  var AGE_LABELS = { AGE_0_4: "0–4", AGE_5_11: "5–11", AGE_12_17: "12–17", AGE_18_59: "18–59", AGE_60_PLUS: "60+" };
  var SEXES = ["FEMALE", "MALE", "OTHER", "UNKNOWN"];

  function words(code) {
    return code.charAt(0) + code.slice(1).toLowerCase().replace(/_/g, " ");
  }

  function profileTable(cells) {
    var bands = ["AGE_0_4", "AGE_5_11", "AGE_12_17", "AGE_18_59", "AGE_60_PLUS", null];
    return table(
      ["Age"].concat(SEXES.map(words)),
      bands.map(function (band) {
        return row(
          [band ? AGE_LABELS[band] : "Unknown"].concat(
            SEXES.map(function (sex) {
              var cell = cells.filter(function (c) {
                return c.ageBand === band && c.sex === sex;
              })[0];
              return countNode(cell ? cell.count : null);
            }),
          ),
          { "data-age": band || "UNKNOWN" },
        );
      }),
      "Persons served by age and sex (age on the last day)",
    );
  }

  function chartBox(id, label) {
    var box = el("div", null, "chart-box");
    var canvas = document.createElement("canvas");
    canvas.id = id;
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", label);
    box.appendChild(canvas);
    return box;
  }

  /** A suppressed or missing value is a gap in a line, never 0. */
  function point(c) {
    return c && !c.suppressed && c.value != null ? c.value : null;
  }

  function drawChart(id, config) {
    if (charts[id]) charts[id].destroy();
    var canvas = $(id);
    if (!canvas || typeof Chart === "undefined") return;
    config.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false }, config.options);
    charts[id] = new Chart(canvas, config);
  }

  function renderOccupancy(points) {
    var body = panel("occupancy");
    body.appendChild(
      chartBox("occupancy-chart", "Occupancy per day: validated places, people placed and places available"),
    );
    var suppressedDays = points.filter(function (p) {
      return p.occupied.suppressed;
    }).length;
    if (suppressedDays) {
      body.appendChild(
        el("p", suppressedDays + " day(s) with 1–4 people placed are suppressed: gaps in the line, not zero.", "note"),
      );
    }
    drawChart("occupancy-chart", {
      type: "line",
      data: {
        labels: points.map(function (p) {
          return p.date;
        }),
        datasets: [
          {
            label: "Validated places",
            data: points.map(function (p) {
              return p.validatedPlaces;
            }),
            borderColor: "#1f3a5f",
            backgroundColor: "#1f3a5f",
            spanGaps: false,
          },
          {
            label: "People placed",
            data: points.map(function (p) {
              return point(p.occupied);
            }),
            borderColor: "#c0392b",
            backgroundColor: "#c0392b",
            spanGaps: false,
          },
          {
            label: "Available",
            data: points.map(function (p) {
              return p.available;
            }),
            borderColor: "#27ae60",
            backgroundColor: "#27ae60",
            spanGaps: false,
          },
        ],
      },
      options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    });
  }

  function renderAllocations(table_) {
    var body = panel("allocations");
    body.appendChild(
      table(
        ["Province", "Allocated in the period", "Cumulative"],
        table_.rows
          .map(function (r) {
            return row([words(r.province), r.total, r.cumulative], { "data-province": r.province });
          })
          .concat([row(["Total", table_.grandTotal, table_.cumulativeGrandTotal], { "data-province": "TOTAL" })]),
      ),
    );
    body.appendChild(chartBox("allocations-chart", "Persons allocated per province"));
    drawChart("allocations-chart", {
      type: "bar",
      data: {
        labels: table_.rows.map(function (r) {
          return words(r.province);
        }),
        datasets: [
          {
            label: "Allocated in the period",
            data: table_.rows.map(function (r) {
              return r.total;
            }),
            backgroundColor: "#1f3a5f",
          },
        ],
      },
      options: {
        plugins: { legend: { display: false } },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
  }

  function renderReferralFlow(weeks) {
    drawChart("referrals-chart", {
      type: "bar",
      data: {
        labels: weeks.map(function (w) {
          return w.isoWeek;
        }),
        datasets: [
          {
            label: "Referrals made",
            data: weeks.map(function (w) {
              return point(w.made);
            }),
            backgroundColor: "#8e44ad",
          },
        ],
      },
      options: {
        plugins: { legend: { display: false } },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
  }

  function renderSchool(months) {
    var body = $("school").querySelector(".panel-body");
    body.appendChild(
      table(
        ["Month", "Children enrolled", "Median days to school"],
        months.map(function (m) {
          return row([m.month, countNode(m.enrolled), statisticNode(m.medianDays, "days")], { "data-month": m.month });
        }),
      ),
    );
    drawChart("school-chart", {
      type: "line",
      data: {
        labels: months.map(function (m) {
          return m.month;
        }),
        datasets: [
          {
            label: "Median days to school",
            data: months.map(function (m) {
              return point(m.medianDays);
            }),
            borderColor: "#d35400",
            backgroundColor: "#d35400",
          },
        ],
      },
      options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true } } },
    });
  }

  function renderFeedbackOverview(rows, siteNames, month) {
    var body = $("feedback").querySelector(".panel-body");
    if (!rows.length) {
      body.appendChild(
        el("p", "Monthly overview, " + month + ": no site has a feedback channel or feedback yet.", "note"),
      );
      return;
    }
    body.appendChild(
      table(
        ["Site", "Channels", "Received", "Closed", "Still open", "Median days to answer"],
        rows.map(function (r) {
          return row(
            [
              siteNames[r.siteId] || r.siteId,
              r.channels,
              countNode(r.received),
              countNode(r.closed),
              countNode(r.stillOpen),
              statisticNode(r.medianDaysToRespond, "days"),
            ],
            { "data-site": r.siteId },
          );
        }),
        "Monthly overview, " + month,
      ),
    );
  }

  var siteNames = {};

  function loadSites() {
    return graphql(QUERIES.sites).then(function (result) {
      var select = $("site");
      var keep = select.value;
      select.replaceChildren(el("option", "All sites (Ghent)"));
      select.firstChild.value = "";
      if (result.errors) {
        $("status").textContent = errorText(result);
        return false;
      }
      result.data.sites.forEach(function (s) {
        siteNames[s.id] = s.name;
        var option = el("option", s.name);
        option.value = s.id;
        select.appendChild(option);
      });
      select.value = keep;
      return true;
    });
  }

  function show(event) {
    if (event) event.preventDefault();
    var from = $("from").value;
    var to = $("to").value;
    var siteId = $("site").value || null;
    if (!from || !to) {
      $("status").textContent = "Pick the first and the last day of the period.";
      return;
    }
    $("status").textContent = "Loading…";
    $("panels").hidden = false;
    ["matrix", "housing", "occupancy", "allocations", "caseload", "referrals", "school", "feedback"].forEach(
      function (id) {
        panel(id).appendChild(el("p", "Loading…", "note"));
      },
    );
    var vars = { from: from, to: to, siteId: siteId };
    var filter = siteId ? { siteId: siteId } : null;
    var month = to.slice(0, 7);
    // The indicators first: the referral and school charts go into the panels it draws.
    var indicators = graphql(QUERIES.indicators, vars).then(function (result) {
      if (result.errors || !result.data) {
        ["matrix", "housing", "caseload", "referrals", "school", "feedback"].forEach(function (id) {
          showError(id, errorText(result));
        });
        return false;
      }
      panel("feedback");
      renderIndicators(result.data.indicators);
      return true;
    });
    var done = [
      indicators,
      graphql(QUERIES.occupancy, vars).then(function (result) {
        if (result.errors) return showError("occupancy", errorText(result));
        renderOccupancy(result.data.occupancySeries);
      }),
      graphql(QUERIES.allocations, { from: from, to: to }).then(function (result) {
        if (result.errors) return showError("allocations", errorText(result));
        renderAllocations(result.data.allocationsByProvince);
      }),
      indicators.then(function (ok) {
        if (!ok) return;
        return Promise.all([
          graphql(QUERIES.referrals, { from: from, to: to, filter: filter }).then(function (result) {
            if (result.errors)
              return $("referrals")
                .querySelector(".panel-body")
                .appendChild(el("p", errorText(result), "error"));
            renderReferralFlow(result.data.referralFlow);
          }),
          graphql(QUERIES.school, { from: from, to: to, filter: filter }).then(function (result) {
            if (result.errors)
              return $("school")
                .querySelector(".panel-body")
                .appendChild(el("p", errorText(result), "error"));
            renderSchool(result.data.timeToSchoolSeries);
          }),
          graphql(QUERIES.feedback, { month: month, siteId: siteId }).then(function (result) {
            if (result.errors)
              return $("feedback")
                .querySelector(".panel-body")
                .appendChild(el("p", errorText(result), "error"));
            renderFeedbackOverview(result.data.feedbackOverview, siteNames, month);
          }),
        ]);
      }),
    ];
    Promise.all(done).then(
      function () {
        $("status").textContent =
          "Shown: " + from + " to " + to + (siteId ? ", " + (siteNames[siteId] || siteId) : ", all sites");
        document.body.setAttribute("data-loaded", "true");
      },
      function (e) {
        $("status").textContent = "The graph could not be reached: " + e.message;
      },
    );
  }

  function signedIn(yes) {
    $("signin").hidden = yes;
    $("signed-in").hidden = !yes;
    $("filters").hidden = !yes;
    if (!yes) $("panels").hidden = true;
  }

  function signIn(event) {
    event.preventDefault();
    var value = $("token").value.trim();
    $("token").value = "";
    if (!value) return;
    sessionStorage.setItem(TOKEN_KEY, value);
    start();
  }

  function signOut() {
    sessionStorage.removeItem(TOKEN_KEY);
    document.body.removeAttribute("data-loaded");
    Object.keys(charts).forEach(function (id) {
      charts[id].destroy();
      delete charts[id];
    });
    signedIn(false);
    $("status").textContent = "Signed out.";
  }

  function start() {
    if (!token()) return signedIn(false);
    loadSites().then(function (ok) {
      if (!ok) {
        sessionStorage.removeItem(TOKEN_KEY);
        signedIn(false);
        return;
      }
      signedIn(true);
      $("status").textContent = "Signed in. Pick a period and a site.";
    });
  }

  function defaultPeriod() {
    var now = new Date();
    var first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    $("from").value = first.toISOString().slice(0, 10);
    $("to").value = now.toISOString().slice(0, 10);
  }

  $("signin").addEventListener("submit", signIn);
  $("signout").addEventListener("click", signOut);
  $("filters").addEventListener("submit", show);
  defaultPeriod();
  start();
})();
