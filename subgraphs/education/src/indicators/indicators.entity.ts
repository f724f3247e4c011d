import { DateScalar, INDICATOR_KEY_DESCRIPTIONS, NotPersonal } from "@reception-graph/kit";
import { Directive, Field, ID, ObjectType } from "type-graphql";

/** One report, four contributors (graph.md): housing owns the entry point, education adds schooling. */
@ObjectType({ description: "Indicators for a period (and optionally one site); each subgraph adds its own fields." })
@Directive('@key(fields: "from to siteId")')
@NotPersonal("aggregates for a period; every count of people in it is suppressed when small")
export class IndicatorReport {
  @Field(() => DateScalar, { description: INDICATOR_KEY_DESCRIPTIONS.from })
  from: string;

  @Field(() => DateScalar, { description: INDICATOR_KEY_DESCRIPTIONS.to })
  to: string;

  @Field(() => ID, { nullable: true, description: INDICATOR_KEY_DESCRIPTIONS.siteId })
  siteId: string | null;
}
