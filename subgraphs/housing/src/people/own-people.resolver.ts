import { ownPeopleResolver } from "@reception-graph/kit";
import { residentsOfCallerSites } from "../access/own-scope";

/** Peers ask this whether people are the caller's own; housing holds that scope. */
export const OwnPeopleResolver = ownPeopleResolver(
  "living at one of the caller's sites or handed over to one of them (the 'own' scope of access.md)",
  (ctx, ids) => residentsOfCallerSites(ctx.dataSource, ctx.caller, ids),
);
