import type { ApolloServer } from "@apollo/server";
import { badInput, indicatorPeriod, IndicatorPeriod, isPublicErrorCode } from "@reception-graph/kit";
import express from "express";
import { GraphQLError } from "graphql";
import { dhis2DataValueSet, Dhis2MappingError, dhis2Period, IdScheme } from "./dhis2";
import { IndicatorReportData, indicatorsOperation, INDICATORS_OPERATION_NAME, LocatedReport } from "./indicator-report";
import { indicatorsCsv } from "./indicators-csv";
import { RouteError, routeError, runOperation } from "../operation-route";

/**
 * Builds the context of one request exactly as /graphql does (caller from the bearer token, purpose,
 * request ID), for an operation of the given name. Throws the graph's own errors (UNAUTHENTICATED…).
 */
export type ContextBuilder<C> = (req: express.Request, operation: string, defaultPurpose: "REPORTING") => Promise<C>;

export interface ReportsOptions<C extends object> {
  apollo: ApolloServer<C>;
  context: ContextBuilder<C>;
}

function fromGraphqlError(e: GraphQLError): RouteError {
  const code = isPublicErrorCode(e.extensions.code) ? e.extensions.code : "INTERNAL";
  const field = e.extensions.field;
  return routeError(code, e.message, typeof field === "string" ? { field } : {});
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
  const data = await runOperation<unknown, C>(
    opts.apollo,
    contextValue,
    indicatorsOperation(withSite),
    INDICATORS_OPERATION_NAME,
    { from: period.from, to: period.to, ...(withSite ? { siteId: period.siteId } : {}) },
  );
  const answer = data as { indicators: IndicatorReportData; site?: { id: string; name: string } | null };
  if (withSite && !answer.site) {
    throw routeError("NOT_FOUND", `Site ${JSON.stringify(period.siteId)} was not found.`, { field: "siteId" });
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
        e instanceof RouteError
          ? e
          : e instanceof GraphQLError
            ? fromGraphqlError(e)
            : e instanceof Dhis2MappingError
              ? routeError("BAD_USER_INPUT", e.message, { field: e.field })
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
