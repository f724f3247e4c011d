import type { ApolloServer } from "@apollo/server";
import { badInput, indicatorPeriod, IndicatorPeriod, isPublicErrorCode } from "@reception-graph/kit";
import express from "express";
import { GraphQLError } from "graphql";
import { dhis2DataValueSet, Dhis2MappingError, dhis2Period, IdScheme } from "./dhis2";
import { IndicatorReportData, indicatorsOperation, INDICATORS_OPERATION_NAME, LocatedReport } from "./indicator-report";
import { indicatorsCsv } from "./indicators-csv";

/**
 * Builds the context of one request exactly as /graphql does (caller from the bearer token, purpose,
 * request ID), for an operation of the given name. Throws the graph's own errors (UNAUTHENTICATED…).
 */
export type ContextBuilder<C> = (req: express.Request, operation: string, defaultPurpose: "REPORTING") => Promise<C>;

export interface ReportsOptions<C extends object> {
  apollo: ApolloServer<C>;
  context: ContextBuilder<C>;
}

/** HTTP status of the graph's error codes, as a reporting tool expects them. */
const STATUS: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  PURPOSE_REQUIRED: 403,
  BAD_USER_INPUT: 400,
  QUERY_TOO_COMPLEX: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
};

/** The order in which codes speak for a failed report: the caller's own problem first. */
const PRECEDENCE = ["UNAUTHENTICATED", "FORBIDDEN", "PURPOSE_REQUIRED", "BAD_USER_INPUT", "NOT_FOUND", "UNAVAILABLE"];

interface ErrorBody {
  message: string;
  extensions: { code: string; [key: string]: unknown };
}

class ExportError extends Error {
  constructor(
    readonly status: number,
    readonly errors: ErrorBody[],
  ) {
    super(errors[0]?.message);
  }
}

function fromGraphqlError(e: GraphQLError): ExportError {
  const code = isPublicErrorCode(e.extensions.code) ? e.extensions.code : "INTERNAL";
  const field = e.extensions.field;
  return new ExportError(STATUS[code] ?? 500, [
    { message: e.message, extensions: { code, ...(typeof field === "string" ? { field } : {}) } },
  ]);
}

/** One query parameter as a single string: ?from=a&from=b or ?from[x]=… is refused, naming it. */
function single(req: express.Request, name: string): string | undefined {
  const value = req.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw badInput(name, `The query parameter ${name} must be given once, as text.`);
  return value;
}

function required(req: express.Request, name: string): string {
  const value = single(req, name);
  if (value === undefined || value === "")
    throw badInput(name, `The query parameter ${name} is required (YYYY-MM-DD), e.g. ?from=2022-05-01&to=2022-05-31.`);
  return value;
}

/** The period asked for, checked by the kit's rule for every IndicatorReport key (BAD_USER_INPUT naming the parameter). */
function periodOf(req: express.Request): IndicatorPeriod {
  const siteId = single(req, "siteId");
  return indicatorPeriod({ from: required(req, "from"), to: required(req, "to"), siteId: siteId || null });
}

/**
 * Runs the export's one operation through the gateway's own Apollo server, with the context /graphql
 * would build for this request: same authentication, same plugins, same subgraph calls and audit.
 * Any error fails the whole export: a report with a missing field would be read as complete.
 */
