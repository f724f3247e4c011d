process.env.APOLLO_TELEMETRY_DISABLED = "1";
process.env.TZ ??= "Europe/Brussels";
// One JSON line per request would bury the test report: tests log warnings and errors only, unless LOG_LEVEL says
// otherwise (the log tests capture info lines themselves).
process.env.LOG_LEVEL ??= "warn";
