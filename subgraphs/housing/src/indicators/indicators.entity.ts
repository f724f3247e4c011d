import { DateScalar, INDICATOR_KEY_DESCRIPTIONS, NotPersonal } from "@reception-graph/kit";
import { Directive, Field, ID, ObjectType } from "type-graphql";

/**
 * The report's key; housing resolves the housing figures (see the resolver),
 * the other subgraphs contribute theirs to the same entity.
 */
@ObjectType({
  description:
    "Indicators for a period (and optionally one site), each resolved by the subgraph that owns the data; every count of people in it is suppressed when 1–4.",
})
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
