import { SubgraphModule } from "@reception-graph/kit";
import { socialSubgraph } from "@reception-graph/social";

/** Every subgraph of the graph, in the order they start. */
export const ALL_SUBGRAPHS: SubgraphModule[] = [socialSubgraph];
