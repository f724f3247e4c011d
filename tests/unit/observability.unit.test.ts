// The observability kit's rules, without a server: who may read /metrics (loopback, or the operator's token
// compared in constant time), how operation names become bounded metric labels, which paths and levels a log
// line gets, the redaction list as a second guard, and that tracing stays off without an OTLP endpoint.
import {
  captureLogs,
  createServiceMetrics,
  loggedPath,
  logLevelFromEnv,
  MAX_OPERATION_LABELS,
  metricsAccess,
  observeService,
  otlpTracesUrl,
  serviceLogger,
  startTracing,
  tracingEnabled,
} from "@reception-graph/kit";
import { context, createContextKey, ROOT_CONTEXT } from "@opentelemetry/api";

describe("metricsAccess", () => {
  test.each(["127.0.0.1", "::1", "::ffff:127.0.0.1"])(
    "a caller on loopback (%s) reads metrics without a token",
    (address) => {
      expect(metricsAccess(address, undefined, undefined)).toEqual({ allowed: true });
      expect(metricsAccess(address, undefined, "operator-token")).toEqual({ allowed: true });
    },
  );

  test("a remote caller without METRICS_TOKEN configured is refused 403 FORBIDDEN, saying how to allow it", () => {
    expect(metricsAccess("10.1.2.3", undefined, undefined)).toEqual({
      allowed: false,
      status: 403,
      code: "FORBIDDEN",
      message: expect.stringContaining("set METRICS_TOKEN"),
    });
    // A token means nothing while none is configured.
    expect(metricsAccess("10.1.2.3", "Bearer guess", "")).toMatchObject({ allowed: false, status: 403 });
  });

  test("a remote caller needs the operator's token: none is 401, a wrong one is 401, the right one is allowed", () => {
    expect(metricsAccess("10.1.2.3", undefined, "operator-token")).toMatchObject({
      allowed: false,
      status: 401,
      code: "UNAUTHENTICATED",
      message: expect.stringContaining("Authorization: Bearer <METRICS_TOKEN>"),
    });
    expect(metricsAccess("10.1.2.3", "Bearer operator-tokem", "operator-token")).toMatchObject({
      allowed: false,
      status: 401,
      message: "The metrics token is not valid.",
    });
    expect(metricsAccess("10.1.2.3", "Basic operator-token", "operator-token")).toMatchObject({ status: 401 });
    expect(metricsAccess("10.1.2.3", "Bearer operator-token", "operator-token")).toEqual({ allowed: true });
    expect(metricsAccess(undefined, "Bearer operator-token", "operator-token")).toEqual({ allowed: true });
  });

  test("a wrong token is refused from loopback too", () => {
    expect(metricsAccess("127.0.0.1", "Bearer old-token", "operator-token")).toMatchObject({
      allowed: false,
      status: 401,
    });
  });
});

describe("operation labels", () => {
  test("names become labels; odd names are 'invalid', missing ones 'anonymous', and the set is bounded", () => {
    const metrics = createServiceMetrics("unit");
    expect(metrics.operation("People")).toBe("People");
    expect(metrics.operation(null)).toBe("anonymous");
    expect(metrics.operation("drop table; --")).toBe("invalid");
    expect(metrics.operation("x".repeat(150))).toBe("invalid");
    for (let i = 0; i < MAX_OPERATION_LABELS + 10; i++) metrics.operation(`Op${i}`);
    expect(metrics.operation("People")).toBe("People");
    expect(metrics.operation("BrandNewOperation")).toBe("other");
    expect(metrics.subgraphFetch).toBeNull();
  });
});

describe("log lines", () => {
  test("paths lose their query string and IDs", () => {
    expect(loggedPath("/dpo/subject-access/0f8fad5b-d9cb-469f-a165-70867728950e.json?x=1")).toBe(
      "/dpo/subject-access/:id.json",
    );
    expect(loggedPath("/reports/indicators.csv?from=2022-05-01&to=2022-05-31")).toBe("/reports/indicators.csv");
  });

  test("LOG_LEVEL picks the level; unset or unknown is info", () => {
    expect(logLevelFromEnv({ LOG_LEVEL: "DEBUG" })).toBe("debug");
    expect(logLevelFromEnv({ LOG_LEVEL: "warn" })).toBe("warn");
    expect(logLevelFromEnv({ LOG_LEVEL: "verbose" })).toBe("info");
    expect(logLevelFromEnv({})).toBe("info");
  });

  test("values under a redacted key never reach a line, at the top or one level down", () => {
    const logs = captureLogs("info");
    try {
      serviceLogger("unit").info(
        {
          variables: { name: "Olena" },
          input: { givenName: "Olena", familyName: "Shevchenko", birthDate: "1990-01-01" },
          headers: { authorization: "Bearer secret-token" },
          kept: "visible",
        },
        "guarded",
      );
      const [line] = logs.records();
      expect(line).toMatchObject({ level: "info", service: "unit", msg: "guarded", kept: "visible" });
      expect(new Date(String(line.time)).toISOString()).toBe(line.time);
      const text = logs.lines().join("");
      expect(text).not.toMatch(/Olena|Shevchenko|1990-01-01|secret-token/);
      expect(line.variables).toBe("[redacted]");
    } finally {
      logs.stop();
    }
  });
});

describe("tracing", () => {
  test("without an OTLP endpoint tracing stays off", () => {
    expect(otlpTracesUrl({})).toBeNull();
    expect(startTracing("unit", {})).toBe(false);
    expect(tracingEnabled()).toBe(false);
  });

  test("with tracing off a service registers no context manager: no async hooks on every request's path", () => {
    observeService("unit");
    expect(startTracing("unit", {})).toBe(false);
    // With OpenTelemetry's no-op manager a value set for a call is not seen inside it; with AsyncLocalStorage it is.
    const key = createContextKey("unit");
    context.with(ROOT_CONTEXT.setValue(key, "set"), () => expect(context.active().getValue(key)).toBeUndefined());
  });

  test("the traces URL follows the OTLP rules", () => {
    expect(otlpTracesUrl({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318/" })).toBe(
      "http://collector:4318/v1/traces",
    );
    expect(
      otlpTracesUrl({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://a:4318", OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://b/t" }),
    ).toBe("http://b/t");
  });

  test("an endpoint that is not an http(s) URL stops the start with a message naming it", () => {
    expect(() => startTracing("unit", { OTEL_EXPORTER_OTLP_ENDPOINT: "collector:4318" })).toThrow(
      /OTEL_EXPORTER_OTLP_ENDPOINT must be an http\(s\) URL, not "collector:4318"/,
    );
    expect(() => startTracing("unit", { OTEL_EXPORTER_OTLP_ENDPOINT: "not a url" })).toThrow(
      /OTEL_EXPORTER_OTLP_ENDPOINT is not a URL: "not a url"/,
    );
    expect(tracingEnabled()).toBe(false);
  });
});
