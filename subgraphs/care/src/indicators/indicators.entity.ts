import { DateScalar, INDICATOR_KEY_DESCRIPTIONS, NotPersonal } from "@reception-graph/kit";
import { Directive, Field, ID, ObjectType } from "type-graphql";

/**
 * Care's part of the one report (graph.md): the same entity every subgraph
 * contributes fields to, keyed by its period and site. The key is not
 * personal; each figure is declared AGGREGATES on its field resolver.
 */
@ObjectType({
  description:
    "The indicators of one period (and optionally one site), contributed by every subgraph. Care's fields: living " +
    "conditions, staff trained, feedback mechanism, referrals.",
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
