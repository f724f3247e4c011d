process.env.APOLLO_TELEMETRY_DISABLED = "1";
process.env.TZ ??= "Europe/Brussels";
// One JSON line per request would bury the test report: tests log warnings and errors only, unless LOG_LEVEL says
// otherwise (the log tests capture info lines themselves).
process.env.LOG_LEVEL ??= "warn";
// The e2e tests run the gateway and all four subgraphs in one Jest worker beside another on a shared machine:
// a request may queue for seconds there without anything being wrong. Generous timeouts keep those tests about
// what they check; the resilience tests set short ones of their own (tests/support/faults/graph-with-process.ts).
process.env.SUBGRAPH_TIMEOUT_MS ??= "30000";
process.env.PEER_TIMEOUT_MS ??= "20000";
