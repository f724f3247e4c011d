import {
  buildFederatedSchema,
  isUuid,
  referenceResolvers,
  SubgraphContext,
  SubgraphModule,
} from "@reception-graph/kit";
import { AuditRecordsResolver } from "./audit/audit.resolver";
import { careRetention } from "./retention";
import { Feedback, FeedbackChannel } from "./feedback/feedback.entity";
import { FeedbackResolver } from "./feedback/feedback.resolver";
import { IndicatorReport } from "./indicators/indicators.entity";
import { IndicatorReportResolver, resolveIndicatorReport } from "./indicators/indicators.resolver";
import { CareLoaders, createCareLoaders } from "./loaders";
import { Incident, IncidentAction, IncidentTransition } from "./incidents/incident.entity";
import { IncidentResolver } from "./incidents/incident.resolver";
import { SurveyResponse } from "./living-conditions/living-conditions.entity";
import {
  LivingConditionsResolver,
  PersonLivingConditionsResolver,
} from "./living-conditions/living-conditions.resolver";
import { ServicesReferrals1763900300000 } from "./migrations/1763900300000-services-referrals";
import { Health1764700000000 } from "./migrations/1764700000000-health";
import { CareContact } from "./health/care-contact.entity";
import { CareContactResolver } from "./health/care-contact.resolver";
import { GroupLegalSession, LegalSession } from "./legal/legal-session.entity";
import { GroupLegalSessionResolver, LegalSessionResolver } from "./legal/legal-session.resolver";
import { SupportPlan, SupportPlanChange, SupportSession } from "./mhpss/support-plan.entity";
import { SupportPlanResolver } from "./mhpss/support-plan.resolver";
import { ProtectionTrainingSurvey1764700100000 } from "./migrations/1764700100000-protection-training-survey";
import { Feedback1764700200000 } from "./migrations/1764700200000-feedback";
import { IndicatorIndexes1764900300000 } from "./migrations/1764900300000-indicator-indexes";
import { OpenReferralsDue1765000000000 } from "./migrations/1765000000000-open-referrals-due";
import { OwnPeopleResolver } from "./people/own-people.resolver";
import { Person } from "./people/person.entity";
import { PersonCareResolver } from "./people/person.resolver";
import { Referral, ReferralTransition } from "./referrals/referral.entity";
import { ReferralResolver } from "./referrals/referral.resolver";
import { ReferralFlowResolver } from "./referrals/referral-flow.resolver";
import { Service } from "./services/service.entity";
import { ServiceResolver } from "./services/service.resolver";
import { Training } from "./trainings/training.entity";
import { TrainingResolver } from "./trainings/training.resolver";

type Ctx = SubgraphContext<CareLoaders>;

/** Care and referral partners: directory and referrals. Builds without opening a port. */
export const careSubgraph: SubgraphModule<CareLoaders> = {
  name: "care",
  entities: [
    Service,
    Referral,
    ReferralTransition,
    CareContact,
    SupportPlan,
    SupportSession,
    SupportPlanChange,
    LegalSession,
    GroupLegalSession,
    Incident,
    IncidentAction,
    IncidentTransition,
    Training,
    SurveyResponse,
    FeedbackChannel,
    Feedback,
  ],
  retention: careRetention,
  migrations: [
    ServicesReferrals1763900300000,
    Health1764700000000,
    ProtectionTrainingSurvey1764700100000,
    Feedback1764700200000,
    IndicatorIndexes1764900300000,
    OpenReferralsDue1765000000000,
  ],
  loaders: createCareLoaders,
  ownScope: ({ loaders }) => loaders.ownScope,
  buildSchema: () =>
    buildFederatedSchema(
      {
        // Person is only extended here and IndicatorReport only contributed to; no root field returns either, so they
        // must be listed to be in the schema.
        orphanedTypes: [Person, IndicatorReport],
        resolvers: [
          AuditRecordsResolver,
          ServiceResolver,
          ReferralResolver,
          PersonCareResolver,
          OwnPeopleResolver,
          CareContactResolver,
          SupportPlanResolver,
          LegalSessionResolver,
          GroupLegalSessionResolver,
          IncidentResolver,
          TrainingResolver,
          LivingConditionsResolver,
          PersonLivingConditionsResolver,
          FeedbackResolver,
          ReferralFlowResolver,
          IndicatorReportResolver,
        ],
      },
      referenceResolvers<Ctx>({
        Service: (ref: { id: string }, ctx: Ctx) => ctx.loaders.serviceById.load(ref.id),
        // A referral is personal data: resolving one by key is a read like any other.
        Referral: async (ref: { id: string }, ctx: Ctx) => {
          const referral = await ctx.loaders.referralById.load(ref.id);
          if (!referral) return null;
          await ctx.access.authorize({
            category: "REFERRAL",
            action: "READ",
            personId: referral.personId,
            field: "Referral",
            operation: `${ctx.operation}/_entities`,
          });
          return referral;
        },
        // Care holds no person row: the reference is the key itself, once it is a well-formed ID.
        Person: (ref: { id: string }) => (isUuid(ref.id) ? { id: ref.id } : null),
        // No row either: the report is its (checked) key; its fields compute through per-request loaders.
        IndicatorReport: resolveIndicatorReport,
      }),
    ),
};