async function loadReport<C extends object>(
  opts: ReportsOptions<C>,
  contextValue: C,
  period: IndicatorPeriod,
): Promise<LocatedReport> {
  const withSite = period.siteId != null;
  const response = await opts.apollo.executeOperation(
    {
      query: indicatorsOperation(withSite),
      operationName: INDICATORS_OPERATION_NAME,
      variables: { from: period.from, to: period.to, ...(withSite ? { siteId: period.siteId } : {}) },
    },
    { contextValue },
  );
  if (response.body.kind !== "single") throw new Error("The indicators operation answered incrementally.");
  const { data, errors } = response.body.singleResult;
  if (errors?.length) {
    const codes = errors.map((e) => String(e.extensions?.code ?? "INTERNAL"));
    const code = PRECEDENCE.find((c) => codes.includes(c)) ?? codes[0];
    const first = errors.find((e) => e.extensions?.code === code) ?? errors[0];
    const extensions: ErrorBody["extensions"] = { code: isPublicErrorCode(code) ? code : "INTERNAL" };
    for (const key of ["field", "purpose", "category", "service"])
      if (first.extensions && key in first.extensions) extensions[key] = first.extensions[key];
    throw new ExportError(STATUS[extensions.code] ?? 500, [{ message: first.message, extensions }]);
  }
  const answer = data as { indicators: IndicatorReportData; site?: { id: string; name: string } | null };
  if (withSite && !answer.site) {
    throw new ExportError(404, [
      {
        message: `Site ${JSON.stringify(period.siteId)} was not found.`,
        extensions: { code: "NOT_FOUND", field: "siteId" },
      },
    ]);
  }
  return { report: answer.indicators, site: answer.site ?? null };
}

function fileName(period: IndicatorPeriod, ext: string): string {
  return `indicators-${period.from}-${period.to}${period.siteId ? `-${period.siteId}` : ""}.${ext}`;
}

/** An answer nobody keeps: the figures change with every registration, and they travel with a token. */
function noStore(res: express.Response): void {
  res.set({ "cache-control": "no-store", "x-content-type-options": "nosniff" });
}

function handle(run: (req: express.Request, res: express.Response) => Promise<void>): express.RequestHandler {
  return async (req, res, next) => {
    try {
      await run(req, res);
    } catch (e) {
      const failure =
        e instanceof ExportError
          ? e
          : e instanceof GraphQLError
            ? fromGraphqlError(e)
            : e instanceof Dhis2MappingError
              ? new ExportError(400, [{ message: e.message, extensions: { code: "BAD_USER_INPUT", field: e.field } }])
              : null;
      if (!failure) {
        next(e);
        return;
      }
      noStore(res);
      res.status(failure.status).json({ errors: failure.errors });
    }
  };
}

/**
 * GET /reports/indicators.csv and /reports/indicators.json?from=…&to=…[&siteId=…]: the indicators
 * report for reporting tools, as HXL-tagged CSV or a DHIS2 dataValueSet. Each runs one GraphQL
 * operation through the gateway (no second data path) and is authenticated like /graphql: a bearer
 * token, and a purpose (x-purpose) that defaults to REPORTING.
 */
export function reportsRouter<C extends object>(opts: ReportsOptions<C>): express.Router {
  const router = express.Router();
  router.get(
    "/reports/indicators.csv",
    handle(async (req, res) => {
      // The caller first: an anonymous request learns nothing, not even which parameters are wrong.
      const context = await opts.context(req, INDICATORS_OPERATION_NAME, "REPORTING");
      const period = periodOf(req);
      const located = await loadReport(opts, context, period);
      noStore(res);
      res
        .type("text/csv; charset=utf-8; header=present")
        .set("content-disposition", `attachment; filename="${fileName(period, "csv")}"`)
        .send(indicatorsCsv(located));
    }),
  );
  router.get(
    "/reports/indicators.json",
    handle(async (req, res) => {
      const context = await opts.context(req, INDICATORS_OPERATION_NAME, "REPORTING");
      const period = periodOf(req);
      const scheme = (single(req, "idScheme") ?? "UID").toUpperCase();
      if (scheme !== "UID" && scheme !== "CODE")
        throw badInput("idScheme", `idScheme ${JSON.stringify(scheme)} is not known; use UID or CODE.`);
      const dhisPeriod = dhis2Period(period.from, period.to);
      if (!dhisPeriod) {
        throw badInput(
          "to",
          `The period ${period.from}..${period.to} is not one DHIS2 period: ask for one day, one ISO week (Monday to Sunday), one calendar month, quarter, half year (January–June, July–December) or year.`,
        );
      }
      const located = await loadReport(opts, context, period);
      noStore(res);
      res.json(dhis2DataValueSet(located, dhisPeriod, scheme as IdScheme));
    }),
  );
  return router;
}
