export * from "./logger";
export * from "./metrics";
export * from "./request";
export * from "./tracing";
