import { DateScalar } from "@reception-graph/kit";
import { Field, ID, InputType } from "type-graphql";
import { TrainingTopic } from "./training.entity";

@InputType({ description: "A staff member trained on a topic, on a day, at a site." })
export class RecordTrainingInput {
  @Field({ description: "The staff member's name (letters, at most 100 characters)." })
  staffName: string;

  @Field({ description: "The staff member's organisation, e.g. IOM or CAW_OOST_VLAANDEREN." })
  organisation: string;

  @Field(() => TrainingTopic, { description: "What the training was about." })
  topic: TrainingTopic;

  @Field(() => DateScalar, { description: "Day of the training; not in the future." })
  trainedOn: string;

  @Field(() => ID, { description: "The site (housing's ID) the staff member works at." })
  siteId: string;

  @Field(() => String, {
    nullable: true,
    description: "Repeat a call with the same key to get the first result instead of a second record.",
  })
  idempotencyKey?: string | null;
}
