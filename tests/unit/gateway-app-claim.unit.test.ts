// A partner app's token: the claim `app` (or `client_type: "app"` named by its OAuth client) marks the caller as
// an app, which the gateway holds to the trusted documents; a person's token carries no app. `npm run token --
// --app NAME` signs such a token in development.
import { decodeJwt } from "jose";
import { appOfClaims, callerFromClaims } from "../../gateway/src/auth";
import { parseTokenArgs, signDevToken } from "../../scripts/token";

const person = { sub: "sw-1", org: "OCMW_GENT", roles: ["SOCIAL_WORKER"] };

test("the app claim names the app; client_type app is named by client_id, azp or the subject", () => {
  expect(appOfClaims({ ...person, app: "intake-tablet" })).toBe("intake-tablet");
  expect(appOfClaims({ ...person, client_type: "app", client_id: "school-portal" })).toBe("school-portal");
  expect(appOfClaims({ ...person, client_type: "app", azp: "care-app" })).toBe("care-app");
  expect(appOfClaims({ ...person, client_type: "app" })).toBe("sw-1");
  expect(appOfClaims({ ...person })).toBeNull();
  expect(appOfClaims({ ...person, app: "  " })).toBeNull();
  expect(callerFromClaims({ ...person, app: "intake-tablet" }).app).toBe("intake-tablet");
  expect(callerFromClaims(person)).not.toHaveProperty("app");
});

test("npm run token -- --app NAME signs an app's token", async () => {
  const claims = parseTokenArgs(["--role", "SOCIAL_WORKER", "--org", "OCMW_GENT", "--app", "intake-tablet"]);
  expect(claims.app).toBe("intake-tablet");
  const token = await signDevToken(claims, "a-development-secret-long-enough-for-hs256");
  expect(decodeJwt(token).app).toBe("intake-tablet");
  expect(parseTokenArgs(["--role", "SOCIAL_WORKER", "--org", "OCMW_GENT"])).not.toHaveProperty("app");
  expect(() => parseTokenArgs(["--role", "SOCIAL_WORKER", "--org", "OCMW_GENT", "--app"])).toThrow(
    /--app needs a value/,
  );
});
