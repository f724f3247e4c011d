import { ownPeopleResolver } from "@reception-graph/kit";
import { referredToCallerOrganisation } from "../access/care-access";

/** Peers ask this whether people are the caller's own; care holds that scope. */
export const OwnPeopleResolver = ownPeopleResolver("referred to a service of the caller's organisation", (ctx, ids) =>
  referredToCallerOrganisation(ctx.dataSource, ctx.caller, ids),
);
