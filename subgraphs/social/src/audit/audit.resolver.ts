import { auditQueriesResolver, auditRecordsResolver } from "@reception-graph/kit";

/** social's own audit records and chain, for the DPO's queries gathered by social (internal, @inaccessible). */
export const AuditRecordsResolver = auditRecordsResolver("social");

/** The DPO's public queries (auditTrail, auditLog, auditChains): social hosts them, every subgraph contributes. */
export const AuditQueriesResolver = auditQueriesResolver({
  self: "social",
  personExists: async (ctx, personId) =>
    (await ctx.dataSource.query(`SELECT 1 FROM person WHERE id = $1`, [personId])).length > 0,
});
