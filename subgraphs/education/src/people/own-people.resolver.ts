import { ownPeopleResolver } from "@reception-graph/kit";
import { childrenOfCallerSchools } from "../access/education-access";

/** Peers ask this whether people are the caller's own; education holds that scope. */
export const OwnPeopleResolver = ownPeopleResolver(
  "enrolled at or waiting for one of the caller's schools, or handed over to one of them by an open enrolment request",
  (ctx, ids) => childrenOfCallerSchools(ctx.dataSource, ctx.caller, ids),
);
