import { describeError, runSubgraphProcess } from "@reception-graph/kit";
import { educationSubgraph } from "./app";

runSubgraphProcess(educationSubgraph).catch((e) => {
  console.error("[education] failed to start", describeError(e));
  process.exit(1);
});
