import { Field, ID, InputType, registerEnumType } from "type-graphql";
import { DateScalar } from "./scalars";

/** The five provinces of the Flemish Region; housing owns municipalities, every series filters by them. */
export enum Province {
  ANTWERPEN = "ANTWERPEN",
  LIMBURG = "LIMBURG",
  OOST_VLAANDEREN = "OOST_VLAANDEREN",
  VLAAMS_BRABANT = "VLAAMS_BRABANT",
  WEST_VLAANDEREN = "WEST_VLAANDEREN",
}
registerEnumType(Province, {
  name: "Province",
  description: "The five provinces of the Flemish Region.",
  valuesConfig: {
    ANTWERPEN: { description: "Province of Antwerp." },
    LIMBURG: { description: "Province of Limburg." },
    OOST_VLAANDEREN: { description: "Province of East Flanders (Ghent)." },
    VLAAMS_BRABANT: { description: "Province of Flemish Brabant." },
    WEST_VLAANDEREN: { description: "Province of West Flanders." },
  },
});

export const PROVINCES: Province[] = Object.values(Province);

/** A housing offer's status in the Flemish housing tool; the coordination dashboards filter by it. */
export enum ValidationStatus {
  TO_VALIDATE = "TO_VALIDATE",
  IN_PREPARATION = "IN_PREPARATION",
  EXTRA_STEPS_NEEDED = "EXTRA_STEPS_NEEDED",
  VALIDATED = "VALIDATED",
  REJECTED = "REJECTED",
}
registerEnumType(ValidationStatus, {
  name: "ValidationStatus",
  description:
    "Status of a housing offer in the Flemish housing tool: TO_VALIDATE (te valideren), IN_PREPARATION (in voorbereiding), EXTRA_STEPS_NEEDED (extra stappen nodig), VALIDATED (gevalideerd), REJECTED (afgewezen). Only VALIDATED places count as available.",
  valuesConfig: {
    TO_VALIDATE: { description: "Registered, waiting to be validated (te valideren)." },
    IN_PREPARATION: { description: "Being prepared before it can be validated (in voorbereiding)." },
    EXTRA_STEPS_NEEDED: { description: "Extra steps are needed before validation (extra stappen nodig)." },
    VALIDATED: { description: "Validated: the places count as available (gevalideerd)." },
    REJECTED: { description: "Rejected; the places are not offered (afgewezen)." },
  },
});

/**
 * The coordination dashboards' filters (domain.md, "Flemish coordination
 * figures"), the same on every series of every subgraph. They select sites
 * (housing owns them); a series of people (case files, referrals, time to
 * school) then counts the people placed at the selected sites during the
 * period, asked of housing through SitesPeer.residents. No filter: everyone.
 */
@InputType({ description: "Which sites a coordination series covers; every field narrows it, none means all sites." })
export class CoordinationFilter {
  @Field(() => Province, { nullable: true, description: "Sites in municipalities of this province." })
  province?: Province | null;

  @Field(() => ID, { nullable: true, description: "Sites in this municipality (NIS code)." })
  nisCode?: string | null;

  @Field(() => ID, { nullable: true, description: "This site only." })
  siteId?: string | null;

  @Field(() => ValidationStatus, {
    nullable: true,
    description: "Sites whose housing offer has this status today (the status in effect now).",
  })
  validationStatus?: ValidationStatus | null;

  @Field(() => DateScalar, { nullable: true, description: "Sites registered on or after this day." })
  createdFrom?: string | null;

  @Field(() => DateScalar, { nullable: true, description: "Sites registered on or before this day." })
  createdTo?: string | null;
}

/** Whether a filter selects anything narrower than all sites (and so all people). */
export function isSiteFilter(filter: CoordinationFilter | null | undefined): filter is CoordinationFilter {
  return (
    filter != null &&
    (filter.province != null ||
      filter.nisCode != null ||
      filter.siteId != null ||
      filter.validationStatus != null ||
      filter.createdFrom != null ||
      filter.createdTo != null)
  );
}

/** The filter as housing's internal queries take it: plain JSON, nulls dropped, in a fixed key order. */
export function siteFilterVariables(filter: CoordinationFilter): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ["province", "nisCode", "siteId", "validationStatus", "createdFrom", "createdTo"] as const) {
    const value = filter[key];
    if (value != null) out[key] = String(value);
  }
  return out;
}
