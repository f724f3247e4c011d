import { SubgraphModule } from "@reception-graph/kit";
import { careSubgraph } from "@reception-graph/care";
import { educationSubgraph } from "@reception-graph/education";
import { housingSubgraph } from "@reception-graph/housing";
import { socialSubgraph } from "@reception-graph/social";

/** Every subgraph of the graph, in the order they start. */
export const ALL_SUBGRAPHS: SubgraphModule[] = [socialSubgraph, housingSubgraph, careSubgraph, educationSubgraph];
