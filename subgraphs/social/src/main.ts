import { describeError, runSubgraphProcess } from "@reception-graph/kit";
import { socialSubgraph } from "./app";

runSubgraphProcess(socialSubgraph).catch((e) => {
  console.error("[social] failed to start", describeError(e));
  process.exit(1);
});
