import { runSubgraphProcess } from "@reception-graph/kit";
import { educationSubgraph } from "./app";

runSubgraphProcess(educationSubgraph).catch((e) => {
  console.error("[education] failed to start", e);
  process.exit(1);
});
