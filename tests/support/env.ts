process.env.APOLLO_TELEMETRY_DISABLED = "1";
process.env.TZ ??= "Europe/Brussels";
