import pino, { DestinationStream, Level, Logger } from "pino";

/**
 * One JSON log line per event, on stdout, for the gateway and each subgraph: ISO timestamp (`time`),
 * level by name, `service`, then the event's fields. What may be logged is decided where the line is
 * written (request lines carry IDs, names of operations, codes and durations, never variables,
 * tokens, SQL parameters or names); the redaction list below is a second guard for a field that
 * slips through under a well-known key.
 */

export type { Logger } from "pino";

/** Levels LOG_LEVEL may name; anything else is `info`. */
export const LOG_LEVELS: readonly Level[] = ["fatal", "error", "warn", "info", "debug", "trace"];

/** Keys whose values never reach a log line, at the top or one level down. */
export const REDACTED_KEYS = [
  "variables",
  "query",
  "authorization",
  "cookie",
  "token",
  "password",
  "parameters",
  "givenName",
  "familyName",
  "birthDate",
] as const;

const REDACT_PATHS = REDACTED_KEYS.flatMap((key) => [key, `*.${key}`]).concat(["headers.authorization"]);

/** LOG_LEVEL as a pino level: `info` when unset or unknown. */
export function logLevelFromEnv(env: NodeJS.ProcessEnv = process.env): Level {
  const value = (env.LOG_LEVEL ?? "").trim().toLowerCase();
  return (LOG_LEVELS as readonly string[]).includes(value) ? (value as Level) : "info";
}

type LineListener = (line: string) => void;
const listeners = new Set<LineListener>();

/** Writes each line to stdout and to whoever captures lines (tests). */
const sink: DestinationStream = {
  write(line: string) {
    for (const listener of listeners) listener(line);
    process.stdout.write(line);
  },
};

let root: Logger | null = null;

/** The process's one root logger, made on first use at LOG_LEVEL. */
export function rootLogger(): Logger {
  root ??= pino(
    {
      level: logLevelFromEnv(),
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    },
    sink,
  );
  return root;
}

/** The logger of one service (gateway, social…): every line names it. */
export function serviceLogger(service: string): Logger {
  return rootLogger().child({ service });
}

export interface CapturedLogs {
  /** Every line written since the capture started, as written. */
  lines(): string[];
  /** The same lines, parsed. */
  records(): Record<string, unknown>[];
  /** Stops capturing and puts the root logger back at its level. */
  stop(): void;
}

/**
 * Captures the lines written from now on (they still go to stdout). With a `level`, the root logger is
 * at that level during the capture, and loggers made meanwhile (servers started after it) take it.
 */
export function captureLogs(level?: Level): CapturedLogs {
  const logger = rootLogger();
  const previous = logger.level;
  if (level) logger.level = level;
  const lines: string[] = [];
  const listener: LineListener = (line) => lines.push(line);
  listeners.add(listener);
  return {
    lines: () => [...lines],
    records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
    stop() {
      listeners.delete(listener);
      logger.level = previous;
    },
  };
}

/** Fields of a request line shown after its message when a line is rendered for a person at a terminal. */
const RENDERED_FIELDS = ["operation", "status", "outcome", "durationMs", "errorCodes", "requestId"] as const;

/**
 * One JSON log line as a person reads it at a terminal (`npm start`, test output): `[service] message` and the
 * request line's few fields. A line that is not one of ours is returned as it is.
 */
export function renderLogLine(line: string): { level: Level; text: string } {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return { level: "info", text: line };
  }
  if (record === null || typeof record !== "object" || typeof record.msg !== "string")
    return { level: "info", text: line };
  const level = (LOG_LEVELS as readonly unknown[]).includes(record.level) ? (record.level as Level) : "info";
  const fields = RENDERED_FIELDS.filter((key) => record[key] !== undefined && record[key] !== null).map(
    (key) => `${key}=${Array.isArray(record[key]) ? (record[key] as unknown[]).join(",") : String(record[key])}`,
  );
  const error = typeof record.error === "string" ? ` (${record.error})` : "";
  const service = typeof record.service === "string" ? `[${record.service}] ` : "";
  return { level, text: `${service}${record.msg}${error}${fields.length ? ` ${fields.join(" ")}` : ""}` };
}
