import { auditRecordsResolver } from "@reception-graph/kit";

/** care's own audit records and chain, for the DPO's queries gathered by social (internal, @inaccessible). */
export const AuditRecordsResolver = auditRecordsResolver("care");
